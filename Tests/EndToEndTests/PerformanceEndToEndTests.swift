import Foundation
import Testing
import PostDeckCore
import PostDeckStore
import PostDeckTestSupport

/// The real binary in tmux on the demo data: a manager finds the best posts, opens one and exports.
@Suite(.serialized) struct PerformanceEndToEndTests {
    @Test func aManagerSortsByLikesOpensAPostAndExportsTheTable() throws {
        let database = try TestDatabase.migrated()
        let db = try database.connect()
        try DemoData.seed(on: db, options: .init(randomSeed: 1, now: Date()))
        let ui = try TerminalSession.start(["--db", database.conninfo], width: 120, height: 40)
        defer { ui.close() }

        ui.press("4")
        try ui.waitFor("last 30 days")
        try ui.waitUntil("the table and its totals") { $0.contains("PUBLISHED ▼") && $0.contains("TOTAL") && !$0.contains("counting…") }
        ui.press("s")
        try ui.waitFor("Sort by")
        ui.press("Down")
        ui.press("Enter")
        let byLikes = try ui.waitUntil("sorted by likes") { $0.contains("LIKES ▼") && $0.contains("▶") }
        // The first row is the post with the most likes in the last 30 days.
        let top = try #require(try db.run(PerformanceQueries.list(
            PerformanceFilter(scope: .allClients, range: .thirtyDays, now: Date()), sort: PerformanceSort(.likes), limit: 1)).first)
        let selected = try #require(byLikes.split(separator: "\n").first { $0.hasPrefix("▶") })
        #expect(selected.contains(MetricFormat.abbreviated(top.likes)), "\(selected)")

        ui.press("Enter")
        let detail = try ui.waitUntil("the post's sparklines") { $0.contains("snapshots") && $0.contains("   likes ") }
        #expect(detail.contains(MetricFormat.grouped(top.likes)))
        #expect(detail.contains { "▁▂▃▄▅▆▇█".contains($0) }, "a sparkline is drawn")
        ui.press("Escape")
        try ui.waitUntil("the table again") { $0.contains("LIKES ▼") && !$0.contains("snapshots") }

        let path = ui.directory + "/top posts.csv"
        ui.press("e")
        try ui.waitFor("export CSV to:")
        ui.press("C-u")
        ui.type(path)
        ui.press("Enter")
        let done = try ui.waitFor("exported ")
        let expected = try db.run(PerformanceQueries.list(PerformanceFilter(scope: .allClients, range: .thirtyDays, now: Date()),
                                                          sort: PerformanceSort(.likes)))
        #expect(done.contains("exported \(expected.count) posts to \(path)"))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let records = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(records.first?.hasPrefix("post_id,content,published_at,client_name,") == true)
        #expect(records.dropFirst().first?.hasPrefix(top.id.description + ",") == true)
        #expect(text.components(separatedBy: "\r\n").count - 2 >= expected.count, "one record per post (content may hold line breaks)")

        ui.press("q")
        #expect(try ui.waitForExit() == 0)
    }

    @Test func aBurstOfNewSnapshotsRefreshesTheVisibleRowsAndKeepsTheSelection() throws {
        let database = try TestDatabase.migrated()
        let db = try database.connect()
        try PerformanceScenario.install(on: db, now: Date())
        let ui = try TerminalSession.start(["--db", database.conninfo], width: 120, height: 40)
        defer { ui.close() }
        ui.press("4")
        try ui.waitFor("Launch day")
        // Select the launch post, the second oldest in the last 30 days.
        ui.press("G")
        try ui.waitUntil("the last row selected") { $0.split(separator: "\n").contains { $0.hasPrefix("▶") && $0.contains("quarterly") } }
        ui.press("k")
        try ui.waitUntil("the launch post selected") { $0.split(separator: "\n").contains { $0.hasPrefix("▶") && $0.contains("Launch day") } }
        // Twenty statements, as a sync job would write them: one refresh shortly after the last.
        for step in 1...20 {
            try db.execute("""
                INSERT INTO post_analytics (post_platform_id, metric_name, metric_value, recorded_at)
                VALUES ('f1000000-0000-4000-8000-000000000001', 'likes', $1::int, now())
                """, [50_000 + step])
        }
        let screen = try ui.waitUntil("the new likes") { $0.contains("50k") }
        let selected = try #require(screen.split(separator: "\n").first { $0.hasPrefix("▶") })
        #expect(selected.contains("Launch day") && selected.contains("50k"), "\(selected)")
        ui.press("q")
        #expect(try ui.waitForExit() == 0)
    }
}
