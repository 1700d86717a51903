import FoundationEssentials
import PostDeckCore
import PostDeckStore
import TerminalUI

/// Changing the plan from the calendar: moving, rescheduling to a typed time, unscheduling,
/// cancelling, duplicating; and the filter panel. Every change goes through the scheduling
/// model and the one write path (`PostWriting`); undo is the app's (`u`).
enum CalendarEditing {
    /// The editing actions; nil for the rest, which navigation handles.
    static func perform(_ state: inout AppState, _ action: Action) -> [Effect]? {
        switch action {
        case .postEarlierDay, .postLaterDay, .postEarlierHour, .postLaterHour:
            guard let post = editable(&state) else { return [] }
            guard let time = post.scheduledAt else {
                return refuse(&state, "an unscheduled draft has no time to move: press r to give it one")
            }
            let zone = state.calendar.displayZone
            switch action {
            case .postEarlierHour, .postLaterHour:
                return move(&state, post, to: time.addingTimeInterval(action == .postLaterHour ? 3_600 : -3_600))
            default:
                // A day on the wall clock: the same local time on the neighbouring day, under
                // the one clock-change policy (a skipped time is refused, a doubled one asked).
                let local = zone.localDateTime(of: time)
                let moved = LocalDateTime(date: local.date.adding(days: action == .postLaterDay ? 1 : -1),
                                          hour: local.hour, minute: local.minute)!
                switch TimeInput.resolve(moved, in: zone, pick: nil) {
                case .success(let target): return move(&state, post, to: target)
                case .failure(.happensTwice):
                    var prompt = ReschedulePrompt(post: post, input: TextInputState(moved.description))
                    prompt.later = false
                    state.calendar.prompt = prompt
                    state.note = StatusNote(text: "\(moved.description) happens twice that night: Tab picks which, Enter moves", kind: .info)
                    return []
                case .failure(let problem):
                    return refuse(&state, problem.description + " (press r to type a time)")
                }
            }
        case .reschedule:
            guard let post = editable(&state) else { return [] }
            let start = post.scheduledAt ?? state.now.addingTimeInterval(3_600)
            state.calendar.prompt = ReschedulePrompt(post: post, input: TextInputState(state.calendar.displayZone.format(start, .dateTime)))
            return []
        case .unschedulePost:
            guard let post = editable(&state) else { return [] }
            return write(&state, post, .unschedule)
        case .cancelPost:
            guard let post = editable(&state) else { return [] }
            let when = post.time.map { state.calendar.displayZone.format($0, .dayAndTime) } ?? "unscheduled"
            let change = PostChange.cancel
            state.overlay = .confirm(Confirmation(
                title: "Cancel post",
                question: "Cancel the \(post.status.rawValue) post \"\(Sanitizer.singleLine(String(post.excerpt.prefix(40))))\" of \(Sanitizer.singleLine(post.clientName)) (\(when))? Its publish job is cancelled too; u undoes it.",
                onYes: .write(request(state, post, change))), yes: false)
            return []
        case .editPost:
            guard let post = state.calendar.selected else { return [] }
            return ComposerPane.edit(&state, post.id)
        case .duplicatePost:
            guard let post = state.calendar.selected else { return [] }
            return write(&state, post, .duplicate(copy: .random()))
        case .filters:
            let id = state.nextRequest()
            state.calendar.filterPanel = FilterPanel(draft: state.calendar.filter, request: id)
            return [.query(id, slot: "calendar.choices", CalendarQueries.filterChoices(in: state.scope).map { .calendar(.choicesLoaded(id, $0)) })]
        default:
            return nil
        }
    }

    /// The selected post if it may change; otherwise says why and returns nil.
    private static func editable(_ state: inout AppState) -> CalendarPost? {
        guard let post = state.calendar.selected else {
            state.note = StatusNote(text: "no post selected", kind: .info)
            return nil
        }
        guard post.status.isEditable else {
            state.note = StatusNote(text: "a \(post.status.rawValue) post cannot be changed; only drafts and scheduled posts can", kind: .error)
            return nil
        }
        return post
    }

