/// The text a post may hold. The database stores text exactly, but it cannot hold a NUL
/// byte, and libpq would cut a parameter at one; invalid UTF-8 would be altered on the way
/// in. Both are refused with the byte offset, never cut or repaired.
public enum PostText {
    /// More than any network takes (the largest, Facebook, takes 63,206 characters), and
    /// small enough for the editor to stay fast.
    public static let characterLimit = 100_000

    /// Reads bytes from a file, standard input or the command line as post text.
    public static func decode(_ bytes: [UInt8]) throws(PostTextError) -> String {
        if let offset = bytes.firstIndex(of: 0) { throw .nul(field: nil, byteOffset: offset) }
        if let offset = firstInvalidUTF8(in: bytes) { throw .invalidUTF8(byteOffset: offset) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// What is wrong with `text` as the value of `field`, if anything.
    public static func problem(in text: String, field: PostTextField) -> PostTextError? {
        if let offset = text.utf8.firstIndex(of: 0) {
            return .nul(field: field, byteOffset: text.utf8.distance(from: text.utf8.startIndex, to: offset))
        }
        // Bytes bound characters from above: most texts are decided without counting.
        guard text.utf8.count > characterLimit else { return nil }
        var count = 0
        for _ in text {
            count += 1
            if count > characterLimit { return .tooLong(field: field, characters: text.count, limit: characterLimit) }
        }
        return nil
    }

    /// The offset of the first byte that does not begin or continue a valid UTF-8 sequence.
    static func firstInvalidUTF8(in bytes: [UInt8]) -> Int? {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch lead {
            case 0x00...0x7F: index += 1; continue
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return index
            }
            for step in 1..<length {
                guard index + step < bytes.count else { return index }
                let byte = bytes[index + step]
                let (min, max): (UInt8, UInt8) = step == 1 ? (low, high) : (0x80, 0xBF)
                guard byte >= min && byte <= max else { return index }
            }
            index += length
        }
        return nil
    }
}

/// Why a text cannot be stored.
public enum PostTextError: Error, Hashable, Sendable, CustomStringConvertible {
    case nul(field: PostTextField?, byteOffset: Int)
    case invalidUTF8(byteOffset: Int)
    case tooLong(field: PostTextField, characters: Int, limit: Int)

    public var description: String {
        switch self {
        case .nul(let field, let offset):
            "\(field.map { "\($0) has" } ?? "the text has") a NUL byte at byte \(offset); the database cannot store it (remove it)"
        case .invalidUTF8(let offset):
            "the text is not valid UTF-8 at byte \(offset); save the file as UTF-8"
        case .tooLong(let field, let characters, let limit):
            "\(field) is \(MetricFormat.grouped(characters)) characters; postdeck stores at most \(MetricFormat.grouped(limit))"
        }
    }
}
