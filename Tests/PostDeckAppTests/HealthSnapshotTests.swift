import Foundation
import Testing
import PostDeckCore
import PostDeckStore
import TerminalUI
@testable import PostDeckApp

/// Golden files of the health pane on fixed data and a fixed clock, at the two sizes a
/// manager's terminal usually has: the pane area only (`View.renderPane`); the header,
/// footer and overlays are in `ChromeSnapshotTests`. Re-record on purpose with
/// POSTDECK_RECORD_SNAPSHOTS=1.
@Suite struct HealthSnapshotTests {
    static let sizes = [(80, 24), (120, 40)]

    @Test(arguments: sizes) func filteredWhileTyping(width: Int, height: Int) throws {
        var state = Fixtures.loadedState(width: width, height: height)
        for key in [Key.char("/"), .char("s"), .char("a"), .char("k")] { _ = App.update(&state, .key(key)) }
        try assertSnapshot(View.renderPane(state), named: "filteredWhileTyping")
    }

    @Test(arguments: sizes) func accountFailures(width: Int, height: Int) throws {
        var state = Fixtures.loadedState(width: width, height: height)
        _ = App.update(&state, .key(.enter))
        let failures = AccountFailures(failures: [
            .init(postID: Fixtures.id(900), message: "OAuthException: Error validating access token: Session has expired on Tuesday, 24-Nov-26 09:00:00 PST. The current time is Wednesday, 25-Nov-26 12:00:00 PST.\n(code 190, subcode 463)",
                  at: Fixtures.now.addingTimeInterval(-3 * 3600), content: "Spring launch 🌸 — new trail shoes are here! #acme",
                  stamp: Fixtures.now, postTime: Fixtures.now.addingTimeInterval(-3 * 3600 - 60), postStatus: .failed),
            .init(postID: Fixtures.id(901), message: "LinkedIn API 429: throttled", at: Fixtures.now.addingTimeInterval(-2 * 86_400),
                  content: "限定セール開催中", stamp: Fixtures.now, postTime: nil, postStatus: .published),
        ], lastSuccess: Fixtures.now.addingTimeInterval(-9 * 86_400))
        _ = App.update(&state, .health(.failuresLoaded(state.health.detail!.request!, failures)))
        try assertSnapshot(View.renderPane(state), named: "accountFailures")
    }

    @Test(arguments: sizes) func confirmDeactivation(width: Int, height: Int) throws {
        var state = Fixtures.loadedState(width: width, height: height)
        _ = App.update(&state, .key(.char("A")))
        try assertSnapshot(View.renderPane(state), named: "confirmDeactivation")
    }
}
