import Foundation
import Testing
import PostDeckCore
import PostDeckStore
import TerminalUI
@testable import PostDeckApp

/// Read-only mode and the connection label: refused centrally in `App.perform`, with the
/// reason, before any pane sees the action; the header says `[R]`; the client in scope
/// wins over the connection label when space is short.
@Suite struct ReadOnlyModeTests {
    static let northwind: AgencyID = Fixtures.id(501)
    static let harbor: AgencyID = Fixtures.id(502)
    static let label = ConnectionLabel(user: "rita", host: "db-primary.agency.example", port: "5432", database: "agency")

    static func facts(role: String = "rita", standby: Bool = false, everything: Bool = false, mark: String = "1:1:") -> ServerFacts {
        ServerFacts(role: role, standby: standby, readOnlySession: false, seesEverything: everything, replicationLag: nil, changeMark: mark)
    }

    /// The fixture state, connected as `facts`, with clients that know their agencies.
    static func state(_ facts: ServerFacts, agencies: [ManagedAgency]? = nil, width: Int = 120) -> AppState {
        var state = Fixtures.loadedState(width: width, height: 40)
        state.labelFixed = false
        state.clients = Fixtures.clients.map {
            ClientSummary(id: $0.id, name: $0.name, agencyName: $0.agencyName, timeZone: $0.timeZone,
                          agencyID: $0.agencyName == "Blue Harbor" ? harbor : northwind)
        }
        _ = App.update(&state, .linkUp(.primary, label))
        _ = App.update(&state, .linkChecked(.primary, facts))
        if let agencies { _ = App.update(&state, .agenciesLoaded(RequestID(1), agencies)) }
        return state
    }

    /// The header's text, at `width` columns (wide enough for every part unless given).
    static func header(_ state: AppState, width: Int = 220) -> String {
        var state = state
        state.width = width
        let buffer = View.render(state)
        return (0..<buffer.width).map { buffer[$0, 0].text }.joined()
    }

    @Test func onAStandbyEveryWriteKeyExplainsItselfAndWritesNothing() {
        var state = Self.state(Self.facts(standby: true, everything: true))
        for action in Action.allCases where action.writes {
            state.note = nil
            let effects = App.perform(&state, action)
            #expect(effects.isEmpty, "\(action)")
            #expect(state.overlay == nil)
            #expect(state.note?.text == "read-only: connected to a standby — nothing was changed", "\(action)")
        }
        #expect(Self.header(state).contains("[R] read-only"))
        // Reading goes on.
        #expect(!App.perform(&state, .reload).isEmpty)
    }

    @Test func aReaderOfOneAgencyIsRefusedThereAndMayWriteTheOther() {
        let agencies = [ManagedAgency(id: Self.northwind, name: "Northwind Social", readOnly: true),
                        ManagedAgency(id: Self.harbor, name: "Blue Harbor", readOnly: false)]
        var state = Self.state(Self.facts(), agencies: agencies)
        #expect(!Self.header(state).contains("[R]"), "one agency is writable")
        state.health.selected = state.health.visible.firstIndex { $0.clientID == Fixtures.acme }!
        #expect(App.update(&state, .key(.char("A"))).besidesNoteTimer.isEmpty)
        #expect(state.note?.text == "read-only: role rita may only read Northwind Social — nothing was changed")
        #expect(state.overlay == nil)
        state.health.selected = state.health.visible.firstIndex { $0.clientID == Fixtures.sakura }!
        _ = App.update(&state, .key(.char("A")))
        guard case .confirm = state.overlay else { Issue.record("the writable agency's account asks first"); return }
    }

    @Test func aRoleThatManagesOnlyReadOnlyAgenciesIsReadOnlyEverywhere() {
        let state = Self.state(Self.facts(), agencies: [ManagedAgency(id: Self.northwind, name: "Northwind Social", readOnly: true)])
        #expect(state.connections.readOnlyReason == .reader(role: "rita", agencies: ["Northwind Social"]))
        #expect(Self.header(state).contains("rita · Northwind Social · db-primary.agency.example:5432/agency"))
    }

