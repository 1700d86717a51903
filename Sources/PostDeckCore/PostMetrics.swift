import FoundationEssentials

/// The counters the networks report and the performance pane reads (`post_analytics.metric_name`).
public enum PostMetric: String, CaseIterable, Sendable, Codable {
    case likes, comments, shares, views
}

/// One snapshot of a lifetime counter.
public struct MetricSample: Sendable, Equatable {
    public let at: Date
    public let value: Int

    public init(at: Date, value: Int) {
        self.at = at
        self.value = value
    }
}

/// One network a post went to (a post_platform), with every snapshot of its counters.
public struct PlatformMetrics: Sendable, Equatable, Identifiable {
    public let id: PostPlatformID
    public let platform: Platform
    public let username: String?
    public let status: PlatformPostStatus
    public let publishedAt: Date?
    public let errorMessage: String?
    /// Per metric, one sample per instant, oldest first. Of two snapshots recorded at the
    /// same instant the larger is kept: counters only grow, so it is the later one (the
    /// view's rule, docs/SCHEMA.md defect 4).
    public let series: [PostMetric: [MetricSample]]

    public init(id: PostPlatformID, platform: Platform, username: String?, status: PlatformPostStatus,
                publishedAt: Date?, errorMessage: String?, series: [PostMetric: [MetricSample]]) {
        self.id = id
        self.platform = platform
        self.username = username
        self.status = status
        self.publishedAt = publishedAt
        self.errorMessage = errorMessage
        self.series = series
    }

    /// The latest snapshot's value: what the network says now. Nil when never reported.
    public func latest(_ metric: PostMetric) -> Int? { series[metric]?.last?.value }

    public var engagement: Int {
        (latest(.likes) ?? 0) + (latest(.comments) ?? 0) + (latest(.shares) ?? 0)
    }

    /// When the first and the latest snapshot of any metric were recorded.
    public var firstSnapshot: Date? { series.values.compactMap(\.first?.at).min() }
    public var latestSnapshot: Date? { series.values.compactMap(\.last?.at).max() }

    /// Keeps one sample per instant (the largest), oldest first.
    public static func normalized(_ samples: [MetricSample]) -> [MetricSample] {
        var result: [MetricSample] = []
        for sample in samples.sorted(by: { ($0.at, $0.value) < ($1.at, $1.value) }) {
            if let last = result.last, last.at == sample.at {
                result[result.count - 1] = sample
            } else {
                result.append(sample)
            }
        }
        return result
    }
}

/// A post opened in the performance pane: its text, its networks and their time series.
public struct PostPerformanceDetail: Sendable, Equatable {
    public let id: PostID
    public let content: String
    public let publishedAt: Date?
    public let clientName: String
    public let clientID: ClientID
    public let platforms: [PlatformMetrics]

    public init(id: PostID, content: String, publishedAt: Date?, clientName: String, clientID: ClientID,
                platforms: [PlatformMetrics]) {
        self.id = id
        self.content = content
        self.publishedAt = publishedAt
        self.clientName = clientName
        self.clientID = clientID
        self.platforms = platforms
    }

    /// The sum over networks of each metric's latest value: the view's total.
    public func total(_ metric: PostMetric) -> Int {
        platforms.reduce(0) { $0 + ($1.latest(metric) ?? 0) }
    }

    public var engagement: Int { total(.likes) + total(.comments) + total(.shares) }
}

/// Totals and per-post medians of the posts in the table (scope, range and filter).
public struct PerformanceSummary: Sendable, Equatable {
    public var posts = 0
    public var likes = 0, comments = 0, shares = 0, views = 0
    public var medianLikes: Double?, medianComments: Double?, medianShares: Double?, medianViews: Double?
    public var medianEngagement: Double?
    /// Engagement per 1,000 views over the posts that have views, and the median of the per-post figure.
    public var perThousandViews: Double?
    public var medianPerThousandViews: Double?

    public init() {}

    public var engagement: Int { likes + comments + shares }
}

/// How posts did on one network: the bar chart's bar.
public struct NetworkEngagement: Sendable, Equatable {
    public let platform: Platform
    /// Posts published on this network.
    public let posts: Int
    public let medianEngagement: Double

    public init(platform: Platform, posts: Int, medianEngagement: Double) {
        self.platform = platform
        self.posts = posts
        self.medianEngagement = medianEngagement
    }
}
