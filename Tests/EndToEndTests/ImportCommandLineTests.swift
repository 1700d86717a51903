import Foundation
import Testing
import PostDeckCore
import PostDeckStore
import PostDeckTestSupport

/// `postdeck import posts` and `postdeck export posts`, run as a manager's script runs them.
@Suite struct ImportCommandLineTests {
    typealias S = CalendarScenario
    static func postdeck(_ arguments: [String]) throws -> CommandLineTests.Run { try CommandLineTests.postdeck(arguments) }

    /// Globex Bank (Berlin) gets a LinkedIn account with a healthy token, so rows on it
    /// schedule without warnings.
    static let globexLinkedIn = AccountID("d1000000-0000-4000-8000-000000000009")!

    struct Scenario {
        let database: TestDatabase
        let db: Connection

        init() throws {
            database = try TestDatabase.migrated()
            db = try database.connect()
            try S.install(on: db)
            try db.executeScript("""
                INSERT INTO accounts (id, client_id, platform, platform_account_id, username)
                VALUES ('\(ImportCommandLineTests.globexLinkedIn)', '\(S.globex)', 'linkedin', '9', 'globex-bank');
                INSERT INTO platform_tokens (account_id, access_token, expires_at)
                VALUES ('\(ImportCommandLineTests.globexLinkedIn)', 'secret', now() + interval '90 days');
                """)
        }

        func count(_ sql: String) throws -> Int { try db.execute(sql).first!.decode("n", as: Int.self) }
        var posts: Int { get throws { try count("SELECT count(*)::int AS n FROM posts") } }
        var pendingJobs: Int { get throws { try count("SELECT count(*)::int AS n FROM scheduled_jobs WHERE status = 'pending'") } }
    }

