import Foundation
import Testing
import PostDeckApp
import PostDeckCore
import PostDeckStore
import PostDeckTestSupport

/// The composer on the composer scenario (Bakery, Europe/Berlin), driven in process: write
/// a post with emoji and CJK, save it, schedule it, and get unsaved text back after the
/// terminal goes away.
@Suite struct ComposerFlowTests {
    typealias S = ComposerScenario

    /// Chooses the client, opens the composer and waits for its accounts.
    static func openComposer(_ ui: UIDriver) throws {
        // The picker lists the clients once they are loaded (with their zones).
        try ui.press(.pickClient).waitUntil("the client picker") { $0.contains("All clients") && $0.contains("Europe/Berlin") }
        try ui.type("Bakery").press(key: .enter).waitUntil("the picker closed") { !$0.contains("All clients") }
        try ui.press(.showComposer).waitUntil("the composer with the client's accounts") {
            $0.contains("Bakery · Europe/Berlin") && $0.contains("none chosen")
        }
    }

    @Test func writeSaveAndScheduleAPostWithEmojiAndCJK() throws {
        let (database, db) = try S.makeDatabase()
        let ui = try UIDriver.start(database: database)
        defer { ui.close() }
        try Self.openComposer(ui)
        try ui.type("Fresh bread 🥖 today\n焼きたてのパン 👩🏽‍🍳").waitFor(text: "焼きたてのパン 👩🏽‍🍳")
        // Content → time → template → campaign → accounts.
        for _ in 0..<4 { try ui.press(.previousField) }
        try ui.waitUntil("the accounts to choose from") { $0.contains("[ ] LinkedIn") && $0.contains("[ ] Instagram") }
        // The list's order is the database's: choose the first, and if that is not LinkedIn, the other.
        try ui.press(.toggleChoice).waitUntil("an account chosen") { $0.contains("[x]") }
        if !ui.screen.contains("[x] LinkedIn") { try ui.press(.toggleChoice).press(.moveDown).press(.toggleChoice) }
        try ui.waitUntil("LinkedIn alone chosen") { $0.contains("[x] LinkedIn") && $0.contains("[ ] Instagram") }
        try ui.press(.saveDraft).waitFor(text: "saved the new draft “Fresh bread")
        let row = try #require(try db.execute("SELECT content, status::text AS status FROM posts").first)
        #expect(try row.decode("content", as: String.self) == "Fresh bread 🥖 today\n焼きたてのパン 👩🏽‍🍳")
        #expect(try row.decode("status", as: String.self) == "draft")

        // Accounts → campaign → template → time.
        for _ in 0..<3 { try ui.press(.nextField) }
        try ui.type("2030-03-10 10:00").waitFor(text: "2030-03-10 09:00 UTC")
        try ui.press(.schedulePost).waitFor(text: "Schedule anyway?")   // the LinkedIn account has no token
        try ui.press(key: .char("y")).waitFor(text: "scheduled “Fresh bread")
        let job = try #require(try db.execute("""
            SELECT p.status::text AS status, j.scheduled_for = p.scheduled_at AS same, (SELECT count(*) FROM scheduled_jobs)::int AS jobs
            FROM posts p JOIN scheduled_jobs j ON j.job_data->>'post_id' = p.id::text
            """).first)
        #expect(try job.decode("status", as: String.self) == "scheduled")
        #expect(try job.decode("same", as: Bool.self))
        #expect(try job.decode("jobs", as: Int.self) == 1)
        try ui.quit()
    }

    @Test func textTypedWhenTheTerminalGoesAwayIsOfferedAtTheNextStart() throws {
        let (database, _) = try S.makeDatabase()
        // 2030-01-02 03:04 UTC: the recovery file is stamped with the UI's clock.
        let clock = FixedClock(Date(timeIntervalSince1970: 1_893_553_440))
        let first = try UIDriver.start(database: database, clock: clock)
        defer { first.close() }
        try Self.openComposer(first)
        try first.type("Do not lose me 🙏 失われない").waitFor(text: "失われない")
        try first.hangUp()
        let drafts = first.directory + "/state/postdeck/drafts"
        #expect(try FileManager.default.contentsOfDirectory(atPath: drafts).count == 1)

        let again = try UIDriver.start(database: database, clock: clock) { directory in
            try FileManager.default.createDirectory(atPath: directory + "/state/postdeck", withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: drafts, toPath: directory + "/state/postdeck/drafts")
        }
        defer { again.close() }
        try again.waitUntil("the offer to restore") {
            $0.contains("Unsaved post found") && $0.contains("(2030-01-02") && $0.contains("03:04 UTC)") && $0.contains("Do not lose me")
        }
        try again.press(key: .char("y")).waitUntil("the text back in the editor") {
            !$0.contains("Unsaved post found") && $0.contains("失われない")
        }
        #expect(again.screen.contains("New post •"), "restored text counts as unsaved")
    }
}
