import FoundationEssentials
import PostDeckCore
import TerminalUI

/// The week: seven day columns by hour rows on the display zone's wall clock. A day that
/// clocks change on says how long it is; an hour that does not exist that day says so.
enum WeekView {
    static let labelWidth = 5

    static func render(_ calendar: CalendarState, today: LocalDate, into buffer: inout Buffer, area: Rect, symbols: Symbols) {
        guard let selectedDay = calendar.day, area.height >= 2, area.width >= 20 else { return }
        let zone = calendar.displayZone
        let days = calendar.period(for: selectedDay)
        let columns = split(Rect(x: area.x + labelWidth + 1, y: area.y, width: max(0, area.width - labelWidth - 1), height: 1),
                            .horizontal, Array(repeating: .fill(1), count: 7), spacing: 1)
        for (day, column) in zip(days, columns) {
            let hours = Int(zone.range(of: day).duration / 3_600)
            var label = " \(day.weekday.shortName) \(day.day)"
            if hours != 24 { label += " \(hours)h" }
            if day == today && column.width >= displayWidth(label) + 6 { label += " today" }
            var style = Style(.header).bold()
            if day == today { style = Style(.accent).bold() }
            if day == selectedDay { style = Style(.selection).bold().reverse() }
            buffer.put(label, x: column.x, y: area.y, style: style, maxWidth: column.width)
        }
        let heights = hourHeights(calendar, days: days, available: area.height - 1)
        var y = area.y + 1
        for (hour, lines) in heights.enumerated() where lines > 0 {
            buffer.put("\(hour < 10 ? "0" : "")\(hour):00", x: area.x, y: y, style: Style(.muted), maxWidth: labelWidth)
            // More hours above or below: an arrow beside the first or last hour shown.
            if hour > 0 && heights[hour - 1] == 0 { buffer.put(symbols.scrollUp, x: area.x + labelWidth, y: y, style: Style(.muted)) }
            if hour < 23 && heights[hour + 1] == 0 { buffer.put(symbols.scrollDown, x: area.x + labelWidth, y: y, style: Style(.muted)) }
            for (day, column) in zip(days, columns) {
                renderHour(hour, of: day, lines: lines, calendar: calendar, x: column.x, y: y, width: column.width, into: &buffer, symbols: symbols)
            }
            for line in 0..<lines {
                for column in columns.dropLast() { buffer.put(symbols.vertical, x: column.right, y: y + line, style: Style(.border)) }
            }
            y += lines
        }
    }

    /// How many lines each hour of the day gets (0: scrolled out of view). Below 24 lines the
    /// hours scroll (from `weekTop`), one line each. With more room every hour is shown: the
    /// extra lines go first to the hours with the most posts on one day, so more of them are
    /// listed, and the rest are spread over the day (working hours first), so the grid fills
    /// the pane with no blank rows below it.
    static func hourHeights(_ calendar: CalendarState, days: [LocalDate], available: Int) -> [Int] {
        guard available >= 24 else {
            let rows = max(0, available)
            let top = max(0, min(calendar.weekTop, 24 - rows))
            return (0..<24).map { $0 >= top && $0 < top + rows ? 1 : 0 }
        }
        let zone = calendar.displayZone
        var need = Array(repeating: 1, count: 24)
        for day in days {
            var counts = Array(repeating: 0, count: 24)
            for post in calendar.byDay[day] ?? [] { if let time = post.time { counts[zone.localDateTime(of: time).hour] += 1 } }
            for hour in 0..<24 { need[hour] = max(need[hour], counts[hour]) }
        }
        var heights = Array(repeating: 1, count: 24)
        var extra = available - 24
        while extra > 0 {
            var busiest: Int?
            for hour in 0..<24 where need[hour] > heights[hour] {
                if busiest.map({ need[hour] - heights[hour] > need[$0] - heights[$0] }) ?? true { busiest = hour }
            }
            guard let hour = busiest else { break }
            heights[hour] += 1
            extra -= 1
        }
        let order = Array(9..<18) + Array(18..<24) + Array(0..<9)
        var index = 0
        while extra > 0 {
            heights[order[index % 24]] += 1
            extra -= 1
            index += 1
        }
        return heights
    }

    /// One hour of one day in `lines` lines: its posts, one a line; when there are more, the
    /// last line says how many are not shown (the selected post is always among those shown).
    private static func renderHour(_ hour: Int, of day: LocalDate, lines: Int, calendar: CalendarState, x: Int, y: Int, width: Int,
                                   into buffer: inout Buffer, symbols: Symbols) {
        let zone = calendar.displayZone
        let posts = (calendar.byDay[day] ?? []).filter { zone.localDateTime(of: $0.time!).hour == hour }
        guard !posts.isEmpty else {
            // Hours the wall clock skips or repeats on a clock-change day.
            switch zone.resolve(LocalDateTime(date: day, hour: hour, minute: 0)!) {
            case .nonexistent: buffer.put(" (skipped)", x: x, y: y, style: Style(.muted), maxWidth: width)
            case .ambiguous: buffer.put(" (twice)", x: x, y: y, style: Style(.muted), maxWidth: width)
            case .exact: break
            }
            return
        }
        let isSelectedDay = day == calendar.day
        let shownCount = min(lines, posts.count)
        let selected = isSelectedDay ? posts.firstIndex { $0.id == calendar.selectedPost } : nil
        let first = max(0, min((selected ?? 0) - shownCount + 1, posts.count - shownCount))
        let hidden = posts.count - shownCount
        for (line, post) in posts[first..<(first + shownCount)].enumerated() {
            let minute = zone.localDateTime(of: post.time!).minute
            var spans = CalendarView.line(post, time: ":\(minute < 10 ? "0" : "")\(minute)", marksWidth: width >= 16 ? 5 : 3, symbols: symbols)
            let more = hidden > 0 && line == shownCount - 1 ? (width >= 16 ? " +\(hidden) more" : " +\(hidden)") : ""
            if !more.isEmpty {
                // Keep room for the count: the excerpt gives way, then the space before it.
                let excerpt = spans.removeLast()
                spans.removeLast()
                let room = width - spans.reduce(0) { $0 + $1.width } - displayWidth(more) - 1
                if room > 0 {
                    let text = truncate(excerpt.text, toWidth: room)
                    spans += [Span(" "), Span(text + String(repeating: " ", count: max(0, room - displayWidth(text))), style: excerpt.style)]
                }
                let others = posts[..<first] + posts[(first + shownCount)...]
                spans.append(Span(more, others.contains(where: \.needsAttention) ? .error : .muted))
            }
            CalendarView.draw(spans, x: x, y: y + line, width: width, selected: isSelectedDay && post.id == calendar.selectedPost, into: &buffer)
        }
    }
}
