/// Makes untrusted text (anything from the database or a file) safe to draw: control
/// characters, escape sequences and bidi overrides can never reach the terminal, and
/// every one of them is replaced by a visible placeholder so a hostile or corrupt value
/// is noticed instead of hidden.
///
/// Replaced: C0 controls, DEL, C1 controls (U+0080–U+009F), whole ESC-led sequences
/// (CSI, OSC up to BEL/ST such as OSC 52 clipboard writes and OSC 8 links, DCS, APC,
/// PM, SOS up to ST, two- and three-byte escapes) and their 8-bit forms, bidi
/// embeddings, overrides, isolates and marks (U+202A–U+202E, U+2066–U+2069, U+200E,
/// U+200F, U+061C), and the line/paragraph separators U+2028/U+2029.
///
/// Zero-width scalars that do not belong to a cluster are shown too, because a terminal
/// glues them to whatever cell was written before (tmux 3.3 even pulls the next
/// character into a cell after a ZWJ): a joiner (ZWJ, ZWNJ) or variation selector that
/// starts a cluster, a ZWJ that ends one, and VS15/VS16 after something that is not an
/// emoji become the `other` placeholder; a combining mark with no base is drawn on a
/// dotted circle (◌́), as Unicode recommends; a lone format character (ZWSP, BOM, word
/// joiner) becomes `other` instead of vanishing. Combining marks stacked beyond
/// `maxCombiningMarks` on one character (more than a terminal cell holds) become one `other`.
public enum Sanitizer {
    /// The visible stand-ins. `unicode` uses Control Pictures; `ascii` uses caret
    /// notation for terminals without a UTF-8 locale.
    public struct Placeholders: Sendable, Equatable {
        /// A whole escape sequence (ESC plus its parameters and terminator).
        public var escapeSequence: String
        /// A lone ESC.
        public var escape: String
        public var newline: String
        public var tab: String
        public var delete: String
        /// C1 controls and bidi controls.
        public var other: String
        /// C0 control `code` (0x00–0x1F).
        public var control: @Sendable (UInt32) -> String

        public static func == (a: Placeholders, b: Placeholders) -> Bool {
            a.escapeSequence == b.escapeSequence && a.escape == b.escape && a.newline == b.newline
                && a.tab == b.tab && a.delete == b.delete && a.other == b.other
        }

        public static let unicode = Placeholders(
            escapeSequence: "␛…", escape: "␛", newline: "↵", tab: "⇥", delete: "␡", other: "�",
            control: { String(Unicode.Scalar(0x2400 + $0)!) })

        public static let ascii = Placeholders(
            escapeSequence: "^[...", escape: "^[", newline: "^J", tab: "^I", delete: "^?", other: "?",
            control: { "^" + String(Unicode.Scalar(0x40 + $0)!) })
    }

    /// Tab stops used by `multiLine`.
    public static let tabWidth = 8

    /// Combining marks kept on one character. Real text stacks at most three or four (Hebrew
    /// points, Tibetan stacks); more is "Zalgo" text, and a terminal cell holds about 20 bytes.
    public static let maxCombiningMarks = 6

    /// Sanitizes text for a one-line cell: newlines and tabs are shown, not executed.
    public static func singleLine(_ s: String, placeholders: Placeholders = .unicode) -> String {
        guard needsSanitizing(s) else { return s }
        return strayParts(in: replacingControls(s, placeholders: placeholders), placeholders: placeholders)
    }

    /// What one cluster of an editor's text is drawn as: itself when safe, else its
    /// placeholders (a tab `⇥`, ESC `␛`, CR `␍`, a line break `↵`, a stray joiner `�`...).
    /// Each cluster on its own, so an escape sequence shows as `␛[31m`, one step per unit.
    public static func visible(_ character: Character, placeholders: Placeholders = .unicode) -> String {
        let s = String(character)
        return needsSanitizing(s) ? singleLine(s, placeholders: placeholders) : s
    }

    static func replacingControls(_ s: String, placeholders: Placeholders) -> String {
        var out = String.UnicodeScalarView()
        for token in tokens(s) {
            switch token {
            case .text(let scalar): out.append(scalar)
            case .newline: out.append(contentsOf: placeholders.newline.unicodeScalars)
            case .tab: out.append(contentsOf: placeholders.tab.unicodeScalars)
            case .replaced(let kind): out.append(contentsOf: placeholder(kind, placeholders).unicodeScalars)
            }
        }
        return String(out)
    }

