import FoundationEssentials
import PostDeckCore
import PostDeckStore
import TerminalUI

/// The calendar pane's part of `update`: loading, navigation and the keys. Changing the
/// plan (moves, cancel, duplicate, undo) and the filter panel are in CalendarEditing.swift.
enum CalendarPane {
    static let slot = "calendar.posts"

    /// The pane's rows of the key table.
    static let keys: [KeyBinding] = [
        KeyBinding(["m"], .calendar, .calendarMonth, "month view", hint: "month"),
        KeyBinding(["w"], .calendar, .calendarWeek, "week view", hint: "week"),
        KeyBinding(["a"], .calendar, .calendarAgenda, "agenda view", hint: "agenda"),
        KeyBinding(["["], .calendar, .previousPeriod, "previous month, week or two weeks of the agenda"),
        KeyBinding(["]"], .calendar, .nextPeriod, "next month, week or two weeks of the agenda"),
        KeyBinding(["t"], .calendar, .today, "go to today"),
        KeyBinding(["Enter"], .calendar, .open, "open the post's detail"),
        KeyBinding(["<"], .calendar, .postEarlierDay, "move the post a day earlier"),
        KeyBinding([">"], .calendar, .postLaterDay, "move the post a day later"),
        KeyBinding(["-"], .calendar, .postEarlierHour, "move the post an hour earlier"),
        KeyBinding(["+"], .calendar, .postLaterHour, "move the post an hour later"),
        KeyBinding(["r"], .calendar, .reschedule, "reschedule: type a date and time", hint: "reschedule"),
        KeyBinding(["d"], .calendar, .unschedulePost, "unschedule: back to a draft, keeping its time"),
        KeyBinding(["x"], .calendar, .cancelPost, "cancel the post (asks first)"),
        KeyBinding(["y"], .calendar, .duplicatePost, "duplicate the post as a draft and open it in the composer"),
        KeyBinding(["e"], .calendar, .editPost, "edit the post in the composer"),
        KeyBinding(["f"], .calendar, .filters, "filters: status, network, account, campaign", hint: "filters"),
        KeyBinding(["/"], .calendar, .filter, "search the posts' text"),
    ]

    // MARK: Loading

    /// Reads the posts of the period around the selected day (on start, on scope change,
    /// on reload, on NOTIFY, and when the period moves).
    static func load(_ state: inout AppState) -> [Effect] {
        // A client's zone is known only once the clients are: wait for them.
        if state.scope.clientID != nil && state.clients.isEmpty { return [] }
        refreshZone(&state)
        let day = state.calendar.day ?? today(state)
        state.calendar.day = day
        let range = state.calendar.neededRange(for: day)
        let id = state.nextRequest()
        state.calendar.request = id
        let query = CalendarQueries.page(in: state.scope, range: range, filter: state.calendar.filter)
        return [.query(id, slot: slot, query.map { .calendar(.loaded(id, range, $0)) })]
    }

    /// Re-reads what the pane shows, keeping the selection and scroll.
    static func reload(_ state: inout AppState) -> [Effect] {
        var effects = load(&state)
        if let detail = state.calendar.detail { effects += loadDetail(&state, detail.postID) }
        return effects
    }

    /// The client in scope changed: its zone may differ, and its posts certainly do.
    static func scopeChanged(_ state: inout AppState) -> [Effect] {
        state.calendar.detail = nil
        state.calendar.selectedPost = nil
        let before = state.calendar.zone.zone
        refreshZone(&state)
        if before != state.calendar.zone.zone { state.calendar.day = nil }
        return load(&state)
    }

    /// The clients were (re)read: the scoped client's zone may have arrived or changed.
    static func clientsChanged(_ state: inout AppState) -> [Effect] {
        let before = state.calendar.zone.zone
        refreshZone(&state)
        guard before != state.calendar.zone.zone || (!state.calendar.loaded && state.calendar.request == nil) else { return [] }
        state.calendar.day = nil
        return load(&state)
    }

