/// The `?` overlay: sections of key bindings ("Ctrl-d  half page down") in a bordered
/// box over the screen. Key names line up in one column; long lists scroll.
public struct HelpOverlay: Sendable {
    public struct Section: Sendable, Equatable {
        public var title: String
        public var rows: [(key: String, description: String)]

        public init(_ title: String, rows: [(key: String, description: String)]) {
            self.title = title
            self.rows = rows
        }

        public static func == (a: Section, b: Section) -> Bool {
            a.title == b.title && a.rows.map(\.key) == b.rows.map(\.key) && a.rows.map(\.description) == b.rows.map(\.description)
        }
    }

    public var title: String
    public var sections: [Section]
    /// Lines skipped at the top.
    public var scroll: Int
    public var symbols: Symbols
    public var width: Int

    public init(title: String = "Keys", sections: [Section], scroll: Int = 0, width: Int = 64, symbols: Symbols = .unicode) {
        self.title = title
        self.sections = sections
        self.scroll = scroll
        self.width = width
        self.symbols = symbols
    }

    /// The lines of the overlay's content, for its height and for scrolling limits.
    public func contentLines() -> [[Span]] {
        let keyWidth = min(16, sections.flatMap(\.rows).map { displayWidth(Sanitizer.singleLine($0.key)) }.max() ?? 0)
        var lines: [[Span]] = []
        for (index, section) in sections.enumerated() {
            if index > 0 { lines.append([]) }
            lines.append([Span(section.title, style: Style(.title).bold())])
            for row in section.rows {
                let key = TextWidth.truncate(Sanitizer.singleLine(row.key), toWidth: keyWidth, ellipsis: symbols.ellipsis)
                let pad = String(repeating: " ", count: max(0, keyWidth - displayWidth(key)))
                lines.append([Span("  " + key + pad, style: Style(.key).bold()), Span("  " + row.description, style: Style(.dialog))])
            }
        }
        return lines
    }

    /// The box and its content area inside `screen`.
    private func layout(_ lineCount: Int, in screen: Rect) -> (box: Rect, inner: Rect, block: Block) {
        let box = screen.centered(width: min(width, screen.width), height: min(lineCount + 2, screen.height))
        let block = Block(title: title, focused: true, symbols: symbols, fill: .dialog)
        return (box, block.inner(box).inset(horizontal: 1, vertical: 0), block)
    }

    /// The largest useful `scroll` in `screen`: the last line at the bottom of the box.
    public func maxScroll(in screen: Rect) -> Int {
        let lines = contentLines()
        return max(0, lines.count - layout(lines.count, in: screen).inner.height)
    }

    public func render(into buffer: inout Buffer, area screen: Rect) {
        let lines = contentLines()
        let (box, inner, block) = layout(lines.count, in: screen)
        guard !box.isEmpty else { return }
        block.render(into: &buffer, area: box)
        let maxScroll = max(0, lines.count - inner.height)
        let first = min(max(0, scroll), maxScroll)
        for (i, line) in lines.dropFirst(first).prefix(inner.height).enumerated() {
            buffer.put(line, x: inner.x, y: inner.y + i, width: inner.width, ellipsis: symbols.ellipsis)
        }
        if first > 0, inner.height > 0 { buffer.put(symbols.scrollUp, x: box.right - 1, y: inner.y, style: Style(.muted)) }
        if first < maxScroll, inner.height > 0 { buffer.put(symbols.scrollDown, x: box.right - 1, y: inner.bottom - 1, style: Style(.muted)) }
    }
}
