import Foundation
import Testing
import PostDeckStore
import PostDeckTestSupport

/// The real binary in tmux, on a database holding the health scenario.
@Suite(.serialized) struct HealthEndToEndTests {
    static func startUI(width: Int = 120, height: Int = 40) throws -> (TerminalSession, TestDatabase) {
        let database = try TestDatabase.migrated()
        try HealthScenario.install(on: database.connect())
        let session = try TerminalSession.start(["--db", database.conninfo], width: width, height: height)
        return (session, database)
    }

    @Test func aManagerFindsTheBrokenAccountFiltersOpensItAndQuits() throws {
        let (ui, _) = try Self.startUI()
        defer { ui.close() }
        ui.press("3")
        let first = try ui.waitFor("notoken")
        #expect(first.contains("2 expired · 1 expiring"))
        // Worst first: the account without a token row tops the list.
        let rows = first.split(separator: "\n").filter { $0.contains("✖") || $0.contains("▲") || $0.contains("✔") }
        #expect(rows.first?.contains("notoken") == true)

        ui.press("/").type("globex").press("Enter")
        let filtered = try ui.waitUntil("only Globex rows") { $0.contains("filter: globex") && !$0.contains("soon") }
        #expect(filtered.contains("noexpiry"))

        ui.press("Enter")
        let detail = try ui.waitFor("OAuthException: Session has expired")
        #expect(detail.contains("last successful publish"))
        ui.press("Escape")
        try ui.waitUntil("the table again") { $0.contains("filter: globex") && !$0.contains("recent failures") }

        ui.press("q")
        #expect(try ui.waitForExit() == 0)
        #expect(ui.format("#{alternate_on}") == "0", "the terminal is back on its normal screen")
    }

    @Test func aTinyTerminalShowsTooSmallAndRecovers() throws {
        let (ui, _) = try Self.startUI()
        defer { ui.close() }
        try ui.waitFor("notoken")
        ui.resize(width: 60, height: 20)
        try ui.waitFor("terminal too small")
        ui.resize(width: 1, height: 1)
        ui.resize(width: 100, height: 30)
        try ui.waitFor("notoken")
        ui.press("q")
        #expect(try ui.waitForExit() == 0)
    }

    @Test func anEscapeSequenceInAUsernameIsShownAsPlaceholdersNeverExecuted() throws {
        let (ui, _) = try Self.startUI()
        defer { ui.close() }
        let screen = try ui.waitFor("gnp.exe")
        #expect(screen.contains("␛"), "the escape is drawn as a visible placeholder")
        #expect(!screen.contains("aGk=\u{07}"))
        // OSC 52 would have put "hi" on tmux's clipboard.
        #expect((Subprocess.output(["tmux", "-L", ui.server, "list-buffers"]) ?? "").isEmpty)
    }

    @Test(arguments: [(SIGTERM, 143), (SIGHUP, 129)])
    func aSignalRestoresTheTerminalThenEndsWithItsStatus(_ signal: Int32, _ status: Int) throws {
        let (ui, _) = try Self.startUI()
        defer { ui.close() }
        try ui.waitFor("notoken")
        kill(ui.pid, signal)
        #expect(try ui.waitForExit() == status, "128 + the signal, as a shell reports a program the signal ended")
        #expect(ui.format("#{alternate_on}") == "0")
        #expect(!ui.screen().contains("Fatal error"))
    }

    @Test func theUIStaysUpWhenTheDatabaseIsUnreachable() throws {
        let ui = try TerminalSession.start(["--db", "host=/nonexistent-postdeck port=5432 dbname=x"], width: 100, height: 30)
        defer { ui.close() }
        try ui.waitFor("reconnecting")
        ui.press("?")
        try ui.waitFor("Help — Health")
        ui.press("Escape")
        try ui.waitUntil("help closed") { !$0.contains("Help — Health") }
        ui.press("q")
        #expect(try ui.waitForExit() == 0)
    }
}

/// The private demo database, removed on every way out.
@Suite(.serialized) struct DemoEndToEndTests {
    @Test(arguments: ["q", "SIGHUP", "SIGTERM"])
    func demoRemovesItsPrivateDatabaseOnEveryWayOut(_ exit: String) throws {
        // The demo's cluster goes into a folder of this test's (TMPDIR), so other runs cannot confuse it.
        var template = Array("/tmp/pdk-demo-XXXXXX".utf8CString)
        let scratch = String(cString: mkdtemp(&template)!)
        chmod(scratch, 0o755)  // the server runs as `postgres` when the tests run as root
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let ui = try TerminalSession.start(["demo"], width: 120, height: 40, environment: ["TMPDIR": scratch])
        defer { ui.close() }
        try ui.waitFor("expired ·", timeout: .seconds(30))
        let clusters = try FileManager.default.contentsOfDirectory(atPath: scratch).filter { $0.hasPrefix("postdeck-") }
        #expect(clusters.count == 1, "demo made its cluster in TMPDIR")
        let server = "postgres -D \(scratch)"
        #expect(!(Subprocess.output(["pgrep", "-f", server]) ?? "").isEmpty, "its server runs")
        let children = ((try? String(contentsOfFile: "/proc/\(ui.pid)/task/\(ui.pid)/children", encoding: .utf8)) ?? "")
            .split(separator: " ").compactMap { pid_t($0) }
        let worker = try #require(children.first { child in
            ((try? String(contentsOfFile: "/proc/\(child)/comm", encoding: .utf8)) ?? "").hasPrefix("postdeck-worke")
        }, "demo runs its sandbox worker")
        switch exit {
        case "q": ui.press("q")
        case "SIGHUP": kill(ui.pid, SIGHUP)
        default: kill(ui.pid, SIGTERM)
        }
        let expected = ["q": 0, "SIGHUP": 129, "SIGTERM": 143][exit]!
        #expect(try ui.waitForExit(timeout: .seconds(20)) == expected, "a quit ends with 0, a signal with 128 + its number, after the clean-up")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).isEmpty, "the cluster directory is removed")
        #expect((Subprocess.output(["pgrep", "-f", server]) ?? "").isEmpty, "no server runs from it any more")
        #expect(kill(worker, 0) == -1 && errno == ESRCH, "its worker has stopped and was waited for")
        #expect(ui.format("#{alternate_on}") == "0")
    }
}