    /// The zone rule: the client's when one client is in scope, else `--tz`, else `TZ`, else UTC.
    static func refreshZone(_ state: inout AppState) {
        let clientZone = state.scope.clientID.flatMap { id in state.clients.first { $0.id == id }?.timeZone }
        let settings = state.zoneSettings
        let choice = (try? ZoneChoice.choose(clientZone: clientZone, commandLine: settings.commandLine,
                                             environmentTZ: settings.environmentTZ, config: nil))
            ?? (try? ZoneChoice.choose(clientZone: clientZone, commandLine: nil, environmentTZ: settings.environmentTZ, config: nil))
            ?? CalendarState.utcChoice
        if choice.zone != state.calendar.zone.zone { state.calendar.zone = choice; state.calendar.regroup() } else { state.calendar.zone = choice }
    }

    static func today(_ state: AppState) -> LocalDate { state.calendar.displayZone.localDate(of: state.now) }

    /// Shows `post` from another pane (the health pane's failures): the calendar on the
    /// post's day (`at`, in the calendar's zone), with the post selected.
    static func reveal(_ state: inout AppState, post: PostID, at: Date?) -> [Effect] {
        refreshZone(&state)
        if let at { state.calendar.day = state.calendar.displayZone.localDate(of: at) }
        state.calendar.selectedPost = post
        state.calendar.detail = nil
        state.pane = .calendar
        // A calendar never shown reads its posts when it is first shown (`loadIfFirstShown`).
        return [.saveSession] + (state.loadedPanes.contains(.calendar) ? load(&state) : [])
    }

    static func loadDetail(_ state: inout AppState, _ post: PostID) -> [Effect] {
        let id = state.nextRequest()
        if state.calendar.detail?.postID != post { state.calendar.detail = CalendarDetail(postID: post) }
        state.calendar.detail?.request = id
        return [.query(id, slot: "calendar.detail", CalendarQueries.detail(of: post).map { .calendar(.detailLoaded(id, $0)) })]
    }

    // MARK: Messages

    static func update(_ state: inout AppState, _ message: CalendarMessage) -> [Effect] {
        switch message {
        case .loaded(let id, let range, let page):
            guard id == state.calendar.request else { return [] }
            state.calendar.posts = page.posts
            state.calendar.unscheduled = page.unscheduled
            state.calendar.range = range
            state.calendar.loaded = true
            state.calendar.error = nil
            state.calendar.regroup()
            keepSelection(&state)
            return []
        case .detailLoaded(let id, let detail):
            guard state.calendar.detail?.request == id else { return [] }
            state.calendar.detail?.detail = detail
            state.calendar.detail?.missing = detail == nil
            return []
        case .choicesLoaded(let id, let choices):
            guard state.calendar.filterPanel?.request == id else { return [] }
            state.calendar.filterPanel?.choices = choices
            return []
        }
    }

    /// After new rows: the same post stays selected if it is still on the selected day (or
    /// in the agenda's list); otherwise the day's first post.
    static func keepSelection(_ state: inout AppState) {
        let calendar = state.calendar
        if let id = calendar.selectedPost {
            if calendar.mode == .agenda, calendar.agendaPosts.contains(where: { $0.id == id }) {
                if let post = calendar.selected, let time = post.time { state.calendar.day = calendar.displayZone.localDate(of: time) }
                return ensureVisible(&state)
            }
            if calendar.dayPosts.contains(where: { $0.id == id }) { return ensureVisible(&state) }
        }
        state.calendar.selectedPost = calendar.firstPost?.id
        ensureVisible(&state)
    }

    // MARK: Keys

