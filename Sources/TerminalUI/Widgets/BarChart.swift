/// Horizontal bars, one per row: a label, a bar in eighths of a cell, and the value.
public struct BarChart: Sendable {
    public struct Bar: Sendable {
        public var label: String
        public var value: Double
        /// Shown after the bar; the value itself when nil.
        public var valueText: String?
        public var role: Role

        public init(_ label: String, value: Double, valueText: String? = nil, role: Role = .chart1) {
            self.label = label
            self.value = value
            self.valueText = valueText
            self.role = role
        }
    }

    public var bars: [Bar]
    public var maximum: Double?
    public var symbols: Symbols

    public init(_ bars: [Bar], maximum: Double? = nil, symbols: Symbols = .unicode) {
        self.bars = bars
        self.maximum = maximum
        self.symbols = symbols
    }

    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "-" }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String((value * 10).rounded() / 10)
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty, !bars.isEmpty else { return }
        let labels = bars.map { Sanitizer.singleLine($0.label) }
        let values = bars.map { Sanitizer.singleLine($0.valueText ?? BarChart.format($0.value)) }
        let labelWidth = min(labels.map(displayWidth).max() ?? 0, area.width / 3)
        let valueWidth = min(values.map(displayWidth).max() ?? 0, area.width / 4)
        let barX = area.x + labelWidth + (labelWidth > 0 ? 1 : 0)
        let barWidth = max(0, area.right - barX - valueWidth - (valueWidth > 0 ? 1 : 0))
        let top = maximum ?? bars.map(\.value).filter(\.isFinite).max() ?? 0
        for (i, bar) in bars.prefix(area.height).enumerated() {
            let y = area.y + i
            buffer.put(labels[i], x: area.x, y: y, width: labelWidth, alignment: .left, style: .plain, ellipsis: symbols.ellipsis)
            let fraction = top > 0 && bar.value.isFinite ? min(1, max(0, bar.value / top)) : 0
            let eighths = Int((fraction * Double(barWidth * 8)).rounded())
            var x = barX
            for _ in 0..<(eighths / 8) { buffer.put(symbols.barFull, x: x, y: y, style: Style(bar.role)); x += 1 }
            if eighths % 8 > 0 { buffer.put(symbols.barEighths[eighths % 8 - 1], x: x, y: y, style: Style(bar.role)) }
            buffer.put(values[i], x: area.right - valueWidth, y: y, width: valueWidth, alignment: .right,
                       style: Style(.muted), ellipsis: symbols.ellipsis)
        }
    }
}
