import Foundation
import Testing
import PostDeckCore
import PostDeckStore
import TerminalUI
@testable import PostDeckApp

@Suite struct HealthPaneTests {
    @Test func accountsAreListedWorstFirst() {
        let state = Fixtures.loadedState()
        let statuses = state.health.visible.map(\.tokenStatus)
        #expect(statuses == statuses.sorted { $0.severity < $1.severity })
        // Among the expired, the one with more failures comes first.
        #expect(state.health.visible.first?.failedPosts == 12)
    }

    @Test func aStaleResultIsDropped() {
        var state = Fixtures.loadedState()
        let stale = state.health.request!
        _ = HealthPane.load(&state)
        _ = App.update(&state, .health(.loaded(stale, [])))
        #expect(state.health.accounts.count == Fixtures.accounts.count)
    }

    @Test func aRefreshKeepsTheSelectionOnTheSameAccount() {
        var state = Fixtures.loadedState()
        _ = App.update(&state, .key(.char("j")))
        _ = App.update(&state, .key(.char("j")))
        let chosen = state.health.selectedAccount?.id
        _ = HealthPane.load(&state)
        // The account moves to the end of the list after the refresh.
        var reordered = Fixtures.accounts.filter { $0.id != chosen }
        reordered.append(Fixtures.accounts.first { $0.id == chosen }!)
        _ = App.update(&state, .health(.loaded(state.health.request!, reordered)))
        #expect(state.health.selectedAccount?.id == chosen)
        #expect(state.health.selected == reordered.count - 1)
    }

    @Test func typingAFilterNarrowsTheTableAndEscapeClearsIt() {
        var state = Fixtures.loadedState()
        for key in [Key.char("/"), .char("g"), .char("l"), .char("o")] { _ = App.update(&state, .key(key)) }
        #expect(state.health.visible.map(\.clientName) == ["Globex Bank", "Globex Bank"])
        _ = App.update(&state, .key(.enter))
        #expect(state.health.editingFilter == nil)
        #expect(state.health.visible.count == 2)
        _ = App.update(&state, .key(.escape))
        #expect(state.health.visible.count == Fixtures.accounts.count)
    }

    @Test func togglingActiveAsksFirstAndWritesOnlyAfterYes() {
        var state = Fixtures.loadedState()
        let effects = App.update(&state, .key(.char("A")))
        #expect(effects.isEmpty)
        guard case .confirm(let confirmation, _) = state.overlay else { Issue.record("no confirmation"); return }
        #expect(confirmation.question.contains("Deactivate"))
        let declined = App.update(&state, .key(.char("n")))
        #expect(declined.besidesNoteTimer.isEmpty)
        #expect(state.overlay == nil)

        _ = App.update(&state, .key(.char("A")))
        let accepted = App.update(&state, .key(.char("y")))
        guard case .query(_, let slot, let query)? = accepted.first else { Issue.record("no write"); return }
        #expect(slot.hasPrefix("health.write."))
        #expect(query.sql.contains("UPDATE accounts SET active"))
    }

    @Test func escapeClosesTheDetailAndNeverQuits() {
        var state = Fixtures.loadedState()
        let effects = App.update(&state, .key(.enter))
        #expect(state.health.detail != nil)
        #expect(effects.contains { if case .query(_, "health.failures", _) = $0 { true } else { false } })
        _ = App.update(&state, .key(.escape))
        #expect(state.health.detail == nil)
        _ = App.update(&state, .key(.escape))
        #expect(!state.quitRequested)
    }

    @Test func choosingAClientNarrowsTheScopeAndReloads() {
        var state = Fixtures.loadedState()
        _ = App.update(&state, .key(.char("c")))
        for character in "glob" { _ = App.update(&state, .key(.char(character))) }
        let effects = App.update(&state, .key(.enter))
        #expect(state.scope == .client(Fixtures.globex))
        #expect(effects.contains { if case .query(_, HealthPane.slot, _) = $0 { true } else { false } })
        #expect(state.scopeTitle == "Globex Bank")
    }

    @Test func aFailedQueryShowsItsErrorWithoutLeavingThePane() {
        var state = Fixtures.loadedState()
        _ = HealthPane.load(&state)
        let error = StoreError.server(ServerError(sqlState: "42P01", message: "relation \"account_health\" does not exist"))
        _ = App.update(&state, .requestFailed(state.health.request!, error))
        #expect(state.pane == .health)
        #expect(state.note?.kind == .error)
        #expect(state.note?.text.contains("account_health") == true)
    }

    /// The detail of the first account with two failures loaded, the newer selected.
    static func failuresOpen() -> AppState {
        var state = Fixtures.loadedState()
        _ = App.update(&state, .key(.enter))
        let failures = AccountFailures(failures: [
            .init(postID: Fixtures.id(900), message: "HTTP 500", at: Fixtures.now, content: "newer", stamp: Fixtures.now,
                  postTime: Fixtures.now, postStatus: .failed),
            .init(postID: Fixtures.id(901), message: "HTTP 422", at: Fixtures.now, content: "older", stamp: Fixtures.now.addingTimeInterval(-1),
                  postTime: Fixtures.now.addingTimeInterval(-3 * 86_400), postStatus: .failed),
        ], lastSuccess: nil)
        _ = App.update(&state, .health(.failuresLoaded(state.health.detail!.request!, failures)))
        return state
    }

    @Test func aFailureIsSelectedAndItsPostOpensOnItsDayInTheCalendar() throws {
        var state = Self.failuresOpen()
        #expect(state.health.detail?.selectedFailure?.postID == Fixtures.id(900))
        _ = App.update(&state, .key(.char("j")))
        #expect(state.health.detail?.selectedFailure?.postID == Fixtures.id(901))
        _ = App.update(&state, .key(.enter))
        #expect(state.pane == .calendar)
        #expect(state.calendar.selectedPost == Fixtures.id(901))
        #expect(state.calendar.day == state.calendar.displayZone.localDate(of: Fixtures.now.addingTimeInterval(-3 * 86_400)))
    }

    @Test func retryAsksFirstAndSendsTheGuardedRetryWithTheStampShown() throws {
        var state = Self.failuresOpen()
        _ = App.update(&state, .key(.char("j")))
        _ = App.update(&state, .key(.char("r")))
        guard case .confirm(let question, _)? = state.overlay else { Issue.record("no question"); return }
        #expect(question.onYes == .retryPublish(Fixtures.id(901), state.health.detail!.account.id, stamp: Fixtures.now.addingTimeInterval(-1)))
        let effects = App.update(&state, .key(.char("y")))
        guard case .query(_, "health.retry", let query)? = effects.first else { Issue.record("no retry sent"); return }
        #expect(query.sql.contains("p.updated_at = $3::timestamptz"))
    }

    @Test func retryAndEditNeedAFailureSelected() {
        var state = Fixtures.loadedState()
        #expect(App.update(&state, .key(.char("r"))).besidesNoteTimer.isEmpty)
        #expect(state.overlay == nil)
        #expect(state.note?.text.contains("select one first") == true)
    }
}
