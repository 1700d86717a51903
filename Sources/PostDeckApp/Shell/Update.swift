import FoundationEssentials
import PostDeckCore
import PostDeckStore
import TerminalUI

/// The one place where state changes: `update(state, message) -> [effect]`.
enum App {
    static let spinnerDelay = Duration.milliseconds(150)

    /// What runs once the loop starts.
    static func start(_ state: inout AppState) -> [Effect] {
        // The visible pane's query goes first: the first frame waits for it, and the client
        // list (for the picker and the header) follows on the same connection.
        var effects = loadIfFirstShown(&state) + loadClients(&state) + startConnections(&state)
        if state.pane == .composer { effects += ComposerPane.newPost(&state) }
        return effects + offerRecovery(&state)
    }

    /// A pane reads its data the first time it is shown, not at start: the first frame waits
    /// only for the visible pane, and panes never opened cost no queries (nor refreshes).
    static func loadIfFirstShown(_ state: inout AppState) -> [Effect] {
        guard !state.loadedPanes.contains(state.pane) else { return [] }
        state.loadedPanes.insert(state.pane)
        switch state.pane {
        case .health: return HealthPane.load(&state)
        case .calendar: return CalendarPane.load(&state)
        case .performance: return PerformancePane.load(&state)
        case .composer: return []
        }
    }

    /// Asks about the next recovery file found at start, if any.
    static func offerRecovery(_ state: inout AppState) -> [Effect] {
        guard let recovery = state.recoveries.first, state.overlay == nil else { return [] }
        let when = DisplayZone.utc.format(recovery.writtenAt, .dateTime)
        state.overlay = .confirm(Confirmation(
            title: "Unsaved post found",
            question: "Restore the post you were writing (\(when) UTC): “\(Sanitizer.singleLine(recovery.summary))”? No moves it to drafts/declined.",
            onYes: .restoreRecovery(recovery.postID), onNo: .setAsideRecovery(recovery.postID)), yes: true)
        return []
    }

    static func loadClients(_ state: inout AppState) -> [Effect] {
        let id = state.nextRequest()
        return [.query(id, slot: "clients", ClientQueries.all().map { .clientsLoaded(id, $0) })]
    }

    /// Everything the panes show, read again (after `R`, a reconnect or a burst of NOTIFY).
    static func reload(_ state: inout AppState) -> [Effect] {
        let loaded = state.loadedPanes
        return loadClients(&state)
            + (loaded.contains(.health) ? HealthPane.reload(&state) : [])
            + (loaded.contains(.calendar) ? CalendarPane.reload(&state) : [])
            + ComposerPane.reload(&state)
            + (loaded.contains(.performance) ? PerformancePane.reload(&state) : [])
    }

    static func update(_ state: inout AppState, _ message: Message) -> [Effect] {
        let note = state.note
        let effects = apply(&state, message)
        return effects + loadIfFirstShown(&state) + expire(note: note, state)
    }

    /// How long a status note stays: long enough to read, short enough that the footer is
    /// soon only the key hints again. An error stays longer.
    static func lifetime(of note: StatusNote) -> Duration { note.kind == .error ? .seconds(10) : .seconds(5) }

    /// A new note expires on its own (a newer note replaces the timer of the one before).
    private static func expire(note before: StatusNote?, _ state: AppState) -> [Effect] {
        guard let note = state.note, note != before else { return [] }
        return [.after(lifetime(of: note), key: "note", .noteExpired(note))]
    }

    private static func apply(_ state: inout AppState, _ message: Message) -> [Effect] {
        switch message {
        case .key(let key):
            return handle(&state, key)
        case .resized(let width, let height):
            state.width = width
            state.height = height
            return []
        case .spinnerTick:
            guard !state.inFlight.isEmpty else { return [] }
            state.spinnerFrame += 1
            return [.after(.milliseconds(100), key: "spinner", .spinnerTick)]
        case .clockTick(let now):
            state.now = now
            return [.after(.seconds(60), key: "clock", .clockTick(now.addingTimeInterval(60)))]
        case .clientsLoaded(_, let clients):
            state.clients = clients
            if let chosen = state.scope.clientID, !clients.contains(where: { $0.id == chosen }) {
                state.scope = .allClients
                return scopeChangedInLoadedPanes(&state)
            }
            return CalendarPane.clientsChanged(&state)
        case .health(let message):
            return HealthPane.update(&state, message)
        case .calendar(let message):
            return CalendarPane.update(&state, message)
        case .composer(let message):
            return ComposerPane.update(&state, message)
        case .performance(let message):
            return PerformancePane.update(&state, message)
        case .postWritten(let id, let outcome):
            return PostWriting.written(&state, id, outcome)
        case .requestFailed(let id, let error):
            if id == state.connections.probeRequest { return [] }
            if id == state.writeInFlight?.id { return PostWriting.failed(&state, id, error) }
            if error.isConnectionProblem { return [] }
            if id == state.health.request { state.health.error = error.description }
            if id == state.calendar.request { state.calendar.error = error.description }
            if id == state.performance.tableRequest {
                state.performance.error = error.description
                state.performance.tableRequest = nil
            }
            if id == state.performance.exportRequest { state.performance.exportRequest = nil }
            state.note = StatusNote(text: error.description, kind: .error)
            return []
        case .databaseChanged(let tables):
            // Coalesce a burst of notifications into one refresh shortly after the last.
            let relevant: Set<String> = ["accounts", "platform_tokens", "post_platforms", "posts", "clients", "agencies",
                                         "scheduled_jobs", "media_files", "campaigns", "post_templates", "post_analytics", ""]
            guard !tables.isDisjoint(with: relevant) else { return [] }
            return [.after(.milliseconds(250), key: "refresh", .refresh)]
        case .refresh:
            return reload(&state)
        case .linkUp(let link, let label):
            return linkUp(&state, link, label)
        case .linkDown(let error, let retryIn, let link):
            return linkDown(&state, error, retryIn: retryIn, link: link)
        case .linkChecked(let link, let facts):
            return linkChecked(&state, link, facts)
        case .agenciesLoaded(_, let agencies):
            state.connections.agencies = agencies
            return []
        case .listener(let event):
            return listener(&state, event)
        case .probeTimedOut(let probe):
            return probeTimedOut(&state, probe)
        case .checkChanges:
            return checkChanges(&state)
        case .loginRefused(let error, let link):
            return loginRefused(&state, error, link: link)
        case .writeDone(_, let text):
            state.note = StatusNote(text: text, kind: .info)
            return []
        case .themeApplied(let name, let problem):
            if problem == nil { state.themeName = name }
            state.note = StatusNote(text: problem.map { "theme: \($0)" } ?? "theme: \(name)", kind: problem == nil ? .info : .error)
            return []
        case .noteExpired(let note):
            if state.note == note { state.note = nil }
            return []
        case .settled:
            // `R` says when it is done, so a manager knows the screen now shows the database.
            if state.note == .reloading { state.note = StatusNote(text: "up to date", kind: .info) }
            return []
        case .importPrepared(let id, let result):
            return Importing.prepared(&state, id, result)
        case .importWritten(let id, let result):
            return Importing.written(&state, id, result)
        }
    }

