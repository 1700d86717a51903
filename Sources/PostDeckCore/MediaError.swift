/// Why an attached file was refused. Each description is the one line the composer shows.
public enum MediaError: Error, Hashable, Sendable, CustomStringConvertible {
    case missing(path: String)
    case directory(path: String)
    case unreadable(path: String, reason: String)
    case empty(path: String)
    /// The bytes are none of the supported formats; `claimed` is what the extension promised.
    case unrecognised(path: String, claimed: MediaFormat?)
    /// The bytes are a supported format, but not the one the extension claims.
    case mismatch(path: String, claimed: MediaFormat, actual: MediaFormat)

    public var description: String {
        switch self {
        case .missing(let path):
            "\(MediaError.name(path)): no such file"
        case .directory(let path):
            "\(MediaError.name(path)) is a folder, not a file"
        case .unreadable(let path, let reason):
            "\(MediaError.name(path)) cannot be read (\(reason))"
        case .empty(let path):
            "\(MediaError.name(path)) is empty"
        case .unrecognised(let path, let claimed?):
            "\(MediaError.name(path)) is not \(claimed.kindPhrase)"
        case .unrecognised(let path, nil):
            "\(MediaError.name(path)) is not a supported image, video or document (JPEG, PNG, GIF, WebP, MP4, MOV or PDF)"
        case .mismatch(let path, let claimed, let actual):
            "\(MediaError.name(path)) is not \(claimed.phrase) (it is \(actual.shortPhrase))"
        }
    }

    static func name(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}

extension MediaFormat {
    /// "an image", "a video", "a PDF document": what a file with this extension should be.
    var kindPhrase: String {
        switch mediaType {
        case .image, .gif: "an image"
        case .video: "a video"
        case .document: "a PDF document"
        }
    }
}
