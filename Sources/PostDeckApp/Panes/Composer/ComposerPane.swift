import FoundationEssentials
import PostDeckCore
import PostDeckStore
import TerminalUI

/// The composer's part of `update`: loading the client's choices, editing, validating,
/// saving and scheduling, conflicts, and the recovery file.
enum ComposerPane {
    /// How long after the last change the recovery file is written.
    static let recoveryDelay = Duration.milliseconds(700)

    /// The pane's rows of the key table.
    static let keys: [KeyBinding] = [
        KeyBinding(["Ctrl-s"], .composer, .saveDraft, "save as draft", hint: "save"),
        KeyBinding(["Ctrl-t"], .composer, .schedulePost, "schedule at the time given", hint: "schedule"),
        KeyBinding(["Ctrl-e"], .composer, .openEditor, "edit the text in $VISUAL / $EDITOR", hint: "editor"),
        KeyBinding(["Tab"], .composer, .nextField, "next field"),
        KeyBinding(["Shift-Tab"], .composer, .previousField, "previous field"),
        KeyBinding(["Alt-n"], .composer, .nextNetwork, "next network's variation"),
        KeyBinding(["Alt-p"], .composer, .previousNetwork, "previous network's variation"),
        KeyBinding(["Space"], .composer, .toggleChoice, "choose the account, campaign or template"),
        KeyBinding(["Ctrl-x"], .composer, .removeMedia, "remove the last attached file"),
        KeyBinding(["Ctrl-o"], .composer, .duplicatePost, "copy this post to a new draft"),
        KeyBinding(["Esc"], .composer, .back, "leave the composer (asks if unsaved)", hint: "leave"),
    ]

    // MARK: Opening

    /// A fresh post for the client in scope.
    static func newPost(_ state: inout AppState) -> [Effect] {
        state.composer = ComposerState()
        state.composer.clientID = state.scope.clientID
        state.composer.returnPane = state.pane == .composer ? state.composer.returnPane : state.pane
        state.pane = .composer
        return loadChoices(&state) + [.saveSession]
    }

    /// Opens an existing post (from the calendar's `e`/`Enter`).
    static func edit(_ state: inout AppState, _ post: PostID) -> [Effect] {
        let id = state.nextRequest()
        state.composer.loadRequest = id
        state.composer.returnPane = state.pane
        state.pane = .composer
        return [.query(id, slot: "composer.post", ComposerQueries.post(post).map { .composer(.postLoaded(id, $0)) })]
    }

    static func loadChoices(_ state: inout AppState) -> [Effect] {
        guard let client = state.composer.clientID else { state.composer.choices = nil; return [] }
        let id = state.nextRequest()
        state.composer.choicesRequest = id
        return [.query(id, slot: "composer.choices", ComposerQueries.choices(for: client).map { .composer(.choicesLoaded(id, $0)) })]
    }

    static func reload(_ state: inout AppState) -> [Effect] { loadChoices(&state) }

    /// A new client in scope: an untouched composer follows it.
    static func scopeChanged(_ state: inout AppState) -> [Effect] {
        guard !state.composer.dirty, state.composer.expectedUpdatedAt == nil else { return [] }
        state.composer.clientID = state.scope.clientID
        state.composer.selectedAccounts = []
        state.composer.campaignID = nil
        state.composer.templateID = nil
        return loadChoices(&state)
    }

    /// Puts a recovered draft back in the composer.
    static func restore(_ state: inout AppState, _ recovery: ComposerRecovery) -> [Effect] {
        var composer = ComposerState()
        composer.postID = PostID(recovery.postID) ?? .random()
        composer.clientID = recovery.clientID.flatMap(ClientID.init)
        composer.content = TextAreaState(recovery.content)
        for (key, text) in recovery.variations {
            if let platform = Platform(rawValue: key) { composer.variations[platform] = TextAreaState(text) }
        }
        composer.hashtags = TextInputState(recovery.hashtags)
        composer.mentions = TextInputState(recovery.mentions)
        composer.firstComment = TextInputState(recovery.firstComment)
        composer.selectedAccounts = recovery.accountIDs.compactMap(AccountID.init)
        composer.campaignID = recovery.campaignID.flatMap(CampaignID.init)
        composer.templateID = recovery.templateID.flatMap(TemplateID.init)
        composer.time = TextInputState(recovery.time)
        composer.expectedUpdatedAt = recovery.expectedUpdatedAt
        composer.dirty = true
        composer.returnPane = state.pane == .composer ? .health : state.pane
        state.composer = composer
        state.pane = .composer
        state.note = StatusNote(text: "draft restored; Ctrl-s saves it", kind: .info)
        let inspections: [Effect] = recovery.mediaPaths.map { .inspectMedia($0) }
        if let client = composer.clientID, state.scope.clientID != client { state.scope = .client(client) }
        return loadChoices(&state) + inspections
    }

    // MARK: Messages

