/// Why an attached file was refused. Each description is the one line the composer shows.
public enum MediaError: Error, Hashable, Sendable, CustomStringConvertible {
    case missing(path: String)
    /// A folder, a FIFO, a device or a socket; `kind` says which ("a folder", "a device").
    case notAFile(path: String, kind: String)
    case unreadable(path: String, reason: String)
    case empty(path: String)
    /// Larger than `media_files.file_size`, a 32-bit column of the seed schema, can record.
    case tooLargeToStore(path: String, bytes: UInt64)
    /// The header claims what no real file has (a length of centuries, a width of billions).
    case damaged(path: String)
    /// The bytes are none of the supported formats; `claimed` is what the extension promised.
    case unrecognised(path: String, claimed: MediaFormat?)
    /// The bytes are a supported format, but not the one the extension claims.
    case mismatch(path: String, claimed: MediaFormat, actual: MediaFormat)

    public var description: String {
        switch self {
        case .missing(let path):
            "\(MediaError.name(path)): no such file"
        case .notAFile(let path, let kind):
            "\(MediaError.name(path)) is \(kind), not a file"
        case .unreadable(let path, let reason):
            "\(MediaError.name(path)) cannot be read (\(reason))"
        case .empty(let path):
            "\(MediaError.name(path)) is empty"
        case .tooLargeToStore(let path, let bytes):
            "\(MediaError.name(path)) is \(MetricFormat.bytes(Int64(clamping: bytes))); the database records file sizes up to "
                + "\(MetricFormat.grouped(Int(MediaInfo.largestStorableSize))) bytes (media_files.file_size is a 32-bit integer), so attach a smaller file"
        case .damaged(let path):
            "\(MediaError.name(path)) looks damaged: its header gives an impossible size or length"
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
