import FoundationEssentials
import Glibc

/// Recognises an attached file from its first bytes (never from its name alone) and reads
/// what the networks' rules need from its header: image dimensions, video length and size.
/// Reads only the header bytes it needs; for MP4 and MOV it walks the box structure with
/// seeks, so a 4 GB video costs a few kilobytes of reading.
public enum MediaSniffer {
    /// Inspects the file at `path`; refuses, with a message a manager understands, a file that
    /// is missing, a folder, unreadable, empty, unsupported, or not what its extension claims.
    public static func inspect(path: String) throws(MediaError) -> MediaInfo {
        guard FileManager.default.fileExists(atPath: path) else {
            throw .missing(path: path)
        }
        if FilePaths.isDirectory(path) { throw .directory(path: path) }
        let file: HeaderReader
        do {
            file = try HeaderReader(path: path)
        } catch {
            throw .unreadable(path: path, reason: HeaderReader.reason(for: error))
        }
        defer { file.close() }
        if file.size == 0 { throw .empty(path: path) }

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
    static func jpegSize(_ file: HeaderReader) -> (Int, Int)? {
        var offset: UInt64 = 2
        for _ in 0..<10_000 {
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
            offset += 2 + length
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

/// Random access to the start (and, for MP4 boxes, selected places) of a file, with
/// `pread` (not `FileHandle`, which is full Foundation: see FilePaths.swift).
final class HeaderReader {
    private let descriptor: Int32
    let size: UInt64

    /// Why a file could not be opened: the system's error number.
    struct OpenError: Error { let code: Int32 }

    init(path: String) throws {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw OpenError(code: errno) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            Glibc.close(descriptor)
            throw OpenError(code: code)
        }
        size = UInt64(max(0, info.st_size))
    }

    /// Up to `count` bytes from `offset`; fewer at the end of the file, none past it.
    func read(at offset: UInt64, count: Int) -> [UInt8] {
        guard offset < size, count > 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: count)
        let read = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(offset)) }
        return read > 0 ? Array(buffer.prefix(read)) : []
    }

    func close() { Glibc.close(descriptor) }

    static func reason(for error: any Error) -> String {
        if let error = error as? OpenError { return String(cString: strerror(error.code)).lowercased() }
        return "cannot read the file"
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
