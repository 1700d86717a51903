import FoundationEssentials

/// Synthetic analytics for posts the sandbox publisher "published", so that `postdeck demo`
/// shows them gathering views, likes, comments and shares while you watch. Each reading is a
/// lifetime counter, `final × (1 − e^(−minutes/τ))`, so it never goes down (as the demo
/// data's readings, on a scale of minutes instead of days); `final` depends only on the
/// seed, the post_platform and the account's followers. A reading is stored only when it
/// grew, so a post that has settled writes nothing more.
public enum SandboxAnalytics {
    /// The metrics recorded, as the demo data names them.
    public static let metrics = ["views", "likes", "comments", "shares"]

    /// Records one reading per metric for every post_platform the sandbox published in the
    /// last `windowMinutes`. Returns how many post_platforms are still in that window (0:
    /// nothing left to watch until the next publish).
    public static func record(seed: Int, windowMinutes: Double, tauMinutes: Double) -> Query<Int> {
        func unit(_ purpose: String) -> String {
            "((hashtextextended(f.id::text || ':\(purpose)', $1::bigint) & 1048575)::float8 / 1048576)"
        }
        return Query("""
            WITH fresh AS (
                SELECT pp.id, a.platform,
                       coalesce(CASE WHEN jsonb_typeof(a.metadata->'followers') = 'number'
                                     THEN (a.metadata->>'followers')::float8 END, 1000) AS followers,
                       extract(epoch FROM now() - pp.published_at)::float8 / 60 AS minutes
                FROM post_platforms pp JOIN accounts a ON a.id = pp.account_id
                WHERE pp.status = 'published' AND pp.platform_data->>'publisher' = 'sandbox'
                  AND pp.published_at > now() - $2::float8 * interval '1 minute'
            ), finals AS (
                SELECT f.id, f.minutes,
                       f.followers * (0.05 + 0.45 * \(unit("views")))
                           * CASE f.platform WHEN 'tiktok' THEN 4 WHEN 'linkedin' THEN 0.6 ELSE 1 END + 20 AS views,
                       0.02 + 0.08 * \(unit("likes")) AS like_rate,
                       0.001 + 0.005 * \(unit("comments")) AS comment_rate,
                       0.0005 + 0.01 * \(unit("shares")) AS share_rate
                FROM fresh f
            ), readings AS (
                SELECT f.id, m.metric,
                       floor(f.views * m.rate * (1 - exp(-greatest(f.minutes, 0) / $3::float8)))::numeric AS value
                FROM finals f
                CROSS JOIN LATERAL (VALUES ('views', 1::float8), ('likes', f.like_rate), ('comments', f.comment_rate),
                                           ('shares', f.share_rate)) AS m(metric, rate)
            ), stored AS (
                INSERT INTO post_analytics (post_platform_id, metric_name, metric_value, recorded_at)
                SELECT r.id, r.metric, r.value, now()
                FROM readings r
                WHERE r.value > coalesce((SELECT pa.metric_value FROM post_analytics pa
                                          WHERE pa.post_platform_id = r.id AND pa.metric_name = r.metric
                                          ORDER BY pa.recorded_at DESC, pa.metric_value DESC LIMIT 1), -1)
            )
            SELECT count(*) AS fresh FROM fresh
            """, [seed, windowMinutes, tauMinutes]) { try $0.first?.decode("fresh") ?? 0 }
    }
}
