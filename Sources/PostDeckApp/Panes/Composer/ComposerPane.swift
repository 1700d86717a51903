import FoundationEssentials
import PostDeckCore
import PostDeckStore
import TerminalUI

/// The composer's part of `update`: opening posts, loading the client's choices, the answers
/// of writes, and the recovery file. Keys are in ComposerInput.swift; building and checking
/// the change to write in ComposerSaving.swift.
enum ComposerPane {
    /// How long after the last change the recovery file is written.
    static let recoveryDelay = Duration.milliseconds(700)

    /// The pane's rows of the key table.
    static let keys: [KeyBinding] = [
        KeyBinding(["Ctrl-s"], .composer, .saveDraft, "save what you changed (status and time stay as they are)", hint: "save"),
        KeyBinding(["Ctrl-t"], .composer, .schedulePost, "schedule at the time given", hint: "schedule"),
        KeyBinding(["Alt-u"], .composer, .unschedulePost, "unschedule: back to a draft, keeping its time"),
        KeyBinding(["Ctrl-e"], .composer, .openEditor, "edit the text in $VISUAL / $EDITOR", hint: "editor"),
        KeyBinding(["Tab"], .composer, .nextField, "next field", hint: "next field"),
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
        let returnPane = state.pane == .composer ? state.composer.returnPane : state.pane
        state.composer = ComposerState()
        state.composer.clientID = state.scope.clientID
        state.composer.returnPane = returnPane
        state.pane = .composer
        return loadChoices(&state) + [.saveSession]
    }

    /// Opens an existing post (from the calendar's `e`).
    static func edit(_ state: inout AppState, _ post: PostID) -> [Effect] {
        let id = state.nextRequest()
        state.composer.loadRequest = id
        state.composer.returnPane = state.pane == .composer ? state.composer.returnPane : state.pane
        state.pane = .composer
        return [.query(id, slot: "composer.post", PostWrites.snapshot(of: post).map { .composer(.postLoaded(id, $0)) })]
    }

    static func loadChoices(_ state: inout AppState) -> [Effect] {
        guard let client = state.composer.clientID else { state.composer.choices = nil; return [] }
        let id = state.nextRequest()
        state.composer.choicesRequest = id
        return [.query(id, slot: "composer.choices", ComposerQueries.choices(for: client).map { .composer(.choicesLoaded(id, $0)) })]
    }

    static func reload(_ state: inout AppState) -> [Effect] { loadChoices(&state) }

    /// A new client in scope: an untouched new post follows it.
    static func scopeChanged(_ state: inout AppState) -> [Effect] {
        guard !state.composer.dirty, state.composer.loaded == nil else { return [] }
        state.composer.clientID = state.scope.clientID
        state.composer.selectedAccounts = []
        state.composer.campaignID = nil
        state.composer.templateID = nil
        return loadChoices(&state)
    }

    /// Puts a recovered draft back in the composer. A post that was saved before is read
    /// first, so the recovered fields are compared with it as it is stored now.
    static func restore(_ state: inout AppState, _ recovery: ComposerRecovery) -> [Effect] {
        let returnPane = state.pane == .composer ? Pane.health : state.pane
        state.composer = ComposerState()
        state.composer.returnPane = returnPane
        state.pane = .composer
        state.note = StatusNote(text: "draft restored; Ctrl-s saves it", kind: .info)
        if let client = recovery.clientID.flatMap(ClientID.init), state.scope.clientID != client { state.scope = .client(client) }
        if recovery.expectedUpdatedAt != nil, let post = PostID(recovery.postID) {
            state.composer.pendingRecovery = recovery
            let id = state.nextRequest()
            state.composer.loadRequest = id
            return [.query(id, slot: "composer.post", PostWrites.snapshot(of: post).map { .composer(.postLoaded(id, $0)) })]
        }
        state.composer.postID = PostID(recovery.postID) ?? .random()
        return apply(&state, recovery, onto: nil)
    }

