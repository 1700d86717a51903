extension Migrations {
    /// Migration 4: an index that answers `post_performance_summary`'s latest-snapshot probes
    /// from the index alone. docs/SCHEMA.md has the plans and timings behind it.
    static let performanceIndex = Migration(version: 4, name: "performance index", sql: #"""
-- Migration 4: the latest snapshot of one metric of one post_platform, read from the index.
-- The view asks, per post_platform and metric, for ORDER BY recorded_at DESC,
-- metric_value DESC LIMIT 1. With this key order that is the first entry of the range,
-- read without visiting the table (index-only) and without the tie-break sort that the
-- seed's idx_post_analytics_composite needs. See docs/SCHEMA.md, "Indexes added for the panes".
CREATE INDEX idx_post_analytics_latest
    ON post_analytics (post_platform_id, metric_name, recorded_at DESC, metric_value DESC);
"""#)
}
