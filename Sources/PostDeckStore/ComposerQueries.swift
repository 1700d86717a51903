import FoundationEssentials
import PostDeckCore

/// The composer's reads and its two writes. A save is ONE statement (data-modifying CTEs),
/// so the post, its post_platforms, its media rows and its publish job change together or
/// not at all, and a dropped connection mid-save leaves either the old or the new post.
public enum ComposerQueries {
    /// The client's active accounts (by platform, then name) with their token state, its
    /// active and draft campaigns (by start date) and its active templates (by name).
    public static func choices(for client: ClientID) -> Query<ComposerChoices> {
        Query("""
            SELECT 'account' AS kind, a.id::text AS id, a.platform::text AS platform, a.username AS name,
                   coalesce(h.token_status, 'expired') AS status, h.token_expires_at AS at,
                   NULL::text AS start_date, NULL::text AS end_date, NULL::text AS content,
                   NULL::text AS variations, NULL::text AS settings
            FROM accounts a LEFT JOIN account_health h ON h.account_id = a.id
            WHERE a.client_id = $1::uuid AND a.active IS TRUE
            UNION ALL
            SELECT 'campaign', c.id::text, NULL, c.name, c.status::text, NULL,
                   c.start_date::text, c.end_date::text, NULL, NULL, NULL
            FROM campaigns c
            WHERE c.client_id = $1::uuid AND c.status IN ('active', 'draft')
            UNION ALL
            SELECT 'template', t.id::text, NULL, t.name, NULL, NULL, NULL, NULL, t.template_content,
                   coalesce(t.platform_variations, '{}')::text, coalesce(t.default_settings, '{}')::text
            FROM post_templates t
            WHERE t.client_id = $1::uuid AND t.active IS NOT FALSE
            """, [client]) { result in
            var accounts: [ComposerAccount] = [], campaigns: [ComposerCampaign] = [], templates: [ComposerTemplate] = []
            for row in result.rows {
                let id = try row.decode("id", as: String.self)
                switch try row.decode("kind", as: String.self) {
                case "account":
                    guard let accountID = AccountID(id), let platform = Platform(rawValue: try row.decode("platform")) else { continue }
                    accounts.append(ComposerAccount(
                        id: accountID, platform: platform, username: try row.decode("name"),
                        tokenStatus: TokenStatus(rawValue: try row.decode("status")) ?? .expired,
                        tokenExpiresAt: try row.decode("at")))
                case "campaign":
                    guard let campaignID = CampaignID(id) else { continue }
                    campaigns.append(ComposerCampaign(
                        id: campaignID, name: try row.decode("name"),
                        status: CampaignStatus(rawValue: try row.decode("status")) ?? .draft,
                        startDate: try row.decode("start_date", as: String?.self).flatMap { LocalDate(parsing: $0) },
                        endDate: try row.decode("end_date", as: String?.self).flatMap { LocalDate(parsing: $0) }))
                default:
                    guard let templateID = TemplateID(id) else { continue }
                    templates.append(ComposerTemplate(
                        id: templateID, name: try row.decode("name"), content: try row.decode("content"),
                        variations: decodeVariations(try row.decode("variations")),
                        settings: decodeSettings(try row.decode("settings"))))
                }
            }
            accounts.sort { ($0.platform, ($0.username ?? "").lowercased()) < ($1.platform, ($1.username ?? "").lowercased()) }
            campaigns.sort { ($0.startDate ?? LocalDate(daysSince1970: 0), $0.name) < ($1.startDate ?? LocalDate(daysSince1970: 0), $1.name) }
            templates.sort { $0.name.lowercased() < $1.name.lowercased() }
            return ComposerChoices(accounts: accounts, campaigns: campaigns, templates: templates)
        }
    }

    /// A post as stored, for editing; nil when it does not exist.
    public static func post(_ id: PostID) -> Query<StoredPost?> {
        Query("SELECT \(postColumns("p")) FROM posts p WHERE p.id = $1::uuid", [id]) { result in
            try result.first.map(decodePost)
        }
    }

