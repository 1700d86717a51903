import FoundationEssentials

/// The performance table as CSV, for `e` in the pane and `postdeck performance --format csv`:
/// the view's columns by their names, then engagement and engagement per 1,000 views.
/// Content is written whole (commas, quotes, newlines and emoji included, RFC 4180 quoting);
/// times are ISO 8601 with the display zone's offset, so they read locally and stay exact.
public enum PerformanceCSV {
    public static let header = [
        "post_id", "content", "published_at", "client_name", "platform_count", "published_count",
        "total_likes", "total_shares", "total_comments", "total_views", "client_id",
        "engagement", "engagement_per_1000_views",
    ]

    public static func document(_ rows: [PostPerformance], zone: DisplayZone) -> CSVWriter {
        var csv = CSVWriter(header: header)
        for row in rows {
            csv.append([
                row.id.description, row.content, row.publishedAt.map { zone.format($0, .iso8601) } ?? "",
                row.clientName, String(row.platformCount), String(row.publishedCount),
                String(row.likes), String(row.shares), String(row.comments), String(row.views), row.clientID.description,
                String(row.engagement), row.engagementPerThousandViews.map { MetricFormat.oneDecimal($0) } ?? "",
            ])
        }
        return csv
    }
}