    /// Keys taken before the key table while a prompt, the search line or the filter panel is open.
    static func capture(_ state: inout AppState, _ key: Key) -> [Effect]? {
        if state.calendar.prompt != nil { return CalendarEditing.editPrompt(&state, key) }
        if state.calendar.filterPanel != nil { return CalendarEditing.editFilterPanel(&state, key) }
        if state.calendar.search != nil { return editSearch(&state, key) }
        return nil
    }

    static func perform(_ state: inout AppState, _ action: Action) -> [Effect]? {
        if let effects = CalendarEditing.perform(&state, action) { return effects }
        if state.calendar.detail != nil {
            switch action {
            case .back: state.calendar.detail = nil
            case .moveDown: state.calendar.detail?.scroll += 1
            case .moveUp:
                let scroll = state.calendar.detail?.scroll ?? 0
                state.calendar.detail?.scroll = max(0, scroll - 1)
            case .top: state.calendar.detail?.scroll = 0
            case .open: break
            default: return nil
            }
            return []
        }
        guard let day = state.calendar.day else { return action == .back ? [] : nil }
        switch action {
        case .calendarMonth: return switchMode(&state, .month)
        case .calendarWeek: return switchMode(&state, .week)
        case .calendarAgenda: return switchMode(&state, .agenda)
        case .previousPeriod, .nextPeriod:
            let step = action == .nextPeriod ? 1 : -1
            switch state.calendar.mode {
            case .week: return go(&state, to: day.adding(days: 7 * step))
            case .month: return go(&state, to: day.adding(months: step))
            case .agenda:
                let start = (state.calendar.agendaStart ?? day).adding(days: 14 * step)
                state.calendar.agendaStart = start
                state.calendar.agendaTop = 0
                return go(&state, to: start, force: true)
            }
        case .today:
            if state.calendar.mode == .agenda { state.calendar.agendaStart = today(state); state.calendar.agendaTop = 0 }
            return go(&state, to: today(state), force: true)
        case .moveLeft: return go(&state, to: day.adding(days: -1))
        case .moveRight: return go(&state, to: day.adding(days: 1))
        case .moveDown: return step(&state, by: 1)
        case .moveUp: return step(&state, by: -1)
        case .halfPageDown: return state.calendar.mode == .agenda ? step(&state, by: 10) : go(&state, to: day.adding(days: 7))
        case .halfPageUp: return state.calendar.mode == .agenda ? step(&state, by: -10) : go(&state, to: day.adding(days: -7))
        case .top, .bottom:
            let list = state.calendar.mode == .agenda ? state.calendar.agendaPosts : state.calendar.dayPosts
            state.calendar.selectedPost = (action == .top ? list.first : list.last)?.id
            if state.calendar.mode == .agenda, let time = state.calendar.selected?.time {
                state.calendar.day = state.calendar.displayZone.localDate(of: time)
            }
            ensureVisible(&state)
            return []
        case .nextMatch, .previousMatch:
            return step(&state, by: action == .nextMatch ? 1 : -1, across: true)
        case .filter:
            state.calendar.search = TextInputState(state.calendar.filter.text)
            return []
        case .open:
            guard let post = state.calendar.selected else { return [] }
            return loadDetail(&state, post.id)
        case .back:
            guard !state.calendar.filter.isEmpty else { return [] }
            state.calendar.filter = CalendarFilter()
            state.note = StatusNote(text: "filters cleared", kind: .info)
            return load(&state)
        default:
            return nil
        }
    }

    static func switchMode(_ state: inout AppState, _ mode: CalendarMode) -> [Effect] {
        guard state.calendar.mode != mode, let day = state.calendar.day else { return [] }
        state.calendar.mode = mode
        if mode == .agenda { state.calendar.agendaStart = day; state.calendar.agendaTop = 0 }
        return go(&state, to: day, force: true)
    }

