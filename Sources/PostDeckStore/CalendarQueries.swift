import FoundationEssentials
import PostDeckCore

/// The calendar pane's and `postdeck agenda`'s reads: the posts of a time range, the
/// unscheduled drafts, one post's detail and the choices of the filter panel. The writes
/// (reschedule, cancel, duplicate, undo) are in CalendarWrites.swift.
public enum CalendarQueries {
    /// What the calendar shows for one range: the posts that go out (or went out) in it,
    /// by time, and the posts that have no time yet.
    public struct Page: Sendable, Equatable {
        public let posts: [CalendarPost]
        public let unscheduled: [CalendarPost]

        public init(posts: [CalendarPost], unscheduled: [CalendarPost]) {
            self.posts = posts
            self.unscheduled = unscheduled
        }
    }

    /// The posts in scope whose `coalesce(published_at, scheduled_at)` lies in `range`
    /// ([start, end)), ordered by that time, plus up to `unscheduledLimit` posts without a
    /// time (newest edit first). `agency` narrows "all clients" to one agency's clients.
    ///
    /// Each client's posts are read from `idx_posts_client_calendar_time` (a nested loop
    /// over the clients in scope), so only the visible range is read, whatever the history;
    /// their accounts come from `idx_post_platforms_post_accounts` without visiting the table.
    /// The time is written as a CASE, not `coalesce`: a CASE is leak-proof, so under
    /// row-level security (a manager's session) the range is still an index condition.
    public static func page(in scope: Scope, agency: AgencyID? = nil, range: TimeRange, filter: CalendarFilter = CalendarFilter(),
                            unscheduledLimit: Int = 100) -> Query<Page> {
        Query(pageSQL, parameters(scope: scope, agency: agency, range: range, filter: filter, unscheduledLimit: unscheduledLimit),
              localSettings: [.noJIT]) { result in
            var posts: [CalendarPost] = []
            var unscheduled: [CalendarPost] = []
            for post in try decodePosts(result) {
                if post.time == nil { unscheduled.append(post) } else { posts.append(post) }
            }
            posts.sort { ($0.time!, $0.clientName, $0.id) < ($1.time!, $1.clientName, $1.id) }
            unscheduled.sort { ($0.updatedAt, $0.id) > ($1.updatedAt, $1.id) }
            return Page(posts: posts, unscheduled: unscheduled)
        }
    }

    /// One post as a calendar row, or nil when it no longer exists (after a refused write).
    public static func post(_ id: PostID) -> Query<CalendarPost?> {
        Query(withTargets("""
            hits AS (
                SELECT c.name AS client_name, c.preferences->>'timezone' AS timezone, \(postColumns)
                FROM posts p JOIN clients c ON c.id = p.client_id
                WHERE p.id = $1::uuid
            )
            """), [id]) { result in
            try decodePosts(result).first
        }
    }

    static func parameters(scope: Scope, agency: AgencyID?, range: TimeRange, filter: CalendarFilter,
                           unscheduledLimit: Int) -> [(any SQLParameter)?] {
        let text = filter.text.trimmingSpaces()
        return [
            scope.clientID, agency, range.start, range.end,
            filter.statuses.isEmpty ? nil : SQLArray(filter.statuses.sorted { $0.rawValue < $1.rawValue }),
            filter.campaign, text.isEmpty ? nil : text,
            filter.platforms.isEmpty ? nil : SQLArray(filter.platforms.sorted()),
            filter.account, unscheduledLimit,
        ]
    }

    /// Applied to each client's posts before the range or the limit.
    static let filterSQL = """
        AND ($5::post_status[] IS NULL OR p.status = ANY($5::post_status[]))
        AND ($6::uuid IS NULL OR p.campaign_id = $6::uuid)
        AND ($7::text IS NULL OR strpos(lower(p.content), lower($7::text)) > 0)
        AND ($8::platform_type[] IS NULL OR EXISTS (
            SELECT 1 FROM post_platforms fp JOIN accounts fa ON fa.id = fp.account_id
            WHERE fp.post_id = p.id AND fa.platform = ANY($8::platform_type[])))
        AND ($9::uuid IS NULL OR EXISTS (
            SELECT 1 FROM post_platforms fp WHERE fp.post_id = p.id AND fp.account_id = $9::uuid))
        """

    static let postColumns = """
        p.id, p.client_id, p.status, left(p.content, 280) AS excerpt, p.scheduled_at, p.published_at,
        p.updated_at, p.campaign_id
        """

