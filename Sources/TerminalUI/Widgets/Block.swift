/// A border with an optional title, drawn around other widgets. `inner(_:)` gives the
/// area inside the border. A focused block uses the `border.focus` role.
public struct Block: Sendable {
    public var title: String?
    public var focused: Bool
    public var borders: Bool
    public var symbols: Symbols
    /// Role of the area inside (filled), nil to leave it untouched.
    public var fill: Role?

    public init(title: String? = nil, focused: Bool = false, borders: Bool = true,
                symbols: Symbols = .unicode, fill: Role? = nil) {
        self.title = title
        self.focused = focused
        self.borders = borders
        self.symbols = symbols
        self.fill = fill
    }

    /// The area left for content.
    public func inner(_ area: Rect) -> Rect {
        borders ? area.inset(by: 1) : (title == nil ? area : area.inset(top: 1, left: 0, bottom: 0, right: 0))
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        if let fill { buffer.fill(area, style: Style(fill)) }
        let style = Style(focused ? .borderFocus : .border)
        if borders {
            let h = symbols.horizontal, v = symbols.vertical
            if area.width >= 2 {
                for x in area.x + 1..<area.right - 1 {
                    buffer.put(h, x: x, y: area.y, style: style)
                    if area.height > 1 { buffer.put(h, x: x, y: area.bottom - 1, style: style) }
                }
            }
            if area.height >= 2 {
                for y in area.y + 1..<area.bottom - 1 {
                    buffer.put(v, x: area.x, y: y, style: style)
                    if area.width > 1 { buffer.put(v, x: area.right - 1, y: y, style: style) }
                }
            }
            buffer.put(symbols.topLeft, x: area.x, y: area.y, style: style)
            if area.width > 1 { buffer.put(symbols.topRight, x: area.right - 1, y: area.y, style: style) }
            if area.height > 1 {
                buffer.put(symbols.bottomLeft, x: area.x, y: area.bottom - 1, style: style)
                if area.width > 1 { buffer.put(symbols.bottomRight, x: area.right - 1, y: area.bottom - 1, style: style) }
            }
        }
        if let title, !title.isEmpty {
            // " title " after the corner, truncated to leave the far corner.
            let room = borders ? area.width - 4 : area.width
            guard room > 0 else { return }
            let titleStyle = Style(focused ? .borderFocus : .title).bold()
            let x = borders ? area.x + 1 : area.x
            let text = borders ? " " + TextWidth.truncate(Sanitizer.singleLine(title), toWidth: room, ellipsis: symbols.ellipsis) + " "
                               : TextWidth.truncate(Sanitizer.singleLine(title), toWidth: room, ellipsis: symbols.ellipsis)
            buffer.put(text, x: x, y: area.y, style: titleStyle)
        }
    }
}
