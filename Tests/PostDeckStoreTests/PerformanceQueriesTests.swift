import Foundation
import Testing
import PostDeckCore
@testable import PostDeckStore
import PostDeckTestSupport

/// The performance pane's queries against the fixed view, on hand-made analytics.
@Suite struct PerformanceQueriesTests {
    /// 2026-11-25 12:00 UTC: every scenario time is whole hours before it.
    static let now = Date(timeIntervalSince1970: 1_795_608_000)

    static func makeDatabase() throws -> Connection {
        let db = try TestDatabase.migrated().connect()
        try PerformanceScenario.install(on: db, now: now)
        return db
    }

    static func scope(_ id: String) -> Scope { .client(ClientID(id)!) }

    /// The view's rows, read with plain SQL and decoded here, in the pane's default order.
    static func viewRows(_ db: Connection, client: String? = nil, since: Date? = nil) throws -> [PostPerformance] {
        try db.execute("""
            SELECT * FROM post_performance_summary
            WHERE ($1::uuid IS NULL OR client_id = $1::uuid) AND ($2::timestamptz IS NULL OR published_at >= $2::timestamptz)
            ORDER BY published_at DESC NULLS LAST, post_id DESC
            """, [client, since]).rows.map { row in
            PostPerformance(
                id: try row.decode("post_id"), content: try row.decode("content"), publishedAt: try row.decode("published_at"),
                clientName: try row.decode("client_name"), clientID: try row.decode("client_id"),
                platformCount: try row.decode("platform_count"), publishedCount: try row.decode("published_count"),
                likes: try row.decode("total_likes"), shares: try row.decode("total_shares"),
                comments: try row.decode("total_comments"), views: try row.decode("total_views"))
        }
    }

    /// Every page of the table in `sort` order, `size` rows at a time.
    static func allPages(_ db: Connection, _ filter: PerformanceFilter, sort: PerformanceSort = .newestFirst,
                         size: Int) throws -> [PostPerformance] {
        var rows: [PostPerformance] = []
        var cursor: PerformanceCursor?
        var pages = 0
        repeat {
            let page = try db.run(PerformanceQueries.page(filter, sort: sort, after: cursor, limit: size))
            #expect(page.rows.count <= size)
            rows += page.rows
            cursor = page.next
            pages += 1
        } while cursor != nil && pages < 100
        return rows
    }

    @Test func pagesReturnExactlyWhatTheFixedViewReturns() throws {
        let db = try Self.makeDatabase()
        for client in [nil, PerformanceScenario.acme, PerformanceScenario.globex] {
            let expected = try Self.viewRows(db, client: client)
            let filter = PerformanceFilter(scope: client.map(Self.scope) ?? .allClients)
            let first = try db.run(PerformanceQueries.page(filter, after: nil, limit: 100))
            // Dated posts first; the undated one follows on its own page.
            #expect(try first.rows + Self.allPages(db, filter, size: 100).dropFirst(first.rows.count) == expected)
            #expect(try db.run(PerformanceQueries.list(filter, sort: .newestFirst)) == expected)
        }
        // The numbers themselves, worked out by hand: latest snapshot per metric and network,
        // duplicates once, the larger of two snapshots at one instant, the failed network nothing.
        let launch = try #require(try Self.viewRows(db).first { $0.id.description == PerformanceScenario.launch })
        let totals: [Int] = [launch.likes, launch.shares, launch.comments, launch.views]
        #expect(totals == [47, 9, 1, 350])
        let counts: [Int] = [launch.platformCount, launch.publishedCount]
        #expect(counts == [3, 2])
        #expect(launch.engagement == 57)
        #expect(launch.engagementPerThousandViews.map { ($0 * 10).rounded() / 10 } == 162.9)
    }

