/// A key press (or a paste, or a resize) as the application sees it, independent of
/// the terminal's encoding. `description` is the name shown in the help overlay and
/// key docs, and `Key(parsing:)` reads the same text back, so key tables can be data.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    case char(Character)
    /// Control plus a letter or symbol, lower-cased: `.ctrl("u")`.
    case ctrl(Character)
    /// Alt (Meta) plus a character, sent by terminals as ESC followed by it.
    case alt(Character)
    case enter, escape, tab, backTab, backspace, delete
    case up, down, left, right, home, end, pageUp, pageDown
    case function(Int)
    /// Text pasted with bracketed paste, raw (sanitize it before drawing).
    case paste(String)
    /// The terminal changed size.
    case resize

    private static let names: [(Key, String)] = [
        (.enter, "Enter"), (.escape, "Esc"), (.tab, "Tab"), (.backTab, "Shift-Tab"),
        (.backspace, "Backspace"), (.delete, "Delete"), (.up, "Up"), (.down, "Down"),
        (.left, "Left"), (.right, "Right"), (.home, "Home"), (.end, "End"),
        (.pageUp, "PgUp"), (.pageDown, "PgDn"), (.resize, "Resize"),
    ]

    private static let aliases: [String: Key] = [
        "return": .enter, "escape": .escape, "backtab": .backTab, "del": .delete,
        "pageup": .pageUp, "pagedown": .pageDown, "bs": .backspace,
    ]

    public var description: String {
        switch self {
        case .char(let c): Key.characterName(c)
        case .ctrl(let c): "Ctrl-" + Key.characterName(c)
        case .alt(let c): "Alt-" + Key.characterName(c)
        case .function(let n): "F\(n)"
        case .paste: "Paste"
        default: Key.names.first { $0.0 == self }?.1 ?? "?"
        }
    }

    private static func characterName(_ c: Character) -> String {
        c == " " ? "Space" : String(c)
    }

    /// Reads a key name as written by `description` ("Ctrl-d", "Shift-Tab", "Enter",
    /// "?", "Space", "F5", "Alt-b"). Names are case-insensitive except single characters;
    /// `C-` and `M-` are accepted for Ctrl and Alt. Returns nil for anything else.
    public init?(parsing text: String) {
        if text.count == 1, let c = text.first {
            self = .char(c)
            return
        }
        let lower = text.lowercased()
        if lower == "space" { self = .char(" "); return }
        for (prefix, make) in [("ctrl-", Key.ctrl), ("c-", Key.ctrl), ("alt-", Key.alt), ("m-", Key.alt)]
        where lower.hasPrefix(prefix) && text.count > prefix.count {
            let rest = String(text.dropFirst(prefix.count))
            guard let c = Key.parseCharacter(rest) else { return nil }
            self = make(prefix.hasPrefix("c") ? Character(c.lowercased()) : c)
            return
        }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...63).contains(n) {
            self = .function(n)
            return
        }
        if let named = Key.names.first(where: { $0.1.lowercased() == lower })?.0 ?? Key.aliases[lower] {
            self = named
            return
        }
        return nil
    }

    private static func parseCharacter(_ text: String) -> Character? {
        if text.lowercased() == "space" { return " " }
        return text.count == 1 ? text.first : nil
    }
}
