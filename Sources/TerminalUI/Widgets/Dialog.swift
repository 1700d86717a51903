/// A modal box in the middle of the screen: a title, a message and buttons (for a
/// confirmation, "Yes"/"No"). The pane keeps which button is focused; `area(in:)`
/// tells where the dialog lands, clamped to small screens.
public struct Dialog: Sendable {
    public var title: String
    public var message: String
    public var buttons: [String]
    public var focusedButton: Int
    public var symbols: Symbols
    /// Preferred width of the box (shrunk to fit).
    public var width: Int

    public init(title: String, message: String, buttons: [String] = ["Yes", "No"], focusedButton: Int = 1,
                width: Int = 50, symbols: Symbols = .unicode) {
        self.title = title
        self.message = message
        self.buttons = buttons
        self.focusedButton = focusedButton
        self.width = width
        self.symbols = symbols
    }

    /// A yes/no confirmation, focused on "No" so an accidental Enter does nothing.
    public static func confirm(_ title: String, message: String, symbols: Symbols = .unicode) -> Dialog {
        Dialog(title: title, message: message, symbols: symbols)
    }

    /// Where the dialog is drawn inside `screen`.
    public func area(in screen: Rect) -> Rect {
        let w = min(width, screen.width)
        let paragraph = Paragraph(message, style: Style(.dialog))
        let h = paragraph.height(width: max(1, w - 4)) + 4 + (buttons.isEmpty ? 0 : 1)
        return screen.centered(width: w, height: min(h, screen.height))
    }

    public func render(into buffer: inout Buffer, area screen: Rect) {
        let box = area(in: screen)
        guard !box.isEmpty else { return }
        buffer.fill(box, style: Style(.dialog))
        let block = Block(title: title, focused: true, symbols: symbols)
        block.render(into: &buffer, area: box)
        let inner = block.inner(box).inset(horizontal: 1, vertical: 0)
        let (body, buttonRow) = buttons.isEmpty ? (inner, Rect.zero) : inner.splitBottom(1)
        Paragraph(message, style: Style(.dialog)).render(into: &buffer, area: body.inset(top: 1, left: 0, bottom: 0, right: 0))
        guard !buttonRow.isEmpty else { return }
        let labels = buttons.map { "[ \(Sanitizer.singleLine($0)) ]" }
        let total = labels.reduce(0) { $0 + displayWidth($1) } + 2 * (labels.count - 1)
        var x = buttonRow.x + max(0, (buttonRow.width - total) / 2)
        for (index, label) in labels.enumerated() {
            let style = index == focusedButton ? Style(.buttonFocus).bold() : Style(.dialog)
            x += buffer.put(label, x: x, y: buttonRow.y, style: style, maxWidth: buttonRow.right - x) + 2
            if x >= buttonRow.right { break }
        }
    }
}
