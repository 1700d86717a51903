import FoundationEssentials
import PostDeckCore
import PostDeckStore
import TerminalUI

/// Keys and actions of the composer: fields, lists, templates, conflicts and leaving.
extension ComposerPane {
    /// Keys the key table keeps even while a text field has the focus.
    static let tableKeys: Set<Key> = [.ctrl("s"), .ctrl("t"), .alt("u"), .ctrl("e"), .tab, .backTab, .escape, .alt("n"), .alt("p"),
                                      .ctrl("c"), .ctrl("l"), .ctrl("x"), .ctrl("o")]

    /// Keys taken before the key table: text for the focused field, list moves, the
    /// conflict and placeholder questions. nil lets the key through.
    static func capture(_ state: inout AppState, _ key: Key) -> [Effect]? {
        if state.composer.conflict != nil { return resolveConflict(&state, key) }
        if state.composer.placeholders != nil { return askPlaceholder(&state, key) }
        if key == .tab, state.composer.focus == .media, !state.composer.readOnly, !state.composer.mediaPath.isEmpty {
            completeMediaPath(&state)
            return []
        }
        if tableKeys.contains(key) || state.composer.readOnly { return nil }
        switch state.composer.focus {
        case .content:
            let size = editorSize(state)
            state.composer.editor.wrapWidth = size.width
            state.composer.editor.pageHeight = size.height
            let before = state.composer.editor.text
            guard state.composer.editor.handle(key) else { return nil }
            return state.composer.editor.text == before ? [] : changed(&state)
        case .time, .firstComment, .hashtags, .mentions, .media:
            if state.composer.focus == .time, key == .up || key == .down {
                // A time that happens twice (clocks go back): ↑ the first, ↓ the second.
                state.composer.timePick = key == .up ? .earlier : .later
                return state.composer.timeEdited ? changed(&state) : []
            }
            if key == .enter {
                if state.composer.focus == .media, !state.composer.mediaPath.text.isEmpty {
                    return [.inspectMedia(expandHome(state.composer.mediaPath.text))]
                }
                state.composer.focus = next(state.composer.focus, by: 1)
                return []
            }
            guard case let handled = editInput(&state, key), handled else { return nil }
            return state.composer.focus == .media ? [] : changed(&state)
        case .client:
            if key == .enter || key == .char(" ") { Overlays.openClientPicker(&state); return [] }
            return nil
        case .accounts, .campaign, .template:
            switch Keymap.action(for: key, in: .composer) {
            case .moveDown: moveList(&state, 1); return []
            case .moveUp: moveList(&state, -1); return []
            case .toggleChoice, .open: return perform(&state, .toggleChoice)
            default: return nil
            }
        }
    }

    /// The editor's wrap width and height at the current screen size, as `ComposerView` draws it.
    static func editorSize(_ state: AppState) -> (width: Int, height: Int) {
        let side = state.width >= 110 ? 44 : 30
        let areaWidth = state.width - side - 1 - 2 - 1
        return (TextArea.wrapWidth(forAreaWidth: areaWidth), max(1, state.height - 14))
    }

    private static func editInput(_ state: inout AppState, _ key: Key) -> Bool {
        switch state.composer.focus {
        case .time: state.composer.time.handle(key)
        case .firstComment: state.composer.firstComment.handle(key)
        case .hashtags: state.composer.hashtags.handle(key)
        case .mentions: state.composer.mentions.handle(key)
        case .media: state.composer.mediaPath.handle(key)
        default: false
        }
    }

    static func expandHome(_ path: String) -> String {
        PathCompletion.expandHome(path.trimmingSpaces(), home: ProcessInfo.processInfo.environment["HOME"])
    }

    /// How many candidates the status note lists when `Tab` finds several.
    static let shownCandidates = 8

