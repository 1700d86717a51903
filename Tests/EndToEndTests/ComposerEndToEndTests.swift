import Foundation
import Testing
import PostDeckStore
import PostDeckTestSupport

/// The real binary in tmux: write a post with emoji and CJK, save it, schedule it, and get
/// the text back after a hang-up.
@Suite(.serialized) struct ComposerEndToEndTests {
    static func database() throws -> TestDatabase {
        let database = try TestDatabase.make()
        let db = try database.connect()
        try Migrator.migrate(db) { _ in }
        try db.executeScript("""
            INSERT INTO agencies (id, name, email) VALUES ('a1000000-0000-4000-8000-000000000001', 'Agency', 'a@example.com');
            INSERT INTO clients (id, agency_id, name, preferences) VALUES
              ('c1000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000001', 'Bakery', '{"timezone": "Europe/Berlin"}');
            INSERT INTO accounts (id, client_id, platform, platform_account_id, username) VALUES
              ('d1000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-000000000001', 'instagram', 'ig1', 'bakery.ig'),
              ('d1000000-0000-4000-8000-000000000002', 'c1000000-0000-4000-8000-000000000001', 'linkedin', 'li1', 'bakery-li');
            """)
        return database
    }

    /// Chooses the client, opens the composer and waits for its accounts.
    static func openComposer(_ ui: TerminalSession) throws {
        try ui.waitFor("Health")
        ui.press("c")
        try ui.waitFor("All clients")
        ui.type("Bakery")
        ui.press("Enter")
        try ui.waitUntil("the picker closed") { !$0.contains("All clients") }
        ui.press("2")
        try ui.waitFor("Europe/Berlin")
    }

    @Test func writeSaveAndScheduleAPostWithEmojiAndCJK() throws {
        let database = try Self.database()
        let ui = try TerminalSession.start(["--db", database.conninfo], width: 120, height: 40)
        defer { ui.close() }
        try Self.openComposer(ui)
        ui.type("Fresh bread 🥖 today")
        ui.press("Enter")
        ui.type("焼きたてのパン 👩🏽‍🍳")
        try ui.waitFor("焼きたてのパン")
        for _ in 0..<4 { ui.press("BTab") }
        try ui.waitFor("[ ] LinkedIn")
        ui.press("Space")
        try ui.waitFor("[x] LinkedIn")
        ui.press("C-s")
        try ui.waitFor("saved the new draft “Fresh bread")
        let db = try database.connect()
        let row = try #require(try db.execute("SELECT content, status::text AS status FROM posts").first)
        #expect(try row.decode("content", as: String.self) == "Fresh bread 🥖 today\n焼きたてのパン 👩🏽‍🍳")
        #expect(try row.decode("status", as: String.self) == "draft")

        for _ in 0..<3 { ui.press("Tab") }
        ui.type("2030-03-10 10:00")
        try ui.waitFor("2030-03-10 09:00 UTC")
        ui.press("C-t")
        try ui.waitFor("Schedule anyway?")   // the LinkedIn account has no token
        ui.press("y")
        try ui.waitFor("scheduled “Fresh bread")
        let job = try #require(try db.execute("""
            SELECT p.status::text AS status, j.scheduled_for = p.scheduled_at AS same, (SELECT count(*) FROM scheduled_jobs)::int AS jobs
            FROM posts p JOIN scheduled_jobs j ON j.job_data->>'post_id' = p.id::text
            """).first)
        #expect(try job.decode("status", as: String.self) == "scheduled")
        #expect(try job.decode("same", as: Bool.self))
        #expect(try job.decode("jobs", as: Int.self) == 1)
        ui.press("C-c")
        #expect(try ui.waitForExit() == 0)
    }

    @Test func aHangUpMidEditKeepsTheTextForTheNextStart() throws {
        let database = try Self.database()
        var template = Array("/tmp/pdk-state-XXXXXX".utf8CString)
        let state = String(cString: mkdtemp(&template)!)
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
