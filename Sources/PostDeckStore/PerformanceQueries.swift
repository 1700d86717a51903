import Foundation
import PostDeckCore

/// Which published posts the performance pane and `postdeck performance` look at: a scope,
/// the earliest publish time, and a text that the content or the client name contains.
public struct PerformanceFilter: Sendable, Hashable {
    public var scope: Scope
    public var since: Date?
    public var text: String

    public init(scope: Scope = .allClients, since: Date? = nil, text: String = "") {
        self.scope = scope
        self.since = since
        self.text = text
    }

    public init(scope: Scope, range: PerformanceRange, now: Date, text: String = "") {
        self.init(scope: scope, since: range.since(now: now), text: text)
    }
}

/// Where the next page of the newest-first (or oldest-first) table starts. Dated posts come
/// first, in publish-time order; posts without a publish time (possible in the seed's schema)
/// come last, by id, whichever the direction.
public enum PerformanceCursor: Sendable, Hashable {
    /// After the post published at `micros` (microseconds since 1970, exact) with this id.
    case dated(micros: Int64, id: PostID)
    /// Among the undated posts, after this one (nil: from the first).
    case undated(after: PostID?)
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
/// Paging by publish time is keyset pagination on `(published_at, post_id)`: a page reads
/// `idx_posts_client_published_at` (one client) or `idx_posts_published_at` (all) from the
/// cursor and computes the view's metrics for its rows only. Metric and client sorts cannot
/// be read in order from an index, so `ranking` orders the ids once (computing only the sort
/// column) and `rows(_:)` reads pages of them by id.
public enum PerformanceQueries {
    static let columns = """
        post_id, content, published_at, client_name, platform_count, published_count,
        total_likes, total_shares, total_comments, total_views, client_id
        """

    // MARK: Table

    /// One page of the table by publish time, after `cursor` (nil: the first page).
    public static func page(_ filter: PerformanceFilter, descending: Bool = true, after cursor: PerformanceCursor?,
                            limit: Int) -> Query<PerformancePage> {
        var sql = SQLBuilder()
        let conditions = sql.conditions(filter)
        let order = descending ? "DESC" : "ASC"
        let comparison = descending ? "<" : ">"
        let undated: Bool
        var keyset: [String] = []
        switch cursor {
        case nil, .dated:
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
        return Query(text, sql.parameters) { result in
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

    /// Every post id of the table in `sort` order: for sorts no index can follow. Only the
    /// sort column is computed (the planner drops the view's unused metrics).
    public static func ranking(_ filter: PerformanceFilter, sort: PerformanceSort) -> Query<[PostID]> {
        var sql = SQLBuilder()
        let conditions = sql.conditions(filter)
        let text = """
            SELECT post_id FROM post_performance_summary
            WHERE \(conditions.joined(separator: " AND "))
            ORDER BY \(orderBy(sort))
            """
        return Query(text, sql.parameters) { result in try result.rows.map { try $0.decode("post_id") } }
    }

    /// The table's rows for these posts, in the order given (posts no longer published are left out).
    public static func rows(_ ids: [PostID]) -> Query<[PostPerformance]> {
        Query("""
            SELECT \(columns) FROM post_performance_summary
            WHERE post_id = ANY($1::uuid[])
            """, [SQLArray(ids)]) { result in
            let found = Dictionary(try result.rows.map(decode).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            return ids.compactMap { found[$0] }
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
        return Query(text, sql.parameters) { result in try result.rows.map(decode) }
    }

    /// `ORDER BY` for a sort: the column, then newest first and the id, so the order is total.
    /// By publish time, undated posts come last in both directions (as `page` returns them).
    static func orderBy(_ sort: PerformanceSort) -> String {
        let direction = sort.descending ? "DESC" : "ASC"
        let ties = "published_at DESC NULLS LAST, post_id DESC"
        switch sort.field {
        case .published: return "published_at \(direction) NULLS LAST, post_id \(direction)"
        case .likes: return "total_likes \(direction), \(ties)"
        case .comments: return "total_comments \(direction), \(ties)"
        case .shares: return "total_shares \(direction), \(ties)"
        case .views: return "total_views \(direction), \(ties)"
        case .engagement: return "total_likes + total_comments + total_shares \(direction), \(ties)"
        case .client: return "client_name \(direction), client_id \(direction), \(ties)"
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
        if let since = filter.since { conditions.append("published_at >= \(bind(since))::timestamptz") }
        let text = filter.text.trimmingCharacters(in: .whitespaces)
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
