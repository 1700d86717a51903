import FoundationEssentials
import PostDeckCore
import PostDeckStore
import TerminalUI

/// Draws the performance pane: a title line (range, count, display zone, filter), the
/// filter or export line when open, then the table with its totals, the charts, or a post.
enum PerformanceView {
    static func render(_ state: AppState, into buffer: inout Buffer, area: Rect, symbols: Symbols) {
        guard !area.isEmpty else { return }
        let pane = state.performance
        let zone = PerformancePane.zone(state)
        title(state, zone: zone, into: &buffer, area: area.row(0))
        var y = area.y + 1
        if let input = pane.exportPath {
            var text = input
            TextInput(prompt: " export CSV to: ").render(into: &buffer, area: Rect(x: area.x, y: y, width: area.width, height: 1), state: &text)
            y += 1
        } else if let input = pane.editingFilter {
            var text = input
            let hint = "  Enter keeps · Esc clears"
            let field = Rect(x: area.x, y: y, width: max(0, area.width - displayWidth(hint)), height: 1)
            TextInput(prompt: " / ").render(into: &buffer, area: field, state: &text)
            buffer.put(hint, x: field.right, y: y, style: Style(.muted), maxWidth: area.right - field.right)
            y += 1
        }
        let rest = Rect(x: area.x, y: y, width: area.width, height: max(0, area.bottom - y))
        if let detail = pane.detail {
            PerformanceDetailView.render(detail, zone: zone, into: &buffer, area: rest, symbols: symbols)
        } else if pane.showCharts {
            PerformanceChartsView.render(pane.charts, zone: zone, severalClients: state.scope.clientID == nil, into: &buffer, area: rest, symbols: symbols)
        } else {
            table(state, zone: zone, into: &buffer, area: rest, symbols: symbols)
        }
    }

    private static func title(_ state: AppState, zone: DisplayZone, into buffer: inout Buffer, area: Rect) {
        let pane = state.performance
        var spans = [Span(" "), Span(pane.range.title, .accent), Span(" ([ ])", .muted)]
        if let total = pane.total {
            spans.append(Span(" · \(MetricFormat.grouped(total)) post\(total == 1 ? "" : "s")", .muted))
        }
        spans += [Span(" · times in ", .muted), Span(zone.name, .text)]
        if zone.name != "UTC" { spans.append(Span(" (\(zone.offsetText(at: state.now)))", .muted)) }
        if !pane.filter.isEmpty && pane.editingFilter == nil {
            spans += [Span(" · filter: ", .muted), Span(pane.filter, .accent), Span(" (Esc clears)", .muted)]
        }
        if pane.showCharts && pane.detail == nil { spans.append(Span(" · charts (v: table)", .muted)) }
        buffer.put(spans, x: area.x, y: area.y, width: area.width)
    }

    // MARK: Table

    /// The table's columns at this width; the client column only when several clients are in scope.
    static func columns(wide: Bool, showClient: Bool) -> [(field: PerformanceSort.Field?, column: Table.Column)] {
        var columns: [(PerformanceSort.Field?, Table.Column)] = [(.published, Table.Column("PUBLISHED", width: .fixed(wide ? 16 : 12)))]
        if showClient { columns.append((.client, Table.Column("CLIENT", width: .fill(2)))) }
        columns += [
            (nil, Table.Column("POST", width: .fill(showClient ? 3 : 5))),
            (nil, Table.Column(wide ? "NETS" : "NET", width: .fixed(wide ? 4 : 3), alignment: .right)),
            (.likes, Table.Column(wide ? "LIKES" : "LIK", width: .fixed(wide ? 7 : 5), alignment: .right)),
            (.comments, Table.Column(wide ? "COMMENTS" : "COM", width: .fixed(wide ? 10 : 5), alignment: .right)),
            (.shares, Table.Column(wide ? "SHARES" : "SHR", width: .fixed(wide ? 8 : 5), alignment: .right)),
            (.views, Table.Column(wide ? "VIEWS" : "VWS", width: .fixed(wide ? 7 : 5), alignment: .right)),
            (.engagement, Table.Column(wide ? "ENGAGE" : "ENG", width: .fixed(wide ? 8 : 5), alignment: .right)),
            (nil, Table.Column(wide ? "PER 1K" : "/1K", width: .fixed(wide ? 7 : 5), alignment: .right)),
        ]
        return columns
    }

