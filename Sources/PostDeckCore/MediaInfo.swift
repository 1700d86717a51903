/// What postdeck knows about an attached file after reading its header: enough to fill a
/// `media_files` row and to check it against each network's rules.
public struct MediaInfo: Hashable, Sendable {
    /// The path as given; stored as `storage_path`.
    public let path: String
    public let format: MediaFormat
    public let byteSize: Int64
    /// Pixel size, when the header says (images always; videos from the track header).
    public let width: Int?
    public let height: Int?
    /// Length of a video in seconds, from the movie header.
    public let durationSeconds: Double?

    public init(path: String, format: MediaFormat, byteSize: Int64,
                width: Int? = nil, height: Int? = nil, durationSeconds: Double? = nil) {
        self.path = path
        self.format = format
        self.byteSize = byteSize
        self.width = width
        self.height = height
        self.durationSeconds = durationSeconds
    }

    /// The largest file the database can record: `media_files.file_size` is the seed schema's
    /// 32-bit `INTEGER`, kept as it is so Prisma clients of the schema keep working.
    public static let largestStorableSize = Int64(Int32.max)

    public var mimeType: String { format.mimeType }
    public var mediaType: MediaType { format.mediaType }

    /// The last path component, for messages.
    public var fileName: String {
        path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
    }

    /// Width divided by height, when both are known and non-zero.
    public var aspectRatio: Double? {
        guard let width, let height, width > 0, height > 0 else { return nil }
        return Double(width) / Double(height)
    }

    /// Whole seconds for the `media_files.duration` column (rounded to nearest).
    public var durationWholeSeconds: Int? {
        durationSeconds.map { Int($0.rounded()) }
    }
}
