/// Small valid files of each format the media sniffer reads, built byte by byte: the
/// starting points of its fuzzing (`MediaSniffer.fuzzer(for:)`).
public enum SampleMedia {
    /// The parsers the sniffer has: one per image format, the MP4/MOV box walker, PDF.
    public enum Parser: String, CaseIterable, Sendable {
        case jpeg, png, gif, webp, mp4, pdf

        /// Valid files this parser reads, with the name each is inspected under.
        public var samples: [(name: String, bytes: [UInt8])] {
            switch self {
            case .jpeg: [("photo.jpg", SampleMedia.jpeg(width: 640, height: 480)),
                         ("progressive.jpeg", SampleMedia.jpeg(width: 1080, height: 1350, frameMarker: 0xC2))]
            case .png: [("logo.png", SampleMedia.png(width: 1080, height: 566))]
            case .gif: [("loop.gif", SampleMedia.gif(width: 320, height: 200))]
            case .webp: [("lossy.webp", SampleMedia.webpLossy(width: 1200, height: 628)),
                         ("lossless.webp", SampleMedia.webpLossless(width: 1080, height: 1350)),
                         ("extended.webp", SampleMedia.webpExtended(width: 4000, height: 3000))]
            case .mp4: [("clip.mp4", SampleMedia.movie(brand: "isom", timescale: 1_000, duration: 12_345, width: 1920, height: 1080)),
                        ("IMG_0001.MOV", SampleMedia.movie(brand: "qt  ", timescale: 600, duration: 9_000, width: 1920, height: 1080,
                                                           quarterTurn: true, wideSizes: true))]
            case .pdf: [("deck.pdf", Array("%PDF-1.7\n%\u{E2}\u{E3}\u{CF}\u{D3}\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n".utf8))]
            }
        }
    }

    // MARK: Formats

    public static func jpeg(width: Int, height: Int, frameMarker: UInt8 = 0xC0) -> [UInt8] {
        let app0: [UInt8] = [0xFF, 0xE0] + be16(16) + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
        let dht: [UInt8] = [0xFF, 0xC4] + be16(5) + [0, 0, 0] // a table segment before the frame
        let frame: [UInt8] = [0xFF, frameMarker] + be16(11) + [8] + be16(height) + be16(width) + [1, 1, 0x11, 0]
        return [0xFF, 0xD8] + app0 + dht + [0xFF] + frame + [0xFF, 0xDA, 0, 8, 1, 1, 0, 0, 0x3F, 0, 0xFF, 0xD9]
    }

    public static func png(width: Int, height: Int) -> [UInt8] {
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + be32(13) + Array("IHDR".utf8)
            + be32(UInt64(width)) + be32(UInt64(height)) + [8, 6, 0, 0, 0] + [0, 0, 0, 0]
            + be32(0) + Array("IEND".utf8) + [0xAE, 0x42, 0x60, 0x82]
    }

    public static func gif(width: Int, height: Int) -> [UInt8] {
        Array("GIF89a".utf8) + le16(width) + le16(height) + [0xF7, 0, 0] + [0x3B]
    }

    public static func webpLossy(width: Int, height: Int) -> [UInt8] {
        webp("VP8 ", [0x50, 0x02, 0x00, 0x9D, 0x01, 0x2A] + le16(width) + le16(height) + [0, 0])
    }

    public static func webpLossless(width: Int, height: Int) -> [UInt8] {
        let bits = (width - 1) | (height - 1) << 14
        return webp("VP8L", [0x2F] + (0..<4).map { UInt8(truncatingIfNeeded: bits >> (8 * $0)) } + [0, 0, 0, 0])
    }

    public static func webpExtended(width: Int, height: Int) -> [UInt8] {
        webp("VP8X", [0x10, 0, 0, 0] + le24(width - 1) + le24(height - 1))
    }