    /// `Tab` in a non-empty media field: completes the path like a shell, listing the
    /// candidates in the status note when several entries match.
    static func completeMediaPath(_ state: inout AppState) {
        let typed = state.composer.mediaPath.text
        let result = PathCompletion.complete(typed, home: ProcessInfo.processInfo.environment["HOME"])
        if result.text != typed { state.composer.mediaPath.set(result.text) }
        if result.candidates.isEmpty {
            state.note = result.matchCount == 0
                ? StatusNote(text: "no file matches \(Sanitizer.singleLine(typed))", kind: .info) : nil
            return
        }
        let shown = result.candidates.prefix(shownCandidates).map { Sanitizer.singleLine($0) }.joined(separator: "  ")
        let more = result.candidates.count > shownCandidates ? "  … +\(result.candidates.count - shownCandidates) more" : ""
        state.note = StatusNote(text: shown + more, kind: .info)
    }

    static func listCount(_ state: AppState) -> Int {
        switch state.composer.focus {
        case .accounts: state.composer.accounts.count
        case .campaign: campaignList(state.composer).count + 1
        case .template: (state.composer.choices?.templates.count ?? 0) + 1
        default: 0
        }
    }

    private static func moveList(_ state: inout AppState, _ delta: Int) {
        let count = listCount(state)
        state.composer.listCursor = max(0, min(count - 1, state.composer.listCursor + delta))
    }

    /// The campaigns the list offers: the open ones, and the post's own whatever its status
    /// (so a completed campaign shows its name instead of "none").
    static func campaignList(_ composer: ComposerState) -> [ComposerCampaign] {
        var list = composer.choices?.campaigns ?? []
        if let own = composer.campaign, !list.contains(own) { list.insert(own, at: 0) }
        return list
    }

    static func next(_ field: ComposerState.Field, by delta: Int) -> ComposerState.Field {
        let all = ComposerState.Field.allCases
        return all[(field.rawValue + delta + all.count) % all.count]
    }

    // MARK: Actions

    static func perform(_ state: inout AppState, _ action: Action) -> [Effect]? {
        switch action {
        case .nextField, .previousField:
            state.composer.focus = next(state.composer.focus, by: action == .nextField ? 1 : -1)
            state.composer.listCursor = 0
            return []
        case .nextNetwork, .previousNetwork:
            let tabs: [Platform?] = [nil] + state.composer.platforms
            let index = tabs.firstIndex(of: state.composer.tab) ?? 0
            state.composer.tab = tabs[(index + (action == .nextNetwork ? 1 : tabs.count - 1)) % tabs.count]
            if let tab = state.composer.tab, state.composer.variations[tab] == nil {
                state.composer.variations[tab] = TextAreaState(state.composer.content.text)
            }
            state.composer.focus = .content
            return []
        case .toggleChoice:
            guard !state.composer.readOnly else { return [] }
            return toggle(&state)
        case .removeMedia:
            guard !state.composer.readOnly, let last = state.composer.media.popLast() else { return [] }
            state.note = StatusNote(text: "removed \(Sanitizer.singleLine(last.fileName)) (Ctrl-s saves; its row goes only then)", kind: .info)
            return changed(&state)
        case .saveDraft:
            return request(&state, .save)
        case .schedulePost:
            return request(&state, .schedule)
        case .unschedulePost:
            return request(&state, .unschedule)
        case .openEditor:
            guard !state.composer.readOnly else { return [] }
            return [.openEditor(state.composer.editor.text)]
        case .duplicatePost:
            return copyToNewDraft(&state, note: "copied to a new draft")
        case .back:
            return leave(&state, to: .back)
        case .moveUp, .moveDown, .top, .bottom, .halfPageUp, .halfPageDown, .moveLeft, .moveRight, .open:
            return []
        default:
            return nil
        }
    }