    private static func refuse(_ state: inout AppState, _ text: String) -> [Effect] {
        state.note = StatusNote(text: text, kind: .error)
        return []
    }

    private static func move(_ state: inout AppState, _ post: CalendarPost, to target: Date, remark: String = "") -> [Effect] {
        write(&state, post, .move(to: target), remark: remark)
    }

    static func request(_ state: AppState, _ post: CalendarPost, _ change: PostChange, remark: String = "") -> PostWriteRequest {
        PostWriteRequest(post: post.id, change: change, stamp: post.updatedAt, origin: .calendar(remark: remark),
                         excerpt: post.excerpt, zone: state.calendar.displayZone)
    }

    /// Checks the change against what the calendar knows of the post (its status, time and
    /// accounts: the calendar's changes never touch text or media) and writes it.
    private static func write(_ state: inout AppState, _ post: CalendarPost, _ change: PostChange, remark: String = "") -> [Effect] {
        let context = SchedulingContext(now: state.now, rules: state.rules,
                                        choices: ComposerChoices(accounts: [], campaigns: [], templates: []),
                                        zone: state.calendar.displayZone)
        return PostWriting.submit(&state, request(state, post, change, remark: remark),
                                  issues: Scheduling.check(change, to: post.snapshotForChecks, in: context))
    }

    /// A post was written: the calendar follows it (a moved post stays selected on its new
    /// day; a duplicate opens in the composer).
    static func postWritten(_ state: inout AppState, _ record: PostWriteRecord, origin: PostWriteRequest.Origin) -> [Effect] {
        guard case .calendar = origin else { return [] }
        let zone = state.calendar.displayZone
        switch record.change {
        case .move(let to):
            update(&state, record.post) { $0.scheduledAt = to; if let stamp = record.stamp { $0.updatedAt = stamp } }
            state.calendar.day = zone.localDate(of: to)
            state.calendar.selectedPost = record.post
        case .cancel, .unschedule:
            update(&state, record.post) {
                if let status = record.after?.status { $0.status = status }
                if let stamp = record.stamp { $0.updatedAt = stamp }
            }
        case .duplicate(let copy):
            state.calendar.selectedPost = copy
            return ComposerPane.edit(&state, copy)
        default:
            break
        }
        return []
    }

    private static func update(_ state: inout AppState, _ id: PostID, _ change: (inout CalendarPost) -> Void) {
        if let index = state.calendar.posts.firstIndex(where: { $0.id == id }) { change(&state.calendar.posts[index]) }
        if let index = state.calendar.unscheduled.firstIndex(where: { $0.id == id }) { change(&state.calendar.unscheduled[index]) }
        state.calendar.regroup()
    }

    // MARK: The reschedule prompt

    /// What the typed text names, for the line under the prompt and for Enter.
    static func interpret(_ prompt: ReschedulePrompt, zone: DisplayZone, now: Date) -> Result<Date, TimeInput.Problem> {
        TimeInput.read(prompt.input.text, in: zone, now: now, pick: prompt.later ? .later : .earlier)
    }

    static func editPrompt(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard var prompt = state.calendar.prompt else { return [] }
        switch key {
        case .escape:
            state.calendar.prompt = nil
        case .tab, .backTab:
            prompt.later.toggle()
            state.calendar.prompt = prompt
        case .enter:
            switch interpret(prompt, zone: state.calendar.displayZone, now: state.now) {
            case .failure(let problem): return refuse(&state, problem.description)
            case .success(let instant):
                state.calendar.prompt = nil
                return move(&state, prompt.post, to: instant)
            }
        default:
            prompt.input.handle(key)
            state.calendar.prompt = prompt
        }
        return []
    }

    // MARK: The filter panel