    static func write(_ bytes: [UInt8], named name: String = "posts.csv") throws -> String {
        let folder = NSTemporaryDirectory() + "postdeck-import-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func write(_ text: String, named name: String = "posts.csv") throws -> String { try write(Array(text.utf8), named: name) }

    /// Days ahead of today in Berlin, as a file writes them.
    static func ahead(days: Int, minutes: Int = 9 * 60) -> String {
        let berlin = try! DisplayZone(named: "Europe/Berlin")
        let date = berlin.localDate(of: Date()).adding(days: days)
        return "\(date) \(LocalDate.twoDigits(minutes / 60)):\(LocalDate.twoDigits(minutes % 60))"
    }

    /// The JSON object a `--format json` run printed (warnings may share the capture).
    static func json(_ output: String) throws -> [String: Any] {
        let line = try #require(output.split(separator: "\n").first { $0.hasPrefix("{") })
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func fiveThousandRowsAreWrittenInOneGoAndImportingThemAgainAddsNothing() throws {
        let scenario = try Scenario()
        var csv = "client,accounts,date,content,hashtags,status\n"
        for row in 0..<5_000 {
            let day = 3 + row / 40, minute = 6 * 60 + (row % 40) * 20
            csv += "Globex Bank,linkedin:globex-bank,\(Self.ahead(days: day, minutes: minute)),\"Post \(row) 🏦\nzweite Zeile, 東京\",#bank,\(row % 5 == 0 ? "draft" : "")\n"
        }
        let path = try Self.write(csv)
        let posts = try scenario.posts, jobs = try scenario.pendingJobs
        let run = try Self.postdeck(["import", "posts", path, "--db", scenario.database.conninfo])
        #expect(run.status == 0, "\(run.output.prefix(2_000))")
        #expect(run.output.contains("imported \(path): 5,000 new posts (4,000 scheduled, 1,000 drafts), 0 updated, 0 unchanged; 4,000 publish jobs added"))
        #expect(try scenario.posts == posts + 5_000)
        #expect(try scenario.pendingJobs == jobs + 4_000)
        #expect(try scenario.count("SELECT count(*)::int AS n FROM post_platforms pp JOIN posts p ON p.id = pp.post_id WHERE p.content LIKE 'Post %'") == 5_000)

        let again = try Self.postdeck(["import", "posts", path, "--db", scenario.database.conninfo])
        #expect(again.status == 0)
        #expect(again.output.contains("nothing to write: the posts already say what \(path) says (0 new posts, 0 updated, 5,000 unchanged)"))
        #expect(try scenario.posts == posts + 5_000)
    }

    @Test func badRowsAreReportedByRowAndColumnAsATableOrJSONAndNothingIsWritten() throws {
        let scenario = try Scenario()
        let csv = """
            client,accounts,date,content,status
            Globex Bank,linkedin:globex-bank,\(Self.ahead(days: 5)),Fine row,
            Globex Bank,linkedin:nobody,\(Self.ahead(days: 5)),Unknown account,
            Globex Bank,linkedin:globex-bank,2020-01-01 09:00,In the past,
            Globex Bnak,linkedin:globex-bank,\(Self.ahead(days: 5)),Typo in the client,
            Globex Bank,linkedin:globex-bank,\(Self.ahead(days: 5)),Sent already,sent

            """
        let path = try Self.write(csv)
        let posts = try scenario.posts
        let table = try Self.postdeck(["import", "posts", path, "--db", scenario.database.conninfo])
        #expect(table.status == 1)
        let lines = table.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "ROW  COLUMN    PROBLEM")
        #expect(lines.contains { $0.hasPrefix("  2  accounts  no active account \"linkedin:nobody\" of Globex Bank") })
        #expect(lines.contains { $0.hasPrefix("  3  date      ") && $0.contains("is in the past") })
        #expect(lines.contains { $0.hasPrefix("  4  client    no client named \"Globex Bnak\"; did you mean \"Globex Bank\"?") })
        #expect(lines.contains { $0.hasPrefix("  5  status    \"sent\" is not a status") })
        #expect(lines.last == "postdeck: nothing was written: 4 problems in 4 rows of \(path)")
        #expect(try scenario.posts == posts, "the fine row 1 is not written either")

        let json = try Self.postdeck(["import", "posts", path, "--db", scenario.database.conninfo, "--format", "json"])
        #expect(json.status == 1)
        let report = try Self.json(json.output)
        #expect(report["written"] as? Bool == false)
        let problems = try #require(report["problems"] as? [[String: Any]])
        #expect(problems.map { "\($0["row"] ?? "") \($0["column"] ?? "")" } == ["2 accounts", "3 date", "4 client", "5 status"])
        #expect(try scenario.posts == posts)
    }

    @Test func aSpreadsheetFileWithAByteOrderMarkCRLFAndQuotedLinesKeepsEveryByte() throws {
        let scenario = try Scenario()
        let text = "Erste Zeile 🏦 \"Zitat\", Komma\n二行目：東京支店 👩🏽‍💼\n\nfamily 👨‍👩‍👧‍👦 · café"
        let quoted = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        let bytes = CSVReader.byteOrderMark + Array("client,accounts,date,content\r\nGlobex Bank,linkedin:globex-bank,\(Self.ahead(days: 6)),\(quoted)\r\n".utf8)
        let run = try Self.postdeck(["import", "posts", try Self.write(bytes), "--db", scenario.database.conninfo])
        #expect(run.status == 0, "\(run.output)")
        let stored = try scenario.db.execute("SELECT content FROM posts WHERE client_id = $1::uuid AND content LIKE 'Erste%'", [S.globex])
            .rows.map { try $0.decode("content", as: String.self) }
        #expect(stored.count == 1)
        #expect(stored.first.map { Array($0.utf8) } == Array(text.utf8), "byte for byte")
    }

    @Test func aSpreadsheetMangledDateIsRefusedClearlyAndReadWhenItsOrderIsGiven() throws {
        let scenario = try Scenario()
        let berlin = try DisplayZone(named: "Europe/Berlin")
        let day = berlin.localDate(of: Date()).adding(days: 40)
        let slashed = "\(LocalDate.twoDigits(day.month))/\(LocalDate.twoDigits(day.day))/\(day.year) 10:15"
        let path = try Self.write("client,accounts,date,content\nGlobex Bank,linkedin:globex-bank,\(slashed),Slashed\nGlobex Bank,linkedin:globex-bank,46539,Serial\n")
        let refused = try Self.postdeck(["import", "posts", path, "--db", scenario.database.conninfo])
        #expect(refused.status == 1)
        #expect(refused.output.contains("  1  date    \"\(slashed.prefix(10))\" could be read more than one way"))
        #expect(refused.output.contains("--date-order dmy or mdy"))
        #expect(refused.output.contains("  2  date    \"46539\" looks like a spreadsheet's serial day number"))

        let fixed = try Self.write("client,accounts,date,content\nGlobex Bank,linkedin:globex-bank,\(slashed),Slashed\n")
        let read = try Self.postdeck(["import", "posts", fixed, "--db", scenario.database.conninfo, "--date-order", "mdy"])
        #expect(read.status == 0, "\(read.output)")
        let stored = try scenario.db.execute("SELECT scheduled_at FROM posts WHERE content = 'Slashed'").first!.decode("scheduled_at", as: Date.self)
        #expect(berlin.format(stored, .dateTime) == "\(day) 10:15")
    }

    @Test func hootsuitesThreeColumnFileIsReadWithAClientAndAccounts() throws {
        let scenario = try Scenario()
        let path = try Self.write("\(Self.ahead(days: 7)),Read our rates,https://globex.example/rates\n\(Self.ahead(days: 8)),\"No link, today\",\n",
                                  named: "hootsuite.csv")
        let bare = try Self.postdeck(["import", "posts", path, "--db", scenario.database.conninfo])
        #expect(bare.status == 1)
        #expect(bare.output.contains("Hootsuite's file (date, message, link) needs --client"))
        let run = try Self.postdeck(["import", "posts", path, "--db", scenario.database.conninfo, "--client", "Globex Bank",
                                     "--account", "globex-bank"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("2 new posts (2 scheduled, 0 drafts)"))
        let texts = try scenario.db.execute("SELECT content FROM posts WHERE client_id = $1::uuid AND status = 'scheduled' ORDER BY scheduled_at", [S.globex])
            .rows.map { try $0.decode("content", as: String.self) }
        #expect(texts == ["Read our rates https://globex.example/rates", "No link, today"])
        let again = try Self.postdeck(["import", "posts", path, "--db", scenario.database.conninfo, "--client", "Globex Bank",
                                       "--account", "globex-bank"])
        #expect(again.output.contains("2 unchanged"))
    }

    @Test func aDryRunReportsWhatItWouldWriteAndWritesNothing() throws {
        let scenario = try Scenario()
        let path = try Self.write("client,accounts,date,content\nGlobex Bank,linkedin:globex-bank,\(Self.ahead(days: 9)),Dry\n")
        let posts = try scenario.posts
        let run = try Self.postdeck(["import", "posts", path, "--db", scenario.database.conninfo, "--dry-run"])
        #expect(run.status == 0)
        #expect(run.output.contains("\(path): would write 1 new post (1 scheduled, 0 drafts), 0 updated, 0 unchanged"))
        #expect(run.output.contains("Globex Bank"))
        #expect(try scenario.posts == posts)
    }

    @Test func anExportImportsBackIntoTheSamePostsAndExportsAgainByteForByte() throws {
        let scenario = try Scenario()
        let db = scenario.db
        let export = try Self.postdeck(["export", "posts", "--db", scenario.database.conninfo, "--client", "Acme Outdoor"])
        #expect(export.status == 0)
        #expect(export.output.hasPrefix("id,client,accounts,date,timezone,pick,status,content,content_linkedin,"))
        #expect(export.output.contains("2026-11-01 01:30,America/New_York,later,failed,second 01:30 in New York"),
                "the second 01:30 of the night clocks went back is written with its pick")
        let path = try Self.write(export.output, named: "acme.csv")
        let untouched = try Self.postdeck(["import", "posts", path, "--db", scenario.database.conninfo])
        #expect(untouched.status == 0, "\(untouched.output)")
        #expect(untouched.output.contains("nothing to write"))

        // Since the export, post 20's text and post 21's time were changed.
        let twenty = try #require(try db.run(PostWrites.snapshot(of: S.post(20))))
        _ = try db.run(PostWrites.write(.save(PostEdit(text: .set("edited since"))), to: twenty.id, expecting: twenty.updatedAt))
        let twentyOne = try #require(try db.run(PostWrites.snapshot(of: S.post(21))))
        _ = try db.run(PostWrites.write(.move(to: Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + 30 * 86_400).rounded(.down))), to: twentyOne.id,
                                        expecting: twentyOne.updatedAt))
        let restore = try Self.postdeck(["import", "posts", path, "--db", scenario.database.conninfo])
        #expect(restore.status == 0, "\(restore.output)")
        #expect(restore.output.contains("0 new posts, 2 updated"))
        let again = try Self.postdeck(["export", "posts", "--db", scenario.database.conninfo, "--client", "Acme Outdoor"])
        #expect(again.output == export.output, "content, networks' texts, times, accounts and status are as exported")

        let json = try Self.postdeck(["export", "posts", "--db", scenario.database.conninfo, "--client", "Acme Outdoor", "--format", "json"])
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: String]])
        #expect(objects.count == (try scenario.count("SELECT count(*)::int AS n FROM posts WHERE client_id = '\(S.acme)'")))
        #expect(Set(objects.first?.keys.map { $0 } ?? []) == Set(PostExport.columns.map(\.rawValue)))
    }
}

extension LocalDate {
    static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
