import FoundationEssentials
import PostDeckCore
import PostDeckStore
import TerminalUI

/// Draws the account-health pane: a summary line, the filter line, and either the table
/// of accounts or one account's failures.
enum HealthView {
    static func render(_ state: AppState, into buffer: inout Buffer, area: Rect, symbols: Symbols) {
        let health = state.health
        guard !area.isEmpty else { return }
        var y = area.y
        if health.loaded {
            let summary = HealthSummary(health.accounts)
            var spans: [Span] = [Span(" "), Span("\(summary.expired) expired", summary.expired > 0 ? .tokenExpired : .muted),
                                 Span(" · ", .muted),
                                 Span("\(summary.expiringSoon) expiring", summary.expiringSoon > 0 ? .tokenExpiringSoon : .muted),
                                 Span(" · ", .muted),
                                 Span("\(summary.withFailures) account\(summary.withFailures == 1 ? "" : "s") with failures",
                                      summary.withFailures > 0 ? .warning : .muted),
                                 Span(" · \(summary.total) account\(summary.total == 1 ? "" : "s")", .muted)]
            if !health.filter.isEmpty && health.editingFilter == nil {
                spans += [Span("   filter: ", .muted), Span(health.filter, .accent), Span(" (\(health.visible.count) shown, Esc clears)", .muted)]
            }
            buffer.put(spans, x: area.x, y: y, maxWidth: area.width)
        } else if let error = health.error {
            buffer.put(" " + error, x: area.x, y: y, style: Style(.error), maxWidth: area.width)
        } else {
            buffer.put(" loading accounts…", x: area.x, y: y, style: Style(.muted), maxWidth: area.width)
        }
        y += 1
        if let typing = health.editingFilter {
            let used = buffer.put([Span(" / ", .key), Span(typing, .input)], x: area.x, y: y, maxWidth: area.width - 1)
            buffer.cursor = Point(x: min(area.right - 1, area.x + used), y: y)
            buffer.put("  Enter keeps · Esc clears", x: area.x + used + 1, y: y, style: Style(.muted), maxWidth: max(0, area.right - area.x - used - 1))
            y += 1
        }
        let rest = Rect(x: area.x, y: y, width: area.width, height: max(0, area.bottom - y))
        if let detail = health.detail {
            renderDetail(detail, now: state.now, zone: state.postZone(for: detail.account.clientID), into: &buffer, area: rest, symbols: symbols)
        } else {
            renderTable(health, now: state.now, into: &buffer, area: rest, symbols: symbols)
        }
    }

    struct Column {
        let title: String
        let constraint: Constraint
        let alignRight: Bool
    }

    static func columns(wide: Bool) -> [Column] {
        var columns = [Column(title: "TOKEN", constraint: .fixed(11), alignRight: false),
                       Column(title: "CLIENT", constraint: .fill(2), alignRight: false),
                       Column(title: wide ? "PLATFORM" : "NET", constraint: .fixed(wide ? 9 : 3), alignRight: false),
                       Column(title: "USERNAME", constraint: .fill(3), alignRight: false)]
        if wide { columns.append(Column(title: "ACTIVE", constraint: .fixed(6), alignRight: false)) }
        columns += [Column(title: "EXPIRY", constraint: .fixed(wide ? 20 : 8), alignRight: false),
                    Column(title: "POSTS", constraint: .fixed(5), alignRight: true),
                    Column(title: "FAILED", constraint: .fixed(6), alignRight: true),
                    Column(title: "RATE", constraint: .fixed(5), alignRight: true)]
        return columns
    }

    static func glyph(_ status: TokenStatus, _ symbols: Symbols) -> String {
        switch (status, symbols == .ascii) {
        case (.expired, false): "✖"
        case (.expiringSoon, false): "▲"
        case (.healthy, false): "✔"
        case (.expired, true): "x"
        case (.expiringSoon, true): "!"
        case (.healthy, true): "+"
        }
    }

    static func role(_ status: TokenStatus) -> Role {
        switch status {
        case .expired: .tokenExpired
        case .expiringSoon: .tokenExpiringSoon
        case .healthy: .tokenHealthy
        }
    }

