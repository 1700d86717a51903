/// Display width of text in terminal columns, measured per grapheme cluster the way
/// modern terminals draw it: East Asian wide/fullwidth characters and emoji take two
/// columns, combining marks and other zero-width characters add nothing to their base.
///
/// Terminals disagree about clusters built from several scalars (a flag, a skin tone, a
/// ZWJ sequence, a text symbol with VS16): tmux 3.3, VTE and xterm add up the scalars,
/// grapheme-aware terminals (kitty, WezTerm, foot, Ghostty, tmux 3.4+ for VS16) draw the
/// cluster in two columns. `rules` says which; the curses backend measures the terminal
/// at start-up and sets it, so the layout agrees with what the terminal draws.
public enum TextWidth {
    /// How the terminal measures clusters of several scalars. Set once by the terminal
    /// backend before the first frame (`NCursesBackend` probes the terminal); `.unicode`
    /// elsewhere (memory backend, command-line output).
    ///
    /// `nonisolated(unsafe)` because it is written once, on the UI thread, before any
    /// frame is drawn or any editor state is made, and only read after that; tests never
    /// write it (they pass rules explicitly to `of(_:rules:)`).
    nonisolated(unsafe) public static var rules = ClusterWidths.unicode

    /// Columns taken by one grapheme cluster under the current `rules`.
    public static func of(_ character: Character) -> Int {
        // Most clusters are one scalar, whose width no rule changes (but a lone regional indicator's).
        let scalars = character.unicodeScalars
        if let first = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex,
           !(0x1F1E6...0x1F1FF).contains(first.value) {
            return of(first)
        }
        return of(character, rules: rules)
    }

    /// Columns taken by one grapheme cluster under `rules`.
    public static func of(_ character: Character, rules: ClusterWidths) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.index(after: scalars.startIndex) == scalars.endIndex {
            if (0x1F1E6...0x1F1FF).contains(first.value), rules != .unicode { return rules.regionalIndicatorWidth }
            return of(first)
        }
        if rules == .unicode { return unicodeWidth(scalars, first: first) }
        return scalarSum(scalars, rules: rules)
    }

    /// The Unicode (UTS #51 / grapheme-aware terminal) width: emoji presentation (VS16)
    /// 2, text presentation (VS15) 1, flags 2, ZWJ and modifier sequences 2, CJK 2,
    /// combining marks 0 extra.
    static func unicodeWidth(_ scalars: Character.UnicodeScalarView, first: Unicode.Scalar) -> Int {
        var regionalIndicators = 0
        var hasEmoji = false
        var hasVS16 = false, hasVS15 = false, hasZWJ = false, hasModifier = false
        for scalar in scalars {
            let v = scalar.value
            if (0x1F1E6...0x1F1FF).contains(v) { regionalIndicators += 1 }
            if v == 0xFE0F { hasVS16 = true }
            if v == 0xFE0E { hasVS15 = true }
            if v == 0x200D { hasZWJ = true }
            if (0x1F3FB...0x1F3FF).contains(v) { hasModifier = true }
            if scalar.properties.isEmoji && v > 0xFF { hasEmoji = true }
        }
        let base = of(first)
        if regionalIndicators >= 2 { return 2 }
        // Emoji presentation forced by VS16 (including keycaps such as 1️⃣).
        if hasVS16 && (first.properties.isEmoji || hasEmoji) { return 2 }
        if hasVS15 && base == 2 && first.properties.isEmojiPresentation { return 1 }
        if (hasZWJ || hasModifier) && hasEmoji { return 2 }
        if base == 0 {
            // A cluster that starts with a zero-width scalar (a prepended mark, a lone
            // joiner) takes the width of the widest scalar in it.
            return scalars.map(of).max() ?? 0
        }
        return base
    }

    /// The width a terminal that adds up scalars gives a cluster: each scalar its own
    /// width (a regional indicator 1), zero-width scalars nothing, VS16 widening a
    /// narrow emoji only when `rules` says so, a modifier nothing when modifiers join,
    /// and the scalar after a ZWJ nothing when joiners join (tmux 3.3 does that).
    static func scalarSum(_ scalars: Character.UnicodeScalarView, rules: ClusterWidths) -> Int {
        var total = 0
        var previous: Unicode.Scalar?
        var afterJoiner = false
        for scalar in scalars {
            let v = scalar.value
            defer { previous = scalar }
            if v == 0x200D { afterJoiner = true; continue }
            if afterJoiner { afterJoiner = false; if rules.joinerJoins { continue } }
            if v == 0xFE0F {
                if rules.selectorWidens, let previous, previous.properties.isEmoji, of(previous) == 1 { total += 1 }
                continue
            }
            if (0x1F3FB...0x1F3FF).contains(v), rules.modifierJoins, previous?.properties.isEmojiModifierBase == true { continue }
            total += (0x1F1E6...0x1F1FF).contains(v) ? rules.regionalIndicatorWidth : of(scalar)
        }
        return total
    }

    /// Columns taken by a single scalar on its own.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (0x7F...0x9F).contains(v) { return 0 }
        if v < 0x300 { return 1 }
        if isZeroWidth(scalar) { return 0 }
        if isWide(v) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) { return true } // Hangul medial/final jamo
        if v == 0x200B { return true }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return false
        }
    }

    /// East Asian Wide and Fullwidth ranges (Unicode 15), plus the emoji blocks whose
    /// scalars default to emoji presentation.
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0,
        0x23F3...0x23F3, 0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F,
        0x2693...0x2693, 0x26A1...0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5,
        0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA, 0x26F2...0x26F3, 0x26F5...0x26F5,
        0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728,
        0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF,
        0x1AFF0...0x1B2FF, 0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E,
        0x1F191...0x1F19A, 0x1F200...0x1F202, 0x1F210...0x1F23B, 0x1F240...0x1F248,
        0x1F250...0x1F251, 0x1F260...0x1F265, 0x1F300...0x1F320, 0x1F32D...0x1F335,
        0x1F337...0x1F37C, 0x1F37E...0x1F393, 0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3,
        0x1F3E0...0x1F3F0, 0x1F3F4...0x1F3F4, 0x1F3F8...0x1F43E, 0x1F440...0x1F440,
        0x1F442...0x1F4FC, 0x1F4FF...0x1F53D, 0x1F54B...0x1F54E, 0x1F550...0x1F567,
        0x1F57A...0x1F57A, 0x1F595...0x1F596, 0x1F5A4...0x1F5A4, 0x1F5FB...0x1F64F,
        0x1F680...0x1F6C5, 0x1F6CC...0x1F6CC, 0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6D7,
        0x1F6DC...0x1F6DF, 0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC, 0x1F7E0...0x1F7EB,
        0x1F7F0...0x1F7F0, 0x1F90C...0x1F93A, 0x1F93C...0x1F945, 0x1F947...0x1F9FF,
        0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    static func isWide(_ v: UInt32) -> Bool {
        guard v >= 0x1100 else { return false }
        var lo = 0, hi = wideRanges.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let range = wideRanges[mid]
            if v < range.lowerBound { hi = mid - 1 } else if v > range.upperBound { lo = mid + 1 } else { return true }
        }
        return false
    }

    /// Cuts `text` to at most `width` columns, ending with `ellipsis` when anything was
    /// cut. Never splits a grapheme cluster; when even the ellipsis does not fit, as
    /// much of the ellipsis as fits is returned.
    public static func truncate(_ text: String, toWidth width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if displayWidth(text) <= width { return text }
        let ellipsisWidth = displayWidth(ellipsis)
        if ellipsisWidth > width { return prefix(ellipsis, width: width) }
        return prefix(text, width: width - ellipsisWidth) + ellipsis
    }

    /// The longest prefix of whole clusters that fits in `width` columns.
    public static func prefix(_ text: String, width: Int) -> String {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let w = of(text[index])
            if used + w > width { break }
            used += w
            end = text.index(after: index)
        }
        return String(text[..<end])
    }

    /// The longest suffix of whole clusters that fits in `width` columns.
    public static func suffix(_ text: String, width: Int) -> String {
        var used = 0
        var start = text.endIndex
        while start > text.startIndex {
            let prev = text.index(before: start)
            let w = of(text[prev])
            if used + w > width { break }
            used += w
            start = prev
        }
        return String(text[start...])
    }
}

