import Foundation
import Testing
@testable import PostDeckCore

/// Builds minimal but valid file headers byte by byte, writes them to a fresh temp
/// folder, and checks what the sniffer reads back.
@Suite final class MediaSnifferTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("postdeck-media-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    // MARK: Byte builders

    static func be16(_ v: Int) -> [UInt8] { [UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
    static func be32(_ v: UInt64) -> [UInt8] { (0..<4).reversed().map { UInt8(v >> (8 * UInt64($0)) & 0xFF) } }
    static func be64(_ v: UInt64) -> [UInt8] { (0..<8).reversed().map { UInt8(v >> (8 * UInt64($0)) & 0xFF) } }
    static func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
    static func le24(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF)] }
    static func ascii(_ s: String) -> [UInt8] { Array(s.utf8) }
    static func box(_ type: String, _ payload: [UInt8]) -> [UInt8] { be32(UInt64(8 + payload.count)) + ascii(type) + payload }

    static func jpeg(width: Int, height: Int, sof: UInt8 = 0xC0) -> [UInt8] {
        let app0: [UInt8] = [0xFF, 0xE0] + be16(16) + ascii("JFIF") + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
        let dht: [UInt8] = [0xFF, 0xC4] + be16(5) + [0, 0, 0] // a table segment before the frame
        let frame: [UInt8] = [0xFF, sof] + be16(11) + [8] + be16(height) + be16(width) + [1, 1, 0x11, 0]
        return [0xFF, 0xD8] + app0 + dht + [0xFF] + frame + [0xFF, 0xDA, 0, 8, 1, 1, 0, 0, 0x3F, 0, 0xFF, 0xD9]
    }

    static func png(width: Int, height: Int) -> [UInt8] {
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + be32(13) + ascii("IHDR")
            + be32(UInt64(width)) + be32(UInt64(height)) + [8, 6, 0, 0, 0] + [0, 0, 0, 0]
    }

    static func webp(_ chunk: String, _ payload: [UInt8]) -> [UInt8] {
        let body = ascii("WEBP") + ascii(chunk) + le24(payload.count) + [0] + payload
        return ascii("RIFF") + le24(body.count) + [0] + body
    }

    static func mvhd(timescale: UInt64, duration: UInt64, version: UInt8 = 0) -> [UInt8] {
        let times = version == 1 ? be64(0) + be64(0) + be32(timescale) + be64(duration)
                                 : be32(0) + be32(0) + be32(timescale) + be32(duration)
        return box("mvhd", [version, 0, 0, 0] + times + Array(repeating: 0, count: 80))
    }

    static func tkhd(width: Int, height: Int, quarterTurn: Bool = false) -> [UInt8] {
        let one: UInt64 = 0x10000
        let matrix = quarterTurn
            ? be32(0) + be32(one) + be32(0) + be32(0xFFFF_0000) + be32(0) + be32(0) + be32(0) + be32(0) + be32(0x4000_0000)
            : be32(one) + be32(0) + be32(0) + be32(0) + be32(one) + be32(0) + be32(0) + be32(0) + be32(0x4000_0000)
        let fields = be32(0) + be32(0) + be32(1) + be32(0) + be32(0) + Array(repeating: 0, count: 8) + Array(repeating: 0, count: 8)
        return box("tkhd", [0, 0, 0, 3] + fields + matrix + be32(UInt64(width) << 16) + be32(UInt64(height) << 16))
    }

    static func movie(brand: String, seconds: (UInt64, UInt64), width: Int, height: Int, quarterTurn: Bool = false) -> [UInt8] {
        let ftyp = box("ftyp", ascii(brand) + be32(0) + ascii("isommp41"))
        let mdat = box("mdat", Array(repeating: 0xAB, count: 4_000)) // media data before moov, as cameras write it
        let audio = box("trak", tkhd(width: 0, height: 0))
        let video = box("trak", tkhd(width: width, height: height, quarterTurn: quarterTurn) + box("mdia", [0, 0, 0, 0]))
        let moov = box("moov", mvhd(timescale: seconds.0, duration: seconds.1) + audio + video)
        return ftyp + mdat + moov
    }

    // MARK: Images

    @Test func jpegSizeComesFromTheFrameHeaderPastOtherSegments() throws {
        let info = try MediaSniffer.inspect(path: try write("photo.jpg", Self.jpeg(width: 640, height: 480)))
        #expect(info.format == .jpeg && info.mimeType == "image/jpeg" && info.mediaType == .image)
        #expect(info.width == 640 && info.height == 480)
        #expect(info.byteSize == Int64(Self.jpeg(width: 640, height: 480).count))
        let progressive = try MediaSniffer.inspect(path: try write("p.jpeg", Self.jpeg(width: 1080, height: 1350, sof: 0xC2)))
        #expect(progressive.width == 1080 && progressive.height == 1350)
    }

    @Test func pngSizeComesFromIHDR() throws {
        let info = try MediaSniffer.inspect(path: try write("logo.png", Self.png(width: 1080, height: 566)))
        #expect(info.format == .png && info.width == 1080 && info.height == 566)
    }

    @Test func gifIsItsOwnMediaType() throws {
        let bytes = Self.ascii("GIF89a") + Self.le16(320) + Self.le16(200) + [0xF7, 0, 0] + [0x3B]
        let info = try MediaSniffer.inspect(path: try write("loop.gif", bytes))
        #expect(info.format == .gif && info.mediaType == .gif && info.mimeType == "image/gif")
        #expect(info.width == 320 && info.height == 200)
    }

    @Test func webpInAllThreeFlavours() throws {
        let lossy = Self.webp("VP8 ", [0x50, 0x02, 0x00, 0x9D, 0x01, 0x2A] + Self.le16(1200) + Self.le16(628) + [0, 0])
        let lossyInfo = try MediaSniffer.inspect(path: try write("a.webp", lossy))
        #expect(lossyInfo.format == .webp && lossyInfo.width == 1200 && lossyInfo.height == 628)

        let bits = (1_080 - 1) | (1_350 - 1) << 14
        let lossless = Self.webp("VP8L", [0x2F, UInt8(bits & 0xFF), UInt8(bits >> 8 & 0xFF), UInt8(bits >> 16 & 0xFF), UInt8(bits >> 24 & 0xFF), 0, 0, 0, 0])
        let losslessInfo = try MediaSniffer.inspect(path: try write("b.webp", lossless))
        #expect(losslessInfo.width == 1_080 && losslessInfo.height == 1_350)

        let extended = Self.webp("VP8X", [0x10, 0, 0, 0] + Self.le24(4_000 - 1) + Self.le24(3_000 - 1))
        let extendedInfo = try MediaSniffer.inspect(path: try write("c.webp", extended))
        #expect(extendedInfo.width == 4_000 && extendedInfo.height == 3_000)
    }

    // MARK: Video and documents

    @Test func mp4DurationFromMvhdAndSizeFromTheVideoTrack() throws {
        let bytes = Self.movie(brand: "isom", seconds: (1_000, 12_345), width: 1920, height: 1080)
        let info = try MediaSniffer.inspect(path: try write("clip.mp4", bytes))
        #expect(info.format == .mp4 && info.mimeType == "video/mp4" && info.mediaType == .video)
        #expect(info.durationSeconds == 12.345 && info.durationWholeSeconds == 12)
        #expect(info.width == 1920 && info.height == 1080)
    }

    @Test func phoneVideoRotatedAQuarterTurnIsPortrait() throws {
        let bytes = Self.movie(brand: "qt  ", seconds: (600, 9_000), width: 1920, height: 1080, quarterTurn: true)
        let info = try MediaSniffer.inspect(path: try write("IMG_0001.MOV", bytes))
        #expect(info.format == .mov && info.mimeType == "video/quicktime")
        #expect(info.width == 1080 && info.height == 1920 && info.durationSeconds == 15)
    }

    @Test func mp4BytesNamedMovAreAcceptedAsWhatTheyAre() throws {
        let bytes = Self.movie(brand: "mp42", seconds: (90_000, 270_000), width: 1280, height: 720)
        #expect(try MediaSniffer.inspect(path: try write("export.mov", bytes)).format == .mp4)
    }

    /// Writes ftyp, an mdat of `mdatSize` bytes (64-bit size) that exists only as a hole in a
    /// sparse file, then `moov`; returns the path.
    func sparseMovie(_ name: String, mdatSize: UInt64, moov: [UInt8]) throws -> String {
        let path = folder.appendingPathComponent(name).path
        let ftyp = Self.box("ftyp", Self.ascii("isom") + Self.be32(0))
        _ = FileManager.default.createFile(atPath: path, contents: Data(ftyp + Self.be32(1) + Self.ascii("mdat") + Self.be64(mdatSize)))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seek(toOffset: UInt64(ftyp.count) + mdatSize)
        try handle.write(contentsOf: Data(moov))
        try handle.close()
        return path
    }

    @Test func hugeVideoIsWalkedWithPositionedReadsNotRead() throws {
        let mdatSize: UInt64 = 2_000_000_000
        let moov = Self.box("moov", Self.mvhd(timescale: 1_000, duration: 3_600_000, version: 1)
            + Self.box("trak", Self.tkhd(width: 3840, height: 2160)))
        let path = try sparseMovie("big.mp4", mdatSize: mdatSize, moov: moov)
        let info = try MediaSniffer.inspect(path: path)
        #expect(info.byteSize == 16 + Int64(mdatSize) + Int64(moov.count))
        #expect(info.durationSeconds == 3_600 && info.width == 3840 && info.height == 2160)
    }

    @Test func aFileLargerThanTheDatabaseRecordsIsRefusedSayingWhy() throws {
        let path = try sparseMovie("3gb.mp4", mdatSize: 3_000_000_000, moov: Self.box("moov", Self.mvhd(timescale: 1, duration: 60)))
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? UInt64)
        #expect(throws: MediaError.tooLargeToStore(path: path, bytes: size)) { try MediaSniffer.inspect(path: path) }
        let message = MediaError.tooLargeToStore(path: path, bytes: size).description
        #expect(message == "3gb.mp4 is 3 GB; the database records file sizes up to 2,147,483,647 bytes "
                + "(media_files.file_size is a 32-bit integer), so attach a smaller file")
    }

    @Test func pdfIsADocument() throws {
        let info = try MediaSniffer.inspect(path: try write("deck.pdf", Self.ascii("%PDF-1.7\n%âãÏÓ\n1 0 obj\n")))
        #expect(info.format == .pdf && info.mediaType == .document && info.mimeType == "application/pdf")
        #expect(info.width == nil && info.durationSeconds == nil)
    }

    // MARK: Refusals

    @Test func bytesThatContradictTheExtensionAreRefused() throws {
        let path = try write("logo.png", Self.jpeg(width: 10, height: 10))
        #expect(throws: MediaError.mismatch(path: path, claimed: .png, actual: .jpeg)) { try MediaSniffer.inspect(path: path) }
        #expect(MediaError.mismatch(path: path, claimed: .png, actual: .jpeg).description == "logo.png is not a PNG image (it is a JPEG)")
        let video = try write("clip.mp4", Self.png(width: 1, height: 1))
        #expect(MediaError.mismatch(path: video, claimed: .mp4, actual: .png).description == "clip.mp4 is not an MP4 video (it is a PNG)")
        #expect(throws: MediaError.mismatch(path: video, claimed: .mp4, actual: .png)) { try MediaSniffer.inspect(path: video) }
    }

    @Test func textNamedLikeMediaIsNotAnImage() throws {
        let notes = try write("notes.png", Self.ascii("meeting notes\n"))
        #expect(throws: MediaError.unrecognised(path: notes, claimed: .png)) { try MediaSniffer.inspect(path: notes) }
        #expect(MediaError.unrecognised(path: notes, claimed: .png).description == "notes.png is not an image")
        let clip = try write("clip.mov", Self.ascii("not a movie at all"))
        #expect(MediaError.unrecognised(path: clip, claimed: .mov).description == "clip.mov is not a video")
        let other = try write("notes.txt", Self.ascii("plain"))
        #expect(throws: MediaError.unrecognised(path: other, claimed: nil)) { try MediaSniffer.inspect(path: other) }
    }

    @Test func missingEmptyAndFolderAreRefusedClearly() throws {
        let missing = folder.appendingPathComponent("gone.jpg").path
        #expect(throws: MediaError.missing(path: missing)) { try MediaSniffer.inspect(path: missing) }
        #expect(MediaError.missing(path: missing).description == "gone.jpg: no such file")
        let empty = try write("empty.jpg", [])
        #expect(throws: MediaError.empty(path: empty)) { try MediaSniffer.inspect(path: empty) }
        #expect(throws: MediaError.notAFile(path: folder.path, kind: "a folder")) { try MediaSniffer.inspect(path: folder.path) }
    }

    @Test func aDeviceIsNotAFileEvenThoughReadingItNeverEnds() throws {
        #expect(throws: MediaError.notAFile(path: "/dev/zero", kind: "a device")) { try MediaSniffer.inspect(path: "/dev/zero") }
        #expect(MediaError.notAFile(path: "/dev/zero", kind: "a device").description == "zero is a device, not a file")
    }

    @Test func aFIFOIsRefusedWithoutWaitingForAWriter() throws {
        // Opening a FIFO for reading blocks until someone writes: the test would hang, not fail, if it were opened.
        let path = folder.appendingPathComponent("pipe.mp4").path
        #expect(mkfifo(path, 0o600) == 0)
        #expect(throws: MediaError.notAFile(path: path, kind: "a named pipe (FIFO)")) { try MediaSniffer.inspect(path: path) }
    }

    // MARK: Crafted headers (each crashed or misled an earlier version)

    @Test func aBoxSizeOfAllOnesEndsTheWalkInsteadOfOverflowing() throws {
        let ftyp = Self.box("ftyp", Self.ascii("isom") + Self.be32(0))
        let bytes = ftyp + Self.be32(1) + Self.ascii("moov") + Self.be64(UInt64.max) + Array(repeating: 0, count: 64)
        let info = try MediaSniffer.inspect(bytes: bytes, path: "overflow.mp4")
        #expect(info.format == .mp4 && info.durationSeconds == nil && info.width == nil)
    }

    @Test func aRotationMatrixOfInt32MinIsNoQuarterTurnAndNoCrash() throws {
        var track = Self.tkhd(width: 640, height: 360)
        // Matrix b (the second entry) is at payload offset 44 of a version 0 tkhd: 8 bytes of box header before it.
        track.replaceSubrange(52..<56, with: Self.be32(0x8000_0000))
        track.replaceSubrange(48..<52, with: Self.be32(0))
        let bytes = Self.box("ftyp", Self.ascii("isom") + Self.be32(0)) + Self.box("moov", Self.box("trak", track))
        let info = try MediaSniffer.inspect(bytes: bytes, path: "matrix.mp4")
        #expect(info.width == 640 && info.height == 360)
    }

    @Test func aLengthOfCenturiesIsADamagedFile() throws {
        let bytes = Self.box("ftyp", Self.ascii("isom") + Self.be32(0))
            + Self.box("moov", Self.mvhd(timescale: 1, duration: 0xFFFF_FFFF_FFFF_FFF0, version: 1))
        #expect(throws: MediaError.damaged(path: "ages.mp4")) { try MediaSniffer.inspect(bytes: bytes, path: "ages.mp4") }
        #expect(MediaError.damaged(path: "ages.mp4").description == "ages.mp4 looks damaged: its header gives an impossible size or length")
    }

    @Test func aPNGWiderThanTheDatabaseCanRecordIsADamagedFile() throws {
        #expect(throws: MediaError.damaged(path: "wide.png")) {
            try MediaSniffer.inspect(bytes: Self.png(width: 0xFFFF_FFFF, height: 1), path: "wide.png")
        }
    }

    @Test func aJPEGOfNothingButFillBytesStopsAtTheReadBudget() throws {
        let bytes: [UInt8] = [0xFF, 0xD8] + Array(repeating: 0xFF, count: 100_000)
        let file = MediaBytes(bytes)
        #expect(MediaSniffer.jpegSize(file) == nil)
        #expect(file.readsAsked == MediaBytes.readLimit + 1)
    }

    @Test(.enabled(if: geteuid() != 0, "root can read any file"))
    func unreadableFileSaysWhy() throws {
        let path = try write("secret.jpg", Self.jpeg(width: 1, height: 1))
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: path)
        #expect(throws: MediaError.unreadable(path: path, reason: "permission denied")) { try MediaSniffer.inspect(path: path) }
    }

    @Test func truncatedJpegStillIdentifiesButHasNoSize() throws {
        let info = try MediaSniffer.inspect(path: try write("cut.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 0x00]))
        #expect(info.format == .jpeg && info.width == nil && info.height == nil)
    }
}
