import Foundation
import Testing
import PostDeckStore
import PostDeckTestSupport

/// The real binary in tmux: a hang-up (a real SIGHUP) mid-edit keeps the text, and the next
/// start offers it back. The composer's flows on screen are `UIFlowTests/ComposerFlowTests`.
@Suite(.serialized) struct ComposerEndToEndTests {
    /// Chooses the client, opens the composer and waits for its accounts.
    static func openComposer(_ ui: TerminalSession) throws {
        try ui.waitFor("accounts with failures")   // the health pane, loaded
        ui.press("c")
        try ui.waitUntil("the client picker") { $0.contains("All clients") && $0.contains("Europe/Berlin") }
        ui.type("Bakery")
        ui.press("Enter")
        try ui.waitUntil("the picker closed") { !$0.contains("All clients") }
        ui.press("2")
        try ui.waitFor("Bakery · Europe/Berlin")
    }

    @Test func aHangUpMidEditKeepsTheTextForTheNextStart() throws {
        let (database, _) = try ComposerScenario.makeDatabase()
        var template = Array("/tmp/pdk-state-XXXXXX".utf8CString)
        let state = String(cString: mkdtemp(&template)!)
        defer { try? FileManager.default.removeItem(atPath: state) }
        let ui = try TerminalSession.start(["--db", database.conninfo], width: 100, height: 30, environment: ["XDG_STATE_HOME": state])
        defer { ui.close() }
        try Self.openComposer(ui)
        ui.type("Do not lose me 🙏 失われない")
        try ui.waitFor("失われない")
        kill(ui.pid, SIGHUP)
        _ = try ui.waitForExit()
        let drafts = (try? FileManager.default.contentsOfDirectory(atPath: state + "/postdeck/drafts")) ?? []
        #expect(drafts.count == 1)
        if let name = drafts.first {
            var info = stat()
            stat(state + "/postdeck/drafts/" + name, &info)
            #expect(info.st_mode & 0o777 == 0o600)
        }

        let again = try TerminalSession.start(["--db", database.conninfo], width: 100, height: 30, environment: ["XDG_STATE_HOME": state])
        defer { again.close() }
        try again.waitFor("Unsaved post found")
        again.press("y")
        let screen = try again.waitUntil("the text back in the editor") { !$0.contains("Unsaved post found") && $0.contains("Do not lose me") }
        #expect(screen.contains("失われない"))
        #expect(screen.contains("New post •"), "restored text counts as unsaved")
    }
}