    /// ftyp, an mdat before the moov (as cameras write it), then moov with mvhd, an audio
    /// track and a video track. `wideSizes` writes the mdat with a 64-bit size.
    public static func movie(brand: String, timescale: UInt64, duration: UInt64, width: Int, height: Int,
                             quarterTurn: Bool = false, wideSizes: Bool = false) -> [UInt8] {
        let ftyp = box("ftyp", Array(brand.utf8) + be32(0) + Array("isommp41".utf8))
        let payload = [UInt8](repeating: 0xAB, count: 64)
        let mdat = wideSizes ? be32(1) + Array("mdat".utf8) + be64(UInt64(16 + payload.count)) + payload : box("mdat", payload)
        let mvhd = box("mvhd", [0, 0, 0, 0] + be32(0) + be32(0) + be32(timescale) + be32(duration) + [UInt8](repeating: 0, count: 80))
        let audio = box("trak", tkhd(width: 0, height: 0, quarterTurn: false))
        let video = box("trak", tkhd(width: width, height: height, quarterTurn: quarterTurn) + box("mdia", [0, 0, 0, 0]))
        return ftyp + mdat + box("moov", mvhd + audio + video)
    }

    static func tkhd(width: Int, height: Int, quarterTurn: Bool) -> [UInt8] {
        let one: UInt64 = 0x10000
        let matrix = quarterTurn
            ? be32(0) + be32(one) + be32(0) + be32(0xFFFF_0000) + be32(0) + be32(0) + be32(0) + be32(0) + be32(0x4000_0000)
            : be32(one) + be32(0) + be32(0) + be32(0) + be32(one) + be32(0) + be32(0) + be32(0) + be32(0x4000_0000)
        let fields = be32(0) + be32(0) + be32(1) + be32(0) + be32(0) + [UInt8](repeating: 0, count: 16)
        return box("tkhd", [0, 0, 0, 3] + fields + matrix + be32(UInt64(width) << 16) + be32(UInt64(height) << 16))
    }

    // MARK: Bytes

    static func webp(_ chunk: String, _ payload: [UInt8]) -> [UInt8] {
        let body = Array("WEBP".utf8) + Array(chunk.utf8) + le24(payload.count) + [0] + payload
        return Array("RIFF".utf8) + le24(body.count) + [0] + body
    }

    static func box(_ type: String, _ payload: [UInt8]) -> [UInt8] { be32(UInt64(8 + payload.count)) + Array(type.utf8) + payload }
    static func be16(_ v: Int) -> [UInt8] { [UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
    static func be32(_ v: UInt64) -> [UInt8] { (0..<4).reversed().map { UInt8(v >> (8 * UInt64($0)) & 0xFF) } }
    static func be64(_ v: UInt64) -> [UInt8] { (0..<8).reversed().map { UInt8(v >> (8 * UInt64($0)) & 0xFF) } }
    static func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
    static func le24(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF)] }
}

extension MediaSniffer {
    /// Mutations of `parser`'s sample files, checked for what the sniffer promises: an
    /// answer or a one-line refusal, never more than its read budget, and never a size,
    /// length or dimension the database cannot record.
    public static func fuzz(_ parser: SampleMedia.Parser, inputs: Int, seed: UInt64) -> Fuzzer.Report {
        let samples = parser.samples
        let fuzzer = Fuzzer(name: parser.rawValue, samples: samples.map(\.bytes),
                            dictionary: [Array("moov".utf8), Array("trak".utf8), Array("tkhd".utf8), Array("mvhd".utf8),
                                         Array("ftyp".utf8), Array("IHDR".utf8), Array("VP8X".utf8), Array("%PDF-".utf8),
                                         [0xFF, 0xC0], [0xFF, 0xD8, 0xFF], [0, 0, 0, 1], [0, 0, 0, 0]])
        var next = 0
        return fuzzer.run(inputs: inputs, seed: seed) { bytes in
            let name = samples[next % samples.count].name
            next += 1
            let file = MediaBytes(bytes)
            let outcome: Fuzzer.Outcome
            do throws(MediaError) {
                let info = try inspect(file, path: name)
                let largest = Int(Int32.max)
                if let width = info.width, !(0...largest).contains(width) { return .violation("width \(width)") }
                if let height = info.height, !(0...largest).contains(height) { return .violation("height \(height)") }
                if let seconds = info.durationSeconds, !(seconds.isFinite && seconds >= 0 && seconds <= Double(largest)) {
                    return .violation("duration \(seconds)")
                }
                outcome = .accepted
            } catch {
                outcome = .refused(error.description)
            }
            // Once the budget is spent every read comes back empty, and each walk stops at
            // its next read: a handful past the limit at most.
            if file.readsAsked > MediaBytes.readLimit + 4 { return .violation("\(file.readsAsked) reads") }
            return outcome
        }
    }
}
