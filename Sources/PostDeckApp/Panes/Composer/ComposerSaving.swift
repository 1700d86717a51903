import FoundationEssentials
import PostDeckCore
import PostDeckStore
import TerminalUI

/// What Ctrl-s, Ctrl-t and Alt-u write: the change is built from what the fields differ
/// from the stored post by, checked by the scheduling model, and sent through `PostWriting`.
/// The side panel shows the same checks live.
extension ComposerPane {
    /// The three writes of the composer.
    enum Intent: Equatable {
        /// Ctrl-s: what was changed; never status or time unless the Time field was edited.
        case save
        /// Ctrl-t: save and schedule at the Time field's time.
        case schedule
        /// Alt-u: a scheduled post back to draft.
        case unschedule
    }

    /// The zone the composer reads and shows times in: the post's client's.
    static func zone(_ state: AppState) -> DisplayZone { state.postZone(for: state.composer.clientID) }

    static func context(_ state: AppState) -> SchedulingContext {
        SchedulingContext(now: state.now, rules: state.rules,
                          choices: state.composer.choices ?? ComposerChoices(accounts: [], campaigns: [], templates: []),
                          zone: zone(state))
    }

    /// The Time field read in the client's zone: nil when empty.
    static func typedTime(_ state: AppState) -> Result<Date?, TimeInput.Problem> {
        let text = state.composer.time.text.trimmingSpaces()
        guard !text.isEmpty else { return .success(nil) }
        return TimeInput.read(text, in: zone(state), now: state.now, pick: state.composer.timePick).map { $0 }
    }

    /// The change an intent would write, or why there is none.
    static func change(_ state: AppState, _ intent: Intent) -> Result<PostChange, ComposerIssue> {
        let composer = state.composer
        func problem(_ text: String) -> Result<PostChange, ComposerIssue> { .failure(ComposerIssue(severity: .error, message: text)) }
        guard let client = composer.clientID else { return problem("choose a client (c)") }
        var edit = composer.contentEdit
        let time: Date?
        switch typedTime(state) {
        case .success(let typed): time = typed
        case .failure(let error):
            guard intent == .schedule || (intent == .save && composer.timeEdited) else { time = nil; break }
            return problem(error.description)
        }
        switch intent {
        case .save:
            if composer.loaded == nil || composer.timeEdited, time != composer.loaded?.scheduledAt { edit.time = .set(time) }
            guard let loaded = composer.loaded else { return .success(.create(client: client, edit)) }
            guard !edit.isEmpty else { return problem("nothing changed since \(loaded.status == .draft ? "the draft was" : "it was") saved") }
            return .success(.save(edit))
        case .schedule:
            guard let time else { return problem("set a time to schedule (in \(zone(state).name), e.g. \(TimeExpression.examples(now: state.now, zone: zone(state)).prefix(2).joined(separator: " or ")))") }
            guard composer.loaded != nil else { return .success(.createScheduled(client: client, edit, at: time)) }
            return .success(.schedule(edit, at: time))
        case .unschedule:
            guard let loaded = composer.loaded, loaded.status == .scheduled else { return problem("only a scheduled post can be unscheduled") }
            guard edit.isEmpty && !composer.timeEdited else { return problem("save your changes first (Ctrl-s), then unschedule") }
            return .success(.unschedule)
        }
    }

    /// What the side panel lists: the checks of what Ctrl-t (or, for a draft, Ctrl-s) would write.
    static func issues(_ state: AppState) -> [ComposerIssue] {
        let composer = state.composer
        var issues: [ComposerIssue] = []
        if composer.clientID == nil { issues.append(ComposerIssue(severity: .error, message: "choose a client (c)")) }
        if case .failure(let problem) = typedTime(state) {
            issues.append(ComposerIssue(severity: .error, message: problem.description
                + (problem.isAmbiguity ? " — ↑/↓ in the Time field chooses" : "")))
        }
        let intent: Intent = composer.status == .scheduled || !composer.time.text.isEmpty ? .schedule : .save
        if case .success(let change) = self.change(state, intent) {
            issues += Scheduling.check(change, to: composer.loaded, in: context(state))
                .map { ComposerIssue(severity: $0.severity, message: $0.description) }
        }
        return issues.sorted { $0.severity > $1.severity }
    }

    /// Ctrl-s / Ctrl-t / Alt-u: checks, then writes (or says why not).
    static func request(_ state: inout AppState, _ intent: Intent) -> [Effect] {
        if state.composer.readOnly {
            state.note = StatusNote(text: "this post is \(state.composer.status.rawValue) and cannot be changed; Ctrl-o copies it to a new draft", kind: .error)
            return []
        }
        switch change(state, intent) {
        case .failure(let issue):
            let verb = intent == .schedule ? "not scheduled" : intent == .unschedule ? "not unscheduled" : "not saved"
            state.note = StatusNote(text: "\(verb): \(issue.message)", kind: issue.severity == .error ? .error : .info)
            return []
        case .success(let change):
            let issues = Scheduling.check(change, to: state.composer.loaded, in: context(state))
            let request = PostWriteRequest(post: state.composer.postID, change: change, stamp: state.composer.loaded?.updatedAt,
                                           origin: .composer, excerpt: state.composer.content.text, zone: zone(state))
            let effects = PostWriting.submit(&state, request, issues: issues)
            // Whatever happens to the write, the text is on disk first.
            return effects.isEmpty ? effects : [.writeRecovery(ComposerRecovery(state.composer, now: state.now))] + effects
        }
    }
}

extension TimeInput.Problem {
    var isAmbiguity: Bool { if case .happensTwice = self { true } else { false } }
}
