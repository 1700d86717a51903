/// The ISO base media (MP4) and QuickTime (MOV) box structure, walked with positioned
/// reads: only box headers and the two small boxes that matter are read, never the media data.
///
/// - `ftyp` names the brand: `qt  ` is QuickTime, anything else MP4.
/// - `moov/mvhd` holds the timescale and duration.
/// - `moov/trak/tkhd` holds each track's width and height (16.16 fixed point) and its
///   transformation matrix; a 90° rotation (phone videos) swaps width and height.
///
/// Box sizes come from the file and may be anything (a 64-bit size of `0xFFFF…`): every
/// bound is checked by subtraction, never by an addition that could overflow, and the walk
/// goes three levels deep at most.
enum MP4Boxes {
    /// Box types that may open an MP4 or MOV file.
    static let topLevelTypes: Set<String> = ["ftyp", "moov", "mdat", "wide", "free", "skip", "pnot"]

    struct Movie {
        var width: Int?
        var height: Int?
        var duration: Double?
    }

    struct Box {
        let type: String
        /// Where the payload starts and ends.
        let start: UInt64
        let end: UInt64
    }

    static func brand(of file: MediaBytes) -> MediaFormat {
        let head = file.read(at: 0, count: 12)
        guard head.count == 12, String(decoding: head[4..<8], as: UTF8.self) == "ftyp" else {
            return .mov // pre-ftyp QuickTime files open with moov, mdat, wide or free
        }
        return String(decoding: head[8..<12], as: UTF8.self) == "qt  " ? .mov : .mp4
    }

    static func movie(in file: MediaBytes) -> Movie {
        var movie = Movie()
        guard let moov = first("moov", in: file, from: 0, to: file.size) else { return movie }
        walk(file, from: moov.start, to: moov.end) { box in
            switch box.type {
            case "mvhd":
                movie.duration = movieDuration(file, box)
            case "trak" where movie.width == nil:
                if let tkhd = first("tkhd", in: file, from: box.start, to: box.end),
                   let (width, height) = trackSize(file, tkhd), width > 0, height > 0 {
                    (movie.width, movie.height) = (width, height)
                }
            default:
                break
            }
            return true
        }
        return movie
    }

    /// The first box of `type` between `start` and `end`.
    static func first(_ type: String, in file: MediaBytes, from start: UInt64, to end: UInt64) -> Box? {
        var found: Box?
        walk(file, from: start, to: end) { box in
            if box.type == type { found = box }
            return found == nil
        }
        return found
    }

    /// Calls `visit` with each box between `start` and `end`, read from its 8- or 16-byte
    /// header, until it returns false, a header is cut short or a size does not fit its parent.
    static func walk(_ file: MediaBytes, from start: UInt64, to end: UInt64, _ visit: (Box) -> Bool) {
        var offset = start
        while offset < end, end - offset >= 8 {
            let header = file.read(at: offset, count: 16)
            guard header.count >= 8 else { return }
            let type = String(decoding: header[4..<8], as: UTF8.self)
            var size = UInt64(header.uint32BE(at: 0))
            var headerLength: UInt64 = 8
            if size == 1 {
                guard header.count == 16 else { return }
                size = header.uint64BE(at: 8)
                headerLength = 16
            } else if size == 0 {
                size = end - offset // extends to the end of its parent
            }
            guard size >= headerLength, size <= end - offset else { return }
            guard visit(Box(type: type, start: offset + headerLength, end: offset + size)) else { return }
            offset += size
        }
    }

    static func movieDuration(_ file: MediaBytes, _ box: Box) -> Double? {
        let payload = file.read(at: box.start, count: 32)
        guard let version = payload.first else { return nil }
        let timescale: UInt32, duration: UInt64
        if version == 1 {
            guard payload.count >= 32 else { return nil }
            timescale = payload.uint32BE(at: 20)
            duration = payload.uint64BE(at: 24)
        } else {
            guard payload.count >= 20 else { return nil }
            timescale = payload.uint32BE(at: 12)
            duration = UInt64(payload.uint32BE(at: 16))
        }
        guard timescale > 0, duration != UInt64.max, duration != UInt64(UInt32.max) || version == 1 else { return nil }
        return Double(duration) / Double(timescale)
    }

    static func trackSize(_ file: MediaBytes, _ box: Box) -> (Int, Int)? {
        let payload = file.read(at: box.start, count: 100)
        guard let version = payload.first else { return nil }
        let matrix = version == 1 ? 52 : 40
        let size = matrix + 36
        guard payload.count >= size + 8 else { return nil }
        let width = Int(payload.uint32BE(at: size) >> 16)
        let height = Int(payload.uint32BE(at: size + 4) >> 16)
        // Matrix a b / c d in 16.16; a = 0 with b = ±1 is a quarter turn. (Compared, not
        // `abs`ed: the absolute value of Int32.min does not exist.)
        let a = Int32(bitPattern: payload.uint32BE(at: matrix))
        let b = Int32(bitPattern: payload.uint32BE(at: matrix + 4))
        let quarterTurn = a == 0 && (b == 0x10000 || b == -0x10000)
        return quarterTurn ? (height, width) : (width, height)
    }
}