    /// The recovered fields over the post as stored now (nil: a post never saved).
    private static func apply(_ state: inout AppState, _ recovery: ComposerRecovery, onto post: PostSnapshot?) -> [Effect] {
        if let post { load(&state, post) }
        let stored = post?.media ?? []
        let fields = ComposerFieldValues(
            content: recovery.content,
            variations: Dictionary(uniqueKeysWithValues: recovery.variations.compactMap { key, text in Platform(rawValue: key).map { ($0, text) } }),
            hashtags: recovery.hashtags, mentions: recovery.mentions, firstComment: recovery.firstComment,
            accountIDs: recovery.accountIDs.compactMap(AccountID.init), campaignID: recovery.campaignID.flatMap(CampaignID.init),
            templateID: recovery.templateID.flatMap(TemplateID.init), time: recovery.time,
            mediaPaths: recovery.mediaPaths.filter { path in stored.contains { $0.path == path } }, addedMedia: [])
        if post == nil { state.composer.clientID = recovery.clientID.flatMap(ClientID.init) }
        setFields(&state, fields)
        state.composer.dirty = true
        let toInspect = recovery.mediaPaths.filter { path in !stored.contains { $0.path == path } }
        return loadChoices(&state) + toInspect.map { .inspectMedia($0) }
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
            if let recovery = state.composer.pendingRecovery {
                state.composer.pendingRecovery = nil
                if post == nil { state.composer.postID = .random() }
                return apply(&state, recovery, onto: post)
            }
            guard let post else {
                state.note = StatusNote(text: "that post no longer exists", kind: .error)
                return []
            }
            load(&state, post)
            return loadChoices(&state)
        case .mediaInspected(let path, let result):
            switch result {
            case .success(let info):
                if !state.composer.media.contains(where: { $0.path == info.path }) {
                    state.composer.media.append(.added(NewMedia(info: info)))
                }
                state.composer.mediaPath = TextInputState()
                state.note = StatusNote(text: "attached \(Sanitizer.singleLine(info.fileName)) (\(info.format.name))", kind: .info)
                return changed(&state)
            case .failure(let error):
                state.note = StatusNote(text: "cannot attach \(Sanitizer.singleLine(path)): \(error.description)", kind: .error)
                return []
            }
        case .editorReturned(let text):
            guard let text else {
                state.note = StatusNote(text: "the editor failed; the text is unchanged", kind: .error)
                return []
            }
            let trimmed = text.hasSuffix("\n") ? String(text.dropLast()) : text
            guard !trimmed.utf8.elementsEqual(state.composer.editor.text.utf8) else { return [] }
            state.composer.editor.setText(trimmed)
            return changed(&state)
        case .writeRecovery(let revision):
            guard revision == state.composer.revision, state.composer.dirty else { return [] }
            return [.writeRecovery(ComposerRecovery(state.composer, now: state.now))]
        }
    }

    /// Replaces the composer's fields with a stored post, exactly as stored.
    static func load(_ state: inout AppState, _ post: PostSnapshot) {
        var composer = ComposerState()
        composer.postID = post.id
        composer.loaded = post
        composer.clientID = post.clientID
        composer.choices = state.composer.clientID == post.clientID ? state.composer.choices : nil
        composer.returnPane = state.composer.returnPane
        composer.loadRequest = state.composer.loadRequest
        state.composer = composer
        let zone = state.postZone(for: post.clientID)
        setFields(&state, ComposerFieldValues(
            content: post.content, variations: post.variations, hashtags: post.settings.hashtags.joined(separator: " "),
            mentions: post.settings.mentions.joined(separator: " "), firstComment: post.settings.firstComment ?? "",
            accountIDs: post.accountIDs, campaignID: post.campaignID, templateID: post.templateID,
            time: post.scheduledAt.map { zone.format($0, .dateTime) } ?? "", mediaPaths: post.media.map(\.path), addedMedia: []))
        state.composer.loadedTimeText = state.composer.time.text
        state.composer.dirty = false
    }

    /// Sets the fields; stored attachments are those of the loaded post whose paths are listed.
    static func setFields(_ state: inout AppState, _ fields: ComposerFieldValues) {
        state.composer.content = TextAreaState(fields.content)
        state.composer.variations = fields.variations.mapValues { TextAreaState($0) }
        state.composer.hashtags = TextInputState(fields.hashtags)
        state.composer.mentions = TextInputState(fields.mentions)
        state.composer.firstComment = TextInputState(fields.firstComment)
        state.composer.selectedAccounts = fields.accountIDs
        state.composer.campaignID = fields.campaignID
        state.composer.templateID = fields.templateID
        state.composer.time = TextInputState(fields.time)
        var remaining = fields.mediaPaths
        var media: [ComposerMedia] = []
        for row in state.composer.loaded?.media ?? [] {
            if let index = remaining.firstIndex(of: row.path) {
                remaining.remove(at: index)
                media.append(.stored(row))
            }
        }
        state.composer.media = media + fields.addedMedia.map { .added($0) }
    }

    // MARK: Writes

    /// A post was written by anyone in this session: the composer follows its own post.
    static func postWritten(_ state: inout AppState, _ record: PostWriteRecord, origin: PostWriteRequest.Origin) -> [Effect] {
        let composer = state.composer
        if origin == .composer, case .duplicate = record.change, let copy = record.after, let carried = composer.carryOnto {
            // Ctrl-o / "copy mine": the copy is stored; the user's fields become its unsaved changes.
            state.composer.carryOnto = nil
            load(&state, copy)
            var fields = carried.fields
            let absent = fields.mediaPaths.filter { path in !copy.media.contains { $0.path == path } }
            fields.mediaPaths.removeAll { absent.contains($0) }
            let reattached = absent.compactMap { path in carried.rows.first { $0.path == path }?.info }.map { NewMedia(info: $0) }
            fields.addedMedia = reattached + fields.addedMedia
            setFields(&state, fields)
            let missing = absent.count - reattached.count
            state.note = StatusNote(text: carried.note + (missing > 0 ? "; \(missing) file(s) of an unknown type could not be attached again" : ""),
                                    kind: missing > 0 ? .error : .info)
            let discarded = Effect.removeRecovery(composer.postID.description)
            guard !state.composer.contentEdit.isEmpty || state.composer.timeEdited else { return [discarded] }
            return changed(&state) + [discarded]
        }
        guard record.post == composer.postID else { return [] }
        if origin == .composer, let after = record.after {
            // Our own save: the fields stay as they are (focus, cursor, scroll too); what they
            // are now compared with is the post as stored. Typing that went on while the save
            // was on its way stays an unsaved change.
            state.composer.loaded = after
            state.composer.loadedTimeText = state.composer.time.text
            state.composer.media = composer.media.map { item in
                guard let added = item.added, let row = after.media.first(where: { $0.id == added.id }) else { return item }
                return .stored(row)
            }
            state.composer.saveError = nil
            state.composer.conflict = nil
            state.composer.refusedWrite = nil
            state.composer.dirty = !state.composer.contentEdit.isEmpty
            return [.removeRecovery(record.post.description)]
        }
        // Undo, redo or the calendar changed the post on show: an untouched composer follows.
        guard !composer.dirty else { return [] }
        if let after = record.after {
            load(&state, after)
        } else {
            state.composer = ComposerState()
            state.composer.clientID = composer.clientID
            state.composer.choices = composer.choices
            state.composer.returnPane = composer.returnPane
        }
        return []
    }

    /// The database changed nothing: someone else's version is shown beside ours, or the reason.
    static func writeRefused(_ state: inout AppState, _ refusal: PostWriteRefusal, request: PostWriteRequest) -> [Effect] {
        switch refusal.reason {
        case .changedElsewhere, .exists:
            state.composer.conflict = refusal.current
            state.composer.refusedWrite = request
            let keys = Keymap.summary([(.keepMine, nil, "keep mine"), (.takeTheirs, nil, "take theirs"),
                                       (.copyMine, nil, "copy mine to a new draft")], in: .conflict)
            state.note = StatusNote(text: "someone else changed this post: " + keys, kind: .error)
        case .notFound:
            // Someone deleted it: what is on screen becomes a new post, saved with the next Ctrl-s.
            state.composer.loaded = nil
            state.composer.postID = .random()
            state.composer.loadedTimeText = ""
            state.note = StatusNote(text: "the post was deleted meanwhile; your text is kept as a new post — Ctrl-s saves it", kind: .error)
        default:
            if let current = refusal.current, case .notEditable = refusal.reason { state.composer.loaded = current }
            state.note = StatusNote(text: "\(PostWriting.refusedVerb(request.change)): \(refusal.description)", kind: .error)
        }
        return [.writeRecovery(ComposerRecovery(state.composer, now: state.now))]
    }

    /// The save never got an answer: the text stays, on screen and on disk.
    static func saveFailed(_ state: inout AppState, _ error: StoreError) -> [Effect] {
        state.composer.saveError = error.description
        state.note = StatusNote(text: "not saved: \(error.description) — the text is kept; press Ctrl-s to retry", kind: .error)
        return [.writeRecovery(ComposerRecovery(state.composer, now: state.now))]
    }

    /// After every edit: mark dirty and (re)arm the recovery timer.
    static func changed(_ state: inout AppState) -> [Effect] {
        state.composer.dirty = true
        state.composer.revision += 1
        return [.after(recoveryDelay, key: "composer.recovery", .composer(.writeRecovery(state.composer.revision)))]
    }
}
