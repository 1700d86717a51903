/// A row of tab titles with the active one highlighted (`tab.active`), separated by a
/// divider. When they do not all fit, titles are shortened evenly, never the active one
/// first.
public struct Tabs: Sendable {
    public var titles: [String]
    public var selected: Int
    public var symbols: Symbols

    public init(_ titles: [String], selected: Int, symbols: Symbols = .unicode) {
        self.titles = titles
        self.selected = selected
        self.symbols = symbols
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty, !titles.isEmpty else { return }
        let divider = symbols.tabDivider
        let dividerWidth = displayWidth(divider)
        var labels = titles.map { " " + Sanitizer.singleLine($0) + " " }
        let available = area.width - dividerWidth * (labels.count - 1)
        // Shorten the longest inactive label one column at a time until everything fits.
        while labels.reduce(0, { $0 + displayWidth($1) }) > max(0, available) {
            let candidates = labels.indices.filter { $0 != selected && displayWidth(labels[$0]) > 1 }
            let pool = candidates.isEmpty ? labels.indices.filter { displayWidth(labels[$0]) > 1 } : candidates
            guard let longest = pool.max(by: { displayWidth(labels[$0]) < displayWidth(labels[$1]) }) else { break }
            labels[longest] = TextWidth.truncate(labels[longest], toWidth: displayWidth(labels[longest]) - 1,
                                                 ellipsis: symbols.ellipsis)
        }
        var x = area.x
        for (index, label) in labels.enumerated() {
            if index > 0 {
                x += buffer.put(divider, x: x, y: area.y, style: Style(.muted), maxWidth: area.right - x)
            }
            let style = index == selected ? Style(.tabActive).bold() : Style(.tabInactive)
            x += buffer.put(label, x: x, y: area.y, style: style, maxWidth: area.right - x)
            if x >= area.right { break }
        }
    }
}
