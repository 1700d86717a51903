/// A small chart of values over time, one column per value (the newest on the right),
/// using block elements in eighths; taller areas stack rows.
public struct Sparkline: Sendable {
    public var values: [Double]
    /// The value drawn as a full column; the largest value when nil.
    public var maximum: Double?
    public var role: Role
    public var symbols: Symbols

    public init(_ values: [Double], maximum: Double? = nil, role: Role = .chart1, symbols: Symbols = .unicode) {
        self.values = values
        self.maximum = maximum
        self.role = role
        self.symbols = symbols
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let shown = values.suffix(area.width)
        let top = maximum ?? shown.max() ?? 0
        let levels = symbols.sparkline.count - 1
        let startX = area.right - shown.count
        for (i, value) in shown.enumerated() {
            let clean = value.isFinite ? max(0, value) : 0
            let fraction = top > 0 ? min(1, clean / top) : 0
            var eighths = Int((fraction * Double(area.height * levels)).rounded())
            if clean > 0 && eighths == 0 { eighths = 1 }
            for row in 0..<area.height {
                let y = area.bottom - 1 - row
                let level = min(levels, max(0, eighths - row * levels))
                buffer.put(symbols.sparkline[level], x: startX + i, y: y, style: Style(role))
            }
        }
    }
}
