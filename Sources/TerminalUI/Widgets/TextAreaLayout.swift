/// The per-cluster numbers `TextAreaState` keeps instead of `Character`s, and the word
/// wrap computed from them.
extension TextAreaState {
    /// One cluster's display columns (its placeholder's, for a control) and kind.
    struct Unit: Equatable, Sendable {
        enum Kind: UInt8, Sendable { case text, space, lineBreak }
        var utf8Count: Int32
        var width: UInt8
        var kind: Kind
        /// Drawn as itself (nothing to replace by a placeholder).
        var plain: Bool
        /// Starts with a regional indicator (half of a flag, or a flag).
        var regional: Bool = false
    }

    /// Measures one cluster as the editor draws it.
    static func unit(_ character: Character) -> Unit {
        let scalars = character.unicodeScalars
        let utf8 = Int32(character.utf8.count)
        if scalars.last == "\n" {
            // A line break; CR LF shows its CR as `␍` at the end of the line.
            return Unit(utf8Count: utf8, width: scalars.count > 1 ? 1 : 0, kind: .lineBreak, plain: scalars.count == 1)
        }
        if scalars.count == 1 && scalars.first == " " { return Unit(utf8Count: utf8, width: 1, kind: .space, plain: true) }
        let regional = (0x1F1E6...0x1F1FF).contains(scalars.first!.value)
        let own = String(character)
        guard Sanitizer.needsSanitizing(own) else {
            return Unit(utf8Count: utf8, width: UInt8(clamping: TextWidth.of(character)), kind: .text, plain: true, regional: regional)
        }
        let visible = Sanitizer.singleLine(own)
        let plain = visible.utf8.elementsEqual(own.utf8)
        return Unit(utf8Count: utf8, width: UInt8(clamping: displayWidth(visible)), kind: .text, plain: plain, regional: regional)
    }

    /// One wrapped row: the clusters `start..<end` (never including the line break).
    public struct Row: Equatable, Sendable {
        public let start: Int
        public let end: Int
        /// True for the last row of a line (the cursor may sit at `end`).
        public let endsLine: Bool
        /// UTF-8 offset of `start` in the text.
        public let offset: Int
    }

    /// The text wrapped at `width` columns: at the last space of a row when it has one,
    /// else between clusters; a wide cluster that does not fit starts the next row.
    static func wrap(_ units: [Unit], width: Int) -> [Row] {
        let width = max(2, width)
        var rows: [Row] = []
        rows.reserveCapacity(units.count / max(1, width / 2) + 1)
        var start = 0, startOffset = 0
        var column = 0
        var offset = 0          // UTF-8 offset of cluster i
        var lastBreak = -1      // index just after the last space in this row
        var lastBreakOffset = 0
        var i = 0
        let count = units.count
        units.withUnsafeBufferPointer { units in
            while i < count {
                let unit = units[i]
                if unit.kind == .lineBreak {
                    rows.append(Row(start: start, end: i, endsLine: true, offset: startOffset))
                    offset += Int(unit.utf8Count)
                    i += 1
                    start = i; startOffset = offset; column = 0; lastBreak = -1
                    continue
                }
                let w = Int(unit.width)
                if column + w > width, unit.kind == .space {
                    // A space at the edge hangs in the spare column rather than starting the next row.
                    offset += Int(unit.utf8Count)
                    i += 1
                    rows.append(Row(start: start, end: i, endsLine: false, offset: startOffset))
                    start = i; startOffset = offset; column = 0; lastBreak = -1
                    continue
                }
                if column + w > width, i > start {
                    let breakAtSpace = lastBreak > start && lastBreak <= i
                    let cut = breakAtSpace ? lastBreak : i
                    rows.append(Row(start: start, end: cut, endsLine: false, offset: startOffset))
                    start = cut
                    startOffset = breakAtSpace ? lastBreakOffset : offset
                    column = 0
                    for j in start..<i { column += Int(units[j].width) }
                    lastBreak = -1
                    continue
                }
                column += w
                offset += Int(unit.utf8Count)
                i += 1
                if unit.kind == .space { lastBreak = i; lastBreakOffset = offset }
            }
        }
        rows.append(Row(start: start, end: count, endsLine: true, offset: startOffset))
        return rows
    }
}
