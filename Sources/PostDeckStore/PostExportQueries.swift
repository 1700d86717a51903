import FoundationEssentials
import PostDeckCore

/// The posts `postdeck export posts` writes, each exactly as stored.
public enum PostExportQueries {
    /// Posts of `client` (all clients when nil) whose time falls in `range` (every post,
    /// undated drafts included, when nil) with one of `statuses` (any when empty): by
    /// client, then time (undated last), then creation.
    public static func posts(client: ClientID?, range: TimeRange?, statuses: Set<PostStatus>) -> Query<[PostSnapshot]> {
        Query("""
            SELECT postdeck_post_snapshot(p.id)::text AS snapshot, p.updated_at
            FROM posts p JOIN clients c ON c.id = p.client_id
            WHERE ($1::uuid IS NULL OR p.client_id = $1::uuid)
              AND ($2::timestamptz IS NULL OR (p.scheduled_at >= $2::timestamptz AND p.scheduled_at < $3::timestamptz))
              AND (cardinality($4::text[]) = 0 OR p.status::text = ANY($4::text[]))
            ORDER BY lower(c.name), c.id, p.scheduled_at NULLS LAST, p.created_at, p.id
            """, [client, range?.start, range?.end, SQLArray(statuses.map(\.rawValue).sorted())]) { result in
            try result.rows.compactMap { row in
                try PostWrites.decodeSnapshot(row.decode("snapshot", as: String?.self), stamp: row.decode("updated_at", as: Date.self))
            }
        }
    }
}
