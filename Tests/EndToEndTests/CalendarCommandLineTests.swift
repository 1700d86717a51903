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
        let database = try TestDatabase.make()
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
        let database = try TestDatabase.make()
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
        let database = try TestDatabase.make()
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
        #expect(published.output.hasPrefix("postdeck: not written: a published post cannot be changed"))
        let past = try Self.postdeck(["post", "reschedule", S.post(21).description, "--db", database.conninfo, "--at", "2020-01-01 10:00"])
        #expect(past.status == 1 && past.output.contains("in the past"))
        let gap = try Self.postdeck(["post", "reschedule", S.post(21).description, "--db", database.conninfo, "--at", "2030-03-10 02:30"])
        #expect(gap.status == 1 && gap.output.contains("does not exist in America/New_York"))
    }

    @Test func cancelCancelsOnceAndRefusesTheSecondTime() throws {
        let database = try TestDatabase.make()
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

    /// A scheduled Acme post in two days whose id starts unlike any other, with its account and job.
    static func insertShortIDPost(_ db: Connection) throws -> String {
        let id = "0badc0de-1111-4111-8111-111111111111"
        try db.execute("""
            INSERT INTO posts (id, client_id, status, content, scheduled_at)
            VALUES ($1::uuid, $2::uuid, 'scheduled', 'Short id post', date_trunc('minute', now()) + interval '2 days')
            """, [id, S.acme])
        try db.execute("INSERT INTO post_platforms (post_id, account_id, status) VALUES ($1::uuid, $2::uuid, 'pending')", [id, S.acmeInstagram])
        try db.execute("""
            INSERT INTO scheduled_jobs (job_type, job_data, status, scheduled_for)
            VALUES ('post_publish', jsonb_build_object('post_id', $1::text), 'pending', date_trunc('minute', now()) + interval '2 days')
            """, [id])
        return id
    }

    @Test func theAgendaTableShowsShortIdsThatRescheduleAndCancelTake() throws {
        let database = try TestDatabase.make()
        let db = try database.connect()
        try S.install(on: db)
        let id = try Self.insertShortIDPost(db)
        let agenda = try Self.postdeck(["agenda", "--db", database.conninfo, "--client", "Acme Outdoor", "--days", "7"])
        #expect(agenda.status == 0, "\(agenda.output)")
        let lines = agenda.output.split(separator: "\n")
        #expect(lines.first?.hasPrefix("ID ") == true, "\(agenda.output)")
        #expect(lines.contains { $0.hasPrefix("0badc0de  ") }, "eight digits name it: \(agenda.output)")
        // The scenario's ids differ only in their last digits: the agenda prints as many as it takes.
        #expect(lines.contains { $0.hasPrefix("\(S.post(20)) ") }, "\(agenda.output)")

        let text = try DisplayZone(named: "America/New_York").format(Date().addingTimeInterval(6 * 86_400), .dateTime)
        let moved = try Self.postdeck(["post", "reschedule", "0badc0de", "--db", database.conninfo, "--at", text])
        #expect(moved.status == 0, "\(moved.output)")
        #expect(moved.output.hasPrefix("moved post \(id) to "))
        let cancelled = try Self.postdeck(["post", "cancel", "0BADC0DE-11", "--db", database.conninfo])
        #expect(cancelled.status == 0, "\(cancelled.output)")
        #expect(cancelled.output == "cancelled post \(id) and its publish job\n")
    }

    @Test func anAmbiguousPrefixIsRefusedListingThePostsThatShareItAndChangesNothing() throws {
        let database = try TestDatabase.make()
        let db = try database.connect()
        try S.install(on: db)
        let prefix = "e1000000-0000-4000-8000-00000000002"
        let run = try Self.postdeck(["post", "cancel", prefix, "--db", database.conninfo])
        #expect(run.status == 1)
        let lines = run.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "postdeck: post id \(prefix) is ambiguous: 5 posts start with it; type more of the id")
        #expect(lines.dropFirst().first == "hint: the candidates are:")
        for n in 20...24 {
            #expect(lines.contains { $0.hasPrefix("hint:   \(S.post(n))") }, "lists post \(n): \(run.output)")
        }
        #expect(lines.contains { $0.contains("Spring launch — new trail shoes") && $0.contains("scheduled") })
        let statuses = try db.execute("SELECT status::text AS s FROM posts WHERE id::text LIKE $1 || '%' ORDER BY id", [prefix]).rows
        #expect(try statuses.map { try $0.decode("s", as: String.self) } == ["scheduled", "draft", "published", "scheduled", "draft"])

        let reschedule = try Self.postdeck(["post", "reschedule", "e1000000", "--db", database.conninfo, "--at", "2030-01-01 10:00"])
        #expect(reschedule.status == 1)
        #expect(reschedule.output.hasPrefix("postdeck: post id e1000000 is ambiguous: more than 10 posts start with it"))
        let missing = try Self.postdeck(["post", "cancel", "abcdef01", "--db", database.conninfo])
        #expect(missing.status == 1)
        #expect(missing.output == "postdeck: no post id starts with abcdef01\n")
        #expect(try Self.postdeck(["post", "cancel", "e100", "--db", database.conninfo]).status == 2, "too short: a usage error")
    }

    @Test func theAgendaAsJSONCarriesTheWholeTextAndEachNetworksText() throws {
        let database = try TestDatabase.make()
        let db = try database.connect()
        try S.install(on: db)
        let long = String(repeating: "Long trail story. ", count: 30)
        try db.execute("UPDATE posts SET content = $1 WHERE id = $2::uuid", [long, S.post(21)])
        let run = try Self.postdeck(["agenda", "--db", database.conninfo, "--client", "Acme Outdoor", "--days", "7", "--format", "json"])
        #expect(run.status == 0, "\(run.output)")
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [[String: Any]])
        let launch = try #require(objects.first { $0["post_id"] as? String == S.post(20).description })
        #expect(launch["texts"] as? [String: String] == ["instagram": "Spring launch 🌸 #trail", "linkedin": "Spring launch — new trail shoes"])
        let draft = try #require(objects.first { $0["post_id"] as? String == S.post(21).description })
        #expect(draft["content"] as? String == long, "the whole text, not the table's excerpt")
        #expect(draft["texts"] as? [String: String] == ["instagram": long])
        let csv = try Self.postdeck(["agenda", "--db", database.conninfo, "--client", "Acme Outdoor", "--days", "7", "--format", "csv"])
        #expect(csv.output.contains(long))
    }
}
