/// One terminal cell: a single grapheme cluster and its style. The right half of a
/// double-width character is a cell with empty `text`.
public struct Cell: Equatable, Sendable {
    public var text: String
    public var style: Style

    public init(text: String = " ", style: Style = .plain) {
        self.text = text
        self.style = style
    }

    public static let blank = Cell()

    /// True for the right half of a wide character.
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
