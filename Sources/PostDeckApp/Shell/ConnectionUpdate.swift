import FoundationEssentials
import PostDeckCore
import PostDeckStore

/// What the app does with news about its connections: links going up and down, what each
/// server is (role, standby, read-only, lag), the LISTEN connection and its probe, and the
/// change check that replaces LISTEN where none can be had.
extension App {
    /// The timers started with the loop: the change check when reads come from `--read-db`.
    static func startConnections(_ state: inout AppState) -> [Effect] {
        state.connections.needsChangeCheck ? [.after(state.connections.checkInterval, key: "check", .checkChanges)] : []
    }

    static func linkUp(_ state: inout AppState, _ link: Link, _ label: ConnectionLabel) -> [Effect] {
        if link == .reads {
            let wasDown = !state.connections.readsOnline
            state.connections.readsOnline = true
            state.connections.readsLabel = label
            state.connections.lastChangeMark = nil
            guard wasDown else { return [] }
            state.note = StatusNote(text: "reconnected to \(label.endpoint)", kind: .info)
            return reload(&state)
        }
        let wasDown = state.link != .connected
        let wasConnecting = state.link == .connecting
        state.link = .connected
        state.connections.primaryLabel = label
        if !state.connections.separateReads { state.connections.lastChangeMark = nil }
        if !state.labelFixed { state.databaseLabel = label.description }
        guard wasDown, !wasConnecting || state.health.loaded || state.calendar.loaded else { return [] }
        // After a reconnect, what is shown may be stale: read it again.
        state.note = StatusNote(text: "reconnected", kind: .info)
        return reload(&state)
    }

    static func linkDown(_ state: inout AppState, _ error: StoreError, retryIn: Duration, link: Link) -> [Effect] {
        state.inFlight.removeAll()
        let seconds = max(1, Int((Double(retryIn.components.seconds) + Double(retryIn.components.attoseconds) / 1e18).rounded(.up)))
        let reason = "\(error.description) — retrying in \(seconds) s"
        if link == .reads {
            state.connections.readsOnline = false
            state.link = .reconnecting("reads: " + reason)
            return []
        }
        return linkLost(&state, .reconnecting(reason), saveError: "database unreachable: press Ctrl-s again once it is back")
    }

    /// The server refused the login: nothing is retried until `R` (a loop of failed logins
    /// locks accounts where the server counts them).
    static func loginRefused(_ state: inout AppState, _ error: StoreError, link: Link) -> [Effect] {
        if link == .reads {
            state.connections.readsOnline = false
            state.link = .refused("reads: " + error.description)
            return []
        }
        return linkLost(&state, .refused(error.description), saveError: "cannot log in: press R, then Ctrl-s again")
    }

    /// The primary link went down (`status` says how): what was in flight is gone, and the
    /// composer's text goes to its recovery file.
    private static func linkLost(_ state: inout AppState, _ status: LinkStatus, saveError: String) -> [Effect] {
        state.inFlight.removeAll()
        state.link = status
        if let pending = state.writeInFlight {
            // The runner drops what was in flight: the write's outcome is unknown. The
            // composer keeps the text on disk; Ctrl-s again is safe (same post id, guarded).
            state.writeInFlight = nil
            if pending.request.origin == .composer { state.composer.saveError = saveError }
        }
        if state.composer.dirty {
            return [.writeRecovery(ComposerRecovery(state.composer, now: state.now))]
        }
        return []
    }

    /// A connection's facts: its greeting, or the change check. For a manager the first
    /// greeting also reads which agencies it manages; on the connection the panes read from,
    /// a changed mark refreshes them when LISTEN cannot.
    static func linkChecked(_ state: inout AppState, _ link: Link, _ facts: ServerFacts) -> [Effect] {
        var effects: [Effect] = []
        switch link {
        case .primary:
            state.connections.primary = facts
            if !facts.seesEverything {
                let id = state.nextRequest()
                effects.append(.query(id, slot: "agencies", ServerFacts.managedAgencies.map { .agenciesLoaded(id, $0) }))
            }
        case .reads:
            state.connections.reads = facts
        }
        guard link == (state.connections.separateReads ? .reads : .primary) else { return effects }
        let previous = state.connections.lastChangeMark
        state.connections.lastChangeMark = facts.changeMark
        if let previous, previous != facts.changeMark, state.connections.needsChangeCheck {
            effects.append(.after(.milliseconds(250), key: "refresh", .refresh))
        }
        return effects
    }

    /// The change check: the facts of the connection the panes read from, again.
    static func checkChanges(_ state: inout AppState) -> [Effect] {
        guard state.connections.needsChangeCheck else { return [] }
        let id = state.nextRequest()
        let link: Link = state.connections.separateReads ? .reads : .primary
        return [.query(id, slot: "check", ServerFacts.query.map { .linkChecked(link, $0) }),
                .after(state.connections.checkInterval, key: "check", .checkChanges)]
    }

    static func listener(_ state: inout AppState, _ event: ChangeListener.Event) -> [Effect] {
        switch event {
        case .listening(let probe):
            // Prove that notifications reach the LISTEN connection: send one through --db.
            state.connections.probe = probe
            let id = state.nextRequest()
            state.connections.probeRequest = id
            let send = Query<Message>("SELECT pg_notify($1::text, $2::text)", [ChangeListener.probeChannel, probe],
                                      needsPrimary: true) { _ in .listener(.changed([])) }
            return [.query(id, slot: "probe", send), .after(ConnectionState.probeTimeout, key: "probe", .probeTimedOut(probe))]
        case .probeArrived(let probe):
            guard probe == state.connections.probe else { return [] }
            state.connections.probe = nil
            state.connections.refresh = .live
            return []
        case .changed(let tables):
            return tables.isEmpty ? [] : update(&state, .databaseChanged(tables))
        case .unavailable:
            return pollForChanges(&state, stopListening: false)
        }
    }

    static func probeTimedOut(_ state: inout AppState, _ probe: String) -> [Effect] {
        guard probe == state.connections.probe else { return [] }
        state.connections.probe = nil
        // LISTEN was accepted but nothing comes back: a transaction pooler between us and the
        // server. The LISTEN connection is closed so no pooled server connection keeps it.
        return pollForChanges(&state, stopListening: true)
    }

    private static func pollForChanges(_ state: inout AppState, stopListening: Bool) -> [Effect] {
        if case .polling = state.connections.refresh { return stopListening ? [.stopListening] : [] }
        let wasChecking = state.connections.needsChangeCheck
        state.connections.refresh = .polling(state.connections.checkInterval)
        var effects: [Effect] = stopListening ? [.stopListening] : []
        if !wasChecking { effects.append(.after(state.connections.checkInterval, key: "check", .checkChanges)) }
        return effects
    }

    /// Why the write `action` would be refused now, or nil: the session's read-only reason,
    /// else the agency of the client the action writes to.
    static func writeRefusal(_ state: AppState, _ action: Action) -> ReadOnlyReason? {
        guard action.writes else { return nil }
        let client: ClientID?
        switch state.pane {
        case .calendar: client = action == .newPost ? state.scope.clientID : state.calendar.selected?.clientID
        case .health: client = action == .newPost ? state.scope.clientID : state.health.selectedAccount?.clientID
        case .composer: client = state.composer.clientID ?? state.scope.clientID
        case .performance: client = state.scope.clientID
        }
        let agency = client.flatMap { id in state.clients.first { $0.id == id }?.agencyID }
        return state.connections.writeRefusal(agency: agency)
    }
}
