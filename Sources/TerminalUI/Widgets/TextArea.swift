/// A multi-line editor drawing a `TextAreaState`: soft-wrapped rows, scrolled to keep
/// the cursor in view, a placeholder when empty, and the terminal cursor (plus a
/// reverse-video cell for terminals that hide it) at the cursor when focused. One column
/// on the right is kept free so the cursor at the end of a full row stays visible.
public struct TextArea: Sendable {
    public var placeholder: String
    public var focused: Bool
    public var style: Style

    public init(placeholder: String = "", focused: Bool = true, style: Style = Style(.input)) {
        self.placeholder = placeholder
        self.focused = focused
        self.style = style
    }

    /// The wrap width used for an area `width` columns wide.
    public static func wrapWidth(forAreaWidth width: Int) -> Int { max(2, width - 1) }

    public func render(into buffer: inout Buffer, area: Rect, state: inout TextAreaState) {
        guard !area.isEmpty else { return }
        buffer.fill(area, style: style)
        state.wrapWidth = TextArea.wrapWidth(forAreaWidth: area.width)
        state.pageHeight = max(1, area.height)
        state.keepCursorVisible()
        if state.isEmpty && !placeholder.isEmpty {
            for (index, line) in Sanitizer.multiLine(placeholder).prefix(area.height).enumerated() {
                buffer.put(line, x: area.x, y: area.y + index, style: Style(.muted), maxWidth: area.width)
            }
        }
        let rows = state.rows()
        let cursor = state.cursorPosition(in: rows)
        for screenRow in 0..<area.height {
            let index = state.scroll + screenRow
            guard index < rows.count else { break }
            let row = rows[index]
            let text = String(state.characters[row.start..<row.end])
            buffer.put(text, x: area.x, y: area.y + screenRow, style: style, maxWidth: area.width)
        }
        let screenRow = cursor.row - state.scroll
        if focused, screenRow >= 0, screenRow < area.height, cursor.column < area.width {
            let cx = area.x + cursor.column, cy = area.y + screenRow
            let existing = buffer[cx, cy]
            buffer[cx, cy] = Cell(text: existing.isContinuation ? " " : existing.text, style: style.reverse())
            buffer.cursor = Point(x: cx, y: cy)
        }
    }
}
