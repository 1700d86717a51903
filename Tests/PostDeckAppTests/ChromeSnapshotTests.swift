import Foundation
import Testing
import PostDeckCore
import PostDeckStore
import TerminalUI
@testable import PostDeckApp

/// The few full-screen goldens: the header (tabs, client in scope, connection), the footer
/// (key hints, status), an overlay over the pane and the too-small screen. Every other
/// golden holds a pane's area only (`View.renderPane`), so a change to the chrome
/// re-records these files and no others.
@Suite struct ChromeSnapshotTests {
    static let sizes = [(80, 24), (120, 40)]

    @Test(arguments: sizes) func worstFirst(width: Int, height: Int) throws {
        let state = Fixtures.loadedState(width: width, height: height)
        try assertSnapshot(View.render(state), named: "worstFirst")
    }

    @Test(arguments: sizes) func helpOverlay(width: Int, height: Int) throws {
        var state = Fixtures.loadedState(width: width, height: height)
        _ = App.update(&state, .key(.char("?")))
        try assertSnapshot(View.render(state), named: "helpOverlay")
    }

    @Test func reconnecting() throws {
        var state = Fixtures.loadedState(width: 80, height: 24)
        _ = App.update(&state, .linkDown(.cannotConnect("connection to server on socket \"/tmp/x/.s.PGSQL.5432\" failed: No such file or directory"),
                                         retryIn: .seconds(2)))
        try assertSnapshot(View.render(state), named: "reconnecting")
    }

    @Test func oneColumnShortIsTooSmall() throws {
        let state = Fixtures.loadedState(width: 79, height: 24)
        try assertSnapshot(View.render(state), named: "tooSmall")
    }
}
