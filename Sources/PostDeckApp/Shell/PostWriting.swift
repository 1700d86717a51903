import FoundationEssentials
import PostDeckCore
import PostDeckStore
import TerminalUI

/// A change to a post on its way to the database, with who asked and how to say what happened.
struct PostWriteRequest: Equatable {
    enum Origin: Equatable {
        case composer
        /// `remark` is said after the result (a clock change the move stepped around).
        case calendar(remark: String)
        case undo
        case redo
    }

    let post: PostID
    let change: PostChange
    /// The `updated_at` the change is guarded by (nil for a new post).
    var stamp: Date?
    let origin: Origin
    /// The post's first words, for messages.
    let excerpt: String
    /// The zone the post's times are said in.
    let zone: DisplayZone
}

/// The app's one door to the write path: every pane's change is checked by the scheduling
/// model, asked about when it needs a yes, written by `PostWrites`, recorded for undo and
/// said in one line. One write at a time, so a second key never races the first.
enum PostWriting {
    /// Checks `request` (issues from `Scheduling.check`), then writes it or says why not.
    static func submit(_ state: inout AppState, _ request: PostWriteRequest, issues: [SchedulingIssue],
                       confirmed: Bool = false) -> [Effect] {
        if let pending = state.writeInFlight, pending.id != nil {
            state.note = StatusNote(text: "still saving the last change…", kind: .info)
            return []
        }
        let errors = issues.errors
        if let first = errors.first {
            let more = errors.count > 1 ? " (and \(errors.count - 1) more)" : ""
            state.note = StatusNote(text: "\(refusedVerb(request.change)): \(first.description)\(more)", kind: .error)
            return []
        }
        if issues.needsConfirmation && !confirmed {
            let reasons = issues.filter { $0.severity == .confirm }.map(\.description)
            state.overlay = .confirm(Confirmation(
                title: "Schedule anyway?",
                question: reasons.joined(separator: "; ") + ". Schedule anyway?",
                onYes: .write(request)), yes: false)
            return []
        }
        return send(&state, request)
    }

    /// Sends a checked request.
    static func send(_ state: inout AppState, _ request: PostWriteRequest) -> [Effect] {
        let query: Query<PostWriteOutcome>
        do {
            query = try PostWrites.write(request.change, to: request.post, expecting: request.stamp)
        } catch {
            state.note = StatusNote(text: "\(refusedVerb(request.change)): \(error.description)", kind: .error)
            return []
        }
        let id = state.nextRequest()
        state.writeInFlight = InFlightWrite(id: id, request: request)
        if request.origin == .composer {
            state.note = StatusNote(text: request.change.schedules ? "scheduling…" : "saving…", kind: .info)
        }
        return [.query(id, slot: "post.write", query.map { .postWritten(id, $0) })]
    }

    // MARK: Answers

    static func written(_ state: inout AppState, _ id: RequestID, _ outcome: PostWriteOutcome) -> [Effect] {
        guard let inFlight = state.writeInFlight, inFlight.id == id else { return [] }
        state.writeInFlight = nil
        let request = inFlight.request
        var effects: [Effect] = []
        switch outcome {
        case .done(let record):
            switch request.origin {
            case .undo:
                let label = state.history.nextUndo?.label ?? describe(record, request)
                state.history.undid(stamp: record.stamp)
                state.note = StatusNote(text: "undone: \(label)", kind: .info)
            case .redo:
                let label = state.history.nextRedo?.label ?? describe(record, request)
                state.history.redid(stamp: record.stamp)
                state.note = StatusNote(text: "redone: \(label)", kind: .info)
            case .composer, .calendar:
                let label = describe(record, request)
                state.history.record(record, label: label)
                var text = label + jobRemark(record)
                if case .calendar(let remark) = request.origin { text += remark + " · u undoes" }
                state.note = StatusNote(text: text, kind: .info)
            }
            effects += ComposerPane.postWritten(&state, record, origin: request.origin)
            effects += CalendarEditing.postWritten(&state, record, origin: request.origin)
        case .refused(let refusal):
            switch request.origin {
            case .undo:
                state.history.dropUndo()
                state.note = StatusNote(text: "cannot undo: \(refusal.description); it is dropped from the undo list", kind: .error)
            case .redo:
                state.history.dropRedo()
                state.note = StatusNote(text: "cannot redo: \(refusal.description)", kind: .error)
            case .composer:
                effects += ComposerPane.writeRefused(&state, refusal, request: request)
            case .calendar:
                state.note = StatusNote(text: refusal.description, kind: .error)
            }
        }
        return effects + (state.loadedPanes.contains(.calendar) ? CalendarPane.reload(&state) : [])
    }

    /// The write failed on the way (connection lost, timeout): nothing is known to be written.
    static func failed(_ state: inout AppState, _ id: RequestID, _ error: StoreError) -> [Effect] {
        guard let inFlight = state.writeInFlight, inFlight.id == id else { return [] }
        state.writeInFlight = nil
        if inFlight.request.origin == .composer { return ComposerPane.saveFailed(&state, error) }
        state.note = StatusNote(text: "\(refusedVerb(inFlight.request.change)): \(error.description)", kind: .error)
        return []
    }

