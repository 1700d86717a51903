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
        let rows = min(24, area.height - 1)
        let top = max(0, min(calendar.weekTop, 24 - rows))
        for line in 0..<rows {
            let hour = top + line
            let y = area.y + 1 + line
            buffer.put("\(hour < 10 ? "0" : "")\(hour):00", x: area.x, y: y, style: Style(.muted), maxWidth: labelWidth)
            // More hours above or below: an arrow beside the first or last hour shown.
            if line == 0 && top > 0 { buffer.put(symbols.scrollUp, x: area.x + labelWidth, y: y, style: Style(.muted)) }
            if line == rows - 1 && hour < 23 { buffer.put(symbols.scrollDown, x: area.x + labelWidth, y: y, style: Style(.muted)) }
            for (day, column) in zip(days, columns) {
                renderHour(hour, of: day, calendar: calendar, x: column.x, y: y, width: column.width, into: &buffer, symbols: symbols)
            }
            for column in columns.dropLast() { buffer.put(symbols.vertical, x: column.right, y: y, style: Style(.border)) }
        }
    }

    private static func renderHour(_ hour: Int, of day: LocalDate, calendar: CalendarState, x: Int, y: Int, width: Int,
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
        let shown = posts.first { isSelectedDay && $0.id == calendar.selectedPost } ?? posts[0]
        let minute = zone.localDateTime(of: shown.time!).minute
        var spans = CalendarView.line(shown, time: ":\(minute < 10 ? "0" : "")\(minute)", marksWidth: width >= 16 ? 5 : 3, symbols: symbols)
        let more = posts.count > 1 ? (width >= 16 ? " +\(posts.count - 1) more" : " +\(posts.count - 1)") : ""
        if !more.isEmpty {
            // Keep room for the count: the excerpt gives way, then the space before it.
            let excerpt = spans.removeLast()
            spans.removeLast()
            let room = width - spans.reduce(0) { $0 + $1.width } - displayWidth(more) - 1
            if room > 0 {
                let text = truncate(excerpt.text, toWidth: room)
                spans += [Span(" "), Span(text + String(repeating: " ", count: max(0, room - displayWidth(text))), style: excerpt.style)]
            }
            spans.append(Span(more, posts.dropFirst().contains(where: \.needsAttention) ? .error : .muted))
        }
        CalendarView.draw(spans, x: x, y: y, width: width, selected: isSelectedDay && shown.id == calendar.selectedPost, into: &buffer)
    }
}