    @Test(arguments: [1, 2, 3, 7]) func keysetPagesConcatenateToTheWholeOrderedList(size: Int) throws {
        let db = try Self.makeDatabase()
        for filter in [PerformanceFilter(), PerformanceFilter(scope: Self.scope(PerformanceScenario.acme)),
                       PerformanceFilter(scope: .allClients, range: .thirtyDays, now: Self.now)] {
            let newest = try Self.allPages(db, filter, size: size)
            #expect(newest == (try db.run(PerformanceQueries.list(filter, sort: .newestFirst))))
            #expect(Set(newest.map(\.id)).count == newest.count, "no row twice")
            let oldest = try Self.allPages(db, filter, sort: PerformanceSort(.published, descending: false), size: size)
            #expect(oldest == (try db.run(PerformanceQueries.list(filter, sort: PerformanceSort(.published, descending: false)))))
            // Oldest first is newest first reversed, except that undated posts stay last.
            #expect(oldest.filter { $0.publishedAt != nil } == newest.filter { $0.publishedAt != nil }.reversed())
            if newest.last?.publishedAt == nil { #expect(oldest.last?.publishedAt == nil) }
        }
    }

    @Test func twoPostsPublishedAtTheSameInstantAreSplitAcrossPagesWithoutLoss() throws {
        let db = try Self.makeDatabase()
        let filter = PerformanceFilter(scope: Self.scope(PerformanceScenario.acme))
        let first = try db.run(PerformanceQueries.page(filter, after: nil, limit: 3))
        // Rows 2 and 3 share their publish time; the cursor carries it exactly.
        #expect(first.rows[1].publishedAt == first.rows[2].publishedAt)
        let second = try db.run(PerformanceQueries.page(filter, after: first.next, limit: 1))
        #expect(second.rows.map(\.content) == ["Launch day: meet the new trail shoe"])
        #expect(Set((first.rows + second.rows).map(\.id)).count == 4)
    }

    @Test func aRangeCountsBackFromTheGivenClockAndLeavesUndatedPostsOut() throws {
        let db = try Self.makeDatabase()
        let week = try db.run(PerformanceQueries.list(PerformanceFilter(scope: .allClients, range: .sevenDays, now: Self.now),
                                                      sort: .newestFirst))
        #expect(week.count == 7)
        #expect(week.allSatisfy { $0.publishedAt! >= Self.now.addingTimeInterval(-7 * 86_400) })
        let quarter = try db.run(PerformanceQueries.list(PerformanceFilter(scope: .allClients, range: .ninetyDays, now: Self.now),
                                                         sort: .newestFirst))
        #expect(quarter.count == 8)
        #expect(try db.run(PerformanceQueries.list(PerformanceFilter(), sort: .newestFirst)).count == 10)
    }

    @Test(arguments: PerformanceSort.Field.allCases) func everySortOrdersByItsColumnThenNewestFirst(field: PerformanceSort.Field) throws {
        let db = try Self.makeDatabase()
        let rows = try Self.viewRows(db)
        for descending in [true, false] {
            let sort = PerformanceSort(field, descending: descending)
            let listed = try db.run(PerformanceQueries.list(PerformanceFilter(), sort: sort))
            // Keyset pages of every size, ties on the column split across pages, add up to the list.
            for size in [1, 2, 3] {
                #expect(try Self.allPages(db, PerformanceFilter(), sort: sort, size: size) == listed, "\(sort), pages of \(size)")
            }
            #expect(Set(listed.map(\.id)) == Set(rows.map(\.id)))
            if field == .published { continue }
            // Strictly by the column; equal values newest first (undated last), then by id.
            func key(_ row: PostPerformance) -> Int {
                switch field {
                case .likes: row.likes
                case .comments: row.comments
                case .shares: row.shares
                case .views: row.views
                case .engagement: row.engagement
                case .published, .client: 0
                }
            }
            for (a, b) in zip(listed, listed.dropFirst()) {
                if field == .client {
                    if a.clientName != b.clientName { #expect((a.clientName < b.clientName) == !descending) }
                } else if key(a) != key(b) {
                    #expect((key(a) > key(b)) == descending, "\(sort): \(a.content) before \(b.content)")
                } else if let first = a.publishedAt, let second = b.publishedAt {
                    #expect(first >= second)
                } else {
                    #expect(b.publishedAt == nil || a.publishedAt != nil)
                }
            }
        }
        let byLikes = try db.run(PerformanceQueries.list(PerformanceFilter(), sort: PerformanceSort(.likes), limit: 3))
        #expect(byLikes.map(\.likes) == [1500, 130, 130])
        #expect(byLikes[1].content == "Same hour as the factory post" || byLikes[1].content == "Behind the scenes at the factory")
    }

    @Test func theFilterMatchesContentOrClientLiterally() throws {
        let db = try Self.makeDatabase()
        func contents(_ text: String) throws -> [String] {
            try db.run(PerformanceQueries.list(PerformanceFilter(text: text), sort: .newestFirst)).map(\.content)
        }
        #expect(try contents("50%_off") == [PerformanceScenario.trickyContent])
        #expect(try contents("%").count == 1, "a percent sign is a character, not a wildcard")
        #expect(try contents("GLOBEX").count == 3)
        #expect(try contents("acme").count == 7, "the client's name matches too (both clients named Acme)")
    }

    @Test func totalsAndMediansMatchTheViewsRows() throws {
        let db = try Self.makeDatabase()
        for filter in [PerformanceFilter(), PerformanceFilter(scope: Self.scope(PerformanceScenario.acme)),
                       PerformanceFilter(scope: .allClients, range: .sevenDays, now: Self.now)] {
            let rows = try db.run(PerformanceQueries.list(filter, sort: .newestFirst))
            let summary = try db.run(PerformanceQueries.summary(filter))
            #expect(summary.posts == rows.count)
            #expect(summary.likes == rows.reduce(0) { $0 + $1.likes })
            #expect(summary.views == rows.reduce(0) { $0 + $1.views })
            #expect(summary.engagement == rows.reduce(0) { $0 + $1.engagement })
            #expect(summary.medianLikes == MetricFormat.median(rows.map(\.likes)))
            #expect(summary.medianEngagement == MetricFormat.median(rows.map(\.engagement)))
            let rates = rows.compactMap(\.engagementPerThousandViews)
            #expect(abs((summary.medianPerThousandViews ?? -1) - (MetricFormat.median(rates) ?? -2)) < 1e-9)
        }
        let empty = try db.run(PerformanceQueries.summary(PerformanceFilter(text: "no such post")))
        #expect(empty.posts == 0 && empty.medianLikes == nil && empty.perThousandViews == nil)
    }

    @Test func networksCompareMedianEngagementOfThePostsPublishedThere() throws {
        let db = try Self.makeDatabase()
        let acme = try db.run(PerformanceQueries.networks(PerformanceFilter(scope: Self.scope(PerformanceScenario.acme))))
        // LinkedIn: launch 46, factory 151, tricky 19, spring sale 55 → median 50.5.
        // Instagram: launch 11, same hour 133, tricky 9, undated 3 → median 10. TikTok failed: absent.
        #expect(acme == [NetworkEngagement(platform: .linkedin, posts: 4, medianEngagement: 50.5),
                         NetworkEngagement(platform: .instagram, posts: 4, medianEngagement: 10)])
    }

