import FoundationEssentials
import PostDeckCore
import PostDeckStore
import TerminalUI

/// Changing the plan from the calendar: moving, rescheduling to a typed time, cancelling,
/// duplicating, undoing; and the filter panel. Every write is one guarded statement
/// (`CalendarQueries`); its answer comes back as `.calendar(.written)`.
enum CalendarEditing {
    /// The editing actions; nil for the rest, which navigation handles.
    static func perform(_ state: inout AppState, _ action: Action) -> [Effect]? {
        switch action {
        case .postEarlierDay, .postLaterDay, .postEarlierHour, .postLaterHour:
            guard let post = editable(&state) else { return [] }
            guard let time = post.scheduledAt ?? post.time else {
                return refuse(&state, "an unscheduled draft has no time to move: press r to give it one")
            }
            let zone = state.calendar.displayZone
            var target: Date
            var remark = ""
            switch action {
            case .postEarlierHour: target = time.addingTimeInterval(-3_600)
            case .postLaterHour: target = time.addingTimeInterval(3_600)
            default:
                // A day on the wall clock: the same local time on the neighbouring day.
                let local = zone.localDateTime(of: time)
                let moved = LocalDateTime(date: local.date.adding(days: action == .postLaterDay ? 1 : -1),
                                          hour: local.hour, minute: local.minute)!
                switch zone.resolve(moved) {
                case .exact(let instant): target = instant
                case .nonexistent(let gap):
                    target = gap.shiftedForward
                    remark = " (\(moved.description.suffix(5)) does not exist that day: clocks jump forward)"
                case .ambiguous(let overlap):
                    target = overlap.earlier
                    remark = " (the first of two \(moved.description.suffix(5))s: clocks go back that night)"
                }
            }
            guard target > state.now else {
                return refuse(&state, "\(zone.format(target, .dayAndTime)) is in the past; a post can only be moved to a future time")
            }
            return write(&state, CalendarQueries.reschedule(post.id, to: target, expectedUpdatedAt: post.updatedAt),
                         remark: remark)
        case .reschedule:
            guard let post = editable(&state) else { return [] }
            let start = post.scheduledAt ?? post.time ?? state.now.addingTimeInterval(3_600)
            state.calendar.prompt = ReschedulePrompt(post: post, input: TextInputState(state.calendar.displayZone.format(start, .dateTime)))
            return []
        case .cancelPost:
            guard let post = editable(&state) else { return [] }
            let when = post.time.map { state.calendar.displayZone.format($0, .dayAndTime) } ?? "unscheduled"
            state.overlay = .confirm(Confirmation(
                title: "Cancel post",
                question: "Cancel the \(post.status.rawValue) post \"\(Sanitizer.singleLine(String(post.excerpt.prefix(40))))\" of \(Sanitizer.singleLine(post.clientName)) (\(when))? Its publish job is cancelled too; u undoes it.",
                onYes: .cancelPost(post.id, post.updatedAt)), yes: false)
            return []
        case .editPost:
            guard let post = state.calendar.selected else { return [] }
            return ComposerPane.edit(&state, post.id)
        case .duplicatePost:
            guard let post = state.calendar.selected else { return [] }
            guard state.calendar.writing == nil else { return refuse(&state, "still saving the last change…") }
            return write(&state, CalendarQueries.duplicate(post.id))
        case .undo:
            guard state.calendar.writing == nil else { return refuse(&state, "still saving the last change…") }
            guard let change = state.calendar.undo.popLast() else { return refuse(&state, "nothing to undo") }
            return write(&state, CalendarQueries.undo(change), undoing: true)
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
        guard state.calendar.writing == nil else {
            state.note = StatusNote(text: "still saving the last change…", kind: .info)
            return nil
        }
        return post
    }

    private static func refuse(_ state: inout AppState, _ text: String) -> [Effect] {
        state.note = StatusNote(text: text, kind: .error)
        return []
    }

    private static func write(_ state: inout AppState, _ query: Query<PostWriteOutcome>, undoing: Bool = false, remark: String = "") -> [Effect] {
        let id = state.nextRequest()
        state.calendar.writing = id
        state.calendar.pendingRemark = remark
        return [.query(id, slot: "calendar.write.\(id)", query.map { .calendar(.written(id, $0, undoing: undoing)) })]
    }

    static func confirmCancel(_ state: inout AppState, _ post: PostID, _ updatedAt: Date) -> [Effect] {
        guard state.calendar.writing == nil else { return refuse(&state, "still saving the last change…") }
        return write(&state, CalendarQueries.cancel(post, expectedUpdatedAt: updatedAt))
    }

    /// A write's answer: say what happened, follow the post, and read the period again.
    static func written(_ state: inout AppState, _ id: RequestID, _ outcome: PostWriteOutcome, undoing: Bool) -> [Effect] {
        if state.calendar.writing == id { state.calendar.writing = nil }
        let zone = state.calendar.displayZone
        let remark = state.calendar.pendingRemark
        switch outcome {
        case .done(let change):
            if !undoing {
                state.calendar.undo.append(change)
                if state.calendar.undo.count > 50 { state.calendar.undo.removeFirst() }
            }
            var text: String
            switch change {
            case .rescheduled(let post, _, let to, _, let stamp):
                update(&state, post) { $0.scheduledAt = to; $0.updatedAt = stamp }
                state.calendar.day = zone.localDate(of: to)
                state.calendar.selectedPost = post
                text = "moved to \(zone.format(to, .dayAndTime)) (\(DisplayZone.utc.format(to, .dateTime)) UTC)\(remark)"
            case .cancelled(let post, _, _, _, let stamp):
                if !undoing { update(&state, post) { $0.status = .cancelled; $0.updatedAt = stamp } }
                text = "post cancelled; its publish job too"
            case .duplicated(_, let copy, _):
                state.calendar.selectedPost = copy
                text = "duplicated as a draft"
            }
            if undoing { text = "undone: " + (change.isDuplicate ? "the duplicate is deleted" : "the post is back as it was") }
            state.note = StatusNote(text: text, kind: .info)
            // A duplicate is made to be edited: it opens in the composer.
            if case .duplicated(_, let copy, _) = change, !undoing {
                return CalendarPane.reload(&state) + ComposerPane.edit(&state, copy)
            }
        case .refused(let refusal):
            state.note = StatusNote(text: (undoing ? "cannot undo: " : "") + refusal.description, kind: .error)
        }
        return CalendarPane.reload(&state)
    }

    private static func update(_ state: inout AppState, _ id: PostID, _ change: (inout CalendarPost) -> Void) {
        if let index = state.calendar.posts.firstIndex(where: { $0.id == id }) { change(&state.calendar.posts[index]) }
        if let index = state.calendar.unscheduled.firstIndex(where: { $0.id == id }) { change(&state.calendar.unscheduled[index]) }
        state.calendar.regroup()
    }

    // MARK: The reschedule prompt

    /// What the typed text names, for the line under the prompt and for Enter.
    enum TypedTime {
        case malformed(String)
        case exact(Date)
        case gap(LocalTimeGap)
        case overlap(LocalTimeOverlap, chosen: Date)
    }

    static func interpret(_ prompt: ReschedulePrompt, zone: DisplayZone) -> TypedTime {
        let local: LocalDateTime
        do { local = try LocalDateTime(parsing: prompt.input.text) } catch { return .malformed(error.description) }
        switch zone.resolve(local) {
        case .exact(let instant): return .exact(instant)
        case .nonexistent(let gap): return .gap(gap)
        case .ambiguous(let overlap): return .overlap(overlap, chosen: prompt.later ? overlap.later : overlap.earlier)
        }
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
            switch interpret(prompt, zone: state.calendar.displayZone) {
            case .malformed(let message): return refuse(&state, message)
            case .gap(let gap): return refuse(&state, gap.message)
            case .exact(let instant), .overlap(_, let instant):
                guard instant > state.now else { return refuse(&state, "that time is in the past; a post can only be moved to a future time") }
                state.calendar.prompt = nil
                return write(&state, CalendarQueries.reschedule(prompt.post.id, to: instant, expectedUpdatedAt: prompt.post.updatedAt))
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

    static func editFilterPanel(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard var panel = state.calendar.filterPanel else { return [] }
        let rows = FilterPanel.Row.allCases
        switch key {
        case .escape, .char("f"):
            state.calendar.filterPanel = nil
            return []
        case .enter:
            state.calendar.filterPanel = nil
            state.calendar.filter = panel.draft
            return CalendarPane.load(&state)
        case .char("j"), .down, .tab:
            panel.row = rows[(panel.row.rawValue + 1) % rows.count]
        case .char("k"), .up, .backTab:
            panel.row = rows[(panel.row.rawValue + rows.count - 1) % rows.count]
        case .char("l"), .right, .char(" "), .char("h"), .left:
            let values = options(panel.row, panel)
            let index = values.firstIndex(of: current(panel.row, panel.draft)) ?? 0
            let step = key == .char("h") || key == .left ? values.count - 1 : 1
            set(panel.row, values[(index + step) % values.count], in: &panel.draft)
            if panel.row == .platform, let account = panel.draft.account,
               let choice = panel.choices?.accounts.first(where: { $0.id == account }),
               !panel.draft.platforms.isEmpty, !panel.draft.platforms.contains(choice.platform) {
                panel.draft.account = nil
            }
        case .backspace, .delete, .char("x"):
            set(panel.row, nil, in: &panel.draft)
        default:
            break
        }
        state.calendar.filterPanel = panel
        return []
    }
}

extension PostChange {
    var isDuplicate: Bool { if case .duplicated = self { true } else { false } }
}