    @Test func theClientInScopeWinsOverTheConnectionLabelWhenSpaceIsShort() {
        var state = Self.state(Self.facts(standby: true), agencies: [ManagedAgency(id: Self.northwind, name: "Northwind Social", readOnly: false)],
                               width: 80)
        _ = App.setScope(&state, .client(Fixtures.globex))
        let narrow = Self.header(state, width: 80)
        #expect(narrow.contains("Globex Bank"))
        #expect(narrow.contains("[R]"))
        #expect(!narrow.contains("db-primary"), "the host goes before the client does")
        #expect(Self.header(state).contains("client: Globex Bank  ● rita · Northwind Social · db-primary.agency.example:5432/agency [R] read-only"))
    }

    @Test func withoutListenTheChangeCheckRefreshesWhenTheMarkMoves() {
        var state = Self.state(Self.facts(everything: true, mark: "100:100:"))
        let effects = App.update(&state, .listener(.unavailable("LISTEN refused: cannot execute LISTEN during recovery")))
        #expect(state.connections.refresh == .polling(.seconds(5)))
        #expect(effects.contains { if case .after(_, "check", .checkChanges) = $0 { true } else { false } })
        #expect(Self.header(state).contains("poll 5 s"))
        let check = App.update(&state, .checkChanges)
        #expect(check.contains { if case .query(_, "check", let query) = $0 { !query.needsPrimary } else { false } })
        #expect(!App.update(&state, .linkChecked(.primary, Self.facts(everything: true, mark: "100:100:"))).contains(where: Self.isRefresh))
        #expect(App.update(&state, .linkChecked(.primary, Self.facts(everything: true, mark: "100:102:101"))).contains(where: Self.isRefresh))
    }

    @Test func aProbeThatNeverComesBackMeansPollingAndClosesTheListenConnection() {
        var state = Self.state(Self.facts(everything: true))
        let sent = App.update(&state, .listener(.listening(probe: "p1")))
        #expect(sent.contains { if case .query(_, "probe", let query) = $0 { query.needsPrimary } else { false } })
        let timedOut = App.update(&state, .probeTimedOut("p1"))
        #expect(timedOut.contains { if case .stopListening = $0 { true } else { false } })
        #expect(state.connections.refresh == .polling(.seconds(5)))

        var live = Self.state(Self.facts(everything: true))
        _ = App.update(&live, .listener(.listening(probe: "p2")))
        _ = App.update(&live, .listener(.probeArrived("p2")))
        #expect(live.connections.refresh == .live)
        #expect(App.update(&live, .probeTimedOut("p2")).isEmpty, "a late timer changes nothing")
        #expect(App.update(&live, .checkChanges).isEmpty, "live refresh needs no change check")
    }

    @Test func readsFromAStandbyNameTheirHostAndShowALagOverAFewSeconds() {
        var state = Self.state(Self.facts(everything: true))
        state.connections.separateReads = true
        _ = App.update(&state, .linkUp(.reads, ConnectionLabel(user: "rita", host: "standby-1", port: "5433", database: "agency")))
        _ = App.update(&state, .linkChecked(.reads, ServerFacts(role: "rita", standby: true, readOnlySession: true, seesEverything: true,
                                                               replicationLag: 2, changeMark: "1:1:")))
        #expect(Self.header(state).contains("reads: standby-1:5433"))
        #expect(!Self.header(state).contains("lag"))
        #expect(state.connections.readOnlyReason == nil, "writes go to the primary")
        _ = App.update(&state, .linkChecked(.reads, ServerFacts(role: "rita", standby: true, readOnlySession: true, seesEverything: true,
                                                               replicationLag: 12.4, changeMark: "1:2:")))
        #expect(Self.header(state).contains("lag 12 s"))
    }

    static func isRefresh(_ effect: Effect) -> Bool {
        if case .after(_, "refresh", .refresh) = effect { return true }
        return false
    }
}
