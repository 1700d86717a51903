import FoundationEssentials
import PostDeckCore

/// The performance pane's figures beside the table: totals and medians, the charts' data,
/// and one post's networks and time series.
extension PerformanceQueries {
    /// Totals and per-post medians of the posts the table shows, in one aggregate.
    public static func summary(_ filter: PerformanceFilter) -> Query<PerformanceSummary> {
        var sql = SQLBuilder()
        let conditions = sql.conditions(filter)
        return Query("""
            SELECT count(*) AS posts,
                   coalesce(sum(total_likes), 0) AS likes, coalesce(sum(total_comments), 0) AS comments,
                   coalesce(sum(total_shares), 0) AS shares, coalesce(sum(total_views), 0) AS views,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY total_likes) AS median_likes,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY total_comments) AS median_comments,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY total_shares) AS median_shares,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY total_views) AS median_views,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY engagement) AS median_engagement,
                   sum(engagement) FILTER (WHERE total_views > 0) * 1000.0 / nullif(sum(total_views), 0) AS per_thousand,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY engagement * 1000.0 / total_views)
                       FILTER (WHERE total_views > 0) AS median_per_thousand
            FROM (SELECT total_likes, total_comments, total_shares, total_views,
                         total_likes + total_comments + total_shares AS engagement
                  FROM post_performance_summary
                  WHERE \(conditions.joined(separator: " AND "))) rows
            """, sql.parameters, localSettings: [.noJIT]) { result in
            guard let row = result.first else { return PerformanceSummary() }
            var summary = PerformanceSummary()
            summary.posts = try row.decode("posts")
            summary.likes = try count(row, "likes")
            summary.comments = try count(row, "comments")
            summary.shares = try count(row, "shares")
            summary.views = try count(row, "views")
            summary.medianLikes = try row.decode("median_likes")
            summary.medianComments = try row.decode("median_comments")
            summary.medianShares = try row.decode("median_shares")
            summary.medianViews = try row.decode("median_views")
            summary.medianEngagement = try row.decode("median_engagement")
            summary.perThousandViews = try row.decode("per_thousand")
            summary.medianPerThousandViews = try row.decode("median_per_thousand")
            return summary
        }
    }

    /// Median engagement per post on each network, over the posts the table shows. A post
    /// counts on a network where it was published; each network's engagement is the latest
    /// snapshot of its likes, comments and shares (the view's rule).
    public static func networks(_ filter: PerformanceFilter) -> Query<[NetworkEngagement]> {
        var sql = SQLBuilder()
        let conditions = sql.conditions(filter)
        return Query("""
            SELECT a.platform, count(*) AS posts,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY m.likes + m.comments + m.shares) AS median_engagement
            FROM (SELECT post_id FROM post_performance_summary WHERE \(conditions.joined(separator: " AND "))) shown
            JOIN post_platforms pp ON pp.post_id = shown.post_id AND pp.status = 'published'
            JOIN accounts a ON a.id = pp.account_id
            CROSS JOIN LATERAL (
                SELECT coalesce((SELECT pa.metric_value FROM post_analytics pa
                                  WHERE pa.post_platform_id = pp.id AND pa.metric_name = 'likes'
                                  ORDER BY pa.recorded_at DESC, pa.metric_value DESC LIMIT 1), 0) AS likes,
                       coalesce((SELECT pa.metric_value FROM post_analytics pa
                                  WHERE pa.post_platform_id = pp.id AND pa.metric_name = 'comments'
                                  ORDER BY pa.recorded_at DESC, pa.metric_value DESC LIMIT 1), 0) AS comments,
                       coalesce((SELECT pa.metric_value FROM post_analytics pa
                                  WHERE pa.post_platform_id = pp.id AND pa.metric_name = 'shares'
                                  ORDER BY pa.recorded_at DESC, pa.metric_value DESC LIMIT 1), 0) AS shares
            ) m
            GROUP BY a.platform
            ORDER BY a.platform
            """, sql.parameters, localSettings: [.noJIT]) { result in
            try result.rows.map { row in
                NetworkEngagement(platform: try row.decode("platform"), posts: try row.decode("posts"),
                                  medianEngagement: try row.decode("median_engagement"))
            }
        }
    }

