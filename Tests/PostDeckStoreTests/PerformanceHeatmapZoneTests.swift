import Foundation
import Testing
import PostDeckCore
@testable import PostDeckStore
import PostDeckTestSupport

/// The best-time heatmap over several clients bins each post on its own client's wall clock
/// (in SQL), against a real PostgreSQL.
@Suite struct PerformanceHeatmapZoneTests {
    /// Three clients — New York, Tokyo, and one without a usable zone — each with one post
    /// published at the same instant, Wednesday 25 November 2026 15:00 UTC.
    static func database() throws -> Connection {
        let db = try TestDatabase.migrated().connect()
        try db.executeScript("""
            INSERT INTO agencies (id, name, email) VALUES ('a2000000-0000-4000-8000-000000000001', 'North', 'n@example.com');
            INSERT INTO clients (id, agency_id, name, preferences) VALUES
              ('c2000000-0000-4000-8000-000000000001', 'a2000000-0000-4000-8000-000000000001', 'New York', '{"timezone": "America/New_York"}'),
              ('c2000000-0000-4000-8000-000000000002', 'a2000000-0000-4000-8000-000000000001', 'Tokyo', '{"timezone": "Asia/Tokyo"}'),
              ('c2000000-0000-4000-8000-000000000003', 'a2000000-0000-4000-8000-000000000001', 'Nowhere', '{"timezone": "Mars/Olympus_Mons"}');
            INSERT INTO posts (client_id, status, content, published_at) VALUES
              ('c2000000-0000-4000-8000-000000000001', 'published', 'ny', '2026-11-25 15:00:00+00'),
              ('c2000000-0000-4000-8000-000000000002', 'published', 'tokyo', '2026-11-25 15:00:00+00'),
              ('c2000000-0000-4000-8000-000000000003', 'published', 'nowhere', '2026-11-25 15:00:00+00');
            """)
        return db
    }

    /// The clients' zones as the UI resolves them: Mars is not a zone, so that client has none.
    static func zones(_ db: Connection) throws -> [ClientID: DisplayZone] {
        ClientSummary.zones(of: try db.run(ClientQueries.all()))
    }

    static let now = Date(timeIntervalSince1970: 1_764_086_400 + 86_400 * 2)  // 2026-11-27

    @Test func postsAtOneInstantAreBinnedOnTheirOwnClientsClock() throws {
        let db = try Self.database()
        let filter = PerformanceFilter(scope: .allClients, range: .thirtyDays, now: Self.now, text: "")
        let bins = try db.run(PerformanceQueries.heatmap(filter, zone: try DisplayZone(named: "UTC"), clientZones: Self.zones(db), minimumCount: 1))
        #expect(bins[.wednesday, 10].count == 1, "New York: Wednesday 10:00")
        #expect(bins[.thursday, 0].count == 1, "Tokyo: Thursday 00:00")
        #expect(bins[.wednesday, 15].count == 1, "a client without a usable zone: the display zone (UTC)")
        #expect(bins.rows.joined().map(\.count).reduce(0, +) == 3)
    }

    @Test func oneClientInScopeIsBinnedInItsZoneWhateverTheDisplayZone() throws {
        let db = try Self.database()
        let tokyo = try #require(ClientID("c2000000-0000-4000-8000-000000000002"))
        let filter = PerformanceFilter(scope: .client(tokyo), range: .thirtyDays, now: Self.now, text: "")
        let bins = try db.run(PerformanceQueries.heatmap(filter, zone: try DisplayZone(named: "Europe/Berlin"), clientZones: Self.zones(db),
                                                         minimumCount: 1))
        #expect(bins[.thursday, 0].count == 1)
        #expect(bins.rows.joined().map(\.count).reduce(0, +) == 1)
    }
}
