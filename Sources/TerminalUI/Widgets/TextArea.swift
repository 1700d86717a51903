/// A multi-line editor drawing a `TextAreaState`: soft-wrapped rows, scrolled to keep
/// the cursor in view, a placeholder when empty, and the terminal cursor (plus a
/// reverse-video cell for terminals that hide it) at the cursor when focused. One column
/// on the right is kept free so the cursor at the end of a full row stays visible.
/// Control characters, tabs, CR, bidi controls and stray joiners in the text are drawn
/// as placeholders (`Sanitizer.visible`), one cell group per cluster, so they take the
/// columns the state measured for them.
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
        state.remeasureIfRulesChanged()
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
            draw(rows[index], of: state, into: &buffer, x: area.x, y: area.y + screenRow, width: area.width)
        }
        let screenRow = cursor.row - state.scroll
        if focused, screenRow >= 0, screenRow < area.height, cursor.column < area.width {
            let cx = area.x + cursor.column, cy = area.y + screenRow
            let existing = buffer[cx, cy]
            buffer[cx, cy] = Cell(text: existing.isContinuation ? " " : existing.text, style: style.reverse())
            buffer.cursor = Point(x: cx, y: cy)
        }
    }

    /// One wrapped row: runs of clusters that draw as themselves in one go (a run of the
    /// text segments as it does in the text), the others as their placeholders, and the
    /// CR of a CR LF as `␍` after the row.
    private func draw(_ row: TextAreaState.Row, of state: TextAreaState, into buffer: inout Buffer, x: Int, y: Int, width: Int) {
        var column = 0
        var runStart = row.start
        var runWidth = 0
        func flushRun(upTo end: Int) {
            guard runStart < end else { return }
            buffer.put(String(state.text(of: runStart..<end)), x: x + column, y: y, style: style, maxWidth: width - column)
            column += runWidth
            runWidth = 0
        }
        for index in row.start..<row.end {
            if state.isPlain(at: index) {
                runWidth += state.width(at: index)
                continue
            }
            flushRun(upTo: index)
            buffer.put(Sanitizer.visible(state.character(at: index)), x: x + column, y: y, style: style, maxWidth: width - column)
            column += state.width(at: index)
            runStart = index + 1
        }
        flushRun(upTo: row.end)
        if row.endsLine, row.end < state.count, state.width(at: row.end) > 0 {
            buffer.put(Sanitizer.Placeholders.unicode.control(0x0D), x: x + column, y: y, style: style, maxWidth: width - column)
        }
    }
}
