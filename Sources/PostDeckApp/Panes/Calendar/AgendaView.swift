import FoundationEssentials
import PostDeckCore
import TerminalUI

/// The agenda: the month's posts as a list grouped by day, then the unscheduled drafts.
enum AgendaView {
    enum Line {
        case day(LocalDate)
        case unscheduledHeading(Int)
        case post(CalendarPost)
    }

    /// The list's lines, headings included.
    static func lines(_ calendar: CalendarState) -> [Line] {
        var lines: [Line] = []
        var current: LocalDate?
        let dated = calendar.agendaPosts.filter { $0.time != nil }
        for post in dated {
            let day = calendar.displayZone.localDate(of: post.time!)
            if day != current {
                lines.append(.day(day))
                current = day
            }
            lines.append(.post(post))
        }
        if !calendar.unscheduled.isEmpty {
            lines.append(.unscheduledHeading(calendar.unscheduled.count))
            lines += calendar.unscheduled.map(Line.post)
        }
        return lines
    }

    /// The line the post is on, for scrolling.
    static func lineIndex(of post: PostID?, in calendar: CalendarState) -> Int? {
        guard let post else { return nil }
        return lines(calendar).firstIndex { if case .post(let p) = $0 { p.id == post } else { false } }
    }

    static func render(_ calendar: CalendarState, today: LocalDate, showClient: Bool, into buffer: inout Buffer, area: Rect,
                       symbols: Symbols) {
        guard !area.isEmpty else { return }
        let all = lines(calendar)
        guard !all.isEmpty else {
            let month = calendar.day.map { calendar.displayZone.monthGrid(for: $0).title } ?? ""
            let text = calendar.loaded ? "  no posts in \(month)" + (calendar.filter.isEmpty ? "" : " that match the filter") : "  loading posts…"
            buffer.put(text, x: area.x, y: area.y + 1, style: Style(.muted), maxWidth: area.width)
            return
        }
        let top = max(0, min(calendar.agendaTop, max(0, all.count - area.height)))
        let wide = area.width >= 110
        let clientWidth = showClient ? (wide ? 22 : 14) : 0
        for (row, line) in all.dropFirst(top).prefix(area.height).enumerated() {
            let y = area.y + row
            switch line {
            case .day(let day):
                var spans = [Span(" \(day.weekday.shortName) \(day.day) \(DisplayZone.monthNames[day.month - 1]) \(day.year)",
                                  style: day == today ? Style(.accent).bold() : Style(.header).bold())]
                if day == today { spans.append(Span(" · today", .accent)) }
                let hours = Int(calendar.displayZone.range(of: day).duration / 3_600)
                if hours != 24 { spans.append(Span(" · clocks change: a \(hours)-hour day", .warning)) }
                buffer.put(spans, x: area.x, y: y, width: area.width)
            case .unscheduledHeading(let count):
                buffer.put(" Unscheduled (\(count))", x: area.x, y: y, style: Style(.header).bold(), maxWidth: area.width)
            case .post(let post):
                let time = post.time.map { calendar.displayZone.format($0, .time) } ?? "  —  "
                var spans = CalendarView.line(post, time: time, marksWidth: 11, symbols: symbols)
                let excerpt = spans.removeLast()
                // Networks in a fixed column, then client and status words, then the excerpt.
                spans[spans.count - 2].text = CalendarView.pad(spans[spans.count - 2].text, to: 12)
                if showClient {
                    spans.append(Span(CalendarView.pad(post.clientName, to: clientWidth), .text))
                }
                spans.append(Span(CalendarView.pad(post.status.rawValue, to: 11), CalendarView.role(post.status)))
                spans.append(excerpt)
                let selected = post.id == calendar.selectedPost
                CalendarView.draw([Span("   ")] + spans, x: area.x, y: y, width: area.width, selected: selected, into: &buffer)
            }
        }
    }
}
