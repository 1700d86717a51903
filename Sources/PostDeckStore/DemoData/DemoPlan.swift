/// The numbers that make the demo set and a scaled set different; everything else is the
/// same generator. Sent to the server as `$4`.
struct DemoPlan: Encodable, Sendable {
    var agencies: Int
    var clients: Int
    var posts: Int
    /// Posts spread from `pastDays` before now to `futureDays` after it.
    var pastDays: Int
    var futureDays: Int
    /// Accounts each post goes to (capped by the client's active accounts).
    var ppMin: Int
    var ppMax: Int
    /// Analytics snapshots per published post_platform and metric, spread from 2 hours to
    /// 30 days after publishing (only those already in the past are written).
    var snapshotsMin: Int
    var snapshotsMax: Int
    var metrics: [String]
    /// The share of post_platforms whose last snapshot was stored twice (a sync that ran twice).
    var duplicateRate: Double
    /// Publish jobs are kept for posts scheduled this many days back (workers prune older ones).
    var jobRetentionDays: Int
    /// Length of the cycle in which each client starts a campaign.
    var campaignPeriodDays: Int
    /// Posts per statement: one statement per chunk, so progress can be reported in between.
    var chunkSize: Int
    var showcase: [DemoContent.ShowcasePost]
    /// Skip triggers during the load when the role may (see `DemoGenerator`). Not sent to SQL.
    var bulkLoad = false

    /// The demo set: what `postdeck demo` and `postdeck seed` show a newcomer.
    static let demo = DemoPlan(
        agencies: 2, clients: DemoCatalog.clients.count, posts: 480, pastDays: 90, futureDays: 60,
        ppMin: 1, ppMax: 3, snapshotsMin: 4, snapshotsMax: 8,
        metrics: ["likes", "comments", "shares", "views", "saves", "impressions"],
        duplicateRate: 0.04, jobRetentionDays: 365, campaignPeriodDays: 40, chunkSize: 480,
        showcase: DemoShowcase.posts)

    /// `posts` posts over three years and two months, about 1,000 clients per million posts.
    static func scaled(posts: Int) -> DemoPlan {
        let clients = max(DemoCatalog.clients.count, posts / 1000)
        return DemoPlan(
            agencies: max(2, min(DemoCatalog.agencies.count, clients / 200)), clients: clients, posts: posts,
            pastDays: 3 * 365, futureDays: 60,
            ppMin: 2, ppMax: 3, snapshotsMin: 2, snapshotsMax: 3,
            metrics: ["likes", "comments", "shares", "views"],
            duplicateRate: 0.005, jobRetentionDays: 90, campaignPeriodDays: 90,
            chunkSize: max(1_000, min(25_000, posts / 10)),
            showcase: DemoShowcase.posts, bulkLoad: true)
    }
}

/// Posts the demo always has, whatever the seed, so that a manager (and a test) finds each
/// case: posts publishing right now, a caption too long for Instagram, a long LinkedIn
/// article, Japanese text, a failed TikTok upload.
enum DemoShowcase {
    static let posts: [DemoContent.ShowcasePost] = [
        .init(n: 0, client: 6, minutes: -3, status: "publishing", platform: "instagram", platforms: 2, content: nil),
        .init(n: 1, client: 0, minutes: -7, status: "publishing", platform: "tiktok", platforms: 1, content: nil),
        .init(n: 2, client: 7, minutes: -1, status: "publishing", platform: "linkedin", platforms: 3, content: nil),
        .init(n: 3, client: 5, minutes: 3 * 24 * 60 + 90, status: "draft", platform: "instagram", platforms: 1,
              content: DemoCaptions.overlongInstagram),
        .init(n: 4, client: 4, minutes: 2 * 24 * 60 - 45, status: "scheduled", platform: "linkedin", platforms: 1,
              content: DemoCaptions.longManufacturing),
        .init(n: 5, client: 2, minutes: -2 * 24 * 60, status: "failed", platform: "tiktok", platforms: 1, content: nil),
        .init(n: 6, client: 6, minutes: 26 * 60, status: "scheduled", platform: "instagram", platforms: 2,
              content: DemoCaptions.industries["Beauty"]?.captions.first),
        .init(n: 7, client: 7, minutes: -5 * 24 * 60, status: "published", platform: "linkedin", platforms: 2,
              content: DemoCaptions.longFinance),
    ]
}
