import Foundation
import Testing
import PostDeckStore
import PostDeckTestSupport

/// The non-interactive commands, run as a script or cron job would run them.
@Suite struct CommandLineTests {
    struct Run {
        let status: Int32
        let output: String
    }

    static func postdeck(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        let path = NSTemporaryDirectory() + "postdeck-cli-\(UInt32.random(in: 0...UInt32.max)).out"
        defer { unlink(path) }
        var variables = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": NSTemporaryDirectory()]
        variables.merge(environment) { $1 }
        let status = try Subprocess.run([TerminalSession.binary] + arguments, outputPath: path, check: false, environment: variables)
        return Run(status: status, output: (try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
    }

    @Test func aWrongConnectionStringIsOneLineAndAHintWithStatusOne() throws {
        let run = try Self.postdeck(["health", "--db", "host=/nope port=5432 dbname=x"])
        #expect(run.status == 1)
        let lines = run.output.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("postdeck: cannot connect to database: connection to server on socket \"/nope/.s.PGSQL.5432\" failed") == true)
        #expect(lines.last?.contains("--db") == true && lines.last?.contains("DATABASE_URL") == true)
    }

    @Test func aUsageErrorExitsWithStatusTwo() throws {
        let run = try Self.postdeck(["health", "--format", "yaml"])
        #expect(run.status == 2)
    }

    @Test func theUIOutsideATerminalSaysSoInOneLine() throws {
        let run = try Self.postdeck(["--db", "dbname=x"], environment: ["TERM": "xterm"])
        #expect(run.status == 1)
        #expect(run.output.hasPrefix("postdeck: not a terminal"))
        #expect(run.output.contains("postdeck health"))
    }

    @Test func healthAsJSONIsKeyedByTheViewsColumnsAndExitsThreeWhenAnAccountIsExpired() throws {
        let database = try TestDatabase.migrated()
        try HealthScenario.install(on: database.connect())
        let run = try Self.postdeck(["health", "--db", database.conninfo, "--format", "json"])
        #expect(run.status == 3)
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [[String: Any]])
        #expect(objects.count == 5)
        #expect(objects.first?["username"] as? String == "notoken")
        #expect(objects.first?["token_expires_at"] is NSNull)
        #expect(objects.first?["total_posts"] as? Int == 2)
        #expect(Set(objects.first?.keys.map { $0 } ?? []) == ["account_id", "username", "platform", "client_name", "active",
                                                           "token_expires_at", "token_status", "total_posts", "failed_posts", "client_id"])
    }

    @Test func healthForOneHealthyClientExitsZeroAndAnUnknownClientListsNearMatches() throws {
        let database = try TestDatabase.migrated()
        try HealthScenario.install(on: database.connect())
        let healthy = try Self.postdeck(["health", "--db", database.conninfo, "--client", "c0000000-0000-4000-8000-000000000002"])
        #expect(healthy.status == 0)
        #expect(healthy.output.contains("Acme"))
        #expect(!healthy.output.contains("\u{1b}"), "the hostile username is sanitized in the table")
        let unknown = try Self.postdeck(["health", "--db", database.conninfo, "--client", "Globx"])
        #expect(unknown.status == 1)
        #expect(unknown.output.contains("did you mean \"Globex\""))
    }

    @Test func performanceAsJSONIsTheViewKeyedByItsColumnsWithNumbersAsNumbers() throws {
        let database = try TestDatabase.migrated()
        let db = try database.connect()
        try PerformanceScenario.install(on: db, now: Date())
        let run = try Self.postdeck(["performance", "--db", database.conninfo, "--format", "json", "--sort", "likes"])
        #expect(run.status == 0)
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [[String: Any]])
        let view = try db.execute("""
            SELECT post_id::text, content, published_at, client_name, platform_count, published_count,
                   total_likes, total_shares, total_comments, total_views, client_id::text
            FROM post_performance_summary ORDER BY total_likes DESC, published_at DESC NULLS LAST, post_id DESC
            """).rows
        #expect(objects.count == view.count)
        let columns = ["post_id", "content", "published_at", "client_name", "platform_count", "published_count",
                       "total_likes", "total_shares", "total_comments", "total_views", "client_id",
                       "engagement", "engagement_per_1000_views"]
        for (object, row) in zip(objects, view) {
            #expect(Set(object.keys) == Set(columns))
            #expect(object["post_id"] as? String == (try row.decode("post_id", as: String.self)))
            #expect(object["content"] as? String == (try row.decode("content", as: String.self)))
            #expect(object["client_id"] as? String == (try row.decode("client_id", as: String.self)))
            for column in ["platform_count", "published_count", "total_likes", "total_shares", "total_comments", "total_views"] {
                #expect(object[column] is NSNumber, "\(column) is a JSON number")
                #expect((object[column] as? Int) == (try row.decode(column, as: Int.self)), "\(column)")
            }
            if let published = try row.decode("published_at", as: Date?.self) {
                let text = try #require(object["published_at"] as? String)
                let parsed = try #require(ISO8601DateFormatter.withFractions.date(from: text))
                #expect(abs(parsed.timeIntervalSince(published)) < 0.001)
            } else {
                #expect(object["published_at"] is NSNull)
            }
        }
        let limited = try Self.postdeck(["performance", "--db", database.conninfo, "--client", PerformanceScenario.globex,
                                         "--since", "7d", "--limit", "1", "--format", "csv"])
        #expect(limited.status == 0)
        #expect(limited.output.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 2)
        let wrong = try Self.postdeck(["performance", "--db", database.conninfo, "--sort", "popularity"])
        #expect(wrong.status == 2)
    }

    @Test func healthTakesTheWordThePaneShowsForATokenState() throws {
        let database = try TestDatabase.migrated()
        try HealthScenario.install(on: database.connect())
        let expiring = try Self.postdeck(["health", "--db", database.conninfo, "--status", "expiring", "--format", "json"])
        let view = try Self.postdeck(["health", "--db", database.conninfo, "--status", "expiring_soon", "--format", "json"])
        #expect(expiring.status == 3)
        #expect(expiring.output == view.output)
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(expiring.output.utf8)) as? [[String: Any]])
        #expect(!objects.isEmpty && objects.allSatisfy { $0["token_status"] as? String == "expiring_soon" })
        let healthy = try Self.postdeck(["health", "--db", database.conninfo, "--status", "Healthy", "--format", "json"])
        let healthyObjects = try #require(try JSONSerialization.jsonObject(with: Data(healthy.output.utf8)) as? [[String: Any]])
        #expect(!healthyObjects.isEmpty && healthyObjects.allSatisfy { $0["token_status"] as? String == "healthy" })
        let wrong = try Self.postdeck(["health", "--db", database.conninfo, "--status", "soon"])
        #expect(wrong.status == 2)
        #expect(wrong.output.contains("use expired, expiring (expiring_soon) or healthy"))
    }

    @Test func performanceSortsByTheViewsColumnNamesAndItsJSONCarriesTheEngagementOfItsCSV() throws {
        let database = try TestDatabase.migrated()
        try PerformanceScenario.install(on: database.connect(), now: Date())
        for (view, short) in [("total_likes", "likes"), ("total_views:asc", "views:asc"), ("client_name:desc", "client:desc"),
                              ("published_at", "published")] {
            let byView = try Self.postdeck(["performance", "--db", database.conninfo, "--format", "json", "--sort", view])
            let byShort = try Self.postdeck(["performance", "--db", database.conninfo, "--format", "json", "--sort", short])
            #expect(byView.status == 0, "\(byView.output)")
            #expect(byView.output == byShort.output, "\(view) sorts as \(short)")
        }
        let json = try Self.postdeck(["performance", "--db", database.conninfo, "--format", "json"])
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]])
        let csv = try Self.postdeck(["performance", "--db", database.conninfo, "--format", "csv"])
        let header = try #require(csv.output.components(separatedBy: "\r\n").first).components(separatedBy: ",")
        #expect(header.suffix(2) == ["engagement", "engagement_per_1000_views"])
        #expect(!objects.isEmpty)
        for object in objects {
            #expect(Set(object.keys) == Set(header), "JSON carries every field of the CSV")
            let likes = try #require(object["total_likes"] as? Int), comments = try #require(object["total_comments"] as? Int)
            let shares = try #require(object["total_shares"] as? Int), views = try #require(object["total_views"] as? Int)
            #expect(object["engagement"] as? Int == likes + comments + shares)
            if views == 0 {
                #expect(object["engagement_per_1000_views"] is NSNull)
            } else {
                let perThousand = try #require(object["engagement_per_1000_views"] as? Double)
                #expect(abs(perThousand - Double(likes + comments + shares) * 1_000 / Double(views)) < 0.000_001)
            }
        }
    }

    @Test func keysPrintsTheKeyTable() throws {
        let run = try Self.postdeck(["keys"])
        #expect(run.status == 0)
        #expect(run.output.contains("| `q` `Ctrl-c` | quit |"))
    }

    /// The benchmark at a small scale, so its code cannot rot (the figures are not judged
    /// here): it replaces only its own section of the document it writes.
    @Test func benchRunsOnASmallScaledDataSetAndReplacesItsSectionOfTheReport() throws {
        let report = NSTemporaryDirectory() + "postdeck-bench-\(UInt32.random(in: 0...UInt32.max)).md"
        defer { unlink(report) }
        try "# Performance\n\nWritten by hand.\n\n<!-- bench:scale -->\nold figures\n<!-- /bench:scale -->\n\nAlso by hand.\n"
            .write(toFile: report, atomically: true, encoding: .utf8)
        let run = try Self.postdeck(["bench", "--scale", "2000", "--runs", "2", "--idle-seconds", "1", "--write", report])
        #expect(run.status == 0, "\(run.output)")
        let text = try String(contentsOfFile: report, encoding: .utf8)
        #expect(text.hasPrefix("# Performance\n\nWritten by hand.\n\n<!-- bench:scale -->\n## At scale: measured "))
        #expect(text.hasSuffix("<!-- /bench:scale -->\n\nAlso by hand.\n"))
        #expect(!text.contains("old figures"))
        #expect(text.contains("Load: load average "))
        for row in ["| health | accounts, one client |", "| calendar | month, one agency |", "| performance | sort by likes, one agency (30d) |",
                    "| j / k (move) | 80 |", "| 1 2 4 3 (switch pane) | 40 |", "| first frame with data |", "| connected |"] {
            #expect(text.contains(row), "\(row)")
        }
        #expect(text.contains("First full frame with live data, from the moment before `exec`"))
        #expect(text.contains("postdeck / psql at p50: "))
    }
}

extension ISO8601DateFormatter {
    /// Reads `2026-11-25T12:00:00.123Z`, as the JSON output writes times.
    static var withFractions: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