    static let pageSQL = withTargets("""
        scope AS (
            SELECT c.id, c.name, c.preferences->>'timezone' AS timezone
            FROM clients c
            WHERE ($1::uuid IS NULL OR c.id = $1::uuid) AND ($2::uuid IS NULL OR c.agency_id = $2::uuid)
        ), hits AS (
            SELECT c.name AS client_name, c.timezone, p.*
            FROM scope c CROSS JOIN LATERAL (
                SELECT \(postColumns) FROM posts p
                WHERE p.client_id = c.id
                  AND (CASE WHEN p.published_at IS NOT NULL THEN p.published_at ELSE p.scheduled_at END) >= $3::timestamptz
                  AND (CASE WHEN p.published_at IS NOT NULL THEN p.published_at ELSE p.scheduled_at END) < $4::timestamptz
                  \(filterSQL)
            ) p
            UNION ALL
            (SELECT c.name, c.timezone, p.*
             FROM scope c CROSS JOIN LATERAL (
                SELECT \(postColumns) FROM posts p
                WHERE p.client_id = c.id AND (CASE WHEN p.published_at IS NOT NULL THEN p.published_at ELSE p.scheduled_at END) IS NULL
                  \(filterSQL)
                ORDER BY p.updated_at DESC NULLS LAST LIMIT $10::int
             ) p
             ORDER BY p.updated_at DESC NULLS LAST LIMIT $10::int)
        )
        """)

    /// Completes a statement whose CTEs end with `hits` (client_name, timezone and
    /// `postColumns`): one `post` row per hit with its accounts and their statuses as two
    /// arrays, then one `accounts` row that describes every account those arrays name, in
    /// parallel arrays (`account_ids`, platform, username, and its longest-lasting token),
    /// with the server's `now()`. Set-based: each post costs one index-only probe of its
    /// post_platforms, each account one lookup, however many posts share it.
    static func withTargets(_ hits: String) -> String {
        """
        WITH \(hits), rows AS MATERIALIZED (
            SELECT h.*, t.account_ids, t.account_statuses
            FROM hits h CROSS JOIN LATERAL (
                SELECT array_agg(pp.account_id) AS account_ids, array_agg(pp.status) AS account_statuses
                FROM post_platforms pp WHERE pp.post_id = h.id
            ) t
        )
        SELECT 'post' AS kind, r.client_name::text AS client_name, r.timezone, r.id, r.client_id, r.status, r.excerpt,
               r.scheduled_at, r.published_at, r.updated_at, r.campaign_id, r.account_ids, r.account_statuses,
               NULL::platform_type[] AS platforms, NULL::text[] AS usernames, NULL::bool[] AS token_forever,
               NULL::timestamptz[] AS token_last, NULL::timestamptz AS now
        FROM rows r
        UNION ALL
        SELECT 'accounts', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
               array_agg(a.id), NULL, array_agg(a.platform), array_agg(a.username::text),
               array_agg(coalesce(tk.forever, false)), array_agg(tk.last), now()
        FROM (SELECT DISTINCT unnest(account_ids) AS id FROM rows) named
        JOIN accounts a ON a.id = named.id
        LEFT JOIN LATERAL (
            SELECT bool_or(t.expires_at IS NULL) AS forever, max(t.expires_at) AS last
            FROM platform_tokens t WHERE t.account_id = a.id
        ) tk ON true
        """
    }

    /// What the `accounts` row says about one account.
    private struct AccountFacts {
        let platform: Platform
        let username: String?
        let tokenForever: Bool
        let tokenLast: Date?
    }

    /// The posts of a `withTargets` result, in the order of their rows, each with its
    /// targets ordered by network, username and id.
    static func decodePosts(_ result: QueryResult) throws -> [CalendarPost] {
        var accounts: [AccountID: AccountFacts] = [:]
        var now = Date()
        for row in result.rows where try row.decode("kind", as: String.self) == "accounts" {
            let ids = try row.decodeArray("account_ids", of: AccountID.self)
            let platforms = try row.decodeArray("platforms", of: Platform.self)
            let usernames = try row.decodeArray("usernames", of: String.self)
            let forever = try row.decodeArray("token_forever", of: Bool.self)
            let last = try row.decodeArray("token_last", of: Date.self)
            guard [platforms.count, usernames.count, forever.count, last.count].allSatisfy({ $0 == ids.count }) else {
                throw StoreError.decoding(column: "account_ids", expected: "\(ids.count) accounts in every array", found: "arrays of other lengths")
            }
            for index in ids.indices {
                guard let id = ids[index], let platform = platforms[index] else { continue }
                accounts[id] = AccountFacts(platform: platform, username: usernames[index],
                                            tokenForever: forever[index] ?? false, tokenLast: last[index])
            }
            now = try row.decode("now") ?? now
        }
        return try result.rows.compactMap { row in
            guard try row.decode("kind", as: String.self) == "post" else { return nil }
            return try decodePost(row, accounts: accounts, now: now)
        }
    }