    static func update(_ state: inout AppState, _ message: ComposerMessage) -> [Effect] {
        switch message {
        case .choicesLoaded(let id, let choices):
            guard id == state.composer.choicesRequest else { return [] }
            state.composer.choices = choices
            state.composer.listCursor = min(state.composer.listCursor, max(0, choices.accounts.count - 1))
            return []
        case .postLoaded(let id, let post):
            guard id == state.composer.loadRequest else { return [] }
            guard let post else {
                state.note = StatusNote(text: "that post no longer exists", kind: .error)
                return []
            }
            load(&state, post)
            return loadChoices(&state) + post.mediaPaths.map { .inspectMedia($0) }
        case .saved(let id, let outcome, let scheduled):
            guard state.composer.saving?.id == id else { return [] }
            state.composer.saving = nil
            return saved(&state, outcome, scheduled: scheduled)
        case .saveFailed(let id, let error):
            guard state.composer.saving?.id == id else { return [] }
            state.composer.saving = nil
            state.composer.saveError = error.description
            state.note = StatusNote(text: "not saved: \(error.description) — the text is kept; press Ctrl-s to retry", kind: .error)
            return [.writeRecovery(ComposerRecovery(state.composer, now: state.now))]
        case .mediaInspected(let path, let result):
            switch result {
            case .success(let info):
                if !state.composer.media.contains(where: { $0.path == info.path }) { state.composer.media.append(info) }
                state.composer.mediaPath = TextInputState()
                state.note = StatusNote(text: "attached \(info.fileName) (\(info.format.name))", kind: .info)
                return changed(&state)
            case .failure(let error):
                state.note = StatusNote(text: "cannot attach \(path): \(error.description)", kind: .error)
                return []
            }
        case .editorReturned(let text):
            guard let text else {
                state.note = StatusNote(text: "the editor failed; the text is unchanged", kind: .error)
                return []
            }
            let trimmed = text.hasSuffix("\n") ? String(text.dropLast()) : text
            guard trimmed != state.composer.editor.text else { return [] }
            state.composer.editor.setText(trimmed)
            return changed(&state)
        case .writeRecovery(let revision):
            guard revision == state.composer.revision, state.composer.dirty else { return [] }
            return [.writeRecovery(ComposerRecovery(state.composer, now: state.now))]
        }
    }

    /// Replaces the composer with a stored post.
    static func load(_ state: inout AppState, _ post: StoredPost) {
        var composer = ComposerState()
        composer.postID = post.id
        composer.clientID = post.clientID
        composer.content = TextAreaState(post.content)
        composer.variations = post.variations.mapValues { TextAreaState($0) }
        composer.hashtags = TextInputState(post.settings.hashtags.joined(separator: " "))
        composer.mentions = TextInputState(post.settings.mentions.joined(separator: " "))
        composer.firstComment = TextInputState(post.settings.firstComment ?? "")
        composer.selectedAccounts = post.accountIDs
        composer.campaignID = post.campaignID
        composer.templateID = post.templateID
        composer.status = post.status
        composer.expectedUpdatedAt = post.updatedAt
        composer.readOnly = !post.status.isEditable
        composer.returnPane = state.composer.returnPane
        composer.loadRequest = state.composer.loadRequest
        composer.zone = state.composer.zone
        if let at = post.scheduledAt { composer.time = TextInputState(zone(state, post.clientID).format(at, .dateTime)) }
        state.composer = composer
    }

    private static func saved(_ state: inout AppState, _ outcome: SaveOutcome, scheduled: Bool) -> [Effect] {
        switch outcome {
        case .saved(let post):
            finishSave(&state, post, scheduled: scheduled)
            return [.removeRecovery(post.id.description)]
        case .conflict(let current):
            // A retry after a lost answer finds our own write: that is a success.
            let mine = state.composer.draft(clientID: current.clientID)
            if current.content == mine.content, current.variations == mine.variations,
               Set(current.accountIDs) == Set(mine.accountIDs), current.status == (scheduled ? .scheduled : .draft) {
                finishSave(&state, current, scheduled: scheduled)
                return [.removeRecovery(current.id.description)]
            }
            state.composer.conflict = current
            state.note = StatusNote(text: "someone else changed this post: m keep mine · t take theirs · c copy mine to a new draft", kind: .error)
            return [.writeRecovery(ComposerRecovery(state.composer, now: state.now))]
        }
    }

    private static func finishSave(_ state: inout AppState, _ post: StoredPost, scheduled: Bool) {
        state.composer.expectedUpdatedAt = post.updatedAt
        state.composer.status = post.status
        state.composer.dirty = false
        state.composer.saveError = nil
        state.composer.conflict = nil
        let when = post.scheduledAt.map { " for " + zone(state, post.clientID).format($0, .dayAndTime) } ?? ""
        state.note = StatusNote(text: scheduled ? "scheduled\(when)" : "draft saved", kind: .info)
    }

    /// The display zone of a client: its preference, else the user's, else UTC.
    static func zone(_ state: AppState, _ client: ClientID?) -> DisplayZone {
        if let name = state.clients.first(where: { $0.id == client })?.timeZone, let zone = try? DisplayZone(named: name) {
            return zone
        }
        return state.composer.zone
    }

    /// After every edit: mark dirty and (re)arm the recovery timer.
    static func changed(_ state: inout AppState) -> [Effect] {
        state.composer.dirty = true
        state.composer.revision += 1
        return [.after(recoveryDelay, key: "composer.recovery", .composer(.writeRecovery(state.composer.revision)))]
    }
}