    /// Saves a draft: status `draft`, no `scheduled_at`; a pending publish job of the post
    /// is cancelled (unscheduling).
    public static func saveDraft(_ draft: PostDraft) -> Query<SaveOutcome> {
        save(draft, status: .draft, at: nil)
    }

    /// Schedules a post at `instant`: status `scheduled`, and exactly one pending
    /// `post_publish` job at that instant (the existing one is moved, else one is added).
    /// The server refuses an instant that is not in the future.
    public static func schedule(_ draft: PostDraft, at instant: Date) -> Query<SaveOutcome> {
        save(draft, status: .scheduled, at: instant)
    }

    /// The one statement behind both writes.
    ///
    /// - The post is inserted with the client-chosen id, or updated when it exists, is the
    ///   same client's, is still a draft or scheduled, and its `updated_at` equals the
    ///   value read (for a post never read back, that it was never edited since it was
    ///   inserted, which makes a retried first save idempotent).
    /// - Everything else runs only when the post row was written.
    /// - Nothing written: the current post comes back as a conflict.
    static func save(_ draft: PostDraft, status: PostStatus, at instant: Date?) -> Query<SaveOutcome> {
        let variations = (try? JSONText(encoding: Dictionary(uniqueKeysWithValues: draft.variations.map { ($0.key.rawValue, $0.value) })))
            ?? JSONText("{}")
        let settings = (try? JSONText(encoding: draft.settings)) ?? JSONText("{}")
        let media = (try? JSONText(encoding: draft.media.map(MediaRow.init))) ?? JSONText("[]")
        let accounts = SQLArray(draft.accountIDs.map { $0 as any SQLParameter })
        let sql = """
            WITH written AS (
                INSERT INTO posts AS p (id, client_id, status, content, content_variations, scheduled_at,
                                       post_settings, template_id, campaign_id)
                SELECT $1::uuid, $2::uuid, $10::text::post_status, $3::text, $4::jsonb, $11::timestamptz,
                       $5::jsonb, $7::uuid, $6::uuid
                WHERE $10::text <> 'scheduled' OR $11::timestamptz > now()
                ON CONFLICT (id) DO UPDATE SET
                    status = EXCLUDED.status, content = EXCLUDED.content,
                    content_variations = EXCLUDED.content_variations, scheduled_at = EXCLUDED.scheduled_at,
                    post_settings = (coalesce(p.post_settings, '{}') - 'hashtags' - 'mentions' - 'first_comment')
                                    || EXCLUDED.post_settings,
                    template_id = EXCLUDED.template_id, campaign_id = EXCLUDED.campaign_id
                WHERE p.client_id = EXCLUDED.client_id AND p.status IN ('draft', 'scheduled')
                  AND CASE WHEN $12::timestamptz IS NULL THEN p.updated_at = p.created_at
                           ELSE p.updated_at = $12::timestamptz END
                RETURNING p.*
            ),
            chosen AS (
                SELECT a.id, o.n FROM unnest($8::uuid[]) WITH ORDINALITY AS o(id, n)
                JOIN accounts a ON a.id = o.id AND a.client_id = $2::uuid
            ),
            dropped_platforms AS (
                DELETE FROM post_platforms pp
                WHERE pp.post_id = $1::uuid AND EXISTS (SELECT 1 FROM written)
                  AND pp.account_id NOT IN (SELECT id FROM chosen)
            ),
            kept_platforms AS (
                INSERT INTO post_platforms (post_id, account_id, status)
                SELECT $1::uuid, c.id, 'pending' FROM chosen c WHERE EXISTS (SELECT 1 FROM written)
                ON CONFLICT (post_id, account_id) DO UPDATE SET status = 'pending', error_message = NULL
                WHERE post_platforms.status <> 'pending'
            ),
            new_media AS (
                SELECT * FROM jsonb_to_recordset($9::jsonb) AS m(path text, filename text, mime_type text,
                    media_type text, file_size int, width int, height int, duration int)
            ),
            dropped_media AS (
                DELETE FROM media_files mf
                WHERE mf.post_id = $1::uuid AND EXISTS (SELECT 1 FROM written)
                  AND mf.storage_path NOT IN (SELECT path FROM new_media)
            ),
            added_media AS (
                INSERT INTO media_files (post_id, filename, original_filename, mime_type, media_type, file_size,
                                         dimensions, duration, storage_path)
                SELECT $1::uuid, m.filename, m.filename, m.mime_type, m.media_type::media_type, m.file_size,
                       CASE WHEN m.width IS NOT NULL THEN jsonb_build_object('width', m.width, 'height', m.height) END,
                       m.duration, m.path
                FROM new_media m
                WHERE EXISTS (SELECT 1 FROM written)
                  AND NOT EXISTS (SELECT 1 FROM media_files mf WHERE mf.post_id = $1::uuid AND mf.storage_path = m.path)
            ),
            job_data AS (
                SELECT jsonb_build_object('post_id', $1::uuid::text,
                       'account_ids', coalesce((SELECT jsonb_agg(id::text ORDER BY n) FROM chosen), '[]')) AS data
            ),
            moved_job AS (
                UPDATE scheduled_jobs j
                SET scheduled_for = $11::timestamptz, job_data = (SELECT data FROM job_data), attempts = 0, error_message = NULL
                WHERE $10::text = 'scheduled' AND EXISTS (SELECT 1 FROM written)
                  AND j.job_data->>'post_id' = $1::uuid::text AND j.status = 'pending' AND j.job_type = 'post_publish'
                RETURNING j.id
            ),
            added_job AS (
                INSERT INTO scheduled_jobs (job_type, job_data, status, scheduled_for)
                SELECT 'post_publish', (SELECT data FROM job_data), 'pending', $11::timestamptz
                WHERE $10::text = 'scheduled' AND EXISTS (SELECT 1 FROM written)
                  AND NOT EXISTS (SELECT 1 FROM scheduled_jobs j WHERE j.job_data->>'post_id' = $1::uuid::text
                                  AND j.status = 'pending' AND j.job_type = 'post_publish')
            ),
            cancelled_job AS (
                UPDATE scheduled_jobs j SET status = 'cancelled'
                WHERE $10::text <> 'scheduled' AND EXISTS (SELECT 1 FROM written)
                  AND j.job_data->>'post_id' = $1::uuid::text AND j.status = 'pending' AND j.job_type = 'post_publish'
            )
            SELECT true AS saved, false AS too_early, \(postColumns("w", accounts: "(SELECT array_to_json(array_agg(id::text ORDER BY n))::text FROM chosen)", media: "(SELECT coalesce(json_agg(path), '[]')::text FROM new_media)"))
            FROM written w
            UNION ALL
            SELECT false, ($10::text = 'scheduled' AND ($11::timestamptz IS NULL OR $11::timestamptz <= now())), \(postColumns("p"))
            FROM posts p WHERE p.id = $1::uuid AND NOT EXISTS (SELECT 1 FROM written)
            UNION ALL
            SELECT false, true, \(nullPostColumns)
            WHERE NOT EXISTS (SELECT 1 FROM written) AND NOT EXISTS (SELECT 1 FROM posts WHERE id = $1::uuid)
            """
        let parameters: [(any SQLParameter)?] = [
            draft.id, draft.clientID, draft.content, variations, settings, draft.campaignID, draft.templateID,
            accounts, media, status, instant, draft.expectedUpdatedAt,
        ]
        return Query(sql, parameters) { result in
            guard let row = result.first else { throw StoreError.invalid("the save returned nothing") }
            let saved = try row.decode("saved", as: Bool.self)
            if !saved, try row.decode("too_early", as: Bool.self) {
                throw StoreError.invalid("cannot schedule in the past: choose a time after now")
            }
            let post = try decodePost(row)
            return try row.decode("saved", as: Bool.self) ? .saved(post) : .conflict(current: post)
        }
    }