    /// Each post is binned on its own client's clock (the scenario's clients are in New York,
    /// Berlin and Tokyo), whatever the display zone.
    @Test(arguments: ["UTC", "America/New_York", "Asia/Kolkata"])
    func theHeatmapBinnedByTheDatabaseEqualsBinningEveryPostHereInItsClientsZone(zoneName: String) throws {
        let db = try Self.makeDatabase()
        let zone = try DisplayZone(named: zoneName)
        var clientZones: [ClientID: DisplayZone] = [:]
        for row in try db.execute("SELECT id, preferences->>'timezone' AS tz FROM clients").rows {
            clientZones[try row.decode("id")] = try DisplayZone(named: try row.decode("tz", as: String.self))
        }
        for filter in [PerformanceFilter(), PerformanceFilter(scope: Self.scope(PerformanceScenario.acme))] {
            let rows = try db.run(PerformanceQueries.list(filter, sort: .newestFirst)).filter { $0.publishedAt != nil }
            var values: [Weekday: [Int: [Double]]] = [:]
            for row in rows {
                let local = (clientZones[row.clientID] ?? zone).localDateTime(of: row.publishedAt!)
                values[local.date.weekday, default: [:]][local.hour, default: []].append(Double(row.engagement))
            }
            let slots = values.flatMap { weekday, hours in
                hours.map { HeatmapBins.Slot(weekday: weekday, hour: $0, count: $1.count, median: MetricFormat.median($1)) }
            }
            let expected = HeatmapBins(slots: slots, zone: zone, minimumCount: 2)
            let binned = try db.run(PerformanceQueries.heatmap(filter, zone: zone, clientZones: clientZones, minimumCount: 2))
            #expect(binned.totalCount == rows.count)
            #expect(binned.rows == expected.rows, "\(zoneName)")
        }
    }

