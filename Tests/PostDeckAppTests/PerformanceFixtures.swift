import Foundation
import PostDeckCore
import PostDeckStore
@testable import PostDeckApp

/// Fixed posts, metrics and charts for the performance pane, on `Fixtures.now`.
enum PerformanceFixtures {
    static let hour: TimeInterval = 3_600

    static func post(_ n: Int, _ client: ClientID, _ clientName: String, _ content: String, hoursAgo: Double?,
                     platforms: (Int, Int), _ likes: Int, _ comments: Int, _ shares: Int, _ views: Int) -> PostPerformance {
        PostPerformance(id: Fixtures.id(500 + n), content: content,
                        publishedAt: hoursAgo.map { Fixtures.now.addingTimeInterval(-$0 * hour) },
                        clientName: clientName, clientID: client, platformCount: platforms.1, publishedCount: platforms.0,
                        likes: likes, shares: shares, comments: comments, views: views)
    }

    static let rows: [PostPerformance] = [
        post(1, Fixtures.acme, "Acme Outdoor", "Spring launch 🌸 — new trail shoes are here!\nLink in bio.", hoursAgo: 3,
             platforms: (2, 3), 12_345, 321, 89, 456_789),
        post(2, Fixtures.globex, "Globex Bank", "Rates, explained: what the ECB decision means for your savings", hoursAgo: 20,
             platforms: (1, 1), 980, 45, 12, 0),
        post(3, Fixtures.sakura, "さくら茶房", "新しい抹茶ラテ、始めました🍵 春限定です", hoursAgo: 30,
             platforms: (2, 2), 4_200, 310, 150, 98_000),
        post(4, Fixtures.acme, "Acme Outdoor", "Trail report: \"muddy but glorious\", says the team", hoursAgo: 50,
             platforms: (1, 1), 1_999_999, 12_000, 8_500, 25_000_000),
        post(5, Fixtures.globex, "Globex Bank", "Evil\u{1b}]52;c;aGk=\u{07} caption", hoursAgo: 75,
             platforms: (1, 2), 7, 0, 1, 210),
        post(6, Fixtures.acme, "Acme Outdoor", "Behind the scenes at the factory", hoursAgo: 120,
             platforms: (2, 2), 530, 28, 40, 9_900),
        post(7, Fixtures.sakura, "さくら茶房", "お客様の声", hoursAgo: 200, platforms: (1, 1), 88, 9, 2, 1_450),
    ]

    static func summary(of rows: [PostPerformance]) -> PerformanceSummary {
        var summary = PerformanceSummary()
        summary.posts = rows.count
        summary.likes = rows.reduce(0) { $0 + $1.likes }
        summary.comments = rows.reduce(0) { $0 + $1.comments }
        summary.shares = rows.reduce(0) { $0 + $1.shares }
        summary.views = rows.reduce(0) { $0 + $1.views }
        summary.medianLikes = MetricFormat.median(rows.map(\.likes))
        summary.medianComments = MetricFormat.median(rows.map(\.comments))
        summary.medianShares = MetricFormat.median(rows.map(\.shares))
        summary.medianViews = MetricFormat.median(rows.map(\.views))
        summary.medianEngagement = MetricFormat.median(rows.map(\.engagement))
        let withViews = rows.filter { $0.views > 0 }
        summary.perThousandViews = MetricFormat.perThousandViews(engagement: withViews.reduce(0) { $0 + $1.engagement },
                                                                 views: summary.views)
        summary.medianPerThousandViews = MetricFormat.median(rows.compactMap(\.engagementPerThousandViews))
        return summary
    }

    static func series(_ values: [Int], hoursAgo first: Double) -> [MetricSample] {
        values.enumerated().map { index, value in
            MetricSample(at: Fixtures.now.addingTimeInterval(-(first - Double(index) * 6) * hour), value: value)
        }
    }