    private static func decodePost(_ row: Row, accounts: [AccountID: AccountFacts], now: Date) throws -> CalendarPost {
        let ids = try row.decodeArray("account_ids", of: AccountID.self)
        let statuses = try row.decodeArray("account_statuses", of: PlatformPostStatus.self)
        let scheduledAt: Date? = try row.decode("scheduled_at")
        var targets: [CalendarPost.Target] = []
        for (id, status) in zip(ids, statuses) {
            guard let id, let status, let account = accounts[id] else { continue }
            targets.append(.init(accountID: id, platform: account.platform, username: account.username, status: status,
                                 tokenUsable: tokenUsable(forever: account.tokenForever, lastExpiry: account.tokenLast,
                                                          at: scheduledAt, now: now)))
        }
        // As `ORDER BY platform, username, id` would: accounts without a username last.
        targets.sort { a, b in
            if a.platform != b.platform { return a.platform < b.platform }
            if a.username != b.username {
                guard let first = a.username else { return false }
                guard let second = b.username else { return true }
                return first < second
            }
            return a.accountID < b.accountID
        }
        return CalendarPost(
            id: try row.decode("id"), clientID: try row.decode("client_id"), clientName: try row.decode("client_name"),
            clientTimeZone: try row.decode("timezone"), status: try row.decode("status"),
            excerpt: try row.decode("excerpt") ?? "", scheduledAt: scheduledAt,
            publishedAt: try row.decode("published_at"), updatedAt: try row.decode("updated_at") ?? .distantPast,
            campaignID: try row.decode("campaign_id"), targets: targets)
    }

    /// Whether an account can still publish a post scheduled at `time`: it has a token row
    /// without expiry, or one that expires after both now and then. No token row: it cannot
    /// (the `account_health` rule). `now` is the server's, as for every expiry.
    static func tokenUsable(forever: Bool, lastExpiry: Date?, at time: Date?, now: Date) -> Bool {
        if forever { return true }
        guard let lastExpiry else { return false }
        return lastExpiry > max(now, time ?? now)
    }

    // MARK: Detail

    /// Everything about one post, or nil when it no longer exists.
    public static func detail(of id: PostID) -> Query<PostDetail?> {
        Query("""
            SELECT p.id, p.client_id, c.name AS client_name, p.status, p.content, p.scheduled_at, p.published_at,
                   p.created_at, p.updated_at, nullif(p.post_settings, '{}'::jsonb)::text AS settings,
                   cp.name AS campaign_name, tp.name AS template_name,
                   (SELECT coalesce(json_agg(json_build_object('key', v.key, 'text', v.value) ORDER BY v.key), '[]')::text
                    FROM jsonb_each_text(CASE WHEN jsonb_typeof(p.content_variations) = 'object'
                                              THEN p.content_variations ELSE '{}'::jsonb END) v) AS variations,
                   (SELECT coalesce(json_agg(json_build_object(
                        'id', a.id, 'platform', a.platform, 'username', a.username, 'status', pp.status,
                        'platform_post_id', pp.platform_post_id, 'error', pp.error_message,
                        'published_at', extract(epoch FROM pp.published_at),
                        'token_status', CASE WHEN tok.account_id IS NULL THEN 'expired'
                                             WHEN tok.expires_at IS NULL THEN 'healthy'
                                             WHEN tok.expires_at <= now() THEN 'expired'
                                             WHEN tok.expires_at < now() + interval '7 days' THEN 'expiring_soon'
                                             ELSE 'healthy' END)
                        ORDER BY a.platform, a.username, a.id), '[]')::text
                    FROM post_platforms pp JOIN accounts a ON a.id = pp.account_id
                    LEFT JOIN LATERAL (SELECT t.account_id, t.expires_at FROM platform_tokens t WHERE t.account_id = a.id
                                       ORDER BY t.expires_at DESC NULLS FIRST LIMIT 1) tok ON true
                    WHERE pp.post_id = p.id) AS accounts,
                   (SELECT coalesce(json_agg(json_build_object(
                        'filename', m.original_filename, 'media_type', m.media_type, 'mime_type', m.mime_type,
                        'file_size', m.file_size, 'duration', m.duration) ORDER BY m.created_at, m.id), '[]')::text
                    FROM media_files m WHERE m.post_id = p.id) AS media,
                   (SELECT json_build_object('status', j.status, 'scheduled_for', extract(epoch FROM j.scheduled_for),
                        'attempts', coalesce(j.attempts, 0), 'max_attempts', coalesce(j.max_attempts, 0),
                        'error', j.error_message)::text
                    FROM scheduled_jobs j
                    WHERE j.post_id = p.id
                    ORDER BY j.created_at DESC NULLS LAST LIMIT 1) AS job
            FROM posts p
            JOIN clients c ON c.id = p.client_id
            LEFT JOIN campaigns cp ON cp.id = p.campaign_id
            LEFT JOIN post_templates tp ON tp.id = p.template_id
            WHERE p.id = $1::uuid
            """, [id]) { result in
            try result.first.map(decodeDetail)
        }
    }

