import Foundation
import Testing
import PostDeckCore
import PostDeckStore
import PostDeckTestSupport

/// `postdeck agenda` and `postdeck post reschedule|cancel`, run as a script would run them.
@Suite struct CalendarCommandLineTests {
    typealias S = CalendarScenario
    static func postdeck(_ arguments: [String]) throws -> CommandLineTests.Run { try CommandLineTests.postdeck(arguments) }

    @Test func theAgendaOfANewYorkWeekAsJSONCarriesUTCAndLocalTimes() throws {
        let database = try TestDatabase.migrated()
        try S.install(on: database.connect())
        let run = try Self.postdeck(["agenda", "--db", database.conninfo, "--client", "Acme Outdoor", "--from", "2026-10-26", "--days", "7",
                                     "--format", "json"])
        #expect(run.status == 0, "\(run.output)")
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [[String: Any]])
        #expect(objects.map { $0["content"] as? String } == ["first 01:30 in New York", "second 01:30 in New York", "late Sunday in New York"])
        #expect(objects.map { $0["local_time"] as? String } == ["2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-05:00", "2026-11-01T23:30:00-05:00"])
        #expect(objects.first?["scheduled_at"] as? String == "2026-11-01T05:30:00.000Z")
        #expect(objects.first?["platforms"] as? [String] == ["instagram"])
        #expect((objects.first?["accounts"] as? [[String: Any]])?.first?["username"] as? String == "acme.outdoor")
        for key in ["post_id", "client_id", "client_name", "status", "published_at"] { #expect(objects.first?[key] != nil, "\(key)") }
    }

    @Test func theAgendaTableShowsTheZoneAndAFilteredStatus() throws {
        let database = try TestDatabase.migrated()
        try S.install(on: database.connect())
        let run = try Self.postdeck(["agenda", "--db", database.conninfo, "--from", "2026-10-01", "--to", "2026-11-30", "--tz", "Europe/Berlin",
                                     "--status", "failed"])
        #expect(run.status == 0)
        #expect(run.output.contains("LOCAL (Europe/Berlin)"))
        #expect(run.output.contains("Sun 25 Oct 23:30 +01:00"))
        #expect(run.output.contains("2 posts"))
        #expect(try Self.postdeck(["agenda", "--db", database.conninfo, "--status", "lost"]).status == 2)
    }

    @Test func rescheduleMovesThePostAndARefusedChangeExitsOneWithTheReason() throws {
        let database = try TestDatabase.migrated()
        let db = try database.connect()
        try S.install(on: db)
        let target = Date().addingTimeInterval(10 * 86_400)
        let newYork = try DisplayZone(named: "America/New_York")
        let text = newYork.format(target, .dateTime)
        let moved = try Self.postdeck(["post", "reschedule", S.post(20).description, "--db", database.conninfo, "--at", text])
        #expect(moved.status == 0, "\(moved.output)")
        #expect(moved.output.contains("moved post \(S.post(20))") && moved.output.contains("with its publish job"))
        let stored = try db.execute("SELECT scheduled_at FROM posts WHERE id = $1::uuid", [S.post(20)]).first!.decode("scheduled_at", as: Date.self)
        #expect(newYork.format(stored, .dateTime) == text, "the time was read in the client's zone")

        let published = try Self.postdeck(["post", "reschedule", S.post(22).description, "--db", database.conninfo, "--at", text])
        #expect(published.status == 1)
        #expect(published.output.hasPrefix("postdeck: a published post cannot be changed"))
        let past = try Self.postdeck(["post", "reschedule", S.post(21).description, "--db", database.conninfo, "--at", "2020-01-01 10:00"])
        #expect(past.status == 1 && past.output.contains("in the past"))
        let gap = try Self.postdeck(["post", "reschedule", S.post(21).description, "--db", database.conninfo, "--at", "2030-03-10 02:30"])
        #expect(gap.status == 1 && gap.output.contains("does not exist in America/New_York"))
    }

    @Test func cancelCancelsOnceAndRefusesTheSecondTime() throws {
        let database = try TestDatabase.migrated()
        let db = try database.connect()
        try S.install(on: db)
        let first = try Self.postdeck(["post", "cancel", S.post(23).description, "--db", database.conninfo])
        #expect(first.status == 0 && first.output.contains("and its publish job"))
        let job = try db.execute("SELECT status FROM scheduled_jobs WHERE job_data->>'post_id' = $1::uuid::text", [S.post(23)])
        #expect(try job.first?.decode("status", as: JobStatus.self) == .cancelled)
        let second = try Self.postdeck(["post", "cancel", S.post(23).description, "--db", database.conninfo])
        #expect(second.status == 1 && second.output.contains("a cancelled post cannot be changed"))
        #expect(try Self.postdeck(["post", "cancel", "not-a-uuid", "--db", database.conninfo]).status == 2)
    }
}
