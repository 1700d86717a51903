import Foundation
import Testing
import PostDeckCore
import PostDeckStore
import PostDeckTestSupport

/// The demo set, seeded once per test into a freshly migrated database, at a fixed `now`.
@Suite struct DemoDataTests {
    /// 2026-03-30 14:00 UTC: a Monday, the day after Europe's DST switch.
    static let now = Date(timeIntervalSince1970: 1_774_879_200)

    static func seededDatabase(seed: Int = 1) throws -> (Connection, DemoData.Summary) {
        let db = try TestDatabase.make().connect()
        try Migrator.migrate(db)
        let summary = try DemoData.seed(on: db, options: .init(randomSeed: seed, now: now))
        return (db, summary)
    }

    @Test func theDemoSetHasAHandfulOfAgenciesClientsAndSeveralHundredPosts() throws {
        let (db, summary) = try Self.seededDatabase()
        #expect(summary.agencies == 2)
        #expect(summary.clients == 10)
        #expect((400...600).contains(summary.posts))
        #expect(summary.postPlatforms > summary.posts)
        #expect(summary.postAnalytics > 5 * summary.posts)
        for (table, count) in summary.rows {
            let stored = try db.execute("SELECT count(*) AS n FROM \(table)").first?.decode("n", as: Int.self)
            #expect(stored == count, "\(table)")
        }
    }
}