    /// The best-time heatmap: the dated posts binned by weekday and hour on the wall clock of
    /// each post's own client (`clientZones`, the clients' zones as the caller resolved them;
    /// `zone` for a client without one) at the post's own instant (the server's time zone
    /// rules), with each slot's count and median engagement. So with several clients in scope,
    /// 09:00 is each audience's 09:00. Aggregated on the server: at most 168 rows arrive,
    /// however many posts there are. (The zones come from the caller, already checked, because
    /// checking them on the server through `pg_timezone_names` costs about 100 ms a query.)
    public static func heatmap(_ filter: PerformanceFilter, zone: DisplayZone, clientZones: [ClientID: DisplayZone],
                               minimumCount: Int = 3) -> Query<HeatmapBins> {
        var sql = SQLBuilder()
        let conditions = sql.conditions(filter) + ["published_at IS NOT NULL"]
        let zoneName = sql.bind(zone.name)
        let zonesJSON = "{" + clientZones.map { "\"\($0.key)\":\"\(jsonEscaped($0.value.name))\"" }.sorted().joined(separator: ",") + "}"
        let zones = sql.bind(zonesJSON)
        return Query("""
            SELECT extract(isodow FROM local)::int AS weekday, extract(hour FROM local)::int AS hour,
                   count(*) AS posts, percentile_cont(0.5) WITHIN GROUP (ORDER BY engagement) AS median
            FROM (
                SELECT s.published_at AT TIME ZONE coalesce(z.name, \(zoneName)::text) AS local,
                       s.total_likes + s.total_comments + s.total_shares AS engagement
                FROM (SELECT published_at, total_likes, total_comments, total_shares, client_id
                      FROM post_performance_summary
                      WHERE \(conditions.joined(separator: " AND "))) s
                LEFT JOIN jsonb_each_text(\(zones)::jsonb) z(client_id, name) ON z.client_id = s.client_id::text
            ) binned
            GROUP BY 1, 2
            """, sql.parameters, localSettings: [.noJIT]) { result in
            let slots = try result.rows.compactMap { row -> HeatmapBins.Slot? in
                guard let weekday = Weekday(rawValue: try row.decode("weekday")) else { return nil }
                return HeatmapBins.Slot(weekday: weekday, hour: try row.decode("hour"), count: try row.decode("posts"),
                                        median: try row.decode("median"))
            }
            return HeatmapBins(slots: slots, zone: zone, minimumCount: minimumCount)
        }
    }

    /// A zone name inside a JSON string (IANA names hold only letters, digits, `/_-+`; this is
    /// for safety, not for the names we expect).
    private static func jsonEscaped(_ text: String) -> String {
        text.unicodeScalars.map { scalar in
            switch scalar {
            case "\"": "\\\""
            case "\\": "\\\\"
            case _ where scalar.value < 0x20: "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: String(scalar)
            }
        }.joined()
    }

    /// One post: its text, client, networks (with account and status) and every snapshot of
    /// the four metrics; nil when the post is gone.
    public static func detail(_ post: PostID) -> Query<PostPerformanceDetail?> {
        Query("""
            SELECT p.id, p.content, p.published_at, c.name AS client_name, p.client_id,
                   pp.id AS post_platform_id, pp.status AS platform_status, pp.published_at AS platform_published_at,
                   pp.error_message, a.platform, a.username,
                   pa.metric_name, pa.metric_value, pa.recorded_at
            FROM posts p
            JOIN clients c ON c.id = p.client_id
            LEFT JOIN post_platforms pp ON pp.post_id = p.id
            LEFT JOIN accounts a ON a.id = pp.account_id
            LEFT JOIN post_analytics pa ON pa.post_platform_id = pp.id
                 AND pa.metric_name IN ('likes', 'comments', 'shares', 'views')
            WHERE p.id = $1::uuid
            ORDER BY a.platform, a.username, pp.id, pa.metric_name, pa.recorded_at, pa.metric_value
            """, [post]) { result in
            guard let first = result.first else { return nil }
            var order: [PostPlatformID] = []
            var platforms: [PostPlatformID: (row: Row, samples: [PostMetric: [MetricSample]])] = [:]
            for row in result.rows {
                guard let id = try row.decode("post_platform_id", as: PostPlatformID?.self) else { continue }
                if platforms[id] == nil { order.append(id); platforms[id] = (row, [:]) }
                if let name = try row.decode("metric_name", as: String?.self), let metric = PostMetric(rawValue: name),
                   let at = try row.decode("recorded_at", as: Date?.self) {
                    let value = try count(row, "metric_value")
                    platforms[id]!.samples[metric, default: []].append(MetricSample(at: at, value: value))
                }
            }
            return PostPerformanceDetail(
                id: try first.decode("id"), content: try first.decode("content"),
                publishedAt: try first.decode("published_at"), clientName: try first.decode("client_name"),
                clientID: try first.decode("client_id"),
                platforms: try order.map { id in
                    let (row, samples) = platforms[id]!
                    return PlatformMetrics(
                        id: id, platform: try row.decode("platform"), username: try row.decode("username"),
                        status: try row.decode("platform_status"), publishedAt: try row.decode("platform_published_at"),
                        errorMessage: try row.decode("error_message"),
                        series: samples.mapValues(PlatformMetrics.normalized))
                })
        }
    }
}