    /// Selects `day` (its first post), reading its period if it is not loaded yet.
    static func go(_ state: inout AppState, to day: LocalDate, force: Bool = false) -> [Effect] {
        let old = state.calendar.day
        state.calendar.day = day
        if state.calendar.mode == .agenda {
            let start = CalendarState.agendaStart(state.calendar.agendaStart, showing: day)
            if start != state.calendar.agendaStart { state.calendar.agendaStart = start; state.calendar.agendaTop = 0 }
        }
        if old != day || force { state.calendar.selectedPost = state.calendar.firstPost?.id }
        ensureVisible(&state)
        if state.calendar.range != state.calendar.neededRange(for: day) {
            // What is loaded may not hold the period's first post: choose it once it is read,
            // so `[` and `]` show the period from its first entry.
            if old != day || force { state.calendar.selectedPost = nil }
            return load(&state)
        }
        return []
    }

    /// j/k: the next or previous post of the day; past the day's ends the month view goes a
    /// week on, the agenda (and n/N) to the neighbouring day's posts.
    static func step(_ state: inout AppState, by delta: Int, across: Bool = false) -> [Effect] {
        let calendar = state.calendar
        guard let day = calendar.day else { return [] }
        if calendar.mode == .agenda || across {
            let list = calendar.mode == .agenda ? calendar.agendaPosts : calendar.posts
            guard !list.isEmpty else { return [] }
            let index = list.firstIndex { $0.id == calendar.selectedPost }
            let next = index.map { max(0, min(list.count - 1, $0 + delta)) } ?? (delta > 0 ? 0 : list.count - 1)
            state.calendar.selectedPost = list[next].id
            if let time = list[next].time {
                let newDay = calendar.displayZone.localDate(of: time)
                state.calendar.day = newDay
                ensureVisible(&state)
                if calendar.mode != .agenda, state.calendar.range != state.calendar.neededRange(for: newDay) { return load(&state) }
            }
            ensureVisible(&state)
            return []
        }
        let posts = calendar.dayPosts
        let index = posts.firstIndex { $0.id == calendar.selectedPost }
        let next = (index ?? (delta > 0 ? -1 : posts.count)) + delta
        if posts.indices.contains(next) {
            state.calendar.selectedPost = posts[next].id
            ensureVisible(&state)
            return []
        }
        guard calendar.mode == .month else { return [] }
        let effects = go(&state, to: day.adding(days: delta > 0 ? 7 : -7))
        if delta < 0 { state.calendar.selectedPost = state.calendar.dayPosts.last?.id }
        return effects
    }

    /// Scrolls the week's hours and the agenda's lines so the selection is on screen.
    static func ensureVisible(_ state: inout AppState) {
        let rows = max(1, state.height - 5)
        switch state.calendar.mode {
        case .month: break
        case .week:
            let hour = state.calendar.selected?.time.map { state.calendar.displayZone.localDateTime(of: $0).hour }
            var top = state.calendar.weekTop
            if let hour {
                if hour < top { top = hour }
                if hour >= top + rows { top = hour - rows + 1 }
            }
            state.calendar.weekTop = max(0, min(top, 24 - min(24, rows)))
        case .agenda:
            guard let line = AgendaView.lineIndex(of: state.calendar.selectedPost, in: state.calendar) else { return }
            var top = state.calendar.agendaTop
            // Keep the day's heading in view above its first post.
            if line - 1 < top { top = max(0, line - 1) }
            if line >= top + rows { top = line - rows + 1 }
            state.calendar.agendaTop = top
        }
    }

    /// Keys typed into the search line: the posts are searched as the text changes.
    static func editSearch(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard var input = state.calendar.search else { return [] }
        switch key {
        case .enter:
            state.calendar.search = nil
            return []
        case .escape:
            state.calendar.search = nil
            guard !state.calendar.filter.text.isEmpty else { return [] }
            state.calendar.filter.text = ""
            return load(&state)
        default:
            guard input.handle(key) else { return [] }
            state.calendar.search = input
            state.calendar.filter.text = input.text
            return load(&state)
        }
    }
}
