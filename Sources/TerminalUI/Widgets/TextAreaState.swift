/// The text, cursor, scroll and undo history of a multi-line editor (`TextArea`).
///
/// The text is kept exactly as it was given or typed, byte for byte: control characters,
/// tabs, CR, bidi controls and joiners stay in `text`; only drawing shows them as
/// placeholders (`Sanitizer.visible`). The cursor moves over grapheme clusters, so an
/// emoji (ZWJ sequences and skin tones included), a CJK character, a letter with
/// combining marks, a control character or a CR LF is one step. A line ends at LF or
/// CR LF (the CR shown as `␍`); a lone CR is a visible character, not a line break.
/// Lines are soft-wrapped at `wrapWidth` display columns, at the last space when there
/// is one; Up/Down and PgUp/PgDn move by wrapped rows and keep the column the cursor had.
///
/// Built for long texts (a post may have 100,000 characters): the state holds the text
/// and, per cluster, small numbers (width, kind, UTF-8 length) measured once when the
/// cluster is inserted, never an array of `Character`s, so the copy the composer makes on
/// each key is two memcpys; the wrapped rows are recomputed from those numbers after each
/// edit; undo records the edits, not copies of the text.
///
/// Keys (readline where readline has one): arrows, Ctrl-b/f/p/n; Home/End, Ctrl-a/e (start
/// and end of the line); Alt-b/f (word); PgUp/PgDn (page); Alt-< and Alt-> (start and end of
/// the text); Backspace, Delete, Ctrl-d; Ctrl-k/u (kill to end/start of the line), Ctrl-w and
/// Alt-Backspace (kill word back), Alt-d (kill word forward), Ctrl-y (yank the last kill);
/// Ctrl-_ (also sent by Ctrl-/) and Alt-u undo, Alt-r and Alt-_ redo; Enter inserts "\n";
/// a bracketed paste of any size is inserted as one undo step (`PastedText`).
public struct TextAreaState: Equatable, Sendable {
    /// The text, exactly as given, loaded, typed or pasted.
    public private(set) var text: String
    /// Width, kind and UTF-8 length of each grapheme cluster of `text` (the cursor's
    /// units). Plain numbers, so copying the state (as the composer does on every key)
    /// copies no strings but `text`.
    private var units: [Unit]
    /// Cursor position in clusters, 0...units.count.
    public private(set) var cursor: Int
    /// First visible wrapped row.
    public var scroll = 0
    /// Columns a row may take; set by whoever knows the layout (the pane, or `TextArea`).
    public var wrapWidth: Int {
        didSet {
            wrapWidth = max(1, wrapWidth)
            if wrapWidth != oldValue { rewrap() }
        }
    }
    /// Rows shown at once, for PgUp/PgDn and for keeping the cursor in view.
    public var pageHeight: Int
    /// The column Up/Down aim for, kept across short rows.
    private var goalColumn: Int?
    /// The text wrapped at `wrapWidth`, kept current by every change.
    private var wrapped: [Row] = []
    /// The width rules `units` were measured with (`TextWidth.rules`).
    private var measuredWith: ClusterWidths
    private var undoStack: [[Edit]] = []
    private var redoStack: [[Edit]] = []
    /// What the last edit was, so consecutive typing joins one undo step.
    private var lastEdit: EditKind = .none
    private var killBuffer = ""

    /// How many undo steps are kept.
    public static let undoLimit = 200

    /// A change of the text at a UTF-8 offset, with what it replaced, for undo and redo.
    private struct Edit: Equatable, Sendable {
        let offset: Int
        let removed: String
        let inserted: String
        let cursorBefore: Int
    }

    private enum EditKind: Equatable, Sendable { case none, typing, deleting, other }

    public init(_ text: String = "", wrapWidth: Int = 60, pageHeight: Int = 10) {
        self.text = text
        measuredWith = TextWidth.rules
        units = text.map(TextAreaState.unit)
        cursor = units.count
        self.wrapWidth = max(1, wrapWidth)
        self.pageHeight = max(1, pageHeight)
        rewrap()
    }

    public var isEmpty: Bool { units.isEmpty }
    /// Number of grapheme clusters (cursor positions are 0...count).
    public var count: Int { units.count }

    /// The grapheme clusters of `text`, built on demand (O(n); the editor itself never
    /// needs the array).
    public var characters: [Character] { Array(text) }

    /// The text of clusters `range`.
    public func text(of range: Range<Int>) -> Substring {
        let start = utf8Offset(of: range.lowerBound)
        var end = start
        for i in range { end += Int(units[i].utf8Count) }
        let utf8 = text.utf8
        let from = utf8.index(utf8.startIndex, offsetBy: start)
        return text[from..<utf8.index(from, offsetBy: end - start)]
    }

    /// Cluster `index`.
    public func character(at index: Int) -> Character { text(of: index..<index + 1).first! }
    public var canUndo: Bool { !undoStack.isEmpty }
    public var canRedo: Bool { !redoStack.isEmpty }