    // MARK: Decoding

    /// The post's columns, with account ids and media paths as JSON text.
    static func postColumns(_ alias: String, accounts: String? = nil, media: String? = nil) -> String {
        let accountsSQL = accounts ?? """
            (SELECT array_to_json(array_agg(pp.account_id::text ORDER BY pp.created_at, pp.account_id))::text
             FROM post_platforms pp WHERE pp.post_id = \(alias).id)
            """
        let mediaSQL = media ?? """
            (SELECT coalesce(json_agg(mf.storage_path ORDER BY mf.created_at, mf.storage_path), '[]')::text
             FROM media_files mf WHERE mf.post_id = \(alias).id)
            """
        return """
            \(alias).id, \(alias).client_id, \(alias).status, \(alias).content,
            coalesce(\(alias).content_variations, '{}')::text AS variations,
            coalesce(\(alias).post_settings, '{}')::text AS settings,
            \(alias).campaign_id, \(alias).template_id, \(alias).scheduled_at, \(alias).updated_at,
            \(accountsSQL) AS account_ids, \(mediaSQL) AS media_paths
            """
    }

    static let nullPostColumns = """
        NULL::uuid AS id, NULL::uuid AS client_id, NULL::post_status AS status, NULL::text AS content,
        NULL::text AS variations, NULL::text AS settings, NULL::uuid AS campaign_id, NULL::uuid AS template_id,
        NULL::timestamptz AS scheduled_at, NULL::timestamptz AS updated_at, NULL::text AS account_ids, NULL::text AS media_paths
        """

