/// One entry of the command palette: a name to match and a hint shown on the right
/// (usually the key that does the same).
public struct PaletteItem: Sendable, Equatable {
    public var title: String
    public var hint: String

    public init(_ title: String, hint: String = "") {
        self.title = title
        self.hint = hint
    }
}

/// The `:` palette: a query line above the items that fuzzy-match it, best first, with
/// the matched characters highlighted. The pane keeps the query (`TextInputState`) and
/// the selection (`ListState`, indices into `matches(for:)`).
public struct CommandPalette: Sendable {
    public var items: [PaletteItem]
    public var title: String
    public var symbols: Symbols
    /// Preferred size of the box (shrunk to fit).
    public var width: Int
    public var height: Int

    public init(items: [PaletteItem], title: String = "Commands", width: Int = 60, height: Int = 16,
                symbols: Symbols = .unicode) {
        self.items = items
        self.title = title
        self.width = width
        self.height = height
        self.symbols = symbols
    }

    /// Items matching `query`, best first: what the selection indexes into.
    public func matches(for query: String) -> [(item: PaletteItem, match: FuzzyMatch)] {
        FuzzyMatcher.rank(query, items.map(\.title)).map { (items[$0.index], $0.match) }
    }

    /// Where the palette is drawn: centred horizontally, in the upper part of `screen`.
    public func area(in screen: Rect) -> Rect {
        let w = min(width, screen.width), h = min(height, screen.height)
        return Rect(x: screen.x + (screen.width - w) / 2, y: screen.y + min(2, (screen.height - h) / 2), width: w, height: h)
    }

    public func render(into buffer: inout Buffer, area screen: Rect, query: inout TextInputState, state: inout ListState) {
        let box = area(in: screen)
        guard !box.isEmpty else { return }
        let block = Block(title: title, focused: true, symbols: symbols, fill: .dialog)
        block.render(into: &buffer, area: box)
        let inner = block.inner(box)
        let (inputRow, rest) = inner.splitTop(1)
        TextInput(prompt: ": ", placeholder: "type to filter", focused: true)
            .render(into: &buffer, area: inputRow, state: &query)
        let found = matches(for: query.text)
        let listArea = rest.inset(top: rest.height > 2 ? 1 : 0, left: 0, bottom: 0, right: 0)
        if state.selected == nil, !found.isEmpty { state.selected = 0 }
        state.clamp(count: found.count)
        state.layout(visibleRows: listArea.height, count: found.count)
        guard !listArea.isEmpty else { return }
        if found.isEmpty {
            buffer.put("no matching command", x: listArea.x + 2, y: listArea.y, width: listArea.width - 2,
                       alignment: .left, style: Style(.muted))
            return
        }
        for line in 0..<listArea.height {
            let index = state.offset + line
            guard index < found.count else { break }
            let (item, match) = found[index]
            let y = listArea.y + line
            let selected = state.selected == index
            let base = Style(selected ? .selection : .dialog)
            if selected {
                buffer.fill(listArea.row(line), style: base)
                buffer.put(symbols.selectionMarker, x: listArea.x, y: y, style: base, maxWidth: 2)
            }
            let hint = Sanitizer.singleLine(item.hint)
            let hintWidth = min(displayWidth(hint), max(0, listArea.width / 3))
            let titleRoom = max(0, listArea.width - 2 - hintWidth - (hintWidth > 0 ? 1 : 0))
            let highlighted = Set(match.positions)
            let spans = Array(item.title).enumerated().map { offset, character in
                Span(String(character), style: highlighted.contains(offset) ? base.role(selected ? .selection : .match).bold().underline() : base)
            }
            buffer.put(spans, x: listArea.x + 2, y: y, width: titleRoom, ellipsis: symbols.ellipsis)
            buffer.put(hint, x: listArea.right - hintWidth, y: y, width: hintWidth, alignment: .right,
                       style: Style(selected ? .selection : .key), ellipsis: symbols.ellipsis)
        }
    }
}