    // MARK: Keys

    private static func handle(_ state: inout AppState, _ key: Key) -> [Effect] {
        if key == .resize { return [] }
        if state.overlay != nil { return Overlays.handle(&state, key) }
        // A pane that is taking text (a filter line, an editor) sees keys before the key table.
        switch state.pane {
        case .health: if let effects = HealthPane.capture(&state, key) { return effects }
        case .calendar: if let effects = CalendarPane.capture(&state, key) { return effects }
        case .composer: if let effects = ComposerPane.capture(&state, key) { return effects }
        case .performance: if let effects = PerformancePane.capture(&state, key) { return effects }
        }
        guard let action = Keymap.action(for: key, in: state.pane.context) else { return [] }
        return perform(&state, action)
    }

    static func perform(_ state: inout AppState, _ action: Action) -> [Effect] {
        // Read-only mode, in one place: a write is refused, with the reason, before any pane sees it.
        if let reason = writeRefusal(state, action) {
            state.note = StatusNote(text: "\(reason.description) — nothing was changed", kind: .error)
            return []
        }
        // The pane first: it may give a key table action its own meaning.
        let handled: [Effect]?
        switch state.pane {
        case .health: handled = HealthPane.perform(&state, action)
        case .calendar: handled = CalendarPane.perform(&state, action)
        case .composer: handled = ComposerPane.perform(&state, action)
        case .performance: handled = PerformancePane.perform(&state, action)
        }
        if let handled { return handled }
        switch action {
        case .showCalendar: return show(&state, .calendar)
        case .showComposer: return show(&state, .composer)
        case .showHealth: return show(&state, .health)
        case .showPerformance: return show(&state, .performance)
        case .nextPane, .previousPane:
            let panes = Pane.allCases
            let index = panes.firstIndex(of: state.pane)!
            let step = action == .nextPane ? 1 : panes.count - 1
            return show(&state, panes[(index + step) % panes.count])
        case .help: state.overlay = .help(scroll: 0)
        case .palette: state.overlay = .palette(TextInputState(), ListState(selected: 0))
        case .pickClient: Overlays.openClientPicker(&state)
        case .redraw: return [.redrawAll]
        case .reload:
            if case .refused = state.link {
                // Try the login again; the panes read their data once it is up (`linkUp`).
                state.link = .connecting
                state.note = nil
                return [.reconnect]
            }
            state.note = .reloading
            return reload(&state)
        case .undo: return PostWriting.undo(&state)
        case .redo: return PostWriting.redo(&state)
        case .newPost:
            if state.pane == .composer { return ComposerPane.leave(&state, to: .newPost) }
            return ComposerPane.newPost(&state)
        case .quit:
            if state.composer.dirty && !state.composer.isEmpty { return ComposerPane.leave(&state, to: .quit) }
            state.quitRequested = true
            return [.saveSession, .quit]
        default: break
        }
        return []
    }

    private static func show(_ state: inout AppState, _ pane: Pane) -> [Effect] {
        guard state.pane != pane else { return [] }
        if state.pane == .composer { return ComposerPane.leave(&state, to: .pane(pane)) }
        if pane == .composer && state.composer.clientID == nil && !state.composer.dirty {
            state.composer.returnPane = state.pane
            return ComposerPane.newPost(&state)
        }
        if pane == .composer { state.composer.returnPane = state.pane }
        state.pane = pane
        return [.saveSession]
    }

    /// Changes the client in scope and re-reads every pane for it.
    static func setScope(_ state: inout AppState, _ scope: Scope) -> [Effect] {
        guard state.scope != scope else { return [] }
        state.scope = scope
        return scopeChangedInLoadedPanes(&state) + [.saveSession]
    }

    /// The panes that have been shown read their data again for the new scope; the others
    /// read it when they are first shown.
    private static func scopeChangedInLoadedPanes(_ state: inout AppState) -> [Effect] {
        let loaded = state.loadedPanes
        return (loaded.contains(.health) ? HealthPane.scopeChanged(&state) : [])
            + (loaded.contains(.calendar) ? CalendarPane.scopeChanged(&state) : [])
            + ComposerPane.scopeChanged(&state)
            + (loaded.contains(.performance) ? PerformancePane.scopeChanged(&state) : [])
    }
}
