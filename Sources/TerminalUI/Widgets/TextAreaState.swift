/// The text, cursor, scroll and undo history of a multi-line editor (`TextArea`).
///
/// The text is an array of grapheme clusters with `"\n"` between lines, so the cursor
/// steps over an emoji (ZWJ sequences and skin tones included), a CJK character or a
/// letter with combining marks as one unit. Lines are soft-wrapped at `wrapWidth`
/// display columns, at the last space when there is one; Up/Down and PgUp/PgDn move by
/// wrapped rows and keep the column the cursor had.
///
/// Keys (readline where readline has one): arrows, Ctrl-b/f/p/n; Home/End, Ctrl-a/e (start
/// and end of the line); Alt-b/f (word); PgUp/PgDn (page); Alt-< and Alt-> (start and end of
/// the text); Backspace, Delete, Ctrl-d; Ctrl-k/u (kill to end/start of the line), Ctrl-w and
/// Alt-Backspace (kill word back), Alt-d (kill word forward), Ctrl-y (yank the last kill);
/// Ctrl-_ (also sent by Ctrl-/) and Alt-u undo, Alt-r and Alt-_ redo; Enter inserts a line
/// break; a bracketed paste of any size is inserted as one undo step.
public struct TextAreaState: Equatable, Sendable {
    public private(set) var characters: [Character]
    /// Cursor position, 0...characters.count.
    public private(set) var cursor: Int
    /// First visible wrapped row.
    public var scroll = 0
    /// Columns a row may take; set by whoever knows the layout (the pane, or `TextArea`).
    public var wrapWidth: Int
    /// Rows shown at once, for PgUp/PgDn and for keeping the cursor in view.
    public var pageHeight: Int
    /// The column Up/Down aim for, kept across short rows.
    private var goalColumn: Int?
    private var undoStack: [Snapshot] = []
    private var redoStack: [Snapshot] = []
    /// What the last edit was, so consecutive typing joins one undo step.
    private var lastEdit: EditKind = .none
    private var killBuffer = ""

    /// How many undo steps are kept.
    public static let undoLimit = 200

    private struct Snapshot: Equatable, Sendable {
        let text: String
        let cursor: Int
    }

    private enum EditKind: Equatable, Sendable { case none, typing, deleting, other }

    public init(_ text: String = "", wrapWidth: Int = 60, pageHeight: Int = 10) {
        characters = Array(TextAreaState.clean(text))
        cursor = characters.count
        self.wrapWidth = max(1, wrapWidth)
        self.pageHeight = max(1, pageHeight)
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }
    public var canUndo: Bool { !undoStack.isEmpty }
    public var canRedo: Bool { !redoStack.isEmpty }

    public static func == (a: TextAreaState, b: TextAreaState) -> Bool {
        a.characters == b.characters && a.cursor == b.cursor && a.scroll == b.scroll
            && a.wrapWidth == b.wrapWidth && a.pageHeight == b.pageHeight
    }

    // MARK: Editing