    /// The values a row cycles through, "any" first.
    static func options(_ row: FilterPanel.Row, _ panel: FilterPanel) -> [String?] {
        switch row {
        case .status: [nil] + PostStatus.allCases.map(\.rawValue)
        case .platform: [nil] + Platform.allCases.map(\.rawValue)
        case .account: [nil] + (panel.choices?.accounts.filter { panel.draft.platforms.isEmpty || panel.draft.platforms.contains($0.platform) }
                                    .map(\.id.description) ?? [])
        case .campaign: [nil] + (panel.choices?.campaigns.map(\.id.description) ?? [])
        }
    }

    static func current(_ row: FilterPanel.Row, _ filter: CalendarFilter) -> String? {
        switch row {
        case .status: filter.statuses.count == 1 ? filter.statuses.first!.rawValue : nil
        case .platform: filter.platforms.count == 1 ? filter.platforms.first!.rawValue : nil
        case .account: filter.account?.description
        case .campaign: filter.campaign?.description
        }
    }

    static func set(_ row: FilterPanel.Row, _ value: String?, in filter: inout CalendarFilter) {
        switch row {
        case .status: filter.statuses = Set([value.flatMap(PostStatus.init(rawValue:))].compactMap { $0 })
        case .platform: filter.platforms = Set([value.flatMap(Platform.init(rawValue:))].compactMap { $0 })
        case .account: filter.account = value.flatMap(AccountID.init)
        case .campaign: filter.campaign = value.flatMap(CampaignID.init)
        }
    }

    /// The filter panel's rows of the key table (the panel takes every key while it is open).
    static let filterPanelKeys: [KeyBinding] = [
        KeyBinding(["j", "Down", "Tab"], .filterPanel, .moveDown, "next filter"),
        KeyBinding(["k", "Up", "Shift-Tab"], .filterPanel, .moveUp, "previous filter"),
        KeyBinding(["l", "Right", "Space"], .filterPanel, .moveRight, "next value"),
        KeyBinding(["h", "Left"], .filterPanel, .moveLeft, "previous value"),
        KeyBinding(["Backspace", "Delete"], .filterPanel, .clearValue, "any value: clear this filter"),
        KeyBinding(["Enter"], .filterPanel, .applyFilters, "apply the filters"),
        KeyBinding(["Esc", "f"], .filterPanel, .back, "close without applying"),
    ]

    static func editFilterPanel(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard var panel = state.calendar.filterPanel else { return [] }
        let rows = FilterPanel.Row.allCases
        switch Keymap.action(for: key, in: .filterPanel) {
        case .back:
            state.calendar.filterPanel = nil
            return []
        case .applyFilters:
            state.calendar.filterPanel = nil
            state.calendar.filter = panel.draft
            return CalendarPane.load(&state)
        case .moveDown:
            panel.row = rows[(panel.row.rawValue + 1) % rows.count]
        case .moveUp:
            panel.row = rows[(panel.row.rawValue + rows.count - 1) % rows.count]
        case .moveRight, .moveLeft:
            let values = options(panel.row, panel)
            let index = values.firstIndex(of: current(panel.row, panel.draft)) ?? 0
            let step = Keymap.action(for: key, in: .filterPanel) == .moveLeft ? values.count - 1 : 1
            set(panel.row, values[(index + step) % values.count], in: &panel.draft)
            if panel.row == .platform, let account = panel.draft.account,
               let choice = panel.choices?.accounts.first(where: { $0.id == account }),
               !panel.draft.platforms.isEmpty, !panel.draft.platforms.contains(choice.platform) {
                panel.draft.account = nil
            }
        case .clearValue:
            set(panel.row, nil, in: &panel.draft)
        default:
            break
        }
        state.calendar.filterPanel = panel
        return []
    }
}

extension CalendarPost {
    /// What the calendar knows of the post, for checking its changes: status, time, campaign
    /// and accounts. Text and media are not read here; the calendar's changes do not touch them.
    var snapshotForChecks: PostSnapshot {
        PostSnapshot(id: id, clientID: clientID, status: status, content: excerpt, campaignID: campaignID,
                     scheduledAt: scheduledAt, publishedAt: publishedAt,
                     targets: targets.map { PostSnapshot.Target(id: .random(), accountID: $0.accountID, status: $0.status) },
                     updatedAt: updatedAt)
    }
}
