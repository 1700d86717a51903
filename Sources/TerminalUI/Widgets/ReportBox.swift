/// A report in a bordered box over the screen: lines of text wrapped to the box, scrolled
/// when they do not fit, and a footer line of keys that stays put ("y write · n cancel").
/// The owner keeps the scroll offset; `maxScroll(in:)` says how far it can go.
public struct ReportBox: Sendable {
    public var title: String
    public var lines: [[Span]]
    public var footer: [Span]
    /// Wrapped lines skipped at the top.
    public var scroll: Int
    public var symbols: Symbols
    /// Preferred size of the box (shrunk to fit).
    public var width: Int
    public var height: Int

    public init(title: String, lines: [[Span]], footer: [Span] = [], scroll: Int = 0, width: Int = 100, height: Int = 30,
                symbols: Symbols = .unicode) {
        self.title = title
        self.lines = lines
        self.footer = footer
        self.scroll = scroll
        self.width = width
        self.height = height
        self.symbols = symbols
    }

    /// Where the box lands in `screen`.
    public func area(in screen: Rect) -> Rect {
        let w = min(width, screen.width)
        let wanted = Paragraph(lines: lines).height(width: max(1, w - 4)) + 2 + (footer.isEmpty ? 0 : 2)
        return screen.centered(width: w, height: min(height, wanted, screen.height))
    }

    /// The largest useful scroll offset in `screen`.
    public func maxScroll(in screen: Rect) -> Int {
        let (body, _) = parts(of: area(in: screen))
        return max(0, Paragraph(lines: lines).height(width: max(1, body.width)) - body.height)
    }

    private func parts(of box: Rect) -> (body: Rect, footer: Rect) {
        let inner = Block(title: title, focused: true, symbols: symbols).inner(box).inset(horizontal: 1, vertical: 0)
        guard !footer.isEmpty, inner.height > 2 else { return (inner, .zero) }
        let (body, bottom) = inner.splitBottom(2)
        return (body, bottom.inset(top: 1, left: 0, bottom: 0, right: 0))
    }

    public func render(into buffer: inout Buffer, area screen: Rect) {
        let box = area(in: screen)
        guard !box.isEmpty else { return }
        buffer.fill(box, style: Style(.dialog))
        Block(title: title, focused: true, symbols: symbols, fill: .dialog).render(into: &buffer, area: box)
        let (body, bottom) = parts(of: box)
        let first = min(max(0, scroll), maxScroll(in: screen))
        var paragraph = Paragraph(lines: lines)
        paragraph.scroll = first
        paragraph.render(into: &buffer, area: body)
        if first + body.height < paragraph.height(width: body.width), body.height > 0 {
            buffer.put(symbols.ellipsis, x: body.right - 1, y: body.bottom - 1, style: Style(.muted))
        }
        if !bottom.isEmpty { buffer.put(footer, x: bottom.x, y: bottom.y, maxWidth: bottom.width) }
    }
}
