import Foundation
import Testing
import PostDeckCore
import PostDeckStore
import PostDeckTestSupport

/// The real binary in tmux on the calendar scenario, shown in UTC (`--tz UTC`).
@Suite(.serialized) struct CalendarEndToEndTests {
    typealias S = CalendarScenario

    static func startUI() throws -> (TerminalSession, Connection) {
        let database = try TestDatabase.make()
        let db = try database.connect()
        try S.install(on: db)
        let session = try TerminalSession.start(["--db", database.conninfo, "--tz", "UTC"], width: 120, height: 40)
        return (session, db)
    }

    static func scheduledAt(_ db: Connection, _ post: PostID) throws -> Date {
        try db.execute("SELECT scheduled_at FROM posts WHERE id = $1::uuid", [post]).first!.decode("scheduled_at", as: Date.self)
    }

    /// The footer line about the selected post.
    static func selection(_ screen: String) -> String {
        screen.split(separator: "\n").first { $0.hasPrefix(" ▶ ") }.map(String.init) ?? ""
    }

    /// Opens the agenda (the four weeks from today, which hold `time`) and selects the post
    /// whose footer shows `text`.
    static func select(_ text: String, at time: Date, in ui: TerminalSession) throws {
        ui.press("1")
        try ui.waitFor(DisplayZone.utc.monthGrid(for: DisplayZone.utc.localDate(of: Date())).title)
        ui.press("a")
        try ui.waitFor("Agenda · ")
        for _ in 0..<40 {
            if selection(ui.screen()).contains(text) { return }
            let before = selection(ui.screen())
            ui.press("j")
            _ = try? ui.waitUntil("the selection to move", timeout: .seconds(2)) { selection($0) != before }
        }
        throw TerminalSession.Timeout(waitingFor: "\(text) to be selected", screen: ui.screen())
    }

    @Test func aManagerOpensAPostMovesItADayThenCancelsIt() throws {
        let (ui, db) = try Self.startUI()
        defer { ui.close() }
        let original = try Self.scheduledAt(db, S.post(20))
        try Self.select("Spring launch", at: original, in: ui)

        ui.press("Enter")
        let detail = try ui.waitFor("shoes.jpg")
        #expect(detail.contains("Spring launch 🌸 #trail"), "the Instagram variation")
        #expect(detail.contains("token expired or missing"), "the LinkedIn account's token")
        ui.press("Escape")
        try ui.waitUntil("the agenda again") { !$0.contains("shoes.jpg") }

        ui.press(">")
        let moved = original.addingTimeInterval(86_400)
        let words = DisplayZone.utc.format(moved, .dayAndTime)
        let screen = try ui.waitFor("to \(words)")
        #expect(Self.selection(screen).contains(words), "the selection follows the post to its new day")
        try ui.waitUntil("the database to have the new time") { _ in (try? Self.scheduledAt(db, S.post(20))) == moved }
        let job = try db.execute("SELECT scheduled_for FROM scheduled_jobs WHERE job_data->>'post_id' = $1::uuid::text AND status = 'pending'",
                                 [S.post(20)]).first?.decode("scheduled_for", as: Date.self)
        #expect(job == moved)

        ui.press("x")
        try ui.waitFor("Cancel post")
        ui.press("y")
        try ui.waitFor("cancelled “Spring launch")
        try ui.waitUntil("the database to say cancelled") { _ in
            (try? db.execute("SELECT status::text AS s FROM posts WHERE id = $1::uuid", [S.post(20)]).first?.decode("s", as: String.self)) == "cancelled"
        }
        try ui.waitUntil("the agenda to show it cancelled") { Self.selection($0).contains("⊘ cancelled") }

        ui.press("u")
        try ui.waitFor("undone")
        try ui.waitUntil("the post scheduled again") { Self.selection($0).contains("◔ scheduled") }
        ui.press("q")
        #expect(try ui.waitForExit() == 0)
    }

    @Test func aPostInsertedByAnotherConnectionAppearsWithoutAKeyPress() throws {
        let (ui, db) = try Self.startUI()
        defer { ui.close() }
        let original = try Self.scheduledAt(db, S.post(20))
        try Self.select("Spring launch", at: original, in: ui)
        try db.execute("""
            INSERT INTO posts (client_id, status, content, scheduled_at) VALUES ($1::uuid, 'scheduled', 'Inserted elsewhere 🛰', $2::timestamptz)
            """, [S.acme, original.addingTimeInterval(3_600)])
        let screen = try ui.waitFor("Inserted elsewhere")
        #expect(Self.selection(screen).contains("Spring launch"), "the selection stays where it was")
    }

    @Test func rescheduleByTypingShowsUTCAndLands() throws {
        let (ui, db) = try Self.startUI()
        defer { ui.close() }
        let original = try Self.scheduledAt(db, S.post(21))
        try Self.select("Draft for next week", at: original, in: ui)
        ui.press("r")
        try ui.waitFor("reschedule to (UTC)")
        let target = original.addingTimeInterval(2 * 3_600)
        ui.press("C-u").type(DisplayZone.utc.format(target, .dateTime))
        try ui.waitFor("= \(DisplayZone.utc.format(target, .dateTime)) UTC")
        ui.press("Enter")
        try ui.waitFor("to \(DisplayZone.utc.format(target, .dayAndTime))")
        try ui.waitUntil("the database to have the typed time") { _ in (try? Self.scheduledAt(db, S.post(21))) == target }
    }
}