    static let detail = PostPerformanceDetail(
        id: rows[0].id, content: rows[0].content, publishedAt: rows[0].publishedAt, clientName: "Acme Outdoor",
        clientID: Fixtures.acme, platforms: [
            PlatformMetrics(id: Fixtures.id(600), platform: .instagram, username: "acme.outdoor", status: .published,
                            publishedAt: rows[0].publishedAt, errorMessage: nil, series: [
                                .likes: series([120, 900, 4_000, 8_800, 10_345], hoursAgo: 26),
                                .comments: series([3, 40, 120, 250, 300], hoursAgo: 26),
                                .shares: series([1, 9, 30, 60, 80], hoursAgo: 26),
                                .views: series([2_000, 40_000, 150_000, 300_000, 400_000], hoursAgo: 26),
                            ]),
            PlatformMetrics(id: Fixtures.id(601), platform: .linkedin, username: "acme-outdoor", status: .published,
                            publishedAt: rows[0].publishedAt, errorMessage: nil, series: [
                                .likes: series([500, 1_500, 2_000], hoursAgo: 14),
                                .comments: series([2, 10, 21], hoursAgo: 14),
                                .shares: series([1, 5, 9], hoursAgo: 14),
                                .views: series([9_000, 40_000, 56_789], hoursAgo: 14),
                            ]),
            PlatformMetrics(id: Fixtures.id(602), platform: .tiktok, username: "@acme", status: .failed,
                            publishedAt: nil, errorMessage: "TikTok API 401: access token expired", series: [:]),
        ])

    static let networks = [
        NetworkEngagement(platform: .linkedin, posts: 35, medianEngagement: 193),
        NetworkEngagement(platform: .instagram, posts: 52, medianEngagement: 219.5),
        NetworkEngagement(platform: .tiktok, posts: 15, medianEngagement: 451),
        NetworkEngagement(platform: .facebook, posts: 45, medianEngagement: 182),
    ]

    /// The heatmap the database would bin from `timing`, in the pane's zone.
    static func heatmap(_ state: AppState) -> HeatmapBins {
        HeatmapBins(timing, zone: PerformancePane.zone(state), minimumCount: PerformanceChartsView.minimumPosts)
    }

    /// Twelve weeks of posts: most at 09:00, 12:00 and 18:00 UTC (enough for a median), a
    /// few at odd hours (too few), at fixed instants and engagement values.
    static let timing: [(instant: Date, value: Double)] = {
        let midnight = Fixtures.now.addingTimeInterval(-12 * hour)
        var samples: [(instant: Date, value: Double)] = []
        for week in 0..<12 {
            for day in 0..<7 {
                for hour in [9, 12, 18] where (week + day + hour) % 4 != 0 {
                    let instant = midnight.addingTimeInterval(Double(-(week * 7 + day) * 24 + hour) * Self.hour)
                    let bonus = day == 5 && hour == 18 ? 300 : 0
                    let base = hour * 40 + day * 35
                    let value = Double(base + (week * 37) % 100 + bonus)
                    samples.append((instant, value))
                }
            }
            let days = week * 7 + week % 7
            let late = Double(22 - days * 24) * hour + 1_800
            samples.append((midnight.addingTimeInterval(late), 50))
        }
        return samples
    }()

    /// The pane open on the fixture rows, everything loaded.
    static func loadedState(width: Int = 120, height: Int = 40, scope: Scope = .allClients) -> AppState {
        var state = Fixtures.loadedState(width: width, height: height)
        state.scope = scope
        _ = App.update(&state, .key(.char("4")))
        _ = PerformancePane.load(&state)
        let rows = scope.clientID.map { id in Self.rows.filter { $0.clientID == id } } ?? Self.rows
        _ = App.update(&state, .performance(.pageLoaded(state.performance.tableRequest!, PerformancePage(rows: rows, next: nil), replace: true)))
        _ = App.update(&state, .performance(.summaryLoaded(state.performance.summaryRequest!, summary(of: rows))))
        return state
    }
}
