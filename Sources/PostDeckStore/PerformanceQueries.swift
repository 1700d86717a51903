import FoundationEssentials
import PostDeckCore

/// Which published posts the performance pane and `postdeck performance` look at: a scope,
/// the earliest publish time, and a text that the content or the client name contains.
/// `agency` narrows "all clients" to one agency's clients (as the calendar's page does).
public struct PerformanceFilter: Sendable, Hashable {
    public var scope: Scope
    public var agency: AgencyID?
    public var since: Date?
    public var text: String

    public init(scope: Scope = .allClients, agency: AgencyID? = nil, since: Date? = nil, text: String = "") {
        self.scope = scope
        self.agency = agency
        self.since = since
        self.text = text
    }

    public init(scope: Scope, agency: AgencyID? = nil, range: PerformanceRange, now: Date, text: String = "") {
        self.init(scope: scope, agency: agency, since: range.since(now: now), text: text)
    }
}

/// Where the next page of the table starts. By publish time, dated posts come first, in
/// publish-time order; posts without a publish time (possible in the seed's schema) come
/// last, by id, whichever the direction. By any other column, after the last row's value
/// of that column and its tie-breakers (newest first, then id).
public enum PerformanceCursor: Sendable, Hashable {
    /// After the post published at `micros` (microseconds since 1970, exact) with this id.
    case dated(micros: Int64, id: PostID)
    /// Among the undated posts, after this one (nil: from the first).
    case undated(after: PostID?)
    /// After the post whose sort column reads `key` (a metric's exact numeric text, or the
    /// client's name with `clientID`), published at `micros` (nil: undated), with this id.
    case ranked(key: String, clientID: ClientID?, micros: Int64?, id: PostID)
}

/// One page of the table and where the next one starts (nil: nothing after it).
public struct PerformancePage: Sendable, Equatable {
    public let rows: [PostPerformance]
    public let next: PerformanceCursor?

    public init(rows: [PostPerformance], next: PerformanceCursor?) {
        self.rows = rows
        self.next = next
    }
}

/// The performance pane's reads, over the fixed `post_performance_summary` view.
///
/// Every sort pages with a keyset, so the pane holds only the rows it has shown. By
/// publish time that is `(published_at, post_id)`: a page reads
/// `idx_posts_client_published_at` (one client) or `idx_posts_published_at` (all) from the
/// cursor and computes the view's metrics for its rows only. Metric and client sorts cannot
/// be read in order from an index: each page ranks the posts in range on the server (the
/// planner computes only the sort column for all of them, then the whole row for the page)
/// and continues after the last row's sort key.
public enum PerformanceQueries {
    static let columns = """
        post_id, content, published_at, client_name, platform_count, published_count,
        total_likes, total_shares, total_comments, total_views, client_id
        """

    // MARK: Table

    /// One page of the table in `sort` order, after `cursor` (nil: the first page).
    public static func page(_ filter: PerformanceFilter, sort: PerformanceSort = .newestFirst, after cursor: PerformanceCursor?,
                            limit: Int) -> Query<PerformancePage> {
        sort.field == .published ? byTime(filter, descending: sort.descending, after: cursor, limit: limit)
                                 : ranked(filter, sort: sort, after: cursor, limit: limit)
    }

