/// A file format postdeck recognises from a file's first bytes.
public enum MediaFormat: String, CaseIterable, Sendable, Codable {
    case jpeg, png, gif, webp, mp4, mov, pdf

    public var mimeType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .gif: "image/gif"
        case .webp: "image/webp"
        case .mp4: "video/mp4"
        case .mov: "video/quicktime"
        case .pdf: "application/pdf"
        }
    }

    /// The `media_type` stored in `media_files`.
    public var mediaType: MediaType {
        switch self {
        case .jpeg, .png, .webp: .image
        case .gif: .gif
        case .mp4, .mov: .video
        case .pdf: .document
        }
    }

    /// How a message names the format: "a JPEG image", "an MP4 video".
    public var phrase: String {
        switch self {
        case .jpeg: "a JPEG image"
        case .png: "a PNG image"
        case .gif: "a GIF image"
        case .webp: "a WebP image"
        case .mp4: "an MP4 video"
        case .mov: "a QuickTime (MOV) video"
        case .pdf: "a PDF document"
        }
    }

    /// "a JPEG", "an MP4": the short name with its article, for "(it is a JPEG)".
    public var shortPhrase: String {
        switch self {
        case .mp4, .mov: "an \(name)"
        default: "a \(name)"
        }
    }

    /// Short name: "JPEG", "PNG", "MP4".
    public var name: String {
        switch self {
        case .jpeg: "JPEG"
        case .png: "PNG"
        case .gif: "GIF"
        case .webp: "WebP"
        case .mp4: "MP4"
        case .mov: "MOV"
        case .pdf: "PDF"
        }
    }

    /// File name extensions (lower case, without the dot) that claim this format.
    public var extensions: [String] {
        switch self {
        case .jpeg: ["jpg", "jpeg", "jpe", "jfif"]
        case .png: ["png"]
        case .gif: ["gif"]
        case .webp: ["webp"]
        case .mp4: ["mp4", "m4v"]
        case .mov: ["mov", "qt"]
        case .pdf: ["pdf"]
        }
    }

    /// The format a file name's extension claims, if any.
    public static func claimed(byExtension ext: String) -> MediaFormat? {
        let lowered = ext.lowercased()
        return allCases.first { $0.extensions.contains(lowered) }
    }

    /// True for the still and animated image formats.
    public var isImage: Bool { mediaType == .image || mediaType == .gif }
    public var isVideo: Bool { mediaType == .video }
}