    /// Applies an editing or moving key; returns false when the key is not one (the
    /// caller handles Tab, Esc, Ctrl-s...).
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        let vertical: Bool
        switch key {
        case .up, .ctrl("p"), .down, .ctrl("n"), .pageUp, .pageDown: vertical = true
        default: vertical = false
        }
        if !vertical { goalColumn = nil }
        switch key {
        case .char(let c): insert(String(c), kind: c.isWhitespace ? .other : .typing)
        case .paste(let text): insert(text, kind: .other)
        case .enter: insert("\n", kind: .other)
        case .left, .ctrl("b"): move(to: cursor - 1)
        case .right, .ctrl("f"): move(to: cursor + 1)
        case .up, .ctrl("p"): moveRows(-1)
        case .down, .ctrl("n"): moveRows(1)
        case .pageUp: moveRows(-pageHeight)
        case .pageDown: moveRows(pageHeight)
        case .home, .ctrl("a"): move(to: lineStart(cursor))
        case .end, .ctrl("e"): move(to: lineEnd(cursor))
        case .alt("<"): move(to: 0)
        case .alt(">"): move(to: characters.count)
        case .alt("b"): move(to: wordStart(before: cursor))
        case .alt("f"): move(to: wordEnd(after: cursor))
        case .backspace, .ctrl("h"):
            if cursor > 0 { replace(cursor - 1..<cursor, with: [], kind: .deleting) }
        case .delete, .ctrl("d"):
            if cursor < characters.count { replace(cursor..<cursor + 1, with: [], kind: .deleting) }
        case .ctrl("k"):
            let end = lineEnd(cursor)
            kill(cursor..<(end == cursor ? min(characters.count, end + 1) : end))
        case .ctrl("u"): kill(lineStart(cursor)..<cursor)
        case .ctrl("w"), .alt("\u{7F}"): kill(wordStart(before: cursor)..<cursor)
        case .alt("d"): kill(cursor..<wordEnd(after: cursor))
        case .ctrl("y"): insert(killBuffer, kind: .other)
        case .ctrl("_"), .alt("u"): undo()
        case .alt("r"), .alt("_"): redo()
        default: return false
        }
        keepCursorVisible()
        return true
    }

    /// Inserts text at the cursor: line breaks of any style become `"\n"`, tabs become
    /// spaces, and control characters and escape sequences become visible placeholders.
    public mutating func insert(_ text: String) { insert(text, kind: .other); keepCursorVisible() }

    /// Replaces the whole text (from `$EDITOR`, a template, a recovery file) as one undo step.
    public mutating func setText(_ text: String, cursorAtEnd: Bool = true) {
        replace(0..<characters.count, with: Array(TextAreaState.clean(text)), kind: .other)
        if !cursorAtEnd { cursor = 0 }
        scroll = 0
        keepCursorVisible()
    }

    /// Places the cursor (clamped).
    public mutating func setCursor(_ position: Int) {
        move(to: position)
        keepCursorVisible()
    }

    public mutating func undo() {
        guard let snapshot = undoStack.popLast() else { return }
        redoStack.append(Snapshot(text: text, cursor: cursor))
        restore(snapshot)
    }

    public mutating func redo() {
        guard let snapshot = redoStack.popLast() else { return }
        undoStack.append(Snapshot(text: text, cursor: cursor))
        restore(snapshot)
    }

    private mutating func restore(_ snapshot: Snapshot) {
        characters = Array(snapshot.text)
        cursor = min(snapshot.cursor, characters.count)
        lastEdit = .none
    }

    private mutating func insert(_ text: String, kind: EditKind) {
        let new = Array(TextAreaState.clean(text))
        guard !new.isEmpty else { return }
        replace(cursor..<cursor, with: new, kind: kind)
    }

    private mutating func kill(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        killBuffer = String(characters[range])
        replace(range, with: [], kind: .other)
    }

    /// The one place the text changes: records undo (joining runs of typing or deleting)
    /// and puts the cursor after the new text.
    private mutating func replace(_ range: Range<Int>, with new: [Character], kind: EditKind) {
        if kind == .other || kind != lastEdit {
            undoStack.append(Snapshot(text: text, cursor: cursor))
            if undoStack.count > TextAreaState.undoLimit { undoStack.removeFirst(undoStack.count - TextAreaState.undoLimit) }
        }
        redoStack.removeAll()
        lastEdit = kind
        characters.replaceSubrange(range, with: new)
        cursor = range.lowerBound + new.count
    }

    private mutating func move(to position: Int) {
        cursor = max(0, min(characters.count, position))
        lastEdit = .none
    }

    /// Text made safe to keep and draw, with every line break a `"\n"`.
    static func clean(_ text: String) -> String {
        var unified = text.replacing("\r\n", with: "\n")
        unified = unified.replacing("\r", with: "\n")
            .replacing("\u{2028}", with: "\n").replacing("\u{2029}", with: "\n")
            .replacing("\t", with: "    ")
        guard Sanitizer.needsSanitizing(unified.replacing("\n", with: "")) else { return unified }
        return unified.split(separator: "\n", omittingEmptySubsequences: false)
            .map { Sanitizer.singleLine(String($0)) }.joined(separator: "\n")
    }

    // MARK: Lines and words

    private func lineStart(_ position: Int) -> Int {
        var i = position
        while i > 0, characters[i - 1] != "\n" { i -= 1 }
        return i
    }

    private func lineEnd(_ position: Int) -> Int {
        var i = position
        while i < characters.count, characters[i] != "\n" { i += 1 }
        return i
    }

    private func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" || c == "#" || c == "@" }

    private func wordStart(before position: Int) -> Int {
        WordMotion.start(before: position, in: characters, isWord: isWordCharacter)
    }

    private func wordEnd(after position: Int) -> Int {
        WordMotion.end(after: position, in: characters, isWord: isWordCharacter)
    }

    // MARK: Wrapping

    /// One wrapped row: the characters `start..<end` (never including the `"\n"`).
    public struct Row: Equatable, Sendable {
        public let start: Int
        public let end: Int
        /// True for the last row of a line (the cursor may sit at `end`).
        public let endsLine: Bool
    }

    /// The text wrapped at `width` columns: at the last space of a row when it has one,
    /// else between clusters; a wide character that does not fit starts the next row.
    public func rows(width: Int? = nil) -> [Row] {
        let width = max(2, width ?? wrapWidth)
        var rows: [Row] = []
        var start = 0
        var column = 0
        var lastBreak: Int?      // index just after the last space in this row
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if c == "\n" {
                rows.append(Row(start: start, end: i, endsLine: true))
                i += 1
                start = i; column = 0; lastBreak = nil
                continue
            }
            let w = TextWidth.of(c)
            if column + w > width, c == " " {
                // A space at the edge hangs in the spare column rather than starting the next row.
                i += 1
                rows.append(Row(start: start, end: i, endsLine: false))
                start = i; column = 0; lastBreak = nil
                continue
            }
            if column + w > width, i > start {
                let cut = (lastBreak.map { $0 > start && $0 <= i } ?? false) ? lastBreak! : i
                rows.append(Row(start: start, end: cut, endsLine: false))
                start = cut
                column = characters[start..<i].reduce(0) { $0 + TextWidth.of($1) }
                lastBreak = nil
                continue
            }
            column += w
            i += 1
            if c == " " { lastBreak = i }
        }
        rows.append(Row(start: start, end: characters.count, endsLine: true))
        return rows
    }

    /// Display columns from the start of `row` to `position`.
    public func column(of position: Int, in row: Row) -> Int {
        characters[row.start..<max(row.start, min(position, row.end))].reduce(0) { $0 + TextWidth.of($1) }
    }

    /// The wrapped row and display column of the cursor. At a soft break the cursor shows
    /// at the start of the next row.
    public func cursorPosition(in rows: [Row]) -> (row: Int, column: Int) {
        let index = rowIndex(of: cursor, in: rows)
        return (index, column(of: cursor, in: rows[index]))
    }

    public var cursorPosition: (row: Int, column: Int) { cursorPosition(in: rows()) }

    private func rowIndex(of position: Int, in rows: [Row]) -> Int {
        // Binary search for the last row starting at or before `position`.
        var low = 0, high = rows.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if rows[middle].start <= position { low = middle } else { high = middle - 1 }
        }
        // At a soft break the position is both the end of one row and the start of the
        // next: the search above already picked the next, where the cursor is drawn.
        return low
    }

    private mutating func moveRows(_ delta: Int) {
        let all = rows()
        let (row, column) = cursorPosition(in: all)
        let goal = goalColumn ?? column
        let target = max(0, min(all.count - 1, row + delta))
        if target == row {
            // Past the first or last row: go to the very start or end, as editors do.
            cursor = delta < 0 ? 0 : characters.count
            goalColumn = nil
            return
        }
        let destination = all[target]
        var position = destination.start
        var used = 0
        let last = destination.endsLine ? destination.end : max(destination.start, destination.end - 1)
        while position < last {
            let w = TextWidth.of(characters[position])
            if used + w > goal { break }
            used += w
            position += 1
        }
        cursor = position
        goalColumn = goal
        lastEdit = .none
    }

    /// Scrolls the least needed to show the cursor's row.
    public mutating func keepCursorVisible() {
        let row = cursorPosition.row
        if row < scroll { scroll = row }
        if row >= scroll + pageHeight { scroll = row - pageHeight + 1 }
        scroll = max(0, scroll)
    }
}
