/// How a network measures text length. Networks publish limits in "characters" without
/// always saying which; see docs/RULES.md for the choice per network. Never bytes.
public enum TextCounting: String, Sendable, Hashable, CaseIterable {
    /// UTF-16 code units, as JavaScript and Java count: most emoji count 2, a ZWJ family
    /// 11, a CJK ideograph 1. TikTok documents this; it is the stricter reading for the others.
    case utf16
    /// Unicode scalar values (code points): an emoji with a skin tone counts 2.
    case scalars
    /// Grapheme clusters, what a reader sees as one character: any emoji counts 1.
    case graphemes

    public func length(of text: String) -> Int {
        switch self {
        case .utf16: text.utf16.count
        case .scalars: text.unicodeScalars.count
        case .graphemes: text.count
        }
    }
}