    private static func table(_ state: AppState, zone: DisplayZone, into buffer: inout Buffer, area: Rect, symbols: Symbols) {
        let pane = state.performance
        guard area.height >= 2 else { return }
        let wide = area.width >= 110
        let showClient = state.scope.clientID == nil
        let layout = columns(wide: wide, showClient: showClient)
        let sortColumn = layout.firstIndex { $0.field == pane.sort.field }
        let rows = pane.rows.map { row in
            Table.Row(cells(row, wide: wide, showClient: showClient, zone: zone))
        }
        let emptyText: String
        if let error = pane.error, !pane.loaded {
            emptyText = error
        } else if !pane.loaded {
            emptyText = "loading posts…"
        } else if !pane.filter.isEmpty {
            emptyText = "no published post matches \"\(Sanitizer.singleLine(pane.filter))\""
        } else {
            emptyText = "no published posts in the \(pane.range.title)" + (pane.range.longer == nil ? "" : " — > for a longer range")
        }
        let footerHeight = min(2, max(0, area.height - 2))
        let (body, footer) = (Rect(x: area.x, y: area.y, width: area.width, height: area.height - footerHeight),
                              Rect(x: area.x, y: area.bottom - footerHeight, width: area.width, height: footerHeight))
        var tableState = TableState(selected: pane.rows.isEmpty ? nil : pane.selected, offset: pane.offset)
        Table(columns: layout.map(\.column), rows: rows,
              sort: sortColumn.map { ($0, pane.sort.descending ? .descending : .ascending) },
              emptyText: emptyText, symbols: symbols)
            .render(into: &buffer, area: body, state: &tableState)
        if pane.hasMore && !pane.rows.isEmpty && tableState.offset + body.height - 1 >= pane.rows.count {
            buffer.put(" loading more…", x: area.x + 2, y: body.bottom - 1, style: Style(.muted), maxWidth: body.width - 2)
        }
        self.footer(pane.summary, layout: layout, into: &buffer, area: footer, symbols: symbols)
    }

    static func cells(_ row: PostPerformance, wide: Bool, showClient: Bool, zone: DisplayZone) -> [Span] {
        // "Tue 25 Nov 14:30", or "25 Nov 14:30" where the table is narrow.
        let when = row.publishedAt.map { instant -> String in
            let text = zone.format(instant, .dayAndTime)
            return wide ? text : String(text.dropFirst(4))
        } ?? "—"
        var cells = [Span(when, .muted)]
        if showClient { cells.append(Span(row.clientName, .text)) }
        cells += [
            Span(excerpt(row.content), .text),
            Span("\(row.publishedCount)/\(row.platformCount)", row.publishedCount < row.platformCount ? .warning : .muted),
            Span(MetricFormat.abbreviated(row.likes), .text),
            Span(MetricFormat.abbreviated(row.comments), .text),
            Span(MetricFormat.abbreviated(row.shares), .text),
            Span(MetricFormat.abbreviated(row.views), .muted),
            Span(MetricFormat.abbreviated(row.engagement), .accent),
            Span(row.engagementPerThousandViews.map { MetricFormat.oneDecimal($0) } ?? "–", .muted),
        ]
        return cells
    }

    /// The post's text on one line: line breaks and runs of spaces become one space.
    static func excerpt(_ content: String) -> String {
        Sanitizer.singleLine(content.split(whereSeparator: { $0.isWhitespace }).joined(separator: " "))
    }

    /// Totals and per-post medians, under the columns they belong to.
    private static func footer(_ summary: PerformanceSummary?, layout: [(field: PerformanceSort.Field?, column: Table.Column)],
                               into buffer: inout Buffer, area: Rect, symbols: Symbols) {
        guard area.height > 0 else { return }
        func number(_ value: Int) -> String { MetricFormat.abbreviated(value) }
        func median(_ value: Double?) -> String { value.map(PerformanceChartsView.median) ?? "–" }
        let postColumn = layout.firstIndex { $0.column.title == "POST" } ?? 1
        var total = Array(repeating: Span(""), count: layout.count)
        var middle = total
        total[0] = Span("TOTAL", .header)
        middle[0] = Span("MEDIAN", .header)
        if let summary {
            total[postColumn] = Span("\(MetricFormat.grouped(summary.posts)) post\(summary.posts == 1 ? "" : "s")", .muted)
            let metrics: [(PerformanceSort.Field, Int, Double?)] = [
                (.likes, summary.likes, summary.medianLikes), (.comments, summary.comments, summary.medianComments),
                (.shares, summary.shares, summary.medianShares), (.views, summary.views, summary.medianViews),
                (.engagement, summary.engagement, summary.medianEngagement),
            ]
            for (field, sum, med) in metrics {
                guard let index = layout.firstIndex(where: { $0.field == field }) else { continue }
                total[index] = Span(number(sum), .text)
                middle[index] = Span(median(med), .text)
            }
            total[layout.count - 1] = Span(MetricFormat.oneDecimal(summary.perThousandViews), .text)
            middle[layout.count - 1] = Span(MetricFormat.oneDecimal(summary.medianPerThousandViews), .text)
        } else {
            total[postColumn] = Span("counting…", .muted)
        }
        Table(columns: layout.map(\.column), rows: [Table.Row(total), Table.Row(middle)], showHeader: false,
              focused: false, symbols: symbols)
            .render(into: &buffer, area: area)
    }
}
