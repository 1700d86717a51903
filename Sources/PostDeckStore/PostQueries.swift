import FoundationEssentials
import PostDeckCore

/// Reads that name posts by id for the command line: which post a typed id prefix means,
/// the short ids the agenda prints, and each network's text of a list of posts.
public enum PostQueries {
    /// How many posts an ambiguous prefix lists.
    public static let listedMatches = 10

    /// The posts whose id starts with `prefix`, by id, at most `limit` of them. One range
    /// scan of the primary key, [prefix000…, prefixfff…], whatever the number of posts.
    public static func matching(_ prefix: PostIDPrefix, limit: Int) -> Query<[PostIDMatch]> {
        Query("""
            SELECT p.id, c.name AS client_name, p.status, coalesce(p.published_at, p.scheduled_at) AS time,
                   left(p.content, 80) AS excerpt
            FROM posts p JOIN clients c ON c.id = p.client_id
            WHERE p.id BETWEEN $1::uuid AND $2::uuid
            ORDER BY p.id
            LIMIT $3::int
            """, [prefix.lowest, prefix.highest, limit]) { result in
            try result.rows.map { row in
                PostIDMatch(id: try row.decode("id"), clientName: try row.decode("client_name"), status: try row.decode("status"),
                            time: try row.decode("time"), excerpt: try row.decode("excerpt") ?? "")
            }
        }
    }

    /// The one post whose id starts with `prefix`; its decoding throws `PostIDLookupError`
    /// when no post does, or more than one (listing the first `listedMatches`).
    public static func resolve(_ prefix: PostIDPrefix) -> Query<PostIDMatch> {
        let query = matching(prefix, limit: listedMatches + 1)
        return Query(query.sql, query.parameters) { result in
            let matches = try query.decode(result)
            return try PostIDLookupError.unique(prefix, among: Array(matches.prefix(listedMatches)),
                                                more: matches.count > listedMatches)
        }
    }

    /// Each post's id as the agenda prints it: eight hex digits, or more where another post's
    /// id starts the same (`Identifier.short(distinctFrom:)`). Two index probes per post: the
    /// ids just before and after it in the primary key.
    public static func shortIDs(_ ids: [PostID]) -> Query<[PostID: String]> {
        Query("""
            SELECT q.id,
                   (SELECT p.id FROM posts p WHERE p.id < q.id ORDER BY p.id DESC LIMIT 1) AS before,
                   (SELECT p.id FROM posts p WHERE p.id > q.id ORDER BY p.id LIMIT 1) AS after
            FROM unnest($1::uuid[]) AS q(id)
            """, [SQLArray(ids)]) { result in
            var short: [PostID: String] = [:]
            for row in result.rows {
                let id: PostID = try row.decode("id")
                let neighbours = [try row.decode("before", as: PostID?.self), try row.decode("after", as: PostID?.self)]
                short[id] = id.short(distinctFrom: neighbours.compactMap { $0 })
            }
            return short
        }
    }

    /// The whole text of each post and its per-network variations (`content_variations`;
    /// keys that name no network and values that are not text are left out), so
    /// `DraftContent.caption(for:)` gives the text that goes out on each network.
    public static func texts(_ ids: [PostID]) -> Query<[PostID: DraftContent]> {
        Query("""
            SELECT p.id, p.content,
                   (SELECT coalesce(json_object_agg(v.key, v.value #>> '{}'), '{}')::text
                    FROM jsonb_each(CASE WHEN jsonb_typeof(p.content_variations) = 'object'
                                         THEN p.content_variations ELSE '{}'::jsonb END) v
                    WHERE jsonb_typeof(v.value) = 'string') AS variations
            FROM posts p
            WHERE p.id = ANY($1::uuid[])
            """, [SQLArray(ids)]) { result in
            var texts: [PostID: DraftContent] = [:]
            for row in result.rows {
                let json = try row.decode("variations", as: String.self)
                guard let pairs = try? JSONDecoder().decode([String: String].self, from: Data(json.utf8)) else {
                    throw StoreError.decoding(column: "variations", expected: "a JSON object of texts", found: String(json.prefix(80)))
                }
                let variations = Dictionary(uniqueKeysWithValues: pairs.compactMap { key, text in Platform(rawValue: key).map { ($0, text) } })
                texts[try row.decode("id")] = DraftContent(text: try row.decode("content"), variations: variations)
            }
            return texts
        }
    }
}
