import FoundationEssentials
import PostDeckCore
import PostDeckStore
import TerminalUI

/// Draws the calendar pane: a title line (period, zone, counts, filters), the month, week
/// or agenda view (or a post's detail), and a line about the selected post (or the
/// reschedule prompt, or the search line). The filter panel floats over the view.
enum CalendarView {
    static func render(_ state: AppState, into buffer: inout Buffer, area: Rect, symbols: Symbols) {
        let calendar = state.calendar
        guard area.height >= 3, let day = calendar.day else {
            let text = calendar.error ?? (calendar.loaded ? "" : " loading posts…")
            buffer.put(text, x: area.x, y: area.y, style: Style(calendar.error == nil ? .muted : .error), maxWidth: area.width)
            return
        }
        title(state, day: day, into: &buffer, area: area.row(0))
        let bottomHeight = calendar.prompt != nil ? 2 : 1
        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: max(0, area.height - 1 - bottomHeight))
        let bottom = Rect(x: area.x, y: body.bottom, width: area.width, height: bottomHeight)
        let today = calendar.displayZone.localDate(of: state.now)
        if let detail = calendar.detail {
            PostDetailView.render(detail, zone: calendar.displayZone, now: state.now, into: &buffer, area: body, symbols: symbols)
        } else {
            switch calendar.mode {
            case .month: MonthView.render(calendar, today: today, into: &buffer, area: body, symbols: symbols)
            case .week: WeekView.render(calendar, today: today, into: &buffer, area: body, symbols: symbols)
            case .agenda: AgendaView.render(calendar, today: today, showClient: state.scope.clientID == nil,
                                            into: &buffer, area: body, symbols: symbols)
            }
        }
        footer(state, into: &buffer, area: bottom, symbols: symbols)
        if let panel = calendar.filterPanel { renderFilterPanel(panel, into: &buffer, area: body, symbols: symbols) }
    }

    // MARK: Title and footer

    static func periodTitle(_ calendar: CalendarState, day: LocalDate) -> String {
        let days = calendar.period(for: day)
        let month = DisplayZone.monthNames
        func span(_ first: LocalDate, _ last: LocalDate) -> String {
            let start = first.month == last.month ? "\(first.day)"
                : first.year == last.year ? "\(first.day) \(month[first.month - 1])" : "\(first.day) \(month[first.month - 1]) \(first.year)"
            return "\(start)–\(last.day) \(month[last.month - 1]) \(last.year)"
        }
        switch calendar.mode {
        case .month: return calendar.displayZone.monthGrid(for: day).title
        case .agenda: return "Agenda · " + span(days[0], days[days.count - 1])
        case .week: return "Week " + span(days[0], days[6])
        }
    }

    private static func title(_ state: AppState, day: LocalDate, into buffer: inout Buffer, area: Rect) {
        let calendar = state.calendar
        let zone = calendar.displayZone
        let days = calendar.period(for: day)
        let source: String
        switch calendar.zone.source {
        case .client: source = "client's zone"
        case .commandLine: source = "--tz"
        case .environment: source = "TZ"
        case .config: source = "config"
        case .fallback: source = "default"
        }
        var spans: [Span] = [Span(" " + periodTitle(calendar, day: day), style: Style(.title).bold()), Span("  ", .muted),
                             Span(zone.name, .accent), Span(" \(zone.offsetText(at: zone.startOfDay(day))) (\(source))", .muted)]
        // Days of the period that are not 24 hours long: clocks change.
        let changes = days.filter { zone.range(of: $0).duration != 86_400 && (calendar.mode != .month || $0.month == day.month) }
        for change in changes.prefix(2) {
            let hours = Int(zone.range(of: change).duration / 3_600)
            spans.append(Span("  clocks change \(change.weekday.shortName) \(change.day) (\(hours) h)", .warning))
        }
        var counts = "  · \(calendar.posts.count) post\(calendar.posts.count == 1 ? "" : "s")"
        if !calendar.unscheduled.isEmpty { counts += ", \(calendar.unscheduled.count) unscheduled" }
        spans.append(Span(counts, .muted))
        let filters = describe(calendar.filter, choices: calendar.filterPanel?.choices)
        if !filters.isEmpty { spans += [Span("  filter: ", .muted), Span(filters, .accent)] }
        let tabs: [Span] = CalendarMode.allCases.flatMap { mode in
            [Span(" \(mode.rawValue.prefix(1)) \(mode.rawValue) ", style: mode == calendar.mode ? Style(.tabActive).bold().reverse() : Style(.tabInactive))]
        }
        let tabsWidth = tabs.reduce(0) { $0 + $1.width }
        let fitsTabs = spans.reduce(0) { $0 + $1.width } + tabsWidth + 1 <= area.width
        buffer.put(spans, x: area.x, y: area.y, width: fitsTabs ? area.width - tabsWidth - 1 : area.width)
        if fitsTabs { buffer.put(tabs, x: area.right - tabsWidth, y: area.y) }
    }

    /// "failed, ig, "launch"": the active filters in words.
    static func describe(_ filter: CalendarFilter, choices: CalendarQueries.FilterChoices?) -> String {
        var parts = filter.statuses.map(\.rawValue).sorted() + filter.platforms.sorted().map(\.mark)
        if let account = filter.account { parts.append(choices?.accounts.first { $0.id == account }?.label ?? "one account") }
        if let campaign = filter.campaign { parts.append(choices?.campaigns.first { $0.id == campaign }?.label ?? "one campaign") }
        if !filter.text.isEmpty { parts.append("\"\(filter.text)\"") }
        return parts.joined(separator: ", ")
    }

    private static func footer(_ state: AppState, into buffer: inout Buffer, area: Rect, symbols: Symbols) {
        let calendar = state.calendar
        let zone = calendar.displayZone
        if let prompt = calendar.prompt {
            let label = " reschedule to (\(zone.name)): "
            let used = buffer.put(label, x: area.x, y: area.y, style: Style(.key))
            var input = prompt.input
            TextInput(placeholder: TimeExpression.examples(now: state.now, zone: zone)[0]).render(into: &buffer, area: Rect(x: area.x + used, y: area.y, width: min(18, max(0, area.width - used)), height: 1), state: &input)
            buffer.put("  Enter moves · Esc cancels", x: area.x + used + 19, y: area.y, style: Style(.muted), maxWidth: max(0, area.right - area.x - used - 19))
            let line: [Span]
            switch TimeInput.read(prompt.input.text, in: zone, now: state.now) {
            case .failure(.malformed(let message)): line = [Span(" " + message, .muted)]
            case .success(let instant):
                let preview = zone.preview(instant)
                line = [Span(" = \(preview.local) = ", .muted), Span(preview.utc, .accent)]
                    + (instant <= state.now ? [Span("  in the past", .error)] : [])
            case .failure(.doesNotExist(let gap)): line = [Span(" " + gap.message, .warning)]
            case .failure(.happensTwice(let overlap)):
                let chosen = prompt.later ? overlap.later : overlap.earlier
                line = [Span(" happens twice (clocks go back): ", .warning),
                        Span("\(zone.offsetText(at: chosen)) = \(zone.preview(chosen).utc)", .accent),
                        Span(chosen == overlap.earlier ? " (the first; Tab: the second)" : " (the second; Tab: the first)", .muted)]
            }
            buffer.put(line, x: area.x, y: area.y + 1, width: area.width)
            return
        }
        if var search = calendar.search {
            let used = buffer.put(" / ", x: area.x, y: area.y, style: Style(.key))
            TextInput(placeholder: "text in the posts").render(into: &buffer, area: Rect(x: area.x + used, y: area.y, width: max(0, min(40, area.width - used - 30)), height: 1), state: &search)
            buffer.put("  Enter keeps · Esc clears", x: area.x + used + 41, y: area.y, style: Style(.muted), maxWidth: max(0, area.right - area.x - used - 41))
            return
        }
        guard let post = calendar.selected else {
            let hint = calendar.dayPosts.isEmpty && calendar.loaded ? " no posts on this day" : ""
            buffer.put(hint, x: area.x, y: area.y, style: Style(.muted), maxWidth: area.width)
            return
        }
        var spans: [Span] = [Span(" \(symbols.selectionMarker) ", .accent)]
        if let time = post.time {
            spans.append(Span("\(zone.format(time, .dayAndTime)) \(zone.offsetText(at: time).dropFirst(3))", .text))
        } else {
            spans.append(Span("unscheduled", .muted))
        }
        spans += [Span(" · ", .muted), Span("\(glyph(post.status, symbols)) \(post.status.rawValue)", role(post.status)),
                  Span(" · ", .muted), Span(post.clientName, .text), Span(" · ", .muted),
                  Span(post.platforms.map(\.mark).joined(separator: " "), .accent)]
        // What needs attention goes last, after the excerpt that names the post, and in full
        // only when there is room; the detail (Enter) always has it.
        spans += [Span(" · ", .muted), Span(truncate(excerpt(post.excerpt), toWidth: max(12, area.width / 3)), .muted)]
        if post.hasTokenProblem {
            let names = post.targets.filter { !$0.tokenUsable }.map { "\($0.platform.mark) \($0.username ?? "?")" }
            spans.append(Span(" · ! token expired or missing: \(names.joined(separator: ", "))", .tokenExpired))
        } else if post.hasFailure {
            spans.append(Span(" · ! failed on \(post.targets.filter { $0.status == .failed }.map(\.platform.mark).joined(separator: " "))", .postFailed))
        }
        buffer.put(spans, x: area.x, y: area.y, width: area.width)
    }

    // MARK: Posts

    static func glyph(_ status: PostStatus, _ symbols: Symbols) -> String {
        let ascii = symbols == .ascii
        switch status {
        case .draft: return ascii ? "~" : "✎"
        case .scheduled: return ascii ? "o" : "◔"
        case .publishing: return ascii ? ">" : "⟳"
        case .published: return ascii ? "+" : "✔"
        case .failed: return ascii ? "x" : "✖"
        case .cancelled: return ascii ? "-" : "⊘"
        }
    }

    static func role(_ status: PostStatus) -> Role {
        switch status {
        case .draft: .postDraft
        case .scheduled: .postScheduled
        case .publishing: .postPublishing
        case .published: .postPublished
        case .failed: .postFailed
        case .cancelled: .postCancelled
        }
    }

    /// "in ig tt" when there is room, else "in+2".
    static func marks(_ platforms: [Platform], width: Int) -> String {
        let all = platforms.map(\.mark).joined(separator: " ")
        if displayWidth(all) <= width || platforms.count <= 1 { return all }
        return platforms[0].mark + "+\(platforms.count - 1)"
    }

    /// A post in one line: status glyph, time, a `!` when it needs attention, networks and excerpt.
    static func line(_ post: CalendarPost, time: String, marksWidth: Int, symbols: Symbols) -> [Span] {
        let flag: Span = post.hasTokenProblem ? Span("!", style: Style(.tokenExpired).bold())
            : post.hasFailure && post.status != .failed ? Span("!", style: Style(.postFailed).bold()) : Span(" ")
        let excerptRole: Role = post.status == .cancelled ? .muted : post.status == .failed ? .postFailed : .text
        return [Span(glyph(post.status, symbols), style: Style(role(post.status)).bold()), Span(time, post.needsAttention ? .error : .text), flag,
                Span(marks(post.platforms, width: marksWidth), .accent), Span(" "),
                Span(excerpt(post.excerpt), excerptRole)]
    }

    /// The content on one line: line breaks become spaces, controls become placeholders.
    static func excerpt(_ content: String) -> String {
        Sanitizer.singleLine(content.split(whereSeparator: \.isNewline).joined(separator: " "))
    }

    /// `text` sanitized, cut to leave one blank column and padded to exactly `width` columns.
    static func pad(_ text: String, to width: Int) -> String {
        let cut = truncate(Sanitizer.singleLine(text), toWidth: max(0, width - 1))
        return cut + String(repeating: " ", count: max(0, width - displayWidth(cut)))
    }

    /// Draws spans in one row of `width` columns; a selected row is drawn reversed.
    static func draw(_ spans: [Span], x: Int, y: Int, width: Int, selected: Bool, into buffer: inout Buffer) {
        guard width > 0 else { return }
        if selected {
            buffer.fill(Rect(x: x, y: y, width: width, height: 1), style: Style(.selection).reverse())
            buffer.put(spans.map { Span($0.text, style: $0.style.reverse()) }, x: x, y: y, width: width)
        } else {
            buffer.put(spans, x: x, y: y, width: width)
        }
    }

    /// Which `capacity` of `count` rows to show so that `selected` is among them, and how
    /// many are left out (shown as "+N more" in the last row when any are).
    static func window(count: Int, capacity: Int, selected: Int?) -> (range: Range<Int>, hidden: Int) {
        guard capacity > 0 else { return (0..<0, count) }
        if count <= capacity { return (0..<count, 0) }
        let slots = capacity - 1
        let start = selected.map { max(0, min($0 - slots + 1, count - slots)) } ?? 0
        return (start..<start + slots, count - slots)
    }

    // MARK: Filter panel

    private static func renderFilterPanel(_ panel: FilterPanel, into buffer: inout Buffer, area: Rect, symbols: Symbols) {
        let width = min(area.width - 2, 64)
        let rect = Rect(x: area.x + max(0, (area.width - width) / 2), y: area.y + 1, width: width, height: min(area.height - 1, 9))
        let block = Block(title: "Filters", focused: true, symbols: symbols, fill: .dialog)
        block.render(into: &buffer, area: rect)
        let inner = block.inner(rect)
        for (index, row) in FilterPanel.Row.allCases.enumerated() where index < inner.height {
            let value = CalendarEditing.current(row, panel.draft)
            let text: String
            switch row {
            case .account: text = value.flatMap { id in panel.choices?.accounts.first { $0.id.description == id }?.label } ?? (value == nil ? "any" : "one account")
            case .campaign: text = value.flatMap { id in panel.choices?.campaigns.first { $0.id.description == id }?.label } ?? (value == nil ? "any" : "one campaign")
            default: text = value ?? "any"
            }
            let selected = row == panel.row
            let spans = [Span(" \(row.title.padded(to: 9))", .header),
                         Span("\(symbols == .ascii ? "<" : "◂") \(text) \(symbols == .ascii ? ">" : "▸")", value == nil ? .muted : .accent)]
            draw(spans, x: inner.x, y: inner.y + index, width: inner.width, selected: selected, into: &buffer)
        }
        let help = panel.choices == nil ? " loading accounts and campaigns…" : " " + Keymap.summary([(.moveDown, .moveUp, "row"), (.moveLeft, .moveRight, "change"), (.clearValue, nil, "clear"),
                                   (.applyFilters, nil, "apply"), (.back, nil, "")], in: .filterPanel)
        if inner.height > 5 { buffer.put(help, x: inner.x, y: inner.y + 5, style: Style(.muted), maxWidth: inner.width) }
    }
}
