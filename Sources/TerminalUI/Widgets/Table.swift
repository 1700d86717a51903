/// Rows and columns with a header, column sizing by `Constraint`, alignment, a sort
/// indicator, selection, scrolling and ellipsis truncation. The pane keeps a
/// `TableState`; rendering moves its offset so the selection stays visible.
public struct Table: Sendable {
    public struct Column: Sendable {
        public var title: String
        public var width: Constraint
        public var alignment: Alignment

        public init(_ title: String, width: Constraint, alignment: Alignment = .left) {
            self.title = title
            self.width = width
            self.alignment = alignment
        }
    }

    public enum SortOrder: Sendable { case ascending, descending }

    /// One row: a span per column (extra spans are ignored, missing ones are blank).
    public struct Row: Sendable {
        public var cells: [Span]
        public init(_ cells: [Span]) { self.cells = cells }
    }

    public var columns: [Column]
    public var rows: [Row]
    /// The column the rows are sorted by, shown with ▲ or ▼ after its title.
    public var sort: (column: Int, order: SortOrder)?
    /// Shown in the body when there are no rows.
    public var emptyText: String
    public var showHeader: Bool
    /// Spaces between columns.
    public var columnSpacing: Int
    /// Whether the selection is drawn (the table has focus).
    public var focused: Bool
    public var symbols: Symbols

    public init(columns: [Column], rows: [Row], sort: (column: Int, order: SortOrder)? = nil,
                emptyText: String = "nothing to show", showHeader: Bool = true, columnSpacing: Int = 1,
                focused: Bool = true, symbols: Symbols = .unicode) {
        self.columns = columns
        self.rows = rows
        self.sort = sort
        self.emptyText = emptyText
        self.showHeader = showHeader
        self.columnSpacing = columnSpacing
        self.focused = focused
        self.symbols = symbols
    }

    /// Rows of the body that fit in `area` (what a page move should use).
    public func visibleRows(in area: Rect) -> Int {
        max(0, area.height - (showHeader ? 1 : 0))
    }

    /// Draws with a throwaway state (no selection).
    public func render(into buffer: inout Buffer, area: Rect) {
        var state = TableState()
        render(into: &buffer, area: area, state: &state)
    }

    public func render(into buffer: inout Buffer, area: Rect, state: inout TableState) {
        guard !area.isEmpty else { return }
        // The first two columns hold the selection marker.
        let markerWidth = min(2, area.width)
        let content = area.inset(top: 0, left: markerWidth, bottom: 0, right: 0)
        let columnRects = split(content, .horizontal, columns.map(\.width), spacing: columnSpacing)
        var body = area
        if showHeader {
            let (header, rest) = area.splitTop(1)
            body = rest
            buffer.fill(header, style: Style(.header))
            for (index, column) in columns.enumerated() {
                let rect = columnRects[index]
                // The sort indicator is kept; the title is cut to make room for it.
                var indicator = ""
                if let sort, sort.column == index {
                    indicator = " " + (sort.order == .ascending ? symbols.sortAscending : symbols.sortDescending)
                }
                let room = max(0, rect.width - displayWidth(indicator))
                let title = TextWidth.truncate(Sanitizer.singleLine(column.title), toWidth: room, ellipsis: symbols.ellipsis)
                buffer.put(title + indicator, x: rect.x, y: header.y, width: rect.width, alignment: column.alignment,
                           style: Style(.header).bold(), ellipsis: symbols.ellipsis)
            }
        }
        state.layout(visibleRows: body.height, count: rows.count)
        guard !body.isEmpty else { return }
        if rows.isEmpty {
            buffer.put(emptyText, x: body.x, y: body.y + body.height / 2, width: body.width,
                       alignment: .center, style: Style(.muted), ellipsis: symbols.ellipsis)
            return
        }
        for line in 0..<body.height {
            let index = state.offset + line
            guard index < rows.count else { break }
            let y = body.y + line
            let selected = focused && state.selected == index
            if selected {
                buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: Style(.selection))
                buffer.put(symbols.selectionMarker, x: area.x, y: y, style: Style(.selection), maxWidth: markerWidth)
            }
            for (columnIndex, rect) in columnRects.enumerated() {
                let cell = columnIndex < rows[index].cells.count ? rows[index].cells[columnIndex] : Span("")
                var style = cell.style
                if selected { style.role = .selection }
                buffer.put(cell.text, x: rect.x, y: y, width: rect.width, alignment: columns[columnIndex].alignment,
                           style: style, ellipsis: symbols.ellipsis)
            }
        }
        // Scroll hints in the marker column when rows are hidden above or below.
        if state.offset > 0, markerWidth > 0, state.selected != state.offset {
            buffer.put(symbols.scrollUp, x: area.x, y: body.y, style: Style(.muted))
        }
        if state.offset + body.height < rows.count, markerWidth > 0, state.selected != state.offset + body.height - 1 {
            buffer.put(symbols.scrollDown, x: area.x, y: body.bottom - 1, style: Style(.muted))
        }
    }
}
