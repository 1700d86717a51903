import FoundationEssentials
import Glibc

/// Recognises an attached file from its first bytes (never from its name alone) and reads
/// what the networks' rules need from its header: image dimensions, video length and size.
///
/// The bytes are untrusted: every offset is computed with checked arithmetic, every read is
/// of a bounded count, and one inspection makes at most `MediaBytes.readLimit` reads, so a
/// crafted header can neither crash the parser nor keep it busy. For MP4 and MOV it walks the
/// box structure with positioned reads, so a 2 GB video costs a few kilobytes of reading.
public enum MediaSniffer {
    /// Inspects the file at `path`; refuses, with a message a manager understands, a file that
    /// is missing, not a regular file (a folder, a FIFO, a device), unreadable, empty,
    /// unsupported, not what its extension claims, too large for the database, or damaged.
    public static func inspect(path: String) throws(MediaError) -> MediaInfo {
        let file: RegularFile
        do {
            file = try RegularFile(path: path)
        } catch {
            switch error {
            case .missing: throw .missing(path: path)
            case .notRegular(let kind): throw .notAFile(path: path, kind: kind)
            case .unreadable(let reason): throw .unreadable(path: path, reason: reason)
            case .tooLarge: throw .unreadable(path: path, reason: error.description)
            }
        }
        return try inspect(MediaBytes(size: file.size, read: file.read), path: path)
    }

    /// Inspects bytes already in memory as if they were the file `path` (its extension is what
    /// the bytes are checked against). Used by the fuzz tests and `postdeck bench --fuzz`.
    public static func inspect(bytes: [UInt8], path: String) throws(MediaError) -> MediaInfo {
        try inspect(MediaBytes(bytes), path: path)
    }

    static func inspect(_ file: MediaBytes, path: String) throws(MediaError) -> MediaInfo {
        if file.size == 0 { throw .empty(path: path) }
        guard file.size <= UInt64(MediaInfo.largestStorableSize) else {
            throw .tooLargeToStore(path: path, bytes: file.size)
        }
        let ext = FilePaths.pathExtension(of: path)
        let claimed = MediaFormat.claimed(byExtension: ext)
        let head = file.read(at: 0, count: 1_024)
        guard let detected = detectFormat(head) else { throw .unrecognised(path: path, claimed: claimed) }
        let format = detected == .mp4 || detected == .mov ? MP4Boxes.brand(of: file) : detected
        if let claimed, claimed != format, !(claimed.isVideo && format.isVideo) {
            throw .mismatch(path: path, claimed: claimed, actual: format)
        }

        var width: Int?, height: Int?, duration: Double?
        switch format {
        case .jpeg: (width, height) = jpegSize(file) ?? (nil, nil)
        case .png: (width, height) = pngSize(head) ?? (nil, nil)
        case .gif: (width, height) = gifSize(head) ?? (nil, nil)
        case .webp: (width, height) = webpSize(head) ?? (nil, nil)
        case .mp4, .mov:
            let movie = MP4Boxes.movie(in: file)
            (width, height, duration) = (movie.width, movie.height, movie.duration)
        case .pdf: break
        }
        // What no real file has and the database could not record: a header that lies.
        let largest = Int(Int32.max)
        if (width ?? 0) > largest || (height ?? 0) > largest || (duration ?? 0) > Double(largest) {
            throw .damaged(path: path)
        }
        return MediaInfo(path: path, format: format, byteSize: Int64(file.size),
                         width: width, height: height, durationSeconds: duration)
    }

    /// The format the first bytes of a file announce, or nil. MP4 and MOV are told apart
    /// later from the `ftyp` brand; here any ISO media file is reported as `.mp4`.
    public static func detectFormat(_ head: [UInt8]) -> MediaFormat? {
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.starts(with: Array("GIF87a".utf8)) || head.starts(with: Array("GIF89a".utf8)) { return .gif }
        if head.count >= 12, head.starts(with: Array("RIFF".utf8)), Array(head[8..<12]) == Array("WEBP".utf8) { return .webp }
        if head.count >= 8, MP4Boxes.topLevelTypes.contains(String(decoding: head[4..<8], as: UTF8.self)) { return .mp4 }
        // PDF readers accept the header anywhere in the first 1,024 bytes.
        if head.firstRange(of: Array("%PDF-".utf8)) != nil { return .pdf }
        return nil
    }

    // MARK: Image headers

