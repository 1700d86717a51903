/// One terminal cell: a whole extended grapheme cluster (a letter with its marks, a
/// flag, a ZWJ emoji sequence), its display width and its style, as ratatui keeps a
/// string symbol per cell. A cluster `width` columns wide is followed by `width - 1`
/// continuation cells with empty `text` and width 0.
public struct Cell: Equatable, Sendable {
    public var text: String
    public var style: Style
    /// Columns the cluster takes (`TextWidth.of` when the cell was made); 0 for a continuation.
    public var width: Int

    public init(text: String = " ", style: Style = .plain) {
        self.text = text
        self.style = style
        self.width = text.isEmpty ? 0 : max(1, displayWidth(text))
    }

    init(text: String, style: Style, width: Int) {
        self.text = text
        self.style = style
        self.width = width
    }

    public static let blank = Cell()

    /// Width and style first: they are cheaper to compare than the text.
    public static func == (a: Cell, b: Cell) -> Bool {
        a.width == b.width && a.style == b.style && a.text == b.text
    }

    /// True for the columns after the first of a wide cluster.
    public var isContinuation: Bool { text.isEmpty }
}

/// A run of text with one style, the unit widgets take when callers want mixed styles
/// on one line (a table cell, a status bar message, a paragraph line).
public struct Span: Equatable, Sendable, ExpressibleByStringLiteral {
    public var text: String
    public var style: Style

    public init(_ text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }

    public init(_ text: String, _ role: Role) {
        self.init(text, style: Style(role))
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// Display width in columns.
    public var width: Int { displayWidth(text) }
}