    private static func renderTable(_ health: HealthState, now: Date, into buffer: inout Buffer, area: Rect, symbols: Symbols) {
        guard area.height >= 2 else { return }
        let wide = area.width >= 110
        let columns = columns(wide: wide)
        let cells = split(Rect(x: area.x + 1, y: area.y, width: max(0, area.width - 2), height: 1), .horizontal,
                          columns.map(\.constraint), spacing: 1)
        for (column, cell) in zip(columns, cells) {
            put(column.title, column.alignRight, cell, y: area.y, style: Style(.header).bold(), into: &buffer)
        }
        let rows = health.visible
        if health.loaded && rows.isEmpty {
            let text = health.accounts.isEmpty ? "no accounts in this scope" : "no account matches \"\(health.editingFilter ?? health.filter)\""
            buffer.put("  " + text, x: area.x, y: area.y + 2, style: Style(.muted), maxWidth: area.width)
            return
        }
        let capacity = area.height - 1
        let offset = scrollOffset(selected: health.selected, count: rows.count, capacity: capacity)
        for (line, index) in (offset..<min(rows.count, offset + capacity)).enumerated() {
            let account = rows[index]
            let y = area.y + 1 + line
            let selected = index == health.selected
            if selected { buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: Style(.selection).reverse()) }
            func style(_ role: Role) -> Style { selected ? Style(role).reverse() : Style(role) }
            let status = account.tokenStatus
            let statusWord = status == .expiringSoon ? "expiring" : status.rawValue
            var values: [(String, Role)] = [
                ("\(glyph(status, symbols)) \(statusWord)", role(status)),
                (account.clientName, .text),
                (wide ? account.platform.displayName : account.platform.mark, .muted),
                ((account.username ?? "—") + (account.active || wide ? "" : " (inactive)"), account.active ? .text : .muted),
            ]
            if wide { values.append((account.active ? "yes" : "no", account.active ? .text : .warning)) }
            values += [
                (wide ? account.expiryWords(now: now) : account.compactExpiry(now: now), role(status)),
                (String(account.totalPosts), .text),
                (String(account.failedPosts), account.failedPosts > 0 ? .error : .muted),
                (account.failureRate.map { MetricFormat.fixed($0 * 100, places: 0) + "%" } ?? "—", (account.failureRate ?? 0) >= 0.2 ? .error : .muted),
            ]
            for ((text, role), (column, cell)) in zip(values, zip(columns, cells)) {
                put(text, column.alignRight, cell, y: y, style: style(role), into: &buffer)
            }
        }
    }

    /// The first visible row such that the selected one is on screen.
    static func scrollOffset(selected: Int, count: Int, capacity: Int) -> Int {
        guard capacity > 0, count > capacity else { return 0 }
        let wanted = selected - capacity / 2
        return max(0, min(wanted, count - capacity))
    }

    private static func put(_ text: String, _ alignRight: Bool, _ cell: Rect, y: Int, style: Style, into buffer: inout Buffer) {
        let fitted = truncate(Sanitizer.singleLine(text), toWidth: cell.width)
        let x = alignRight ? cell.right - displayWidth(fitted) : cell.x
        buffer.put(fitted, x: x, y: y, style: style, maxWidth: cell.width)
    }

    /// Where the detail's parts go: the account's lines, the failure list, and the selected
    /// failure's whole error text. `update` uses the same value for page moves.
    struct DetailLayout {
        let heading: Rect
        let list: Rect
        let error: Rect
    }

    static let detailHeadingHeight = 6

    static func detailLayout(_ detail: HealthDetail, area: Rect) -> DetailLayout {
        let heading = Rect(x: area.x, y: area.y, width: area.width, height: min(area.height, detailHeadingHeight))
        let rest = max(0, area.height - heading.height)
        let count = detail.rows.count
        // The error text gets what it needs (its wrapped lines, the post and its time), up to
        // half the rest; the list the remainder.
        let needed = errorLines(detail.selectedFailure, attempts: detail.selectedAttempts, account: detail.account.id,
                                width: area.width, now: .distantPast).count
        let listRows = count == 0 ? 0 : min(count, max(rest - needed, (rest + 1) / 2))
        let list = Rect(x: area.x, y: heading.bottom, width: area.width, height: listRows)
        return DetailLayout(heading: heading, list: list,
                            error: Rect(x: area.x, y: list.bottom, width: area.width, height: max(0, rest - listRows)))
    }

    private static func renderDetail(_ detail: HealthDetail, now: Date, zone: DisplayZone, into buffer: inout Buffer,
                                     area: Rect, symbols: Symbols) {
        let account = detail.account
        var lines: [[Span]] = []
        lines.append([Span(" \(account.platform.displayName) ", .title), Span(account.username ?? "—", .title),
                      Span("  \(account.clientName)", .muted)])
        lines.append([Span(" token: ", .muted), Span("\(glyph(account.tokenStatus, symbols)) \(account.expiryWords(now: now))", role(account.tokenStatus)),
                      Span(account.active ? "   active" : "   inactive", account.active ? .success : .warning)])
        guard let failures = detail.failures else {
            lines.append([Span(" loading failures…", .muted)])
            draw(lines, into: &buffer, area: area, scroll: 0)
            return
        }
        let last = failures.lastSuccess.map { "last successful publish \(RelativeTime($0, relativeTo: now).words)" }
            ?? "never published successfully"
        lines.append([Span(" " + last, failures.lastSuccess == nil ? .warning : .muted)])
        lines.append([Span(" \(account.failedPosts) failed of \(account.totalPosts) post\(account.totalPosts == 1 ? "" : "s")", .muted)])
        lines.append([])
        if failures.failures.isEmpty {
            lines.append([Span(" no failed posts", .success)])
            draw(lines, into: &buffer, area: area, scroll: 0)
            return
        }
        lines.append([Span(" recent failures, newest first", .header), Span("   Enter calendar · e composer · r retry", .muted)])
        let layout = detailLayout(detail, area: area)
        draw(lines, into: &buffer, area: layout.heading, scroll: 0)

        var list = detail.list
        list.layout(visibleRows: layout.list.height, count: failures.failures.count)
        for (row, index) in (list.offset..<min(failures.failures.count, list.offset + layout.list.height)).enumerated() {
            let failure = failures.failures[index]
            let y = layout.list.y + row
            let selected = index == list.selected
            func style(_ role: Role) -> Style { selected ? Style(role).reverse() : Style(role) }
            if selected { buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: Style(.selection).reverse()) }
            let when = failure.at.map { RelativeTime($0, relativeTo: now).words } ?? "—"
            var x = area.x + buffer.put(" \(glyph(.expired, symbols)) ", x: area.x, y: y, style: style(.error), maxWidth: area.width)
            let whenText = truncate(when, toWidth: 16)
            buffer.put(whenText, x: x, y: y, style: style(.muted), maxWidth: max(0, area.right - x))
            x += 17
            let messageWidth = max(0, min(area.right - x, (area.right - x) * 3 / 5))
            let message = truncate(Sanitizer.singleLine(failure.message ?? "(no error message)"), toWidth: messageWidth)
            buffer.put(message, x: x, y: y, style: style(.error), maxWidth: messageWidth)
            x += messageWidth + 1
            if x < area.right - 1 {
                let content = truncate(Sanitizer.singleLine(failure.content), toWidth: area.right - x - 1)
                buffer.put(content, x: x, y: y, style: style(.text), maxWidth: area.right - x - 1)
            }
        }
        let error = errorLines(detail.selectedFailure, attempts: detail.selectedAttempts, account: detail.account.id,
                               width: area.width, now: now, zone: zone)
        draw(error, into: &buffer, area: layout.error, scroll: 0)
    }

    /// The selected failure in full: a rule, its whole error text wrapped and sanitised, the
    /// post's first words and when it was due, and the worker's attempts (its publish job and
    /// this account's sends) once read.
    static func errorLines(_ failure: AccountFailures.Failure?, attempts: PublishAttempts?, account: AccountID, width: Int,
                           now: Date, zone: DisplayZone = .utc) -> [[Span]] {
        guard let failure, width > 4 else { return [] }
        var lines: [[Span]] = [[Span(" " + String(repeating: "─", count: max(0, min(width - 2, 40))), .muted)]]
        let text = failure.message ?? "(no error message)"
        lines += Paragraph(lines: [[Span(text, style: Style(.error))]]).wrapped(width: width - 2).map { [Span(" ")] + $0 }
        let post = Paragraph(lines: [[Span("post: ", style: Style(.muted)), Span(failure.content, style: Style(.text))]])
            .wrapped(width: width - 2).prefix(2).map { [Span(" ")] + $0 }
        lines += post
        let due = failure.postTime.map { "due \(zone.format($0, .dayAndTime))" } ?? "no time"
        lines.append([Span(" \(due) · post \(failure.postStatus.rawValue) · id \(failure.postID.description.prefix(8))", .muted)])
        if let attempts { lines.append([Span(" " + attemptWords(attempts, account: account, now: now), .muted)]) }
        return lines
    }

    /// "publish job failed after 3 of 3 attempts · 2 sends here, the last failed 3 hours ago".
    static func attemptWords(_ attempts: PublishAttempts, account: AccountID, now: Date) -> String {
        var parts: [String] = []
        if let job = attempts.job {
            var words = "publish job \(job.status.rawValue) after \(job.attempts) of \(job.maxAttempts) attempt\(job.maxAttempts == 1 ? "" : "s")"
            if let next = job.nextAttemptAt { words += ", next \(RelativeTime(next, relativeTo: now).words)" }
            parts.append(words)
        } else {
            parts.append("no publish job")
        }
        if let here = attempts.platforms.first(where: { $0.accountID == account }) {
            var words = "\(here.sends) send\(here.sends == 1 ? "" : "s") here"
            if let outcome = here.lastOutcome {
                words += ", the last \(outcome.rawValue)"
                if let at = here.lastSentAt { words += " \(RelativeTime(at, relativeTo: now).words)" }
            }
            parts.append(words)
        }
        return Sanitizer.singleLine(parts.joined(separator: " · "))
    }

    private static func draw(_ lines: [[Span]], into buffer: inout Buffer, area: Rect, scroll: Int) {
        let top = min(scroll, max(0, lines.count - area.height))
        for (row, line) in lines.dropFirst(top).prefix(area.height).enumerated() {
            buffer.put(line, x: area.x, y: area.y + row, maxWidth: area.width)
        }
    }
}