/// Display width of `s` in terminal columns (sum of its grapheme clusters' widths).
public func displayWidth(_ s: String) -> Int {
    var total = 0
    for character in s { total += TextWidth.of(character) }
    return total
}

/// `TextWidth.truncate`, as a free function for brevity at call sites.
public func truncate(_ text: String, toWidth width: Int, ellipsis: String = "…") -> String {
    TextWidth.truncate(text, toWidth: width, ellipsis: ellipsis)
}

/// How a terminal measures grapheme clusters made of several scalars. `unicode` is the
/// grapheme-aware rule set (a flag, a skin tone, a ZWJ sequence and an emoji with VS16
/// each take two columns); a terminal that adds up scalars is described by turning
/// the joins off. Probed per terminal by `NCursesBackend`.
public struct ClusterWidths: Sendable, Hashable, CustomStringConvertible {
    /// VS16 turns a text-default symbol (✍, ❤) into a two-column emoji.
    public var selectorWidens: Bool
    /// A skin-tone modifier joins its base instead of taking two columns of its own.
    public var modifierJoins: Bool
    /// A ZWJ glues the next scalar into the same glyph.
    public var joinerJoins: Bool
    /// Columns of one regional indicator in a terminal that adds up scalars.
    public var regionalIndicatorWidth: Int

    public init(selectorWidens: Bool, modifierJoins: Bool, joinerJoins: Bool, regionalIndicatorWidth: Int = 1) {
        self.selectorWidens = selectorWidens
        self.modifierJoins = modifierJoins
        self.joinerJoins = joinerJoins
        self.regionalIndicatorWidth = regionalIndicatorWidth
    }

    /// Whole grapheme clusters (UTS #51): what modern terminals draw.
    public static let unicode = ClusterWidths(selectorWidens: true, modifierJoins: true, joinerJoins: true, regionalIndicatorWidth: 1)

    /// tmux 3.3 (measured on this machine): scalars add up, VS16 does not widen, a
    /// modifier takes its own two columns, and the scalar after a ZWJ joins.
    public static let tmux33 = ClusterWidths(selectorWidens: false, modifierJoins: false, joinerJoins: true)

    /// xterm and VTE: every scalar adds its own width.
    public static let scalars = ClusterWidths(selectorWidens: false, modifierJoins: false, joinerJoins: false)

    public var description: String {
        switch self {
        case .unicode: "unicode"
        case .tmux33: "tmux33"
        case .scalars: "scalars"
        default: "selectorWidens=\(selectorWidens) modifierJoins=\(modifierJoins) joinerJoins=\(joinerJoins) regionalIndicatorWidth=\(regionalIndicatorWidth)"
        }
    }
}
