import FoundationEssentials
import PostDeckCore
import PostDeckStore
import TerminalUI

/// Live validation and the two writes. Errors block scheduling; warnings are shown and,
/// for accounts that cannot publish, asked about before the post is scheduled.
extension ComposerPane {
    /// Problems that are not about one network's rules: client, accounts, tokens, time, campaign.
    static func generalIssues(_ state: AppState, scheduling: Bool) -> [ComposerIssue] {
        let composer = state.composer
        var issues: [ComposerIssue] = []
        if composer.clientID == nil { issues.append(ComposerIssue(severity: .error, message: "choose a client (c)")) }
        if composer.chosenAccounts.isEmpty {
            issues.append(ComposerIssue(severity: scheduling ? .error : .warning, message: "choose at least one account"))
        }
        for account in composer.chosenAccounts where account.tokenStatus == .expired {
            issues.append(ComposerIssue(severity: .warning,
                message: "\(account.platform.displayName) \(Sanitizer.singleLine(account.label)): token expired or missing; publishing will fail until it is reconnected"))
        }
        let zone = zone(state, composer.clientID)
        let reading = TimeReading(composer.time.text, zone: zone)
        switch reading {
        case .none:
            if scheduling { issues.append(ComposerIssue(severity: .error, message: "set a time to schedule (YYYY-MM-DD HH:MM, \(zone.name))")) }
        case .malformed(let message), .nonexistent(let message):
            issues.append(ComposerIssue(severity: .error, message: message))
        case .ambiguous(_, let message):
            issues.append(ComposerIssue(severity: .warning, message: message))
        case .exact:
            break
        }
        if let instant = reading.instant {
            if instant <= state.now { issues.append(ComposerIssue(severity: .error, message: "the time is in the past")) }
            if let campaign = composer.campaign, !campaign.covers(zone.localDate(of: instant)) {
                let from = campaign.startDate?.description ?? "…", to = campaign.endDate?.description ?? "…"
                issues.append(ComposerIssue(severity: .warning,
                    message: "the time is outside campaign \(Sanitizer.singleLine(campaign.name)) (\(from) to \(to))"))
            }
        }
        return issues
    }

    /// Each chosen network's problems with the post as written.
    static func networkIssues(_ state: AppState) -> [Platform: [PlatformRules.Issue]] {
        let draft = state.composer.draftContent
        return Dictionary(uniqueKeysWithValues: state.composer.platforms.map { ($0, state.rules.validate(draft, for: $0)) })
    }

    /// Ctrl-s / Ctrl-t: checks, then writes (or says why not).
    static func requestSave(_ state: inout AppState, schedule: Bool) -> [Effect] {
        if state.composer.readOnly {
            state.note = StatusNote(text: "this post is \(state.composer.status.rawValue) and cannot be changed; Ctrl-o copies it to a new draft", kind: .error)
            return []
        }
        if state.composer.saving != nil {
            state.note = StatusNote(text: "saving…", kind: .info)
            return []
        }
        let general = generalIssues(state, scheduling: schedule)
        let network = schedule ? networkIssues(state).values.flatMap { $0 } : []
        let errors = general.filter { $0.severity == .error }.map(\.message)
            + network.filter { $0.severity == .error }.map(\.message)
        if let first = errors.first, schedule || state.composer.clientID == nil {
            let more = errors.count > 1 ? " (and \(errors.count - 1) more)" : ""
            state.note = StatusNote(text: "not \(schedule ? "scheduled" : "saved"): \(first)\(more)", kind: .error)
            return []
        }
        if schedule, general.contains(where: { $0.message.contains("token expired") }) {
            state.overlay = .confirm(Confirmation(
                title: "Schedule anyway?",
                question: "Some chosen accounts cannot publish (token expired or missing). Schedule anyway?",
                onYes: .scheduleAnyway), yes: false)
            return []
        }
        return write(&state, schedule: schedule)
    }

    /// Sends the one-statement save, and writes the recovery file in case it never lands.
    static func write(_ state: inout AppState, schedule: Bool) -> [Effect] {
        guard let client = state.composer.clientID else { return [] }
        let at = schedule ? TimeReading(state.composer.time.text, zone: zone(state, client)).instant : nil
        let draft = state.composer.draft(clientID: client)
        let query = at.map { ComposerQueries.schedule(draft, at: $0) } ?? ComposerQueries.saveDraft(draft)
        let id = state.nextRequest()
        state.composer.saving = (id, schedule)
        state.note = StatusNote(text: schedule ? "scheduling…" : "saving…", kind: .info)
        return [.writeRecovery(ComposerRecovery(state.composer, now: state.now)),
                .query(id, slot: "composer.save", query.map { .composer(.saved(id, $0, scheduled: schedule)) })]
    }
}
