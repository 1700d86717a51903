import FoundationEssentials
import PostDeckCore
import PostDeckStore
import TerminalUI

/// The calendar's three views of the same posts.
enum CalendarMode: String, CaseIterable {
    case month, week, agenda
}

/// Where the display zone may come from besides the client: `--tz` and `TZ`.
struct ZoneSettings: Equatable {
    var commandLine: String?
    var environmentTZ: String?
}

/// The calendar pane: what goes out when, for whom, on which networks, and what went wrong.
struct CalendarState {
    var mode: CalendarMode = .month
    /// The zone days are drawn in, and why (client, --tz, TZ, default).
    var zone: ZoneChoice = CalendarState.utcChoice
    /// The selected day; nil until the first load picks today.
    var day: LocalDate?
    /// The first day of the agenda: a rolling list of `agendaDays` days from here, across
    /// month ends. It moves when the selection leaves it, and with `[` `]` `t`.
    var agendaStart: LocalDate?
    /// The selected post (it may be on `day` or, in the agenda, unscheduled).
    var selectedPost: PostID?
    var posts: [CalendarPost] = []
    var unscheduled: [CalendarPost] = []
    /// `posts` by their local day in `zone`, each day's in time order.
    var byDay: [LocalDate: [CalendarPost]] = [:]
    /// The range the posts were read for.
    var range: TimeRange?
    var loaded = false
    var request: RequestID?
    var error: String?
    var filter = CalendarFilter()
    /// The search line (`/`) while it is open.
    var search: TextInputState?
    var detail: CalendarDetail?
    var prompt: ReschedulePrompt?
    var filterPanel: FilterPanel?
    /// First hour row shown in the week view, and first line of the agenda.
    var weekTop = 8
    var agendaTop = 0

    static let utcChoice = try! ZoneChoice.choose(clientZone: nil, commandLine: nil, environmentTZ: nil, config: nil)

    var displayZone: DisplayZone { zone.zone }

    /// Posts of the selected day, in time order.
    var dayPosts: [CalendarPost] { day.flatMap { byDay[$0] } ?? [] }

    var selected: CalendarPost? {
        guard let id = selectedPost else { return nil }
        return posts.first { $0.id == id } ?? unscheduled.first { $0.id == id }
    }

    /// The days the current view shows.
    func period(for day: LocalDate) -> [LocalDate] {
        switch mode {
        case .month: return displayZone.monthGrid(for: day, rows: .fitted).days
        case .week:
            let first = day.startOfWeek(startingOn: displayZone.firstWeekday)
            return (0..<7).map { first.adding(days: $0) }
        case .agenda:
            let first = CalendarState.agendaStart(agendaStart, showing: day)
            return (0..<CalendarState.agendaDays).map { first.adding(days: $0) }
        }
    }

    /// How many days the agenda lists.
    static let agendaDays = 28

    /// The agenda's first day once `day` is selected: the current start while `day` is in
    /// its window, else `day` itself.
    static func agendaStart(_ start: LocalDate?, showing day: LocalDate) -> LocalDate {
        guard let start, day >= start, day < start.adding(days: agendaDays) else { return day }
        return start
    }

    /// The instants the current view needs read.
    func neededRange(for day: LocalDate) -> TimeRange {
        let days = period(for: day)
        return displayZone.range(from: days[0], through: days[days.count - 1])
    }

    /// The post a day starts on: its first; in the agenda, the first listed from that day on
    /// (a quiet day selects what comes next, not nothing).
    var firstPost: CalendarPost? {
        guard mode == .agenda, let day else { return dayPosts.first }
        return agendaPosts.first { post in post.time.map { displayZone.localDate(of: $0) >= day } ?? true }
    }

    /// The agenda's list: dated posts in time order, then the unscheduled ones.
    var agendaPosts: [CalendarPost] {
        guard let day else { return posts + unscheduled }
        let days = Set(period(for: day))
        return posts.filter { days.contains(displayZone.localDate(of: $0.time!)) } + unscheduled
    }

    /// Groups posts by local day in the display zone.
    mutating func regroup() {
        var groups: [LocalDate: [CalendarPost]] = [:]
        for post in posts {
            guard let time = post.time else { continue }
            groups[displayZone.localDate(of: time), default: []].append(post)
        }
        byDay = groups.mapValues { $0.sorted { ($0.time!, $0.clientName, $0.id) < ($1.time!, $1.clientName, $1.id) } }
    }
}

/// One post opened with Enter.
struct CalendarDetail {
    let postID: PostID
    var detail: PostDetail?
    var missing = false
    var request: RequestID?
    var scroll = 0
}

/// `r`: a date and time typed in the display zone.
struct ReschedulePrompt {
    let post: CalendarPost
    var input: TextInputState
    /// For a time that happens twice: false takes the first, true the second.
    var later = false
}

/// `f`: the filter panel, editing a copy of the filter until Enter.
struct FilterPanel {
    enum Row: Int, CaseIterable {
        case status, platform, account, campaign

        var title: String {
            switch self {
            case .status: "Status"
            case .platform: "Network"
            case .account: "Account"
            case .campaign: "Campaign"
            }
        }
    }

    var row: Row = .status
    var draft: CalendarFilter
    var choices: CalendarQueries.FilterChoices?
    var request: RequestID?
}

enum CalendarMessage {
    case loaded(RequestID, TimeRange, CalendarQueries.Page)
    case detailLoaded(RequestID, PostDetail?)
    case choicesLoaded(RequestID, CalendarQueries.FilterChoices)
}