    // MARK: Undo and redo

    /// `u`: undoes this session's newest write; asks first when that deletes a post.
    static func undo(_ state: inout AppState, confirmed: Bool = false) -> [Effect] {
        guard let entry = state.history.nextUndo, let undo = state.history.undoChange else {
            state.note = StatusNote(text: "nothing to undo", kind: .info)
            return []
        }
        if undo.change.deletes && !confirmed {
            state.overlay = .confirm(Confirmation(
                title: "Undo",
                question: "Undo \(entry.label)? This deletes the post.", onYes: .undo), yes: false)
            return []
        }
        let zone = state.postZone(for: entry.record.after?.clientID ?? entry.record.before?.clientID)
        return submit(&state, PostWriteRequest(post: undo.post, change: undo.change, stamp: undo.stamp, origin: .undo,
                                               excerpt: "", zone: zone), issues: [])
    }

    /// `Ctrl-r`: does again what `u` undid.
    static func redo(_ state: inout AppState) -> [Effect] {
        guard let redo = state.history.redoChange, let entry = state.history.nextRedo else {
            state.note = StatusNote(text: "nothing to redo", kind: .info)
            return []
        }
        let zone = state.postZone(for: entry.record.after?.clientID ?? entry.record.before?.clientID)
        return submit(&state, PostWriteRequest(post: redo.post, change: redo.change, stamp: redo.stamp, origin: .redo,
                                               excerpt: "", zone: zone), issues: [])
    }

    // MARK: Words

    /// "not saved", "not moved", …: how a refused change is introduced.
    static func refusedVerb(_ change: PostChange) -> String {
        switch change {
        case .create, .save: "not saved"
        case .schedule, .createScheduled: "not scheduled"
        case .move: "not moved"
        case .unschedule: "not unscheduled"
        case .cancel: "not cancelled"
        case .duplicate: "not duplicated"
        case .restore: "not restored"
        }
    }

    /// What a write did, as a phrase for notes and the undo list.
    static func describe(_ record: PostWriteRecord, _ request: PostWriteRequest) -> String {
        let zone = request.zone
        let post = record.after ?? record.before
        let excerpt = "“\(Sanitizer.singleLine(String((post?.content ?? request.excerpt).prefix(30))))”"
        func at(_ date: Date?) -> String { date.map { zone.format($0, .dayAndTime) } ?? "no time" }
        switch record.change {
        case .create: return "saved the new draft \(excerpt)"
        case .createScheduled(_, _, let time): return "scheduled the new post \(excerpt) for \(at(time))"
        case .save: return "saved \(excerpt)"
        case .schedule(_, let time): return "scheduled \(excerpt) for \(at(time))"
        case .move(let time): return "moved \(excerpt) to \(at(time)) (\(DisplayZone.utc.format(time, .dateTime)) UTC)"
        case .unschedule: return "unscheduled \(excerpt): a draft again, planned for \(at(record.after?.scheduledAt))"
        case .cancel: return "cancelled \(excerpt)"
        case .duplicate:
            let copy = record.after
            var parts = ["\(copy?.accountIDs.count ?? 0) account\(copy?.accountIDs.count == 1 ? "" : "s")"]
            if let media = copy?.media.count, media > 0 { parts.append("\(media) media file\(media == 1 ? "" : "s")") }
            if copy?.campaignID != nil { parts.append("its campaign") }
            return "duplicated \(excerpt) as a draft with " + parts.joined(separator: ", ")
        case .restore(_, let to):
            guard let to else { return "deleted \(excerpt)" }
            return "\(excerpt) is \(to.status.rawValue)" + (to.scheduledAt.map { ", \(zone.format($0, .dayAndTime))" } ?? "")
        }
    }

    private static func jobRemark(_ record: PostWriteRecord) -> String {
        switch record.job {
        case .created: " (publish job added)"
        case .updated: " with its publish job"
        case .cancelled: "; its publish job is cancelled"
        case .kept, .none: ""
        }
    }
}

/// The write in flight.
struct InFlightWrite: Equatable {
    var id: RequestID?
    let request: PostWriteRequest
}

extension PostChange {
    /// True when the change makes the post scheduled.
    var schedules: Bool {
        switch self {
        case .schedule, .createScheduled: true
        default: false
        }
    }
}

extension AppState {
    /// The zone a client's post times are typed and shown in (`ZoneChoice.forPost`).
    func postZone(for client: ClientID?) -> DisplayZone {
        let clientZone = client.flatMap { id in clients.first { $0.id == id }?.timeZone }
        return (try? ZoneChoice.forPost(explicit: nil, clientZone: clientZone, userZone: zoneSettings.commandLine,
                                        environmentTZ: zoneSettings.environmentTZ).zone) ?? .utc
    }
}