    /// A page by publish time: read in order from the posts' time index.
    private static func byTime(_ filter: PerformanceFilter, descending: Bool, after cursor: PerformanceCursor?,
                               limit: Int) -> Query<PerformancePage> {
        var sql = SQLBuilder()
        let conditions = sql.conditions(filter)
        let order = descending ? "DESC" : "ASC"
        let comparison = descending ? "<" : ">"
        let undated: Bool
        var keyset: [String] = []
        switch cursor {
        case nil, .dated, .ranked:
            undated = false
            keyset.append("published_at IS NOT NULL")
            if case .dated(let micros, let id) = cursor {
                keyset.append("(published_at, post_id) \(comparison) (timestamptz 'epoch' + \(sql.bind(Int(micros)))::int8 * interval '1 microsecond', \(sql.bind(id))::uuid)")
            }
        case .undated(let after):
            undated = true
            keyset.append("published_at IS NULL")
            if let after { keyset.append("post_id \(comparison) \(sql.bind(after))::uuid") }
        }
        let orderBy = undated ? "post_id \(order)" : "published_at \(order), post_id \(order)"
        let text = """
            SELECT \(columns), (EXTRACT(EPOCH FROM published_at) * 1000000)::int8 AS published_micros
            FROM post_performance_summary
            WHERE \((conditions + keyset).joined(separator: " AND "))
            ORDER BY \(orderBy)
            LIMIT \(sql.bind(limit + 1))::int
            """
        // Undated posts only exist for the whole history: a range excludes them.
        let hasUndated = filter.since == nil
        return Query(text, sql.parameters, localSettings: [.noJIT]) { result in
            var rows = try result.rows.map(decode)
            let more = rows.count > limit
            if more { rows.removeLast() }
            let next: PerformanceCursor?
            if let last = rows.last, more {
                next = undated ? .undated(after: last.id)
                    : .dated(micros: Int64(try result.rows[rows.count - 1].decode("published_micros", as: Int.self)), id: last.id)
            } else {
                next = !undated && hasUndated ? .undated(after: nil) : nil
            }
            return PerformancePage(rows: rows, next: next)
        }
    }

    /// A page by a metric or the client: ranked on the server, after the cursor's sort key.
    private static func ranked(_ filter: PerformanceFilter, sort: PerformanceSort, after cursor: PerformanceCursor?,
                               limit: Int) -> Query<PerformancePage> {
        var sql = SQLBuilder()
        var conditions = sql.conditions(filter)
        let key = sortKey(sort.field)
        if case .ranked(let value, let clientID, let micros, let id) = cursor {
            let comparison = sort.descending ? "<" : ">"
            let beyond: String, level: String
            if sort.field == .client {
                let pair = "(\(sql.bind(value))::text, \(sql.bind(clientID))::uuid)"
                beyond = "(client_name::text, client_id) \(comparison) \(pair)"
                level = "(client_name::text, client_id) = \(pair)"
            } else {
                let bound = sql.bind(value)
                beyond = "\(key) \(comparison) \(bound)::numeric"
                level = "\(key) = \(bound)::numeric"
            }
            // Ties: newest first, undated last, then by id descending (as `orderBy` sorts them).
            let postID = sql.bind(id)
            let tie: String
            if let micros {
                let time = "timestamptz 'epoch' + \(sql.bind(Int(micros)))::int8 * interval '1 microsecond'"
                tie = "(published_at < \(time) OR published_at IS NULL OR (published_at = \(time) AND post_id < \(postID)::uuid))"
            } else {
                tie = "(published_at IS NULL AND post_id < \(postID)::uuid)"
            }
            conditions.append("(\(beyond) OR (\(level) AND \(tie)))")
        }
        // Two steps: rank computing only the sort column (the planner drops the view's other
        // metrics), then the whole rows of the page alone.
        let text = """
            WITH ranked AS MATERIALIZED (
                SELECT post_id, (\(sort.field == .client ? "client_name" : key))::text AS sort_key,
                       row_number() OVER (ORDER BY \(orderBy(sort))) AS position
                FROM post_performance_summary
                WHERE \(conditions.joined(separator: " AND "))
                ORDER BY \(orderBy(sort))
                LIMIT \(sql.bind(limit + 1))::int
            )
            SELECT \(columns.split(separator: ",").map { "v." + $0.trimmingSpacesAndNewlines() }.joined(separator: ", ")),
                   (EXTRACT(EPOCH FROM v.published_at) * 1000000)::int8 AS published_micros, r.sort_key
            FROM ranked r JOIN post_performance_summary v ON v.post_id = r.post_id
            WHERE v.post_id = ANY(ARRAY(SELECT post_id FROM ranked))
            ORDER BY r.position
            """
        return Query(text, sql.parameters, localSettings: [.noJIT]) { result in
            var rows = try result.rows.map(decode)
            let more = rows.count > limit
            if more { rows.removeLast() }
            guard more, let last = rows.last else { return PerformancePage(rows: rows, next: nil) }
            let row = result.rows[rows.count - 1]
            return PerformancePage(rows: rows, next: .ranked(
                key: try row.decode("sort_key"), clientID: sort.field == .client ? last.clientID : nil,
                micros: try row.decode("published_micros", as: Int?.self).map(Int64.init), id: last.id))
        }
    }

