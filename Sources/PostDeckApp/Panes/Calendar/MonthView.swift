import FoundationEssentials
import PostDeckCore
import TerminalUI

/// The month grid: one column per weekday, one row per week, each day a ruled heading
/// with its posts under it and `+N more` when they do not fit.
enum MonthView {
    static func render(_ calendar: CalendarState, today: LocalDate, into buffer: inout Buffer, area: Rect, symbols: Symbols) {
        guard let selectedDay = calendar.day, area.height >= 3, area.width >= 14 else { return }
        let grid = calendar.displayZone.monthGrid(for: selectedDay, rows: .fitted)
        let columns = split(Rect(x: area.x, y: area.y, width: area.width, height: 1), .horizontal,
                            Array(repeating: .fill(1), count: 7), spacing: 1)
        for (weekday, column) in zip(grid.weekdays, columns) {
            buffer.put(" " + weekday.shortName, x: column.x, y: area.y, style: Style(.header).bold(), maxWidth: column.width)
        }
        let weeks = grid.weeks
        // Rows share the height; the first ones take the lines left over.
        let base = max(2, (area.height - 1) / weeks.count)
        let extra = max(0, area.height - 1 - base * weeks.count)
        var y = area.y + 1
        for (row, week) in weeks.enumerated() {
            guard y < area.bottom else { break }
            let height = min(base + (row < extra ? 1 : 0), area.bottom - y)
            defer { y += height }
            for (day, column) in zip(week, columns) {
                let cell = Rect(x: column.x, y: y, width: column.width, height: height)
                renderDay(day, calendar: calendar, inMonth: grid.isInMonth(day), today: today, cell: cell, into: &buffer, symbols: symbols)
            }
            // Column rules in the spacing between days.
            for column in columns.dropLast() {
                for line in 0..<height { buffer.put(symbols.vertical, x: column.right, y: y + line, style: Style(.border)) }
            }
        }
    }

    private static func renderDay(_ day: LocalDate, calendar: CalendarState, inMonth: Bool, today: LocalDate, cell: Rect,
                                  into buffer: inout Buffer, symbols: Symbols) {
        let isSelected = day == calendar.day
        let label = "\(day.day)" + (day == today ? " today" : "")
        var labelStyle = Style(inMonth ? .header : .muted)
        if day == today { labelStyle = Style(.accent).bold() }
        if isSelected { labelStyle = Style(.selection).bold().reverse() }
        let used = buffer.put(" \(label) ", x: cell.x, y: cell.y, style: labelStyle, maxWidth: cell.width)
        if cell.width > used {
            buffer.put(String(repeating: symbols.horizontal, count: cell.width - used), x: cell.x + used, y: cell.y,
                       style: Style(.border), maxWidth: cell.width - used)
        }
        let posts = calendar.byDay[day] ?? []
        let capacity = cell.height - 1
        let selectedIndex = isSelected ? posts.firstIndex { $0.id == calendar.selectedPost } : nil
        let (visible, hidden) = CalendarView.window(count: posts.count, capacity: capacity, selected: selectedIndex)
        let marksWidth = cell.width >= 20 ? 5 : 3
        for (line, index) in visible.enumerated() {
            let post = posts[index]
            let time = calendar.displayZone.format(post.time!, .time)
            let spans = CalendarView.line(post, time: time, marksWidth: marksWidth, symbols: symbols)
            CalendarView.draw(spans, x: cell.x, y: cell.y + 1 + line, width: cell.width,
                              selected: isSelected && post.id == calendar.selectedPost, into: &buffer)
        }
        if hidden > 0 {
            let attention = posts.enumerated().contains { !visible.contains($0.offset) && $0.element.needsAttention }
            buffer.put(" +\(hidden) more", x: cell.x, y: cell.y + 1 + visible.count, style: Style(attention ? .error : .muted),
                       maxWidth: cell.width)
        }
    }
}