    /// Sanitizes text for a multi-line area: splits at newlines (LF, CR LF, U+2028,
    /// U+2029) and expands tabs to the next multiple of `tabWidth` columns.
    public static func multiLine(_ s: String, placeholders: Placeholders = .unicode) -> [String] {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var column = 0
        for token in tokens(s) {
            switch token {
            case .text(let scalar):
                current.append(scalar)
                column += TextWidth.of(scalar)
            case .newline:
                lines.append(String(current))
                current = String.UnicodeScalarView()
                column = 0
            case .tab:
                let spaces = tabWidth - column % tabWidth
                current.append(contentsOf: String(repeating: " ", count: spaces).unicodeScalars)
                column += spaces
            case .replaced(let kind):
                let text = placeholder(kind, placeholders)
                current.append(contentsOf: text.unicodeScalars)
                column += displayWidth(text)
            }
        }
        lines.append(String(current))
        return lines.map { line in line.unicodeScalars.contains(where: mayBeStray) ? strayParts(in: line, placeholders: placeholders) : line }
    }

    /// True when `s` holds anything `singleLine` would replace (a fast pre-check).
    public static func needsSanitizing(_ s: String) -> Bool {
        var candidate = false
        for scalar in s.unicodeScalars {
            if isUnsafe(scalar) { return true }
            if mayBeStray(scalar) { candidate = true }
        }
        return candidate && s.contains { character in
            let scalars = Array(character.unicodeScalars)
            return scalars.indices.contains { isStray(scalars, at: $0) } || overStacked(scalars)
        }
    }

    static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.value >= 0x300 else { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Pictographs, skin tones and the presentation selector that emoji sequences are made of.
    static func isEmojiPart(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0xFE0F || (scalar.value >= 0x2000 && scalar.properties.isEmoji)
    }

    /// More combining marks in one cluster than `maxCombiningMarks`.
    static func overStacked(_ scalars: [Unicode.Scalar]) -> Bool {
        scalars.count > maxCombiningMarks && scalars.lazy.filter(isCombiningMark).count > maxCombiningMarks
    }

    /// A scalar that may be stray: a joiner, a variation selector or a zero-width mark
    /// or format character. Whether it is depends on its cluster (`strayParts`).
    static func mayBeStray(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x300 { return false }
        return isJoinerOrSelector(v) || TextWidth.isZeroWidth(scalar)
    }

    static func isJoinerOrSelector(_ v: UInt32) -> Bool {
        v == 0x200D || v == 0x200C || (0xFE00...0xFE0F).contains(v) || (0xE0100...0xE01EF).contains(v)
    }

    /// True when scalar `i` of a cluster has nothing to attach to: a zero-width scalar
    /// that starts the cluster, a ZWJ that ends it, VS15/VS16 after a non-emoji.
    static func isStray(_ scalars: [Unicode.Scalar], at i: Int) -> Bool {
        let scalar = scalars[i]
        guard mayBeStray(scalar) else { return false }
        if i == 0 { return TextWidth.of(scalar) == 0 }
        switch scalar.value {
        case 0x200D:
            // A joiner joins two emoji (👩‍💻) or makes a conjunct after a virama (Sinhala
            // ශ්‍රී, whose clusters end at the joiner); anywhere else it joins nothing.
            let previous = scalars[i - 1]
            let mark = isCombiningMark(previous) || previous.properties.generalCategory == .spacingMark
            if mark && !isJoinerOrSelector(previous.value) { return false }
            return i == scalars.count - 1 || !(isEmojiPart(previous) && isEmojiPart(scalars[i + 1]))
        case 0xFE0E, 0xFE0F: return !scalars[i - 1].properties.isEmoji
        default: return false
        }
    }

    /// Replaces, cluster by cluster, the zero-width scalars that have nothing to attach
    /// to (see the type's comment), so no cell can leak into its neighbour.
    static func strayParts(in s: String, placeholders: Placeholders) -> String {
        guard s.unicodeScalars.contains(where: mayBeStray) else { return s }
        var out = String.UnicodeScalarView()
        for character in s {
            let scalars = Array(character.unicodeScalars)
            guard scalars.contains(where: mayBeStray) else { out.append(contentsOf: character.unicodeScalars); continue }
            var marks = 0
            let limited = overStacked(scalars)
            for (i, scalar) in scalars.enumerated() {
                if limited, isCombiningMark(scalar) {
                    marks += 1
                    // One placeholder for the whole excess, however tall the stack.
                    if marks == maxCombiningMarks + 1 { out.append(contentsOf: placeholders.other.unicodeScalars) }
                    if marks > maxCombiningMarks { continue }
                }
                guard isStray(scalars, at: i) else { out.append(scalar); continue }
                let category = scalar.properties.generalCategory
                if !isJoinerOrSelector(scalar.value), category == .nonspacingMark || category == .enclosingMark {
                    out.append("\u{25CC}")      // ◌: the base a lone mark is shown on
                    out.append(scalar)
                } else {
                    out.append(contentsOf: placeholders.other.unicodeScalars)
                }
            }
        }
        return String(out)
    }

    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 || (0x7F...0x9F).contains(v) { return true }
        return isBidiControl(v) || v == 0x2028 || v == 0x2029
    }