    static func decodePost(_ row: Row) throws -> StoredPost {
        let accounts = decodeStrings(try row.decode("account_ids", as: String?.self) ?? "[]").compactMap(AccountID.init)
        return StoredPost(
            id: try row.decode("id"), clientID: try row.decode("client_id"), status: try row.decode("status"),
            content: try row.decode("content"), variations: decodeVariations(try row.decode("variations")),
            settings: decodeSettings(try row.decode("settings")), accountIDs: accounts,
            campaignID: try row.decode("campaign_id"), templateID: try row.decode("template_id"),
            mediaPaths: decodeStrings(try row.decode("media_paths", as: String?.self) ?? "[]"),
            scheduledAt: try row.decode("scheduled_at"), updatedAt: try row.decode("updated_at"))
    }

    /// `content_variations` / `platform_variations`: platform name → text; other keys and
    /// non-text values are ignored.
    static func decodeVariations(_ json: String) -> [Platform: String] {
        // A text, or nil for any other JSON value (JSONDecoder, not JSONSerialization: see Text+Trimming.swift).
        struct TextValue: Decodable {
            let text: String?
            init(from decoder: any Decoder) throws { text = try? decoder.singleValueContainer().decode(String.self) }
        }
        guard let object = try? JSONDecoder().decode([String: TextValue].self, from: Data(json.utf8)) else { return [:] }
        var result: [Platform: String] = [:]
        for (key, value) in object {
            if let platform = Platform(rawValue: key), let text = value.text { result[platform] = text }
        }
        return result
    }

    static func decodeSettings(_ json: String) -> PostSettings {
        (try? JSONDecoder().decode(PostSettings.self, from: Data(json.utf8))) ?? PostSettings()
    }

    static func decodeStrings(_ json: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
    }
}

/// A `media_files` row as the save statement reads it from JSON.
struct MediaRow: Encodable {
    let path: String
    let filename: String
    let mime_type: String
    let media_type: String
    let file_size: Int64
    let width: Int?
    let height: Int?
    let duration: Int?

    init(_ info: MediaInfo) {
        path = info.path
        filename = String(info.fileName.prefix(255))
        mime_type = info.mimeType
        media_type = info.mediaType.rawValue
        file_size = info.byteSize
        width = info.width
        height = info.height
        duration = info.durationWholeSeconds
    }
}
