import Foundation
import Testing
import PostDeckCore
import PostDeckStore
import PostDeckTestSupport

/// The post commands refuse what they cannot store exactly, name accounts without guessing,
/// read times as people type them, and keep a draft's planned time.
@Suite struct PostWriteCommandLineTests {
    typealias Seeded = PostCommandLineTests.Seeded

    static func postdeck(_ arguments: [String]) throws -> CommandLineTests.Run {
        try CommandLineTests.postdeck(arguments)
    }

    static func posts(_ seeded: Seeded) throws -> Int { try seeded.count("SELECT count(*)::int AS n FROM posts") }

    @Test func aNulByteInTheTextIsRefusedNamingItsOffsetAndNothingIsWritten() throws {
        let seeded = try Seeded()
        let before = try Self.posts(seeded)
        let file = NSTemporaryDirectory() + "postdeck-nul-\(UUID().uuidString).txt"
        defer { unlink(file) }
        try Data("hello\0world".utf8).write(to: URL(fileURLWithPath: file))
        let run = try Self.postdeck(["post", "draft", "--db", seeded.database.conninfo, "--client", seeded.client,
                                     "--account", seeded.linkedin, "--content-file", file])
        #expect(run.status == 1)
        #expect(run.output == "postdeck: not written: the text has a NUL byte at byte 5; the database cannot store it (remove it)\n")
        #expect(try Self.posts(seeded) == before)
    }

    @Test func invalidUTF8OnTheCommandLineIsRefusedNotRepaired() throws {
        let seeded = try Seeded()
        let before = try Self.posts(seeded)
        let output = NSTemporaryDirectory() + "postdeck-utf8-\(UUID().uuidString).out"
        defer { unlink(output) }
        // The shell puts the raw bytes 'abc' 0xFF into argv; Swift's own decoding would repair them.
        let script = "\"$0\" post draft --db \"$1\" --client \"$2\" --account \"$3\" --content \"$(printf 'abc\\377')\""
        let status = try Subprocess.run(["/bin/sh", "-c", script, TerminalSession.binary, seeded.database.conninfo,
                                         seeded.client, seeded.linkedin], outputPath: output, check: false,
                                        environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"])
        #expect(status == 1)
        #expect((try? String(contentsOfFile: output, encoding: .utf8)) == "postdeck: not written: the text is not valid UTF-8 at byte 3; save the file as UTF-8\n")
        #expect(try Self.posts(seeded) == before)
    }

    @Test func aUsernameSeveralAccountsShareIsRefusedListingThem() throws {
        let seeded = try Seeded()
        let run = try Self.postdeck(["post", "draft", "--db", seeded.database.conninfo, "--client", "Sakura Botanics",
                                     "--account", "sakurabotanics", "--content", "hello"])
        #expect(run.status == 1)
        #expect(run.output.contains("3 accounts are named \"sakurabotanics\": pass one of instagram:sakurabotanics, tiktok:sakurabotanics, facebook:SakuraBotanics"))
        let precise = try Self.postdeck(["post", "draft", "--db", seeded.database.conninfo, "--client", "Sakura Botanics",
                                         "--account", "tiktok:sakurabotanics", "--content", "hello"])
        #expect(precise.status == 0, "\(precise.output)")
    }

    @Test func aDatedDraftKeepsItsPlannedTimeAndHasNoPublishJob() throws {
        let seeded = try Seeded()
        let run = try Self.postdeck(["post", "draft", "--db", seeded.database.conninfo, "--client", seeded.client,
                                     "--account", seeded.linkedin, "--content", "planned", "--at", "2030-06-03 09:30", "--tz", "UTC",
                                     "--format", "json"])
        #expect(run.status == 0, "\(run.output)")
        let row = try #require(try seeded.db.execute("""
            SELECT status::text AS status, scheduled_at,
                   (SELECT count(*) FROM scheduled_jobs j WHERE j.job_data->>'post_id' = p.id::text)::int AS jobs
            FROM posts p WHERE content = 'planned'
            """).first)
        #expect(try row.decode("status", as: String.self) == "draft")
        #expect(try row.decode("scheduled_at", as: Date.self) == CalendarScenario.utc("2030-06-03T09:30:00Z"))
        #expect(try row.decode("jobs", as: Int.self) == 0)
    }

    @Test func scheduleUnscheduleAndADoubledTimeThatMustBePicked() throws {
        let seeded = try Seeded()
        let db = seeded.database.conninfo
        // New York falls back on 2030-11-03: 01:30 happens twice.
        let doubled = try Self.postdeck(["post", "schedule", "--db", db, "--client", seeded.client, "--account", seeded.linkedin,
                                         "--content", "twice", "--at", "2030-11-03 01:30", "--tz", "America/New_York"])
        #expect(doubled.status == 1 && doubled.output.contains("happens twice") && doubled.output.contains("--earlier or --later"))
        let scheduled = try Self.postdeck(["post", "schedule", "--db", db, "--client", seeded.client, "--account", seeded.linkedin,
                                           "--content", "twice", "--at", "2030-11-03 01:30", "--tz", "America/New_York", "--later"])
        #expect(scheduled.status == 0, "\(scheduled.output)")
        let id = try #require(scheduled.output.split(separator: "\n").compactMap { PostID(String($0)) }.first)
        let time = try seeded.db.execute("SELECT scheduled_at FROM posts WHERE id = $1::uuid", [id]).first?.decode("scheduled_at", as: Date.self)
        #expect(time == CalendarScenario.utc("2030-11-03T06:30:00Z"), "the second 01:30 is EST")

        let unscheduled = try Self.postdeck(["post", "unschedule", id.description, "--db", db])
        #expect(unscheduled.status == 0 && unscheduled.output.contains("a draft again"), "\(unscheduled.output)")
        let row = try #require(try seeded.db.execute("""
            SELECT status::text AS status, scheduled_at,
                   (SELECT count(*) FROM scheduled_jobs j WHERE j.job_data->>'post_id' = p.id::text AND j.status = 'pending')::int AS pending
            FROM posts p WHERE id = $1::uuid
            """, [id]).first)
        #expect(try row.decode("status", as: String.self) == "draft" && row.decode("pending", as: Int.self) == 0)
        #expect(try row.decode("scheduled_at", as: Date.self) == time, "it keeps its time as the plan")
        let again = try Self.postdeck(["post", "unschedule", id.description, "--db", db])
        #expect(again.status == 1 && again.output == "postdeck: not written: only a scheduled post can be unscheduled\n")
    }

    @Test func timesAreTypedAsPeopleSayThem() throws {
        let seeded = try Seeded()
        let run = try Self.postdeck(["post", "draft", "--db", seeded.database.conninfo, "--client", seeded.client,
                                     "--account", seeded.linkedin, "--content", "relative", "--at", "+2h"])
        #expect(run.status == 0, "\(run.output)")
        let time = try #require(try seeded.db.execute("SELECT scheduled_at FROM posts WHERE content = 'relative'").first?
            .decode("scheduled_at", as: Date.self))
        #expect(abs(time.timeIntervalSinceNow - 7_200) < 120)
        let mangled = try Self.postdeck(["post", "draft", "--db", seeded.database.conninfo, "--client", seeded.client,
                                         "--account", seeded.linkedin, "--content", "x", "--at", "12/15/2030 10:00"])
        #expect(mangled.status == 1 && mangled.output.hasPrefix("postdeck: not written:"))
    }
}