    static func isBidiControl(_ v: UInt32) -> Bool {
        (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
    }

    enum Replaced { case escapeSequence, escape, control(UInt32), delete, other }
    enum Token { case text(Unicode.Scalar), newline, tab, replaced(Replaced) }

    static func placeholder(_ kind: Replaced, _ p: Placeholders) -> String {
        switch kind {
        case .escapeSequence: p.escapeSequence
        case .escape: p.escape
        case .control(let code): p.control(code)
        case .delete: p.delete
        case .other: p.other
        }
    }

    /// Splits `s` into safe scalars, line breaks, tabs and replaced runs.
    static func tokens(_ s: String) -> [Token] {
        let scalars = Array(s.unicodeScalars)
        var result: [Token] = []
        result.reserveCapacity(scalars.count)
        var i = 0
        while i < scalars.count {
            let v = scalars[i].value
            switch v {
            case 0x0A, 0x2028, 0x2029:
                result.append(.newline); i += 1
            case 0x0D:
                if i + 1 < scalars.count, scalars[i + 1].value == 0x0A {
                    result.append(.newline); i += 2
                } else {
                    result.append(.replaced(.control(v))); i += 1
                }
            case 0x09:
                result.append(.tab); i += 1
            case 0x1B:
                let end = endOfEscape(scalars, at: i)
                result.append(.replaced(end == i + 1 ? .escape : .escapeSequence))
                i = end
            case 0x9B, 0x9D, 0x90, 0x98, 0x9E, 0x9F:
                result.append(.replaced(.escapeSequence))
                i = endOfControlString(scalars, introducer: v, from: i + 1)
            case 0x00..<0x20:
                result.append(.replaced(.control(v))); i += 1
            case 0x7F:
                result.append(.replaced(.delete)); i += 1
            case 0x80...0x9F:
                result.append(.replaced(.other)); i += 1
            default:
                result.append(isBidiControl(v) ? .replaced(.other) : .text(scalars[i]))
                i += 1
            }
        }
        return result
    }

    /// Index just past the escape sequence that starts with ESC at `start`.
    static func endOfEscape(_ s: [Unicode.Scalar], at start: Int) -> Int {
        let next = start + 1
        guard next < s.count else { return next }
        let v = s[next].value
        switch v {
        case 0x5B: return endOfControlString(s, introducer: 0x9B, from: next + 1)          // ESC [  CSI
        case 0x5D: return endOfControlString(s, introducer: 0x9D, from: next + 1)          // ESC ]  OSC
        case 0x50, 0x58, 0x5E, 0x5F: return endOfControlString(s, introducer: 0x90, from: next + 1) // DCS SOS PM APC
        case 0x20...0x2F:
            // nF escape: intermediates, then one final byte.
            var i = next
            while i < s.count, (0x20...0x2F).contains(s[i].value) { i += 1 }
            if i < s.count, (0x30...0x7E).contains(s[i].value) { i += 1 }
            return i
        case 0x30...0x7E: return next + 1                                               // ESC 7, ESC c, ESC M ...
        default: return next                                                            // lone ESC
        }
    }

    /// Index just past a control sequence or control string whose body starts at `from`.
    /// CSI ends at its final byte (or at the first byte that cannot belong to it); OSC
    /// ends at BEL or ST; DCS, SOS, PM and APC end at ST. Unterminated strings run to
    /// the end of the text, as they would in a terminal.
    static func endOfControlString(_ s: [Unicode.Scalar], introducer: UInt32, from: Int) -> Int {
        var i = from
        if introducer == 0x9B {
            while i < s.count {
                let v = s[i].value
                if (0x40...0x7E).contains(v) { return i + 1 }
                if !(0x20...0x3F).contains(v) { return i }
                i += 1
            }
            return i
        }
        while i < s.count {
            let v = s[i].value
            if v == 0x9C { return i + 1 }
            if v == 0x07 && introducer == 0x9D { return i + 1 }
            if v == 0x1B {
                if i + 1 < s.count, s[i + 1].value == 0x5C { return i + 2 }
                return i    // a new escape starts: end the string here
            }
            i += 1
        }
        return i
    }
}
