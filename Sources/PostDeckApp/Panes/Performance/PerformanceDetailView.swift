import FoundationEssentials
import PostDeckCore
import TerminalUI

/// Draws one post: its text, exact totals, and per network a sparkline per metric with the
/// latest value, and the first and latest snapshot times.
enum PerformanceDetailView {
    /// A line of the detail: text, or a metric with its sparkline.
    enum Line {
        case text([Span])
        case metric(PostMetric, [MetricSample], Role)
    }

    static let metricRoles: [PostMetric: Role] = [.likes: .chart1, .comments: .chart2, .shares: .chart3, .views: .chart4]

    static func render(_ state: PerformanceDetailState, zone: DisplayZone, into buffer: inout Buffer, area: Rect, symbols: Symbols) {
        let lines = self.lines(state, zone: zone, width: area.width)
        let top = min(state.scroll, max(0, lines.count - area.height))
        let labelWidth = 12, valueWidth = 12
        let sparkWidth = max(4, min(24, area.width - labelWidth - valueWidth - 32))
        for (row, line) in lines.dropFirst(top).prefix(area.height).enumerated() {
            let y = area.y + row
            switch line {
            case .text(let spans):
                buffer.put(spans, x: area.x, y: y, width: area.width)
            case .metric(let metric, let samples, let role):
                buffer.put("   " + metric.rawValue, x: area.x, y: y, style: Style(.muted), maxWidth: labelWidth)
                // The newest snapshots, oldest on the left, starting at the same column on every line.
                let sparkArea = Rect(x: area.x + labelWidth, y: y, width: sparkWidth, height: 1)
                let drawn = Rect(x: sparkArea.x, y: y, width: min(sparkWidth, samples.count), height: 1)
                Sparkline(samples.map { Double($0.value) }, role: role, symbols: symbols).render(into: &buffer, area: drawn)
                let value = samples.last.map { MetricFormat.grouped($0.value) } ?? "—"
                buffer.put(value, x: sparkArea.right + 1, y: y, width: valueWidth, alignment: .right, style: Style(.text))
                let count = samples.count
                var note = "  \(count) snapshot\(count == 1 ? "" : "s")"
                if let first = samples.first, count > 1 { note += ", first \(MetricFormat.grouped(first.value))" }
                buffer.put(note, x: sparkArea.right + 1 + valueWidth, y: y,
                           style: Style(.muted), maxWidth: max(0, area.right - sparkArea.right - 1 - valueWidth))
            }
        }
    }

    static func lines(_ state: PerformanceDetailState, zone: DisplayZone, width: Int) -> [Line] {
        let post = state.post
        var lines: [Line] = []
        let paragraph = Paragraph(post.content, style: Style(.text)).wrapped(width: max(1, width - 2))
        for spans in paragraph.prefix(6) { lines.append(.text([Span(" ")] + spans)) }
        if paragraph.count > 6 { lines.append(.text([Span(" …", .muted)])) }
        let when = post.publishedAt.map { zone.format($0, .dayAndTime) } ?? "no publish time"
        lines.append(.text([Span(" \(post.clientName)", .accent), Span(" · published \(when) · on \(post.publishedCount) of \(post.platformCount) network\(post.platformCount == 1 ? "" : "s")", .muted)]))
        let rate = post.engagementPerThousandViews.map { " · \(MetricFormat.oneDecimal($0)) per 1,000 views" } ?? ""
        lines.append(.text([Span(" likes \(MetricFormat.grouped(post.likes)) · comments \(MetricFormat.grouped(post.comments))"
                                 + " · shares \(MetricFormat.grouped(post.shares)) · views \(MetricFormat.grouped(post.views))", .text)]))
        lines.append(.text([Span(" engagement \(MetricFormat.grouped(post.engagement))", .accent), Span(rate, .muted)]))
        guard let detail = state.detail else {
            lines += [.text([]), .text([Span(" loading the post's networks…", .muted)])]
            return lines
        }
        if detail.platforms.isEmpty {
            lines += [.text([]), .text([Span(" not sent to any network", .muted)])]
        }
        for platform in detail.platforms {
            lines.append(.text([]))
            var head = [Span(" \(platform.platform.displayName)", .title), Span(" \(platform.username ?? "—")", .text),
                        Span(" · \(platform.status.rawValue)", platform.status == .published ? .success : platform.status == .failed ? .error : .muted)]
            if let first = platform.firstSnapshot, let last = platform.latestSnapshot {
                // "25 Nov 10:00": the weekday is left out to keep the line short.
                let from = zone.format(first, .dayAndTime).dropFirst(4), to = zone.format(last, .dayAndTime).dropFirst(4)
                head.append(Span(" · snapshots \(from) → \(to)", .muted))
            } else {
                head.append(Span(" · no snapshots yet", .muted))
            }
            lines.append(.text(head))
            if let error = platform.errorMessage, platform.status == .failed {
                lines.append(.text([Span("   " + error, .error)]))
            }
            for metric in PostMetric.allCases where !platform.series.isEmpty {
                lines.append(.metric(metric, platform.series[metric] ?? [], metricRoles[metric] ?? .chart1))
            }
        }
        return lines
    }
}