    public static func == (a: TextAreaState, b: TextAreaState) -> Bool {
        a.text.utf8.elementsEqual(b.text.utf8) && a.cursor == b.cursor && a.scroll == b.scroll
            && a.wrapWidth == b.wrapWidth && a.pageHeight == b.pageHeight
    }

    // MARK: Editing

    /// Applies an editing or moving key; returns false when the key is not one (the
    /// caller handles Tab, Esc, Ctrl-s...).
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        remeasureIfRulesChanged()
        let vertical: Bool
        switch key {
        case .up, .ctrl("p"), .down, .ctrl("n"), .pageUp, .pageDown: vertical = true
        default: vertical = false
        }
        if !vertical { goalColumn = nil }
        switch key {
        case .char(let c): insert(String(c), kind: c.isWhitespace ? .other : .typing)
        case .paste(let text): insert(PastedText.normalized(text), kind: .other)
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
        case .alt(">"): move(to: units.count)
        case .alt("b"): move(to: wordStart(before: cursor))
        case .alt("f"): move(to: wordEnd(after: cursor))
        case .backspace, .ctrl("h"):
            if cursor > 0 { replace(cursor - 1..<cursor, with: "", kind: .deleting) }
        case .delete, .ctrl("d"):
            if cursor < units.count { replace(cursor..<cursor + 1, with: "", kind: .deleting) }
        case .ctrl("k"):
            let end = lineEnd(cursor)
            kill(cursor..<(end == cursor ? min(units.count, end + 1) : end))
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

    /// Inserts text at the cursor, exactly as given.
    public mutating func insert(_ text: String) { insert(text, kind: .other); keepCursorVisible() }

    /// Replaces the whole text (from `$EDITOR`, a template, a recovery file) as one undo
    /// step, exactly as given.
    public mutating func setText(_ text: String, cursorAtEnd: Bool = true) {
        replace(0..<units.count, with: text, kind: .other)
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
        guard let step = undoStack.popLast() else { return }
        for edit in step.reversed() {
            splice(at: edit.offset, removing: edit.inserted.utf8.count, inserting: edit.removed)
        }
        cursor = unitIndex(atOffset: step.first!.cursorBefore)
        redoStack.append(step)
        lastEdit = .none
    }

    public mutating func redo() {
        guard let step = redoStack.popLast() else { return }
        var end = 0
        for edit in step {
            end = splice(at: edit.offset, removing: edit.removed.utf8.count, inserting: edit.inserted)
        }
        cursor = end
        undoStack.append(step)
        lastEdit = .none
    }

    private mutating func insert(_ text: String, kind: EditKind) {
        guard !text.isEmpty else { return }
        replace(cursor..<cursor, with: text, kind: kind)
    }

    private mutating func kill(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        killBuffer = String(text(of: range))
        replace(range, with: "", kind: .other)
    }

    /// The one place an edit starts: records undo (joining runs of typing or deleting)
    /// and puts the cursor after the new text.
    private mutating func replace(_ range: Range<Int>, with new: String, kind: EditKind) {
        let offset = utf8Offset(of: range.lowerBound)
        let removed = String(text(of: range))
        guard !(removed.isEmpty && new.isEmpty) else { return }
        let edit = Edit(offset: offset, removed: removed, inserted: new, cursorBefore: utf8Offset(of: cursor))
        if kind == .other || kind != lastEdit || undoStack.isEmpty {
            undoStack.append([edit])
            if undoStack.count > TextAreaState.undoLimit { undoStack.removeFirst(undoStack.count - TextAreaState.undoLimit) }
        } else {
            undoStack[undoStack.count - 1].append(edit)
        }
        redoStack.removeAll()
        lastEdit = kind
        cursor = splice(at: offset, removing: removed.utf8.count, inserting: new)
    }

    private mutating func move(to position: Int) {
        cursor = max(0, min(units.count, position))
        lastEdit = .none
    }

    /// Changes `text` at a UTF-8 offset (a cluster boundary) and brings `units` and the
    /// wrapped rows up to date, re-splitting the clusters next to the
    /// change (a typed combining mark joins its letter, LF after CR makes one CR LF).
    /// Returns the cluster index just after the inserted text.
    @discardableResult
    private mutating func splice(at offset: Int, removing length: Int, inserting new: String) -> Int {
        // The clusters touched: from the one holding `offset` (undo may start inside a
        // cluster that an edit created, such as the LF of a CR LF) to the first one that
        // starts at or after the end of the removed text.
        var low = 0, windowStart = 0
        while low < units.count, windowStart + Int(units[low].utf8Count) <= offset {
            windowStart += Int(units[low].utf8Count)
            low += 1
        }
        var high = low, windowEnd = windowStart
        while high < units.count, windowEnd < offset + length {
            windowEnd += Int(units[high].utf8Count)
            high += 1
        }
        // One cluster of context on each side; more across a run of flags (regional
        // indicators pair from the start of the run).
        if low > 0 { low -= 1; windowStart -= Int(units[low].utf8Count) }
        while low > 0, units[low].regional { low -= 1; windowStart -= Int(units[low].utf8Count) }
        if high < units.count { windowEnd += Int(units[high].utf8Count); high += 1 }
        while high < units.count, units[high - 1].regional {
            windowEnd += Int(units[high].utf8Count)
            high += 1
        }

        let utf8 = text.utf8
        let from = utf8.index(utf8.startIndex, offsetBy: offset)
        let to = utf8.index(from, offsetBy: length)
        text.replaceSubrange(from..<to, with: new)

        let newEnd = windowEnd - length + new.utf8.count
        let start = text.utf8.index(text.utf8.startIndex, offsetBy: windowStart)
        let end = text.utf8.index(start, offsetBy: newEnd - windowStart)
        let resplit = text[start..<end].map(TextAreaState.unit)
        units.replaceSubrange(low..<high, with: resplit)
        rewrap()

        // The first cluster boundary at or after the end of the inserted text.
        var position = low
        var consumed = windowStart
        let target = offset + new.utf8.count
        while position < low + resplit.count, consumed < target {
            consumed += Int(units[position].utf8Count)
            position += 1
        }
        return position
    }

    /// UTF-8 offset in `text` of the start of cluster `index`: from the wrapped row it
    /// is in, so O(row length).
    private func utf8Offset(of index: Int) -> Int {
        let index = min(max(0, index), units.count)
        let row = wrapped[rowIndex(of: index, in: wrapped)]
        var total = row.offset
        for i in row.start..<max(row.start, index) { total += Int(units[i].utf8Count) }
        return total
    }

    /// The cluster that starts at a UTF-8 offset (or the first one after it).
    private func unitIndex(atOffset offset: Int) -> Int {
        var consumed = 0
        var index = 0
        while index < units.count, consumed < offset {
            consumed += Int(units[index].utf8Count)
            index += 1
        }
        return index
    }

    /// Measures every cluster again when the terminal's width rules changed since.
    public mutating func remeasureIfRulesChanged() {
        guard measuredWith != TextWidth.rules else { return }
        measuredWith = TextWidth.rules
        units = text.map(TextAreaState.unit)
        rewrap()
    }

    // MARK: Lines and words

    private func lineStart(_ position: Int) -> Int {
        var i = position
        while i > 0, units[i - 1].kind != .lineBreak { i -= 1 }
        return i
    }

    private func lineEnd(_ position: Int) -> Int {
        var i = position
        while i < units.count, units[i].kind != .lineBreak { i += 1 }
        return i
    }

    private func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" || c == "#" || c == "@" }

    private func wordStart(before position: Int) -> Int {
        position - WordMotion.stepsBack(from: stringIndex(of: position), in: text, isWord: isWordCharacter)
    }

    private func wordEnd(after position: Int) -> Int {
        position + WordMotion.stepsForward(from: stringIndex(of: position), in: text, isWord: isWordCharacter)
    }

    private func stringIndex(of position: Int) -> String.Index {
        text.utf8.index(text.utf8.startIndex, offsetBy: utf8Offset(of: position))
    }

    // MARK: Wrapping

    /// The text wrapped at `width` columns (`wrapWidth` when nil, kept from the last
    /// change): at the last space of a row when it has one, else between clusters; a
    /// wide cluster that does not fit starts the next row.
    public func rows(width: Int? = nil) -> [Row] {
        if width == nil || width == wrapWidth { return wrapped }
        return TextAreaState.wrap(units, width: width!)
    }

    private mutating func rewrap() { wrapped = TextAreaState.wrap(units, width: wrapWidth) }

    /// Display columns from the start of `row` to `position`.
    public func column(of position: Int, in row: Row) -> Int {
        var total = 0
        for i in row.start..<max(row.start, min(position, row.end)) { total += Int(units[i].width) }
        return total
    }

    /// Display columns of cluster `index` as drawn (a placeholder's width for a control).
    public func width(at index: Int) -> Int { Int(units[index].width) }

    /// True when cluster `index` is drawn as itself, false when as placeholders.
    public func isPlain(at index: Int) -> Bool { units[index].plain }

    /// The wrapped row and display column of the cursor. At a soft break the cursor shows
    /// at the start of the next row.
    public func cursorPosition(in rows: [Row]) -> (row: Int, column: Int) {
        let index = rowIndex(of: cursor, in: rows)
        return (index, column(of: cursor, in: rows[index]))
    }

    public var cursorPosition: (row: Int, column: Int) { cursorPosition(in: wrapped) }

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
        let all = wrapped
        let (row, column) = cursorPosition(in: all)
        let goal = goalColumn ?? column
        let target = max(0, min(all.count - 1, row + delta))
        if target == row {
            // Past the first or last row: go to the very start or end, as editors do.
            cursor = delta < 0 ? 0 : units.count
            goalColumn = nil
            return
        }
        let destination = all[target]
        var position = destination.start
        var used = 0
        let last = destination.endsLine ? destination.end : max(destination.start, destination.end - 1)
        while position < last {
            let w = Int(units[position].width)
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