    private struct VariationJSON: Decodable { let key: String; let text: String }
    private struct AccountJSON: Decodable {
        let id: UUID
        let platform: Platform
        let username: String?
        let status: PlatformPostStatus
        let platform_post_id: String?
        let error: String?
        let published_at: Double?
        let token_status: TokenStatus
    }
    private struct MediaJSON: Decodable {
        let filename: String
        let media_type: MediaType
        let mime_type: String
        let file_size: Int
        let duration: Int?
    }
    private struct JobJSON: Decodable {
        let status: JobStatus
        let scheduled_for: Double
        let attempts: Int
        let max_attempts: Int
        let error: String?
    }

    static func decodeDetail(_ row: Row) throws -> PostDetail {
        let variations = try row.decodeJSON("variations", as: [VariationJSON].self) ?? []
        let accounts = try row.decodeJSON("accounts", as: [AccountJSON].self) ?? []
        let media = try row.decodeJSON("media", as: [MediaJSON].self) ?? []
        let job = try row.decodeJSON("job", as: JobJSON.self)
        return PostDetail(
            id: try row.decode("id"), clientID: try row.decode("client_id"), clientName: try row.decode("client_name"),
            status: try row.decode("status"), content: try row.decode("content"),
            variations: variations.map { .init(key: $0.key, text: $0.text) }, settings: try row.decode("settings"),
            scheduledAt: try row.decode("scheduled_at"), publishedAt: try row.decode("published_at"),
            createdAt: try row.decode("created_at"), updatedAt: try row.decode("updated_at") ?? .distantPast,
            campaignName: try row.decode("campaign_name"), templateName: try row.decode("template_name"),
            accounts: accounts.map {
                .init(accountID: AccountID($0.id), platform: $0.platform, username: $0.username, status: $0.status,
                      platformPostID: $0.platform_post_id, errorMessage: $0.error,
                      publishedAt: $0.published_at.map { Date(timeIntervalSince1970: $0) }, tokenStatus: $0.token_status)
            },
            media: media.map { .init(filename: $0.filename, mediaType: $0.media_type, mimeType: $0.mime_type,
                                     fileSize: $0.file_size, durationSeconds: $0.duration) },
            job: job.map { .init(status: $0.status, scheduledFor: Date(timeIntervalSince1970: $0.scheduled_for),
                                 attempts: $0.attempts, maxAttempts: $0.max_attempts, errorMessage: $0.error) })
    }

    // MARK: Filter choices

    /// What the filter panel offers for the clients in scope: their accounts and campaigns.
    public struct FilterChoices: Sendable, Equatable {
        public struct Account: Sendable, Equatable {
            public let id: AccountID
            public let platform: Platform
            public let label: String
            public init(id: AccountID, platform: Platform, label: String) {
                self.id = id
                self.platform = platform
                self.label = label
            }
        }
        public struct Campaign: Sendable, Equatable {
            public let id: CampaignID
            public let label: String
            public init(id: CampaignID, label: String) {
                self.id = id
                self.label = label
            }
        }
        public let accounts: [Account]
        public let campaigns: [Campaign]

        public init(accounts: [Account], campaigns: [Campaign]) {
            self.accounts = accounts
            self.campaigns = campaigns
        }
    }

    public static func filterChoices(in scope: Scope) -> Query<FilterChoices> {
        Query("""
            SELECT 'account' AS kind, a.id, a.platform::text AS platform,
                   coalesce(a.username, a.display_name, a.platform_account_id) || ' · ' || c.name AS label
            FROM accounts a JOIN clients c ON c.id = a.client_id
            WHERE $1::uuid IS NULL OR a.client_id = $1::uuid
            UNION ALL
            SELECT 'campaign', cp.id, NULL, cp.name || ' · ' || c.name
            FROM campaigns cp JOIN clients c ON c.id = cp.client_id
            WHERE $1::uuid IS NULL OR cp.client_id = $1::uuid
            ORDER BY 1, 3, 4
            """, [scope.clientID]) { result in
            var accounts: [FilterChoices.Account] = []
            var campaigns: [FilterChoices.Campaign] = []
            for row in result.rows {
                let label = try row.decode("label", as: String?.self) ?? "—"
                if try row.decode("kind", as: String.self) == "account" {
                    let platform = Platform(rawValue: try row.decode("platform", as: String.self)) ?? .linkedin
                    accounts.append(.init(id: try row.decode("id"), platform: platform, label: label))
                } else {
                    campaigns.append(.init(id: try row.decode("id"), label: label))
                }
            }
            return FilterChoices(accounts: accounts, campaigns: campaigns)
        }
    }
}
