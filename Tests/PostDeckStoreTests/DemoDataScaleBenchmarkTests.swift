import Foundation
import Testing
import PostDeckStore
import PostDeckTestSupport

/// Times a scaled run. Not part of the normal test run: set `POSTDECK_DEMO_SCALE=N` (and
/// use a release build) to seed N posts into a private cluster and print the figures that
/// docs/DEMO-DATA.md quotes.
@Suite struct DemoDataScaleBenchmarkTests {
    static let scale = ProcessInfo.processInfo.environment["POSTDECK_DEMO_SCALE"].flatMap { Int($0) }

    @Test(.enabled(if: scale != nil)) func timeAScaledRun() throws {
        let scale = try #require(Self.scale)
        let database = try TestDatabase.migrated()
        let db = try database.connect()
        let workers = ProcessInfo.processInfo.environment["POSTDECK_DEMO_WORKERS"].flatMap { Int($0) } ?? 2
        print("scale \(scale) with \(workers) connection(s)")
        let started = ContinuousClock.now
        let summary = try DemoData.seed(conninfo: database.conninfo, options: .init(now: Date(), scale: scale, workers: workers) { progress in
            let left = progress.estimatedRemaining.map { "\(Int($0.components.seconds)) s left" } ?? ""
            print(String(format: "posts %9d / %d  rows %10d  %8.0f rows/s  %@", progress.postsDone, progress.postsTotal,
                         progress.rowsDone, progress.rowsPerSecond, left))
        })
        let seconds = Double((ContinuousClock.now - started).components.seconds)
            + Double((ContinuousClock.now - started).components.attoseconds) / 1e18
        for (table, count) in summary.rows { print("\(table): \(count)") }
        print(String(format: "scale %d: %d rows in %.1f s, %.0f rows/s, %.0f posts/s", scale, summary.total, seconds,
                     Double(summary.total) / seconds, Double(scale) / seconds))
        let size = try db.execute("SELECT pg_size_pretty(pg_database_size(current_database())) AS size").first?
            .decode("size", as: String.self) ?? "?"
        print("database size: \(size)")
    }
}
