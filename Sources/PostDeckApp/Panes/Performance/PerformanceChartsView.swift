import FoundationEssentials
import PostDeckCore
import TerminalUI

/// The charts (`v`): median engagement per post on each network, and the best time to
/// post as a weekday-by-hour heatmap (each post on its own client's clock).
enum PerformanceChartsView {
    static let platformRoles: [Platform: Role] = [.linkedin: .chart1, .instagram: .chart2, .tiktok: .chart3, .facebook: .chart4]
    /// Fewer posts than this in a slot give no median: the cell says "too few".
    static let minimumPosts = 3

    /// `severalClients`: the heatmap bins each post in its own client's zone (the title says so).
    static func render(_ charts: PerformanceCharts, zone: DisplayZone, severalClients: Bool, into buffer: inout Buffer, area: Rect,
                       symbols: Symbols) {
        var y = area.y
        buffer.put(" Median engagement per post, by network", x: area.x, y: y, style: Style(.header).bold(), maxWidth: area.width)
        y += 1
        if let networks = charts.networks {
            if networks.isEmpty {
                buffer.put("   no post was published on a network in this range", x: area.x, y: y, style: Style(.muted), maxWidth: area.width)
                y += 1
            } else {
                let bars = networks.map { network in
                    BarChart.Bar(network.platform.displayName, value: network.medianEngagement,
                                 valueText: "\(median(network.medianEngagement)) · \(network.posts) post\(network.posts == 1 ? "" : "s")",
                                 role: platformRoles[network.platform] ?? .chart1)
                }
                let chart = Rect(x: area.x + 3, y: y, width: max(0, min(area.width - 4, 90)), height: min(bars.count, max(0, area.bottom - y)))
                BarChart(bars, symbols: symbols).render(into: &buffer, area: chart)
                y += bars.count
            }
        } else {
            buffer.put("   loading…", x: area.x, y: y, style: Style(.muted), maxWidth: area.width)
            y += 1
        }
        y += 1
        guard y < area.bottom else { return }
        let clock = severalClients ? "clients' own zones" : zone.name
        buffer.put(" Best time to post: median engagement by weekday and hour (\(clock))", x: area.x, y: y,
                   style: Style(.header).bold(), maxWidth: area.width)
        y += 1
        guard let bins = charts.heatmap else {
            buffer.put("   loading…", x: area.x, y: y, style: Style(.muted), maxWidth: area.width)
            return
        }
        heatmap(bins, into: &buffer,
                area: Rect(x: area.x, y: y, width: area.width, height: max(0, area.bottom - y)), symbols: symbols)
    }

    /// A median in a table cell: "9.8k", "42", "12.5".
    static func median(_ value: Double) -> String {
        value >= 1_000 || value == value.rounded() ? MetricFormat.abbreviated(Int(value.rounded())) : MetricFormat.oneDecimal(value)
    }

    /// Shades for a cell's median, lowest quarter first.
    static func shades(_ symbols: Symbols) -> [String] { symbols == .ascii ? ["-", "=", "+", "#"] : ["░", "▒", "▓", "█"] }

    /// Seven rows of 24 cells. A cell is a shade for its median (relative to the best cell)
    /// followed by its number of posts; `?` and the count when too few posts give no median;
    /// `·` when no post went out then. Each count is led by its mark, so cells stay apart.
    static func heatmap(_ bins: HeatmapBins, into buffer: inout Buffer, area: Rect, symbols: Symbols) {
        guard area.height >= 2 else { return }
        let labelWidth = 5
        let cellWidth = area.width >= labelWidth + 24 * 4 ? 4 : 3
        let shades = self.shades(symbols)
        let none = symbols == .ascii ? "." : "·"
        for hour in 0..<24 {
            let text = hour < 10 ? "0\(hour)" : "\(hour)"
            buffer.put(text, x: area.x + labelWidth + hour * cellWidth + cellWidth - 2, y: area.y, style: Style(.muted))
        }
        let top = bins.highestMedian ?? 0
        var y = area.y + 1
        var overflow = false
        for row in bins.rows where y < area.bottom {
            buffer.put(" " + row[0].weekday.shortName, x: area.x, y: y, style: Style(.muted), maxWidth: labelWidth)
            for cell in row {
                let x = area.x + labelWidth + cell.hour * cellWidth
                let mark: String, role: Role
                switch cell.state {
                case .empty:
                    buffer.put(none, x: x + cellWidth - 1, y: y, style: Style(.muted))
                    continue
                case .tooFew:
                    (mark, role) = ("?", .muted)
                case .value(let median):
                    let level = top > 0 ? min(shades.count - 1, Int(median / top * Double(shades.count))) : 0
                    (mark, role) = (shades[level], .chart1)
                }
                var count = String(cell.count)
                if count.count > cellWidth - 1 { count = String(repeating: "+", count: cellWidth - 1); overflow = true }
                let text = mark + count
                let start = x + cellWidth - displayWidth(text)
                buffer.put(mark, x: start, y: y, style: Style(role))
                buffer.put(count, x: start + displayWidth(mark), y: y, style: Style(role == .muted ? .muted : .text))
            }
            y += 1
        }
        guard y < area.bottom else { return }
        let scale: [Span] = top > 0
            ? [Span(" " + shades.joined(), .chart1), Span(" median engagement per post, from low to \(median(top)) (the best slot)", .muted)]
            : [Span(" no slot has \(bins.minimumCount) posts yet, so there is no median to compare", .muted)]
        buffer.put(scale, x: area.x, y: y, width: area.width)
        y += 1
        guard y < area.bottom else { return }
        buffer.put([Span(" digits", .text), Span(": posts in the slot · ", .muted), Span("?", .muted),
                    Span(" fewer than \(bins.minimumCount) posts, no median · ", .muted), Span(none, .muted), Span(" no posts", .muted)],
                   x: area.x, y: y, width: area.width)
        if overflow && y + 1 < area.bottom {
            let plus = String(repeating: "+", count: cellWidth - 1)
            buffer.put(" \(plus): more posts than the cell can show", x: area.x, y: y + 1, style: Style(.muted), maxWidth: area.width)
        }
    }
}
