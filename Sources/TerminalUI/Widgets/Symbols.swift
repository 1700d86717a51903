/// The characters widgets draw with: Unicode box drawing and block elements, or ASCII
/// look-alikes for terminals whose locale is not UTF-8.
public struct Symbols: Sendable, Equatable {
    public var horizontal, vertical: String
    public var topLeft, topRight, bottomLeft, bottomRight: String
    public var ellipsis: String
    public var sortAscending, sortDescending: String
    public var selectionMarker: String
    public var tabDivider: String
    /// Sparkline levels from lowest to highest (one column each).
    public var sparkline: [String]
    /// A full bar cell, then partial eighths from 1/8 to 7/8.
    public var barFull: String
    public var barEighths: [String]
    public var scrollUp, scrollDown: String

    public static let unicode = Symbols(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        ellipsis: "…", sortAscending: "▲", sortDescending: "▼", selectionMarker: "▶", tabDivider: "│",
        sparkline: [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        barFull: "█", barEighths: ["▏", "▎", "▍", "▌", "▋", "▊", "▉"], scrollUp: "▲", scrollDown: "▼")

    public static let ascii = Symbols(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        ellipsis: "~", sortAscending: "^", sortDescending: "v", selectionMarker: ">", tabDivider: "|",
        sparkline: [" ", ".", ".", "-", "-", "=", "=", "#", "#"],
        barFull: "#", barEighths: ["", "", "", "=", "=", "=", "="], scrollUp: "^", scrollDown: "v")

    /// `unicode` or `ascii`, for a terminal that can or cannot show UTF-8.
    public static func forTerminal(utf8: Bool) -> Symbols { utf8 ? .unicode : .ascii }
}

/// Horizontal placement of text in a cell or line.
public enum Alignment: Sendable, Hashable {
    case left, center, right
}

extension Buffer {
    /// Writes `text` inside `width` columns from `x`, aligned, cut with `ellipsis` when
    /// too long. Returns the columns written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, width: Int, alignment: Alignment,
                             style: Style, ellipsis: String = "…") -> Int {
        guard width > 0 else { return 0 }
        let fitted = TextWidth.truncate(Sanitizer.singleLine(text), toWidth: width, ellipsis: ellipsis)
        let w = displayWidth(fitted)
        let offset = switch alignment {
        case .left: 0
        case .center: (width - w) / 2
        case .right: width - w
        }
        return put(fitted, x: x + offset, y: y, style: style, maxWidth: width - offset)
    }

    /// Writes spans inside `width` columns, the last visible span cut with `ellipsis`.
    @discardableResult
    public mutating func put(_ spans: [Span], x: Int, y: Int, width: Int, ellipsis: String = "…") -> Int {
        guard width > 0 else { return 0 }
        let total = spans.reduce(0) { $0 + displayWidth(Sanitizer.singleLine($1.text)) }
        if total <= width { return put(spans, x: x, y: y, maxWidth: width) }
        let room = max(0, width - displayWidth(ellipsis))
        var used = 0
        for span in spans {
            let text = TextWidth.prefix(Sanitizer.singleLine(span.text), width: room - used)
            used += put(text, x: x + used, y: y, style: span.style, maxWidth: room - used)
            if used >= room { break }
        }
        let lastStyle = spans.last?.style ?? .plain
        used += put(TextWidth.prefix(ellipsis, width: width - used), x: x + used, y: y, style: lastStyle)
        return used
    }
}