    private static func toggle(_ state: inout AppState) -> [Effect] {
        let cursor = state.composer.listCursor
        switch state.composer.focus {
        case .accounts:
            guard state.composer.accounts.indices.contains(cursor) else { return [] }
            let id = state.composer.accounts[cursor].id
            if let index = state.composer.selectedAccounts.firstIndex(of: id) {
                state.composer.selectedAccounts.remove(at: index)
            } else {
                state.composer.selectedAccounts.append(id)
            }
        case .campaign:
            let campaigns = campaignList(state.composer)
            state.composer.campaignID = cursor == 0 || cursor > campaigns.count ? nil : campaigns[cursor - 1].id
        case .template:
            let templates = state.composer.choices?.templates ?? []
            guard cursor > 0, cursor <= templates.count else { state.composer.templateID = nil; return changed(&state) }
            return applyTemplate(&state, templates[cursor - 1])
        default:
            return []
        }
        return changed(&state)
    }

    // MARK: Templates

    /// Fills the template's standard placeholders; asks for the others one at a time.
    static func applyTemplate(_ state: inout AppState, _ template: ComposerTemplate) -> [Effect] {
        let unknown = ([template.content] + template.variations.values).flatMap(TemplateFiller.placeholders(in:))
        let known = standardValues(state)
        var names: [String] = []
        for name in unknown where known[name.lowercased()] == nil && !names.contains(where: { $0.lowercased() == name.lowercased() }) {
            names.append(name)
        }
        if names.isEmpty { return fillTemplate(&state, template, values: known) }
        state.composer.placeholders = PlaceholderPrompt(template: template, names: names, values: known)
        return []
    }

    static func standardValues(_ state: AppState) -> [String: String] {
        let zone = zone(state)
        let instant = ((try? typedTime(state).get()) ?? nil) ?? state.now
        let name = state.clients.first { $0.id == state.composer.clientID }?.name ?? ""
        return TemplateFiller.standardValues(clientName: name, platform: nil, at: instant, in: zone)
    }

    private static func fillTemplate(_ state: inout AppState, _ template: ComposerTemplate, values: [String: String]) -> [Effect] {
        state.composer.templateID = template.id
        state.composer.content.setText(TemplateFiller.fill(template.content, with: values).text)
        for (platform, text) in template.variations {
            state.composer.variations[platform] = TextAreaState(TemplateFiller.fill(text, with: values).text)
        }
        if !template.settings.hashtags.isEmpty { state.composer.hashtags = TextInputState(template.settings.hashtags.joined(separator: " ")) }
        if !template.settings.mentions.isEmpty { state.composer.mentions = TextInputState(template.settings.mentions.joined(separator: " ")) }
        if let comment = template.settings.firstComment { state.composer.firstComment = TextInputState(comment) }
        state.note = StatusNote(text: "template \(Sanitizer.singleLine(template.name)) applied", kind: .info)
        return changed(&state)
    }

    private static func askPlaceholder(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard var prompt = state.composer.placeholders else { return [] }
        switch key {
        case .escape:
            state.composer.placeholders = nil
            state.note = StatusNote(text: "template not applied", kind: .info)
            return []
        case .enter:
            let name = prompt.names.removeFirst()
            prompt.values[name] = prompt.input.text
            prompt.input = TextInputState()
            if prompt.names.isEmpty {
                state.composer.placeholders = nil
                return fillTemplate(&state, prompt.template, values: prompt.values)
            }
        default:
            prompt.input.handle(key)
        }
        state.composer.placeholders = prompt
        return []
    }

    // MARK: Conflicts

    /// The conflict question's rows of the key table. Keeping mine saves over theirs, so it
    /// is on the save key; copying mine is on the composer's copy key.
    static let conflictKeys: [KeyBinding] = [
        KeyBinding(["Ctrl-s"], .conflict, .keepMine, "keep mine: save it over theirs"),
        KeyBinding(["t"], .conflict, .takeTheirs, "take theirs: load their version, dropping mine"),
        KeyBinding(["Ctrl-o"], .conflict, .copyMine, "copy mine to a new draft, keeping theirs"),
        KeyBinding(["Ctrl-c"], .conflict, .quit, "quit (asks first)"),
        KeyBinding(["Ctrl-l"], .conflict, .redraw, "redraw the screen"),
    ]

