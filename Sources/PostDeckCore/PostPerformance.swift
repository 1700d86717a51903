import FoundationEssentials

/// How one published post did: a row of the fixed `post_performance_summary` view. Each
/// metric is the sum, over the post's networks, of the latest snapshot of that metric.
public struct PostPerformance: Sendable, Equatable, Identifiable {
    public let id: PostID
    public let content: String
    /// Nil for the odd published post without a publish time (docs/SCHEMA.md, defect 21).
    public let publishedAt: Date?
    public let clientName: String
    public let clientID: ClientID
    /// Networks the post targets (its post_platforms), and how many of them published it.
    public let platformCount: Int
    public let publishedCount: Int
    public let likes: Int
    public let shares: Int
    public let comments: Int
    public let views: Int

    public init(id: PostID, content: String, publishedAt: Date?, clientName: String, clientID: ClientID,
                platformCount: Int, publishedCount: Int, likes: Int, shares: Int, comments: Int, views: Int) {
        self.id = id
        self.content = content
        self.publishedAt = publishedAt
        self.clientName = clientName
        self.clientID = clientID
        self.platformCount = platformCount
        self.publishedCount = publishedCount
        self.likes = likes
        self.shares = shares
        self.comments = comments
        self.views = views
    }

    /// Likes + comments + shares: what the audience did, as opposed to what it saw.
    public var engagement: Int { likes + comments + shares }

    /// Engagement per 1,000 views; nil when the networks reported no views.
    public var engagementPerThousandViews: Double? {
        MetricFormat.perThousandViews(engagement: engagement, views: views)
    }
}

/// How far back the performance pane and `postdeck performance` look, from the clock's now.
public enum PerformanceRange: String, CaseIterable, Sendable, Codable {
    case sevenDays = "7d"
    case thirtyDays = "30d"
    case ninetyDays = "90d"
    case all

    /// The earliest publish time in range; nil for `all` (no bound, undated posts included).
    public func since(now: Date) -> Date? {
        switch self {
        case .sevenDays: now.addingTimeInterval(-7 * 86_400)
        case .thirtyDays: now.addingTimeInterval(-30 * 86_400)
        case .ninetyDays: now.addingTimeInterval(-90 * 86_400)
        case .all: nil
        }
    }

    /// "last 30 days", "all time".
    public var title: String {
        switch self {
        case .sevenDays: "last 7 days"
        case .thirtyDays: "last 30 days"
        case .ninetyDays: "last 90 days"
        case .all: "all time"
        }
    }

    /// The next longer range (`>`), or nil at `all`.
    public var longer: PerformanceRange? {
        let all = Self.allCases
        let index = all.firstIndex(of: self)!
        return index + 1 < all.count ? all[index + 1] : nil
    }

    /// The next shorter range (`<`), or nil at 7 days.
    public var shorter: PerformanceRange? {
        let all = Self.allCases
        let index = all.firstIndex(of: self)!
        return index > 0 ? all[index - 1] : nil
    }
}

/// The order of the performance table: a column and a direction. Ties are broken by
/// publish time and then by post id, so the order is total and pages never overlap.
public struct PerformanceSort: Hashable, Sendable, CustomStringConvertible {
    public enum Field: String, CaseIterable, Sendable {
        case published, likes, comments, shares, views, engagement, client

        /// The direction a column starts in: newest and best first, clients A to Z.
        public var naturallyDescending: Bool { self != .client }
    }

    public var field: Field
    public var descending: Bool

    public init(_ field: Field, descending: Bool? = nil) {
        self.field = field
        self.descending = descending ?? field.naturallyDescending
    }

    /// Newest first.
    public static let newestFirst = PerformanceSort(.published)

    /// The same column, the other way round.
    public var reversed: PerformanceSort { PerformanceSort(field, descending: !descending) }

    /// `likes:desc`, the form `--sort` accepts back.
    public var description: String { "\(field.rawValue):\(descending ? "desc" : "asc")" }

    /// Other names for the fields: the view's columns (`post_performance_summary`) and words
    /// for the publish time.
    static let aliases: [(name: String, field: Field)] = [
        ("published_at", .published), ("total_likes", .likes), ("total_comments", .comments), ("total_shares", .shares),
        ("total_views", .views), ("client_name", .client), ("time", .published), ("date", .published),
    ]

    /// Reads `likes`, `likes:asc`, `published:desc`, or the view's column names (`total_likes`,
    /// `published_at`, `client_name`, …); `time` and `date` name `published`.
    public init?(parsing text: String) {
        let parts = text.trimmingSpaces().lowercased().split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return nil }
        let name = String(parts[0])
        guard let field = Field(rawValue: name) ?? Self.aliases.first(where: { $0.name == name })?.field else { return nil }
        if parts.count == 1 { self.init(field); return }
        switch parts[1] {
        case "asc": self.init(field, descending: false)
        case "desc": self.init(field, descending: true)
        default: return nil
        }
    }
}