    @Test func anAgencyNarrowsAllClientsToItsOwn() throws {
        let db = try Self.makeDatabase()
        let north = AgencyID("a1000000-0000-4000-8000-000000000001")!
        let listed = try db.run(PerformanceQueries.list(PerformanceFilter(agency: north), sort: .newestFirst))
        #expect(!listed.isEmpty)
        #expect(Set(listed.map(\.clientID.description)) == [PerformanceScenario.acme, PerformanceScenario.globex])
        #expect(try Self.allPages(db, PerformanceFilter(agency: north), sort: PerformanceSort(.likes), size: 2).count == listed.count)
        #expect(try db.run(PerformanceQueries.summary(PerformanceFilter(agency: north))).posts == listed.count)
    }

    @Test func theDetailHasEachNetworksSeriesAndAddsUpToTheViewsRow() throws {
        let db = try Self.makeDatabase()
        let id = PostID(PerformanceScenario.launch)!
        let detail = try #require(try db.run(PerformanceQueries.detail(id)))
        let row = try #require(try Self.viewRows(db).first { $0.id == id })
        #expect(detail.platforms.map(\.platform) == [.linkedin, .instagram, .tiktok])
        #expect(PostMetric.allCases.map(detail.total) == [row.likes, row.comments, row.shares, row.views])
        let linkedin = detail.platforms[0]
        #expect(linkedin.series[.likes]?.map(\.value) == [10, 25, 40])
        #expect(linkedin.series[.views]?.map(\.value) == [100, 300], "the duplicate snapshot once")
        #expect(linkedin.firstSnapshot == Self.now.addingTimeInterval(-48 * 3600))
        #expect(linkedin.latestSnapshot == Self.now.addingTimeInterval(-2 * 3600))
        #expect(linkedin.username == "acme-in")
        #expect(detail.platforms[1].series[.shares]?.map(\.value) == [4], "the larger of two at one instant")
        #expect(detail.platforms[2].status == .failed && detail.platforms[2].series.isEmpty)
        #expect(try db.run(PerformanceQueries.detail(PostID.random())) == nil)
    }

    /// The plan a one-client page and ranking get once the tables are too big to read whole.
    @Test func oneClientsQueriesReadItsPostsByIndexAndSnapshotsFromTheIndexOnly() throws {
        let db = try Self.makeDatabase()
        try db.executeScript("""
            INSERT INTO clients (agency_id, name) SELECT 'a1000000-0000-4000-8000-000000000001', 'Filler ' || i FROM generate_series(1, 30) i;
            INSERT INTO posts (client_id, status, content, published_at)
            SELECT c.id, 'published', 'filler', now() - make_interval(hours => i) FROM clients c, generate_series(1, 100) i;
            """)
        try db.execute("VACUUM ANALYZE")
        let filter = PerformanceFilter(scope: Self.scope(PerformanceScenario.acme))
        let queries: [(String, [(any SQLParameter)?])] = [
            { let q = PerformanceQueries.page(filter, after: nil, limit: 40); return (q.sql, q.parameters) }(),
            { let q = PerformanceQueries.page(filter, after: .dated(micros: 1_795_000_000_000_000, id: PostID.random()), limit: 40)
              return (q.sql, q.parameters) }(),
            { let q = PerformanceQueries.page(filter, sort: PerformanceSort(.likes), after: nil, limit: 40); return (q.sql, q.parameters) }(),
        ]
        for (sql, parameters) in queries {
            let plan = try db.transaction { db in
                try db.execute("SET LOCAL enable_seqscan = off")
                return try db.execute("EXPLAIN " + sql, parameters).rows.map { try $0.decode("QUERY PLAN", as: String.self) }
            }
            let text = plan.joined(separator: "\n")
            // Every node that reads posts carries the client condition (as an index condition
            // or a filter of an ordered index scan), or reads the ranked page's posts by id:
            // the view is never computed for other clients.
            let postsNodes = plan.indices.filter { plan[$0].contains(" on posts p") }
            #expect(!postsNodes.isEmpty, "\(text)")
            for node in postsNodes {
                let conditions = plan[(node + 1)...].prefix { !$0.contains("->") }
                #expect(conditions.contains { $0.contains("client_id = ") || $0.contains("(id = ANY") }, "\(text)")
            }
            #expect(postsNodes.contains { node in plan[(node + 1)...].prefix { !$0.contains("->") }.contains { $0.contains("client_id = ") } })
            #expect(text.contains("Index Only Scan using idx_post_analytics_latest"), "\(text)")
            #expect(!text.contains("Seq Scan on post_analytics"), "\(text)")
        }
    }
}