    /// Walks JPEG segments to the first start-of-frame marker (SOF0–SOF15, except DHT C4,
    /// JPG C8 and DAC CC), which holds the height and width.
    static func jpegSize(_ file: MediaBytes) -> (Int, Int)? {
        var offset: UInt64 = 2
        while offset < file.size {
            let header = file.read(at: offset, count: 4)
            guard header.count == 4, header[0] == 0xFF else { return nil }
            let marker = header[1]
            if marker == 0xFF { offset += 1; continue } // fill byte
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { offset += 2; continue }
            if marker == 0xD9 || marker == 0xDA { return nil } // end of image or scan before any frame
            let length = UInt64(header[2]) << 8 | UInt64(header[3])
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                let frame = file.read(at: offset + 4, count: 5)
                guard frame.count == 5 else { return nil }
                let height = Int(frame[1]) << 8 | Int(frame[2])
                let width = Int(frame[3]) << 8 | Int(frame[4])
                return (width, height)
            }
            guard length >= 2 else { return nil }
            offset += 2 + length // at most 65,537 per step from an offset below the file's size: no overflow
        }
        return nil
    }

    /// IHDR is the first chunk: width and height, big-endian, at bytes 16 and 20.
    static func pngSize(_ head: [UInt8]) -> (Int, Int)? {
        guard head.count >= 24, Array(head[12..<16]) == Array("IHDR".utf8) else { return nil }
        return (Int(head.uint32BE(at: 16)), Int(head.uint32BE(at: 20)))
    }

    /// The logical screen size, little-endian, at bytes 6 and 8.
    static func gifSize(_ head: [UInt8]) -> (Int, Int)? {
        guard head.count >= 10 else { return nil }
        return (Int(head[6]) | Int(head[7]) << 8, Int(head[8]) | Int(head[9]) << 8)
    }

    /// WebP: lossy (`VP8 `), lossless (`VP8L`) or extended (`VP8X`) first chunk.
    static func webpSize(_ head: [UInt8]) -> (Int, Int)? {
        guard head.count >= 16 else { return nil }
        switch String(decoding: head[12..<16], as: UTF8.self) {
        case "VP8 ":
            guard head.count >= 30, head[23] == 0x9D, head[24] == 0x01, head[25] == 0x2A else { return nil }
            return ((Int(head[26]) | Int(head[27]) << 8) & 0x3FFF, (Int(head[28]) | Int(head[29]) << 8) & 0x3FFF)
        case "VP8L":
            guard head.count >= 25, head[20] == 0x2F else { return nil }
            let bits = Int(head[21]) | Int(head[22]) << 8 | Int(head[23]) << 16 | Int(head[24]) << 24
            return ((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
        case "VP8X":
            guard head.count >= 30 else { return nil }
            let width = Int(head[24]) | Int(head[25]) << 8 | Int(head[26]) << 16
            let height = Int(head[27]) | Int(head[28]) << 8 | Int(head[29]) << 16
            return (width + 1, height + 1)
        default:
            return nil
        }
    }
}

/// The bytes of one file under inspection, read at offsets, with a budget: after
/// `readLimit` reads every further read returns nothing, which ends any walk. The budget
/// is what bounds an inspection's work, however the header is crafted.
final class MediaBytes {
    /// Reads one inspection may make: far more than any real file needs (a JPEG reaches its
    /// frame header within a few dozen segments, an MP4 its `moov` within a few boxes).
    static let readLimit = 4_096
    /// Bytes one read may ask for.
    static let largestRead = 1_024

    let size: UInt64
    private let source: (UInt64, Int) -> [UInt8]
    /// Reads asked for so far, including those refused once the budget ran out.
    private(set) var readsAsked = 0

    init(size: UInt64, read: @escaping (UInt64, Int) -> [UInt8]) {
        self.size = size
        self.source = read
    }

    convenience init(_ bytes: [UInt8]) {
        self.init(size: UInt64(bytes.count)) { offset, count in
            guard offset < UInt64(bytes.count) else { return [] }
            let start = Int(offset)
            return Array(bytes[start..<min(bytes.count, start + count)])
        }
    }

    /// Up to `count` (at most `largestRead`) bytes from `offset`; fewer at the end of the
    /// file, none past it or once the budget is spent.
    func read(at offset: UInt64, count: Int) -> [UInt8] {
        readsAsked += 1
        guard readsAsked <= Self.readLimit, offset < size, count > 0 else { return [] }
        return source(offset, min(count, Self.largestRead))
    }
}

extension [UInt8] {
    func uint32BE(at index: Int) -> UInt32 {
        self[index..<index + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }

    func uint64BE(at index: Int) -> UInt64 {
        self[index..<index + 8].reduce(0) { $0 << 8 | UInt64($1) }
    }
}