    private static func resolveConflict(_ state: inout AppState, _ key: Key) -> [Effect]? {
        guard let theirs = state.composer.conflict, let refused = state.composer.refusedWrite else {
            state.composer.conflict = nil
            return []
        }
        switch Keymap.action(for: key, in: .conflict) {
        case .keepMine:
            // Keep mine: the same change, now over their version.
            state.composer.conflict = nil
            state.composer.refusedWrite = nil
            var change = refused.change
            if case .create(_, let edit) = change { change = .save(edit) }
            if case .createScheduled(_, let edit, let at) = change { change = .schedule(edit, at: at) }
            var retry = PostWriteRequest(post: refused.post, change: change, stamp: theirs.updatedAt, origin: .composer,
                                         excerpt: refused.excerpt, zone: refused.zone)
            retry.stamp = theirs.updatedAt
            return PostWriting.submit(&state, retry, issues: Scheduling.check(change, to: theirs, in: context(state)))
        case .takeTheirs:
            load(&state, theirs)
            state.note = StatusNote(text: "their version loaded", kind: .info)
            return [.removeRecovery(theirs.id.description)]
        case .copyMine:
            state.composer.conflict = nil
            state.composer.refusedWrite = nil
            state.composer.loaded = theirs
            return copyToNewDraft(&state, note: "your version is a new draft (not saved yet); Ctrl-s saves it")
        case .quit, .redraw:
            return nil
        default:
            return []
        }
    }

    /// Ctrl-o, and "copy mine": a copy of the stored post is written (with every media row,
    /// whatever its path), then opened with the fields as they are on screen as its unsaved
    /// changes. A post never saved just takes a new id.
    static func copyToNewDraft(_ state: inout AppState, note: String) -> [Effect] {
        guard let loaded = state.composer.loaded else {
            state.composer.postID = .random()
            state.note = StatusNote(text: "\(note); Ctrl-s saves it", kind: .info)
            return changed(&state)
        }
        let copy = PostID.random()
        state.composer.carryOnto = CarriedFields(fields: state.composer.fieldValues, rows: loaded.media, note: note)
        let change = PostChange.duplicate(copy: copy)
        return PostWriting.submit(&state, PostWriteRequest(post: loaded.id, change: change, stamp: nil, origin: .composer,
                                                           excerpt: loaded.content, zone: zone(state)),
                                  issues: Scheduling.check(change, to: loaded, in: context(state)))
    }

    // MARK: Leaving

    enum LeaveIntent: Equatable {
        case back, pane(Pane), quit, newPost
    }

    /// Leaves the composer, asking first when it has unsaved changes.
    static func leave(_ state: inout AppState, to intent: LeaveIntent) -> [Effect] {
        if state.composer.dirty && !state.composer.isEmpty {
            let question = intent == .quit ? "Quit without saving this post? The next start offers to restore it."
                : "Leave the composer and lose the unsaved changes to this post?"
            state.overlay = .confirm(Confirmation(title: "Unsaved post", question: question, onYes: .leaveComposer(intent)), yes: false)
            return []
        }
        return leaveConfirmed(&state, intent)
    }

    static func leaveConfirmed(_ state: inout AppState, _ intent: LeaveIntent) -> [Effect] {
        if intent == .quit {
            // The recovery file stays: the next start offers the text again.
            state.quitRequested = true
            return [.saveSession, .quit]
        }
        // Whatever was not saved is discarded: it must not come back in the next post.
        let discarded = state.composer.dirty ? [Effect.removeRecovery(state.composer.postID.description)] : []
        let returnPane = state.composer.returnPane
        state.composer = ComposerState()
        state.composer.returnPane = returnPane
        switch intent {
        case .back:
            state.pane = returnPane == .composer ? .health : returnPane
            return discarded + [.saveSession]
        case .pane(let pane):
            state.pane = pane
            return discarded + [.saveSession]
        case .newPost:
            return discarded + newPost(&state)
        case .quit:
            return []
        }
    }
}
