import Foundation
import Testing
import PostDeckCore
@testable import PostDeckStore
import PostDeckTestSupport

/// The calendar's range query: the right posts on the right side of day and week
/// boundaries computed in the display zone, across clock changes, with the flags a
/// manager needs, read through the calendar index.
@Suite struct CalendarQueriesTests {
    typealias S = CalendarScenario

    static func makeDatabase() throws -> Connection {
        let db = try TestDatabase.migrated().connect()
        try S.install(on: db)
        return db
    }

    func zone(_ name: String) throws -> DisplayZone { try DisplayZone(named: name) }

    @Test func aNewYorkWeekAcrossTheFallBackEndsAtLocalMidnightOfItsTwentyFiveHourSunday() throws {
        let db = try Self.makeDatabase()
        let newYork = try zone("America/New_York")
        let week = newYork.weekRange(of: LocalDate(year: 2026, month: 11, day: 1)!)
        #expect(week.duration == 7 * 86_400 + 3_600)
        let page = try db.run(CalendarQueries.page(in: .client(S.acme), range: week))
        #expect(page.posts.map(\.id) == [S.post(1), S.post(2), S.post(3)])
        // Both 01:30s are on Sunday 1 November, an hour apart, with their own offsets.
        #expect(page.posts.prefix(2).map { newYork.format($0.time!, .iso8601) }
                == ["2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-05:00"])
        #expect(page.posts.map { newYork.localDate(of: $0.time!).day } == [1, 1, 1])
        // Midnight of Monday 2 November belongs to the next week only.
        let next = try db.run(CalendarQueries.page(in: .client(S.acme), range: newYork.weekRange(of: LocalDate(year: 2026, month: 11, day: 2)!)))
        #expect(next.posts.map(\.id) == [S.post(4)])
    }

    @Test func aPublishedPostSitsAtItsPublishTimeNotItsScheduledTime() throws {
        let db = try Self.makeDatabase()
        let newYork = try zone("America/New_York")
        // Post 3 was scheduled ten minutes earlier than it went out; it counts when it went out.
        let day = newYork.range(of: LocalDate(year: 2026, month: 11, day: 1)!)
        let page = try db.run(CalendarQueries.page(in: .client(S.acme), range: TimeRange(start: S.newYorkSundayLate, end: day.end)))
        #expect(page.posts.map(\.id) == [S.post(3)])
    }

    @Test func aBerlinWeekAcrossTheFallBackAndAnUnshiftedUTCWeekDisagreeAsTheyShould() throws {
        let db = try Self.makeDatabase()
        let berlin = try zone("Europe/Berlin")
        let week = berlin.weekRange(of: LocalDate(year: 2026, month: 10, day: 25)!)
        let page = try db.run(CalendarQueries.page(in: .client(S.globex), range: week))
        #expect(page.posts.map(\.id) == [S.post(5), S.post(6)])
        #expect(berlin.format(page.posts[0].time!, .dateTime) == "2026-10-25 02:30")
        #expect(berlin.format(page.posts[1].time!, .dateTime) == "2026-10-25 23:30")
        // In UTC the Sunday week ends an hour later and takes Berlin's Monday midnight post too.
        let utcWeek = DisplayZone.utc.weekRange(of: LocalDate(year: 2026, month: 10, day: 25)!)
        #expect(try db.run(CalendarQueries.page(in: .client(S.globex), range: utcWeek)).posts.map(\.id) == [S.post(5), S.post(6), S.post(7)])
    }

    @Test func aTokyoMondayMorningIsASundayInUTC() throws {
        let db = try Self.makeDatabase()
        let tokyo = try zone("Asia/Tokyo")
        let monday = tokyo.range(of: LocalDate(year: 2026, month: 11, day: 2)!)
        let page = try db.run(CalendarQueries.page(in: .client(S.sakura), range: monday))
        #expect(page.posts.map(\.id) == [S.post(8)])
        #expect(page.posts.first?.excerpt == "月曜の朝 🍵")
        #expect(page.posts.first?.clientTimeZone == "Asia/Tokyo")
        let utcMonday = DisplayZone.utc.range(of: LocalDate(year: 2026, month: 11, day: 2)!)
        #expect(try db.run(CalendarQueries.page(in: .client(S.sakura), range: utcMonday)).posts.isEmpty)
    }

    @Test func anAgencyScopeTakesOnlyThatAgencysClients() throws {
        let db = try Self.makeDatabase()
        let range = TimeRange(start: S.utc("2026-10-01T00:00:00Z"), end: S.utc("2026-12-01T00:00:00Z"))
        let all = try db.run(CalendarQueries.page(in: .allClients, range: range))
        let northwind = try db.run(CalendarQueries.page(in: .allClients, agency: S.northwind, range: range))
        #expect(Set(all.posts.map(\.clientID)) == [S.acme, S.globex, S.sakura])
        #expect(Set(northwind.posts.map(\.clientID)) == [S.acme, S.globex])
        #expect(all.posts.map { $0.time! } == all.posts.map { $0.time! }.sorted())
    }

    @Test func rowsCarryPlatformsFailuresAndTokenProblems() throws {
        let db = try Self.makeDatabase()
        let now = Date()
        let page = try db.run(CalendarQueries.page(in: .client(S.acme), range: TimeRange(start: now, end: now.addingTimeInterval(10 * 86_400))))
        #expect(page.posts.map(\.id) == [S.post(20), S.post(23), S.post(21)])
        let launch = page.posts[0]
        #expect(launch.platforms == [.linkedin, .instagram])
        #expect(launch.targets.map(\.tokenUsable) == [false, true], "LinkedIn's token expired two days ago")
        #expect(launch.hasTokenProblem && !launch.hasFailure)
        #expect(page.posts[2].needsAttention == false)
        #expect(page.unscheduled.map(\.id) == [S.post(24)])
        // The failed post stands out as failed; the account without a token row does too.
        let berlin = try db.run(CalendarQueries.page(in: .client(S.globex), range: TimeRange(start: S.berlinSundayLate, end: S.berlinMondayMidnight)))
        #expect(berlin.posts.first?.hasFailure == true)
        #expect(berlin.posts.first?.hasTokenProblem == true)
    }

    @Test func filtersNarrowByStatusPlatformAccountCampaignAndText() throws {
        let db = try Self.makeDatabase()
        let range = TimeRange(start: S.utc("2026-10-01T00:00:00Z"), end: Date().addingTimeInterval(30 * 86_400))
        func ids(_ filter: CalendarFilter) throws -> [PostID] {
            try db.run(CalendarQueries.page(in: .allClients, range: range, filter: filter)).posts.map(\.id)
        }
        #expect(try ids(CalendarFilter(statuses: [.failed])) == [S.post(6), S.post(2)])
        #expect(try ids(CalendarFilter(platforms: [.tiktok])) == [S.post(8)])
        #expect(try ids(CalendarFilter(account: S.acmeLinkedIn)) == [S.post(20), S.post(23)])
        #expect(try ids(CalendarFilter(text: "BERLIN")) == [S.post(5), S.post(6), S.post(7)])
        #expect(try ids(CalendarFilter(text: "100%_")).isEmpty, "wildcards are plain text")
        let campaign = try db.execute("""
            INSERT INTO campaigns (client_id, name) VALUES ($1::uuid, 'Spring') RETURNING id
            """, [S.acme]).first!.decode("id", as: CampaignID.self)
        try db.execute("UPDATE posts SET campaign_id = $1::uuid WHERE id = $2::uuid", [campaign, S.post(21)])
        #expect(try ids(CalendarFilter(campaign: campaign)) == [S.post(21)])
        #expect(try db.run(CalendarQueries.filterChoices(in: .client(S.acme))).campaigns.map(\.label) == ["Spring · Acme Outdoor"])
    }

    @Test func theDetailHasEverythingTheDetailViewShows() throws {
        let db = try Self.makeDatabase()
        let detail = try #require(try db.run(CalendarQueries.detail(of: S.post(20))))
        #expect(detail.content == "Spring launch — new trail shoes")
        #expect(detail.variations == [.init(key: "instagram", text: "Spring launch 🌸 #trail")])
        #expect(detail.settings?.contains("#trail") == true)
        #expect(detail.accounts.map(\.platform) == [.linkedin, .instagram])
        #expect(detail.accounts.map(\.tokenStatus) == [.expired, .healthy])
        #expect(detail.media.map(\.filename) == ["shoes.jpg"])
        #expect(detail.job?.status == .pending)
        let failed = try #require(try db.run(CalendarQueries.detail(of: S.post(2))))
        #expect(failed.accounts.first?.errorMessage == "Media upload failed")
        #expect(failed.job?.status == .failed)
        #expect(try db.run(CalendarQueries.detail(of: S.post(999))) == nil)
    }

    @Test func oneClientAndOneAgencyReadThroughTheCalendarIndex() throws {
        let db = try TestDatabase.migrated().connect()
        _ = try DemoData.seed(on: db, options: .init(randomSeed: 1, now: Date()))
        // Five years of history (about 58,000 posts), so that reading a whole client would show.
        try db.execute("""
            INSERT INTO posts (client_id, status, content, scheduled_at, published_at)
            SELECT c.id, 'published', 'history', t, t FROM clients c,
                   generate_series(now() - interval '5 years', now() - interval '90 days', interval '6 hours') t
            """)
        try db.execute("ANALYZE")
        let first = try #require(try db.execute("SELECT id, agency_id FROM clients ORDER BY name LIMIT 1").first)
        let client: ClientID = try first.decode("id")
        let agency: AgencyID = try first.decode("agency_id")
        let range = DisplayZone.utc.monthRange(containing: Date())
        for (scope, agency) in [(Scope.client(client), nil), (.allClients, agency)] as [(Scope, AgencyID?)] {
            let query = CalendarQueries.page(in: scope, agency: agency, range: range)
            let plan = try db.execute("EXPLAIN (FORMAT TEXT) " + query.sql, query.parameters).rows
                .map { try $0.decode("QUERY PLAN", as: String.self) }.joined(separator: "\n")
            #expect(plan.contains("idx_posts_client_calendar_time"), "\(plan)")
            #expect(!plan.contains("Seq Scan on posts"), "\(plan)")
            // How fast it reads is measured by `postdeck bench`, not here.
            #expect(!(try db.run(query)).posts.isEmpty)
        }
    }
}
