import Foundation
import Testing
import PostDeckCore
import PostDeckStore
import PostDeckTestSupport

/// The hostile corpus (`HostileCorpus`) in every text column postdeck shows, then every
/// command and every pane in tmux with `set-clipboard on`: nothing may write the clipboard,
/// set the title, turn on mouse tracking, reset or clear the screen, or leave a stray cell.
@Suite(.serialized) struct HostileCorpusEndToEndTests {
    /// One database for the suite: seeding the demo data takes a moment.
    static let database: Result<TestDatabase, Error> = Result {
        let database = try TestDatabase.migrated()
        try HostileCorpus.install(on: database.connect())
        return database
    }

    /// Clipboard writes recorded, and room for a whole command's output in the history.
    static let tmuxConfig = TerminalSession.watchClipboard + ["set -g history-limit 100000"]

    /// What tmux reports when nothing took hold of the terminal.
    static func expectUntouched(_ session: TerminalSession, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(session.buffers().isEmpty, "\(what): the clipboard was written: \(session.buffers())", sourceLocation: sourceLocation)
        #expect(session.format("#{pane_title}") == session.format("#{host}"), "\(what): the title changed", sourceLocation: sourceLocation)
        #expect(session.format("#{mouse_any_flag}#{mouse_button_flag}#{mouse_standard_flag}#{mouse_sgr_flag}") == "0000",
                "\(what): mouse tracking was turned on", sourceLocation: sourceLocation)
    }

    static func today() -> String { DisplayZone.utc.localDate(of: Date()).description }

    // MARK: Commands

    /// Each command, a text its output must show (from its first lines: tmux sometimes drops
    /// the last lines of a long output when the pane's process exits), and whether the corpus is in it.
    static func commands(_ conninfo: String) throws -> [(arguments: [String], shows: String, hostile: Bool)] {
        let db = try database.get().connect()
        let client = try #require(try db.execute("SELECT id::text AS id FROM clients ORDER BY id DESC LIMIT 1").first).decode("id", as: String.self)
        let expired = try #require(try db.execute("""
            SELECT a.id::text AS id, a.client_id::text AS client FROM accounts a LEFT JOIN platform_tokens t ON t.account_id = a.id
            WHERE a.active AND (t.account_id IS NULL OR t.expires_at < now()) ORDER BY a.id LIMIT 1
            """).first)
        let from = LocalDate(parsing: today())!.adding(days: -200).description
        var runs: [([String], String, Bool)] = []
        for format in ["table", "csv", "json"] {
            runs.append((["health", "--db", conninfo, "--format", format], format == "table" ? "CLIENT" : "account_id", true))
            runs.append((["agenda", "--db", conninfo, "--from", from, "--days", "366", "--format", format],
                         format == "table" ? "LOCAL (" : "post_id", true))
            runs.append((["performance", "--db", conninfo, "--format", format], format == "table" ? "ENGAGEMENT" : "post_id", true))
        }
        runs.append((["agenda", "--db", conninfo, "--client", client, "--from", from, "--days", "366"], "LOCAL (", true))
        runs.append((["migrate", "--db", conninfo, "--status"], "VERSION", false))
        runs.append((["health", "--db", conninfo, "--client", "Twin"], "did you mean", true))
        runs.append((["health", "--db", conninfo, "--client", HostileCorpus.twinName], "2 clients are named", true))
        runs.append((["post", "schedule", "--db", conninfo, "--client", try expired.decode("client", as: String.self),
                      "--account", try expired.decode("id", as: String.self), "--content", "hello", "--at", "2030-03-10 10:00"],
                     "token expired", true))
        return runs
    }

    @Test func everyCommandPrintsTheCorpusVisiblyAndNothingTakesHoldOfTheTerminal() throws {
        let database = try Self.database.get()
        for (arguments, shows, hostile) in try Self.commands(database.conninfo) {
            let session = try TerminalSession.start(arguments, width: 120, height: 40, tmuxConfig: Self.tmuxConfig)
            defer { session.close() }
            let status = try session.waitForExit(timeout: .seconds(30))
            let what = arguments.filter { !$0.contains("host=") }.prefix(4).joined(separator: " ")
            #expect(status <= 3, "\(what) exited with \(status)")
            let output = session.scrollback()
            #expect(output.contains(shows), "\(what): its output is there (nothing reset or cleared the screen):\n\(output.suffix(2_000))")
            if hostile {
                #expect(output.contains("␛") || output.contains("�") || output.contains("↵"), "\(what): hostile bytes are shown as placeholders")
            }
            Self.expectUntouched(session, what)
        }
    }

    // MARK: Panes

    /// Presses `keys`, waits until `ready` holds and the screen settles, checks the terminal,
    /// and checks that a full redraw (Ctrl-l) gives the same screen: a cell the incremental
    /// drawing left behind, or one a stray character shifted, would differ.
    static func step(_ ui: TerminalSession, _ what: String, keys: [String], until ready: @escaping (String) -> Bool,
                     sourceLocation: SourceLocation = #_sourceLocation) throws {
        for key in keys { ui.press(key) }
        try ui.waitUntil(what, timeout: .seconds(15), ready)
        let screen = try settled(ui)
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first?.contains("1 Calendar") == true && lines.first?.contains("4 Performance") == true,
                "\(what): the header is on the first row:\n\(screen)", sourceLocation: sourceLocation)
        expectUntouched(ui, what, sourceLocation: sourceLocation)
        ui.press("C-l")
        let redrawn = try? ui.waitUntil("the same screen after Ctrl-l", timeout: .seconds(5)) { $0 == screen }
        #expect(redrawn != nil, "\(what): a full redraw differs from the incremental one:\n\(screen)\n---\n\(ui.screen())",
                sourceLocation: sourceLocation)
    }

    static func step(_ ui: TerminalSession, _ what: String, keys: [String], waitFor text: String,
                     sourceLocation: SourceLocation = #_sourceLocation) throws {
        try step(ui, what, keys: keys, until: { $0.contains(text) }, sourceLocation: sourceLocation)
    }

    /// The screen once it has stopped changing (queries answered, spinner gone) for half a second.
    static func settled(_ ui: TerminalSession) throws -> String {
        var last = ui.screen()
        var since = ContinuousClock.now
        return try ui.waitUntil("the screen to settle", timeout: .seconds(15)) { screen in
            if screen != last { (last, since) = (screen, .now) }
            return ContinuousClock.now - since >= .milliseconds(500) && !screen.contains("loading")
        }
    }

    @Test func everyPaneShowsTheCorpusVisiblyAndNothingTakesHoldOfTheTerminal() throws {
        let database = try Self.database.get()
        let ui = try TerminalSession.start(["--db", database.conninfo], width: 120, height: 40, tmuxConfig: Self.tmuxConfig)
        defer { ui.close() }
        // Each Escape is a step of its own: followed at once by a key, it would read as Alt-key.
        try Self.step(ui, "health", keys: ["3"], waitFor: "expired ·")
        try Self.step(ui, "health failures", keys: ["Enter"], waitFor: "recent failures")
        try Self.step(ui, "health table", keys: ["Escape"], until: { !$0.contains("recent failures") })
        try Self.step(ui, "help", keys: ["?"], waitFor: "Help — Health")
        try Self.step(ui, "help closed", keys: ["Escape"], until: { !$0.contains("Help — Health") })
        try Self.step(ui, "calendar month", keys: ["1"], waitFor: "m month")
        try Self.step(ui, "calendar week", keys: ["w"], waitFor: "Week ")
        try Self.step(ui, "calendar agenda", keys: ["a"], waitFor: "Agenda · ")
        try Self.step(ui, "post detail", keys: ["Enter"], waitFor: "Accounts (")
        try Self.step(ui, "agenda again", keys: ["Escape"], until: { !$0.contains("Accounts (") })
        try Self.step(ui, "performance", keys: ["4"], waitFor: "PER 1K")
        try Self.step(ui, "performance detail", keys: ["Enter"], waitFor: " · views ")
        try Self.step(ui, "performance table", keys: ["Escape"], waitFor: "PER 1K")
        try Self.step(ui, "performance charts", keys: ["v"], waitFor: "Best time to post")
        try Self.step(ui, "performance table again", keys: ["v"], waitFor: "PER 1K")
        try Self.step(ui, "palette", keys: [":"], until: { $0.contains("reload") })
        try Self.step(ui, "palette closed", keys: ["Escape"], waitFor: "PER 1K")
        try Self.step(ui, "client picker", keys: ["c"], waitFor: "All clients")
        try Self.step(ui, "one client", keys: ["Down", "Enter"], until: { !$0.contains("All clients") })
        try Self.step(ui, "composer", keys: ["2"], until: { $0.contains("Accounts") && !$0.contains("none — press c") })
        try Self.step(ui, "back to health", keys: ["Escape"], until: { !$0.contains("Accounts ") })
        ui.press("C-c")
        #expect(try ui.waitForExit(timeout: .seconds(15)) < 2)
        #expect(ui.format("#{alternate_on}") == "0")
        Self.expectUntouched(ui, "after quitting")
    }
}
