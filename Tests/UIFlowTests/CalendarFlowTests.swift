import Foundation
import Testing
import PostDeckApp
import PostDeckCore
import PostDeckStore
import PostDeckTestSupport

/// The calendar on the calendar scenario, shown in UTC (`--tz UTC`), driven in process:
/// a manager finds a post, opens it, moves, cancels and undoes, and sees other managers'
/// changes arrive.
@Suite struct CalendarFlowTests {
    typealias S = CalendarScenario

    /// The UI on a fresh copy of the scenario; its clock reads `now` throughout.
    static func start(now: Date) throws -> (UIDriver, Connection) {
        let database = try TestDatabase.migrated()
        let db = try database.connect()
        try S.install(on: db)
        return (try UIDriver.start(database: database, timeZone: "UTC", clock: FixedClock(now)), db)
    }

    static func scheduledAt(_ db: Connection, _ post: PostID) throws -> Date {
        try db.execute("SELECT scheduled_at FROM posts WHERE id = $1::uuid", [post]).first!.decode("scheduled_at", as: Date.self)
    }

    /// The footer line about the selected post.
    static func selection(_ screen: ScreenText) -> String {
        screen.lines.first { $0.hasPrefix(" ▶ ") } ?? ""
    }

    /// Opens the agenda (the weeks from the UI's today, which hold the scenario's future
    /// posts) and selects the post whose footer shows `text`.
    static func select(_ text: String, in ui: UIDriver) throws {
        try ui.press(.showCalendar).press(.calendarAgenda)
            .waitUntil("the agenda listing \(text)") { $0.contains("Agenda · ") && $0.contains(text) }
        for _ in 0..<40 {
            if selection(ui.screen).contains(text) { return }
            try ui.press(.moveDown).waitUntil("the next post") { !selection($0).isEmpty }
        }
        throw UIDriver.Failure(description: "\(text) was never selected; the screen was:\n\(ui.screen)")
    }

    @Test func aManagerOpensAPostMovesItADayThenCancelsItAndUndoes() throws {
        let now = Date()
        let (ui, db) = try Self.start(now: now)
        defer { ui.close() }
        let original = try Self.scheduledAt(db, S.post(20))
        try Self.select("Spring launch", in: ui)

        try ui.press(.open).waitUntil("the post's detail with its media") {
            $0.contains("shoes.jpg") && $0.contains("Spring launch 🌸 #trail") && $0.contains("token expired or missing")
        }
        try ui.press(.back).waitUntil("the agenda again") { !$0.contains("shoes.jpg") && !Self.selection($0).isEmpty }

        let moved = original.addingTimeInterval(86_400)
        let words = DisplayZone.utc.format(moved, .dayAndTime)
        try ui.press(.postLaterDay).waitFor(text: "to \(words)")
        #expect(Self.selection(ui.screen).contains(words), "the selection follows the post to its new day")
        // The screen says so only once the write is committed.
        #expect(try Self.scheduledAt(db, S.post(20)) == moved)
        let job = try db.execute("SELECT scheduled_for FROM scheduled_jobs WHERE job_data->>'post_id' = $1::uuid::text AND status = 'pending'",
                                 [S.post(20)]).first?.decode("scheduled_for", as: Date.self)
        #expect(job == moved)

        try ui.press(.cancelPost).waitFor(text: "Cancel post")
        try ui.press(key: .char("y")).waitFor(text: "cancelled “Spring launch")
        #expect(try db.execute("SELECT status::text AS s FROM posts WHERE id = $1::uuid", [S.post(20)]).first?.decode("s", as: String.self)
                == "cancelled")
        try ui.waitUntil("the agenda to show it cancelled") { Self.selection($0).contains("⊘ cancelled") }

        try ui.press(.undo).waitFor(text: "undone")
        try ui.waitUntil("the post scheduled again") { Self.selection($0).contains("◔ scheduled") }
        #expect(try db.execute("SELECT status::text AS s FROM posts WHERE id = $1::uuid", [S.post(20)]).first?.decode("s", as: String.self)
                == "scheduled")
        try ui.quit()
    }

    @Test func aPostInsertedByAnotherConnectionAppearsWithoutAKeyPress() throws {
        let now = Date()
        let (ui, db) = try Self.start(now: now)
        defer { ui.close() }
        let original = try Self.scheduledAt(db, S.post(20))
        try Self.select("Spring launch", in: ui)
        try db.execute("""
            INSERT INTO posts (client_id, status, content, scheduled_at) VALUES ($1::uuid, 'scheduled', 'Inserted elsewhere 🛰', $2::timestamptz)
            """, [S.acme, original.addingTimeInterval(3_600)])
        try ui.waitUntil("the new post, with the selection where it was") {
            $0.contains("Inserted elsewhere 🛰") && Self.selection($0).contains("Spring launch")
        }
    }

    @Test func rescheduleByTypingShowsUTCAndLands() throws {
        let now = Date()
        let (ui, db) = try Self.start(now: now)
        defer { ui.close() }
        let original = try Self.scheduledAt(db, S.post(21))
        try Self.select("Draft for next week", in: ui)
        let target = original.addingTimeInterval(2 * 3_600)
        try ui.press(.reschedule).waitFor(text: "reschedule to (UTC)")
        try ui.press(key: .ctrl("u")).type(DisplayZone.utc.format(target, .dateTime))
            .waitFor(text: "= \(DisplayZone.utc.format(target, .dateTime)) UTC")
        try ui.press(key: .enter).waitFor(text: "to \(DisplayZone.utc.format(target, .dayAndTime))")
        #expect(try Self.scheduledAt(db, S.post(21)) == target)
    }

    @Test func aTimeBeforeTheClocksNowIsRefusedAndNothingIsWritten() throws {
        // The UI's clock is a day ahead of the database's: the draft, five days out by the
        // database, is four days out for the UI, and a time between the two is in its past.
        let now = Date().addingTimeInterval(86_400)
        let (ui, db) = try Self.start(now: now)
        defer { ui.close() }
        let original = try Self.scheduledAt(db, S.post(21))
        try Self.select("Draft for next week", in: ui)
        let past = now.addingTimeInterval(-3_600)
        try ui.press(.reschedule).press(key: .ctrl("u")).type(DisplayZone.utc.format(past, .dateTime))
            .waitFor(text: "in the past")
        try ui.press(key: .enter).waitFor(text: "is in the past")
        #expect(try Self.scheduledAt(db, S.post(21)) == original)
    }
}
