import FoundationEssentials

/// JSON to and from untyped Swift values — `[String: Any]`, `[Any]`, `String`, `Bool`, `Int`,
/// `Double`, and `JSONAny.null` — for the few places whose JSON has no fixed shape, instead
/// of `JSONSerialization`, which lives in the full Foundation library (one use links all of
/// it, and ICU, into the release binary: see Text+Essentials.swift).
public enum JSONAny {
    /// JSON's `null` when parsed; `nil` and `NSNull`-like absent values serialize as `null` too.
    public struct Null: Sendable, Equatable {}
    public static let null = Null()

    /// The value as compact JSON with object keys sorted (so the same value always gives
    /// the same text).
    public static func serialize(_ value: Any?) -> String {
        var out = ""
        write(value, to: &out)
        return out
    }

    private static func write(_ value: Any?, to out: inout String) {
        switch value {
        case nil, is Null: out += "null"
        case let flag as Bool: out += flag ? "true" : "false"
        case let number as Int: out += String(number)
        case let number as Int64: out += String(number)
        case let number as Int32: out += String(number)
        case let number as Double: out += number.isFinite ? (number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : "\(number)") : "null"
        case let text as String: writeString(text, to: &out)
        case let text as Substring: writeString(String(text), to: &out)
        case let object as [String: Any]:
            out += "{"
            for (index, key) in object.keys.sorted().enumerated() {
                if index > 0 { out += "," }
                writeString(key, to: &out)
                out += ":"
                write(object[key] ?? nil, to: &out)
            }
            out += "}"
        case let array as [Any]:
            out += "["
            for (index, element) in array.enumerated() {
                if index > 0 { out += "," }
                write(element, to: &out)
            }
            out += "]"
        default: writeString(String(describing: value!), to: &out)
        }
    }

    private static func writeString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// The value a JSON text holds, or nil when it is not JSON.
    public static func parse(_ text: String) -> Any? {
        var parser = Parser(bytes: Array(text.utf8))
        guard let value = parser.value() else { return nil }
        parser.skipSpace()
        return parser.position == parser.bytes.count ? value : nil
    }

    /// A JSON number as an integer (a whole `Double` too).
    public static func int(_ value: Any?) -> Int? {
        if let number = value as? Int { return number }
        if let number = value as? Double, number == number.rounded(), abs(number) < 9e18 { return Int(number) }
        return nil
    }

    private struct Parser {
        let bytes: [UInt8]
        var position = 0

        mutating func skipSpace() {
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }

        mutating func literal(_ word: String) -> Bool {
            let expected = Array(word.utf8)
            guard position + expected.count <= bytes.count, Array(bytes[position..<position + expected.count]) == expected else { return false }
            position += expected.count
            return true
        }

        mutating func value() -> Any? {
            skipSpace()
            guard position < bytes.count else { return nil }
            switch bytes[position] {
            case UInt8(ascii: "{"): return object()
            case UInt8(ascii: "["): return array()
            case UInt8(ascii: "\""): return string()
            case UInt8(ascii: "t"): return literal("true") ? true : nil
            case UInt8(ascii: "f"): return literal("false") ? false : nil
            case UInt8(ascii: "n"): return literal("null") ? JSONAny.null : nil
            default: return number()
            }
        }

        mutating func object() -> [String: Any]? {
            position += 1
            var result: [String: Any] = [:]
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") { position += 1; return result }
            while true {
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\""), let key = string() else { return nil }
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { return nil }
                position += 1
                guard let element = value() else { return nil }
                result[key] = element
                skipSpace()
                guard position < bytes.count else { return nil }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                if bytes[position] == UInt8(ascii: "}") { position += 1; return result }
                return nil
            }
        }

        mutating func array() -> [Any]? {
            position += 1
            var result: [Any] = []
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") { position += 1; return result }
            while true {
                guard let element = value() else { return nil }
                result.append(element)
                skipSpace()
                guard position < bytes.count else { return nil }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                if bytes[position] == UInt8(ascii: "]") { position += 1; return result }
                return nil
            }
        }

        mutating func string() -> String? {
            position += 1
            var scalars = String.UnicodeScalarView()
            var pendingHigh: UInt32?
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    position += 1
                    return String(scalars)
                }
                if byte == UInt8(ascii: "\\") {
                    guard position + 1 < bytes.count else { return nil }
                    let escaped = bytes[position + 1]
                    position += 2
                    switch escaped {
                    case UInt8(ascii: "\""): scalars.append("\"")
                    case UInt8(ascii: "\\"): scalars.append("\\")
                    case UInt8(ascii: "/"): scalars.append("/")
                    case UInt8(ascii: "b"): scalars.append("\u{08}")
                    case UInt8(ascii: "f"): scalars.append("\u{0C}")
                    case UInt8(ascii: "n"): scalars.append("\n")
                    case UInt8(ascii: "r"): scalars.append("\r")
                    case UInt8(ascii: "t"): scalars.append("\t")
                    case UInt8(ascii: "u"):
                        guard position + 4 <= bytes.count,
                              let code = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16) else { return nil }
                        position += 4
                        if (0xD800...0xDBFF).contains(code) { pendingHigh = code; continue }
                        if (0xDC00...0xDFFF).contains(code), let high = pendingHigh {
                            pendingHigh = nil
                            scalars.append(Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)) ?? "\u{FFFD}")
                            continue
                        }
                        scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                    default: return nil
                    }
                    pendingHigh = nil
                    continue
                }
                // A run of plain UTF-8 up to the next quote or backslash.
                let start = position
                while position < bytes.count, bytes[position] != UInt8(ascii: "\""), bytes[position] != UInt8(ascii: "\\") { position += 1 }
                scalars.append(contentsOf: String(decoding: bytes[start..<position], as: UTF8.self).unicodeScalars)
            }
            return nil
        }

        mutating func number() -> Any? {
            let start = position
            while position < bytes.count, "+-0123456789.eE".utf8.contains(bytes[position]) { position += 1 }
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            if let whole = Int(text) { return whole }
            return Double(text)
        }
    }
}
