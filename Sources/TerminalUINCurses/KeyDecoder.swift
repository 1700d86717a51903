import TerminalUI

/// Turns raw terminal input (characters, one at a time) into `Key`s: control
/// characters, ESC-prefixed Alt keys, CSI/SS3 function-key sequences that curses did
/// not decode, and bracketed paste (`ESC [200~ … ESC [201~`). Pure, so it is tested
/// without a terminal; the curses backend feeds it.
public struct KeyDecoder: Sendable {
    private var pending: [Unicode.Scalar] = []
    private var pasted: [Unicode.Scalar]?

    public init() {}

    /// True while an escape sequence has started but not finished: the caller should
    /// wait a short moment for more input, then call `timeout()`.
    public var isIncomplete: Bool { !pending.isEmpty }
    /// True inside a bracketed paste.
    public var isPasting: Bool { pasted != nil }

    private static let pasteEnd: [Unicode.Scalar] = ["\u{1B}", "[", "2", "0", "1", "~"]

    /// Feeds one character; returns the keys it completes.
    public mutating func feed(_ scalar: Unicode.Scalar) -> [Key] {
        if pasted != nil {
            pasted!.append(scalar)
            if pasted!.count >= 6, Array(pasted!.suffix(6)) == KeyDecoder.pasteEnd {
                let text = String(String.UnicodeScalarView(pasted!.dropLast(6)))
                pasted = nil
                return [.paste(text)]
            }
            return []
        }
        if pending.isEmpty { return ground(scalar) }
        let v = scalar.value
        if pending.count == 1 {
            switch v {
            case 0x5B, 0x4F: pending.append(scalar); return []                 // ESC [  or  ESC O
            case 0x1B: return [.escape]                                           // ESC ESC: keep the second pending
            case 0x20..<0x7F, 0xA0...:
                pending = []
                return [.alt(Character(scalar))]
            default:
                pending = []
                return [.escape] + ground(scalar)
            }
        }
        if pending[1] == "O" {
            pending = []
            return KeyDecoder.ss3(scalar).map { [$0] } ?? []
        }
        // CSI: parameters and intermediates, then a final byte.
        if (0x40...0x7E).contains(v) {
            let params = String(String.UnicodeScalarView(pending.dropFirst(2)))
            pending = []
            if scalar == "~" && params == "200" {
                pasted = []
                return []
            }
            return KeyDecoder.csi(params: params, final: scalar).map { [$0] } ?? []
        }
        if (0x20...0x3F).contains(v), pending.count < 32 {
            pending.append(scalar)
            return []
        }
        // Malformed: drop the sequence and read this character afresh.
        pending = []
        return ground(scalar)
    }

    /// Input went quiet in the middle of a sequence: a lone ESC is the Escape key,
    /// `ESC [` is Alt-[, anything longer is dropped. Inside a paste this does nothing.
    public mutating func timeout() -> [Key] {
        defer { pending = [] }
        switch pending.count {
        case 0: return []
        case 1: return [.escape]
        case 2: return [.alt(Character(pending[1]))]
        default: return []
        }
    }

    /// Ends an unterminated paste with what has arrived so far.
    public mutating func finishPaste() -> [Key] {
        guard let text = pasted else { return [] }
        pasted = nil
        return [.paste(String(String.UnicodeScalarView(text)))]
    }

    private mutating func ground(_ scalar: Unicode.Scalar) -> [Key] {
        let v = scalar.value
        switch v {
        case 0x1B: pending = [scalar]; return []
        case 0x0D, 0x0A: return [.enter]
        case 0x09: return [.tab]
        case 0x7F, 0x08: return [.backspace]
        case 0x00: return [.ctrl(" ")]
        case 0x01...0x1A: return [.ctrl(Character(Unicode.Scalar(v + 0x60)!))]
        case 0x1C...0x1F: return [.ctrl(Character(Unicode.Scalar(v + 0x40)!))]
        case 0x80...0x9F: return []
        default: return [.char(Character(scalar))]
        }
    }

    static func ss3(_ final: Unicode.Scalar) -> Key? {
        switch final {
        case "A": .up
        case "B": .down
        case "C": .right
        case "D": .left
        case "H": .home
        case "F": .end
        case "M": .enter
        case "P": .function(1)
        case "Q": .function(2)
        case "R": .function(3)
        case "S": .function(4)
        default: nil
        }
    }

    static func csi(params: String, final: Unicode.Scalar) -> Key? {
        let first = Int(params.split(separator: ";").first ?? "") ?? 1
        switch final {
        case "A", "B", "C", "D", "H", "F", "P", "Q", "R", "S": return ss3(final)
        case "Z": return .backTab
        case "~":
            switch first {
            case 1, 7: return .home
            case 3: return .delete
            case 4, 8: return .end
            case 5: return .pageUp
            case 6: return .pageDown
            case 11...15: return .function(first - 10)
            case 17...21: return .function(first - 11)
            case 23, 24: return .function(first - 12)
            default: return nil
            }
        default: return nil
        }
    }
}
