import Foundation
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
    /// over the clients in scope), so only the visible range is read, whatever the history.
    /// The time is written as a CASE, not `coalesce`: a CASE is leak-proof, so under
    /// row-level security (a manager's session) the range is still an index condition.
    public static func page(in scope: Scope, agency: AgencyID? = nil, range: TimeRange, filter: CalendarFilter = CalendarFilter(),
                            unscheduledLimit: Int = 100) -> Query<Page> {
        Query(pageSQL, parameters(scope: scope, agency: agency, range: range, filter: filter, unscheduledLimit: unscheduledLimit)) { result in
            var posts: [CalendarPost] = []
            var unscheduled: [CalendarPost] = []
            for row in result.rows {
                let post = try decodePost(row)
                if post.time == nil { unscheduled.append(post) } else { posts.append(post) }
            }
            return Page(posts: posts, unscheduled: unscheduled)
        }
    }

    /// One post as a calendar row, or nil when it no longer exists (after a refused write).
    public static func post(_ id: PostID) -> Query<CalendarPost?> {
        Query("""
            SELECT p.id, p.client_id, c.name AS client_name, c.preferences->>'timezone' AS timezone, p.status,
                   left(p.content, 280) AS excerpt, p.scheduled_at, p.published_at, p.updated_at, p.campaign_id,
                   \(targetsSQL) AS targets
            FROM posts p JOIN clients c ON c.id = p.client_id
            WHERE p.id = $1::uuid
            """, [id]) { result in
            try result.first.map(decodePost)
        }
    }

    static func parameters(scope: Scope, agency: AgencyID?, range: TimeRange, filter: CalendarFilter,
                           unscheduledLimit: Int) -> [(any SQLParameter)?] {
        let text = filter.text.trimmingCharacters(in: .whitespaces)
        return [
            scope.clientID, agency, range.start, range.end,
            filter.statuses.isEmpty ? nil : SQLArray(filter.statuses.sorted { $0.rawValue < $1.rawValue }),
            filter.campaign, text.isEmpty ? nil : text,
            filter.platforms.isEmpty ? nil : SQLArray(filter.platforms.sorted()),
            filter.account, unscheduledLimit,
        ]
    }

    /// The accounts a post goes out on, as JSON, with whether each can still publish at the
    /// post's time: a token row whose expiry is unset or after both now and the post's time
    /// (the `account_health` rule: no token row means expired).
    static let targetsSQL = """
        (SELECT coalesce(json_agg(json_build_object(
                    'id', a.id, 'platform', a.platform, 'username', a.username, 'status', pp.status,
                    'token_ok', EXISTS (SELECT 1 FROM platform_tokens t WHERE t.account_id = a.id
                                        AND (t.expires_at IS NULL OR t.expires_at > greatest(now(), p.scheduled_at))))
                    ORDER BY a.platform, a.username, a.id), '[]')::text
         FROM post_platforms pp JOIN accounts a ON a.id = pp.account_id
         WHERE pp.post_id = p.id)
        """

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

    static let pageSQL = """
        WITH scope AS (
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
        SELECT p.*, \(targetsSQL) AS targets
        FROM hits p
        ORDER BY coalesce(p.published_at, p.scheduled_at) NULLS LAST, p.client_name, p.id
        """

    private struct TargetJSON: Decodable {
        let id: UUID
        let platform: Platform
        let username: String?
        let status: PlatformPostStatus
        let token_ok: Bool
    }

    static func decodePost(_ row: Row) throws -> CalendarPost {
        let json = try row.decode("targets", as: String.self)
        let targets: [TargetJSON]
        do {
            targets = try JSONDecoder().decode([TargetJSON].self, from: Data(json.utf8))
        } catch {
            throw StoreError.decoding(column: "targets", expected: "a JSON array of accounts", found: String(json.prefix(80)))
        }
        return CalendarPost(
            id: try row.decode("id"), clientID: try row.decode("client_id"), clientName: try row.decode("client_name"),
            clientTimeZone: try row.decode("timezone"), status: try row.decode("status"),
            excerpt: try row.decode("excerpt") ?? "", scheduledAt: try row.decode("scheduled_at"),
            publishedAt: try row.decode("published_at"), updatedAt: try row.decode("updated_at") ?? .distantPast,
            campaignID: try row.decode("campaign_id"),
            targets: targets.map { .init(accountID: AccountID($0.id), platform: $0.platform, username: $0.username,
                                         status: $0.status, tokenUsable: $0.token_ok) })
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