    /// The view's expression a metric sort orders by.
    static func sortKey(_ field: PerformanceSort.Field) -> String {
        switch field {
        case .likes: "total_likes"
        case .comments: "total_comments"
        case .shares: "total_shares"
        case .views: "total_views"
        case .engagement: "(total_likes + total_comments + total_shares)"
        case .published: "published_at"
        case .client: "client_name"
        }
    }

    /// The whole table in one statement, in `sort` order, at most `limit` rows: what
    /// `postdeck performance` prints and `e` exports.
    public static func list(_ filter: PerformanceFilter, sort: PerformanceSort, limit: Int? = nil) -> Query<[PostPerformance]> {
        var sql = SQLBuilder()
        let conditions = sql.conditions(filter)
        var text = """
            SELECT \(columns) FROM post_performance_summary
            WHERE \(conditions.joined(separator: " AND "))
            ORDER BY \(orderBy(sort))
            """
        if let limit { text += "\nLIMIT \(sql.bind(limit))::int" }
        return Query(text, sql.parameters, localSettings: [.noJIT]) { result in try result.rows.map(decode) }
    }

    /// `ORDER BY` for a sort: the column, then newest first and the id, so the order is total.
    /// By publish time, undated posts come last in both directions (as `page` returns them).
    static func orderBy(_ sort: PerformanceSort) -> String {
        let direction = sort.descending ? "DESC" : "ASC"
        let ties = "published_at DESC NULLS LAST, post_id DESC"
        switch sort.field {
        case .published: return "published_at \(direction) NULLS LAST, post_id \(direction)"
        case .likes, .comments, .shares, .views, .engagement: return "\(sortKey(sort.field)) \(direction), \(ties)"
        case .client: return "client_name::text \(direction), client_id \(direction), \(ties)"
        }
    }

    static func decode(_ row: Row) throws -> PostPerformance {
        PostPerformance(
            id: try row.decode("post_id"), content: try row.decode("content"),
            publishedAt: try row.decode("published_at"), clientName: try row.decode("client_name"),
            clientID: try row.decode("client_id"),
            platformCount: try row.decode("platform_count"), publishedCount: try row.decode("published_count"),
            likes: try count(row, "total_likes"), shares: try count(row, "total_shares"),
            comments: try count(row, "total_comments"), views: try count(row, "total_views"))
    }

    /// A counter: `numeric` in the schema, whole in practice; a fraction is rounded.
    static func count(_ row: Row, _ column: String) throws -> Int {
        let value = try row.decode(column, as: Double.self)
        return value.isFinite ? Int(value.rounded()) : 0
    }
}

/// Numbered parameters and the WHERE conditions every performance query shares.
struct SQLBuilder {
    private(set) var parameters: [(any SQLParameter)?] = []

    /// Adds a parameter; returns its placeholder (`$3`). Cast it in the SQL.
    mutating func bind(_ value: (any SQLParameter)?) -> String {
        parameters.append(value)
        return "$\(parameters.count)"
    }

    /// Conditions on the view's columns for a filter. Only those that apply are written, so
    /// the planner sees `client_id = $1` (and uses the client's index) rather than an `OR`.
    mutating func conditions(_ filter: PerformanceFilter) -> [String] {
        var conditions: [String] = []
        if let client = filter.scope.clientID { conditions.append("client_id = \(bind(client))::uuid") }
        if let agency = filter.agency {
            // An array, so that each of its clients' posts are read from the client's own index.
            conditions.append("client_id = ANY(ARRAY(SELECT id FROM clients WHERE agency_id = \(bind(agency))::uuid))")
        }
        if let since = filter.since { conditions.append("published_at >= \(bind(since))::timestamptz") }
        let text = filter.text.trimmingSpaces()
        if !text.isEmpty {
            let pattern = bind("%" + SQLBuilder.escapeLike(text) + "%")
            conditions.append("(content ILIKE \(pattern)::text OR client_name ILIKE \(pattern)::text)")
        }
        return conditions.isEmpty ? ["true"] : conditions
    }

    /// `50%_off\` as a LIKE pattern that matches it literally (backslash is LIKE's escape).
    static func escapeLike(_ text: String) -> String {
        var result = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
