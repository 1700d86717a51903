/// The text and cursor of a single-line input, edited with readline-style keys:
/// Ctrl-a/e (start/end), Ctrl-u/k (delete to start/end), Ctrl-w and Alt-Backspace
/// (delete word back), Alt-b/f (word left/right), arrows, Home/End, Backspace, Delete.
/// The cursor counts grapheme clusters, so an emoji or accented letter is one step.
public struct TextInputState: Equatable, Sendable {
    public private(set) var characters: [Character]
    /// Cursor position, 0...characters.count.
    public private(set) var cursor: Int
    /// First visible column (kept by `TextInput` so the cursor stays in view).
    public var scroll: Int

    public init(_ text: String = "") {
        characters = Array(Sanitizer.singleLine(text, forCells: false))
        cursor = characters.count
        scroll = 0
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }

    /// Applies an editing key; returns false when the key is not an editing key (the
    /// caller handles Enter, Esc, Tab, Up/Down...).
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .char(let c): insert(String(c))
        case .paste(let text): insert(text)
        case .left, .ctrl("b"): cursor = max(0, cursor - 1)
        case .right, .ctrl("f"): cursor = min(characters.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = characters.count
        case .backspace, .ctrl("h"):
            if cursor > 0 { characters.remove(at: cursor - 1); cursor -= 1 }
        case .delete, .ctrl("d"):
            if cursor < characters.count { characters.remove(at: cursor) }
        case .ctrl("u"): characters.removeFirst(cursor); cursor = 0
        case .ctrl("k"): characters.removeLast(characters.count - cursor)
        case .ctrl("w"), .alt("\u{7F}"):
            let start = wordStart(before: cursor)
            characters.removeSubrange(start..<cursor)
            cursor = start
        case .alt("b"): cursor = wordStart(before: cursor)
        case .alt("f"): cursor = wordEnd(after: cursor)
        case .alt("d"): characters.removeSubrange(cursor..<wordEnd(after: cursor))
        default: return false
        }
        return true
    }

    /// Inserts text at the cursor (sanitized to one line).
    public mutating func insert(_ text: String) {
        let new = Array(Sanitizer.singleLine(text, forCells: false))
        characters.insert(contentsOf: new, at: cursor)
        cursor += new.count
    }

    /// Replaces the whole text, cursor at the end.
    public mutating func set(_ text: String) {
        self = TextInputState(text)
    }

    private func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }

    private func wordStart(before position: Int) -> Int {
        WordMotion.start(before: position, in: characters, isWord: isWordCharacter)
    }

    private func wordEnd(after position: Int) -> Int {
        WordMotion.end(after: position, in: characters, isWord: isWordCharacter)
    }

    /// Display columns from the start of the text to the cursor.
    public var cursorColumn: Int { characters[..<cursor].reduce(0) { $0 + TextWidth.of($1) } }
}

/// A one-line text field drawing a `TextInputState`: scrolls horizontally to keep the
/// cursor visible, shows a placeholder when empty, and puts the terminal cursor (and
/// a reverse-video cell, for terminals that hide it) at the cursor when focused.
public struct TextInput: Sendable {
    public var placeholder: String
    public var focused: Bool
    public var prompt: String

    public init(prompt: String = "", placeholder: String = "", focused: Bool = true) {
        self.prompt = prompt
        self.placeholder = placeholder
        self.focused = focused
    }

    public func render(into buffer: inout Buffer, area: Rect, state: inout TextInputState) {
        guard !area.isEmpty else { return }
        let line = area.row(0)
        buffer.fill(line, style: Style(.input))
        let promptWidth = buffer.put(Sanitizer.singleLine(prompt), x: line.x, y: line.y, style: Style(.accent).bold(),
                                     maxWidth: line.width)
        let field = line.inset(top: 0, left: promptWidth, bottom: 0, right: 0)
        guard !field.isEmpty else { return }
        if state.isEmpty && !placeholder.isEmpty {
            buffer.put(placeholder, x: field.x, y: field.y, width: field.width, alignment: .left, style: Style(.muted))
        }
        // Keep the cursor inside the field (one spare column for the cursor at the end).
        let column = state.cursorColumn
        if column < state.scroll { state.scroll = column }
        if column >= state.scroll + field.width { state.scroll = column - field.width + 1 }
        state.scroll = max(0, state.scroll)

        var x = 0
        var cursorCell: Int?
        for (index, character) in state.characters.enumerated() {
            if index == state.cursor { cursorCell = x - state.scroll }
            let w = TextWidth.of(character)
            let screenX = x - state.scroll
            if screenX >= 0 && screenX + w <= field.width {
                buffer.put(String(character), x: field.x + screenX, y: field.y, style: Style(.input))
            } else if screenX < field.width && screenX + w > 0 {
                // A wide character cut by either edge of the field shows as a space.
                buffer.put(" ", x: field.x + max(0, screenX), y: field.y, style: Style(.input))
            }
            x += w
        }
        if state.cursor == state.characters.count { cursorCell = x - state.scroll }
        if focused, let cell = cursorCell, cell >= 0, cell < field.width {
            let cx = field.x + cell
            let existing = buffer[cx, field.y]
            buffer[cx, field.y] = Cell(text: existing.isContinuation ? " " : existing.text, style: Style(.input).reverse())
            buffer.cursor = Point(x: cx, y: field.y)
        }
    }
}
