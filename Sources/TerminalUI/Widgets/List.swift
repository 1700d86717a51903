/// A vertical list of one-line items with selection and scrolling; the pane keeps a
/// `ListState`. Items are spans so callers can colour parts of a line.
public struct List: Sendable {
    public var items: [[Span]]
    public var emptyText: String
    public var focused: Bool
    public var symbols: Symbols

    public init(items: [[Span]], emptyText: String = "nothing to show", focused: Bool = true, symbols: Symbols = .unicode) {
        self.items = items
        self.emptyText = emptyText
        self.focused = focused
        self.symbols = symbols
    }

    /// Plain-text items.
    public init(_ items: [String], emptyText: String = "nothing to show", focused: Bool = true, symbols: Symbols = .unicode) {
        self.init(items: items.map { [Span($0)] }, emptyText: emptyText, focused: focused, symbols: symbols)
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        var state = ListState()
        render(into: &buffer, area: area, state: &state)
    }

    public func render(into buffer: inout Buffer, area: Rect, state: inout ListState) {
        state.layout(visibleRows: area.height, count: items.count)
        guard !area.isEmpty else { return }
        if items.isEmpty {
            buffer.put(emptyText, x: area.x, y: area.y, width: area.width, alignment: .left,
                       style: Style(.muted), ellipsis: symbols.ellipsis)
            return
        }
        let markerWidth = min(2, area.width)
        for line in 0..<area.height {
            let index = state.offset + line
            guard index < items.count else { break }
            let y = area.y + line
            var spans = items[index]
            if focused && state.selected == index {
                buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: Style(.selection))
                buffer.put(symbols.selectionMarker, x: area.x, y: y, style: Style(.selection), maxWidth: markerWidth)
                spans = spans.map { Span($0.text, style: $0.style.role(.selection)) }
            }
            buffer.put(spans, x: area.x + markerWidth, y: y, width: area.width - markerWidth, ellipsis: symbols.ellipsis)
        }
    }
}
