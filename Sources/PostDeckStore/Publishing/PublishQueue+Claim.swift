import FoundationEssentials
import PostDeckCore

extension PublishQueue {
    /// What a claim did.
    public struct Claim: Sendable, Equatable {
        /// Jobs now `processing` under this worker's claim, their posts `publishing`.
        public var claimed: [ClaimedJob] = []
        /// Jobs cancelled without sending, with the reason stored in their `error_message`.
        public var cancelled: [(job: JobID, reason: String)] = []

        public static func == (lhs: Claim, rhs: Claim) -> Bool {
            lhs.claimed == rhs.claimed && lhs.cancelled.map(\.job) == rhs.cancelled.map(\.job)
                && lhs.cancelled.map(\.reason) == rhs.cancelled.map(\.reason)
        }
    }

    /// Claims up to `limit` due `post_publish` jobs for `worker`, oldest due first, skipping
    /// jobs another worker has locked (`FOR UPDATE SKIP LOCKED`), and in the same statement
    /// moves each claimed job's post from `scheduled` to `publishing`, so that the UI and the
    /// CLI refuse to edit a post that is going out.
    ///
    /// A due job whose post is no longer `scheduled` is **cancelled** without sending, its
    /// reason in `error_message`: its post was deleted, or is a draft, cancelled, published or
    /// failed (the job was left behind by a writer that did not cancel it), or another job of
    /// the post is running. Cancelled, not completed (nothing was published) and not failed
    /// (nothing failed: the job was moot). A post still `publishing` with no other job running
    /// is this job's own retry (or a rescue) and is claimed. A job whose post is being edited
    /// at this instant (its row locked) is left `pending` for the next round.
    public static func claim(worker: UUID, limit: Int) -> Query<Claim> {
        Query("""
            WITH due_locked AS (
                -- The index's order, so that only the rows taken are read (idx_scheduled_jobs_due).
                SELECT j.id, j.job_data FROM scheduled_jobs j
                WHERE j.status = 'pending' AND j.job_type = 'post_publish' AND j.scheduled_for <= now()
                  AND EXISTS (SELECT 1 FROM postdeck_workers w WHERE w.id = $1::uuid AND w.stopped_at IS NULL)
                ORDER BY j.scheduled_for, j.id
                LIMIT $2::int
                FOR UPDATE OF j SKIP LOCKED
            ), due AS (
                SELECT id, postdeck_uuid_or_null(job_data->>'post_id') AS post_id FROM due_locked
            ), locked_posts AS (
                SELECT p.id, p.status FROM posts p
                WHERE p.id IN (SELECT post_id FROM due)
                FOR UPDATE OF p SKIP LOCKED
            ), decided AS (
                SELECT d.id AS job_id, d.post_id, lp.status AS post_status,
                       CASE WHEN lp.id IS NOT NULL THEN
                                CASE WHEN lp.status = 'scheduled' THEN 'claim'
                                     WHEN lp.status = 'publishing' AND NOT EXISTS (
                                         SELECT 1 FROM scheduled_jobs o
                                         WHERE o.job_data->>'post_id' = d.post_id::text AND o.id <> d.id
                                           AND o.status = 'processing' AND o.job_type = 'post_publish') THEN 'claim'
                                     WHEN lp.status = 'publishing' THEN 'duplicate'
                                     ELSE 'moot' END
                            WHEN d.post_id IS NULL OR NOT EXISTS (SELECT 1 FROM posts x WHERE x.id = d.post_id) THEN 'missing'
                            ELSE 'busy' END AS decision
                FROM due d LEFT JOIN locked_posts lp ON lp.id = d.post_id
            ), moved AS (
                UPDATE posts p SET status = 'publishing'
                FROM decided d WHERE p.id = d.post_id AND d.decision = 'claim' AND p.status = 'scheduled'
                RETURNING p.id
            ), jobs AS (
                UPDATE scheduled_jobs j SET
                    status = (CASE WHEN d.decision = 'claim' THEN 'processing' ELSE 'cancelled' END)::job_status,
                    attempts = CASE WHEN d.decision = 'claim' THEN coalesce(j.attempts, 0) + 1 ELSE j.attempts END,
                    error_message = CASE d.decision
                        WHEN 'claim' THEN j.error_message
                        WHEN 'missing' THEN 'cancelled without sending: the post no longer exists'
                        WHEN 'duplicate' THEN 'cancelled without sending: another publish job of this post is running'
                        ELSE 'cancelled without sending: the post is ' || d.post_status::text || ', not scheduled' END
                FROM decided d
                WHERE j.id = d.job_id AND d.decision <> 'busy'
                RETURNING j.id, j.status, j.attempts, coalesce(j.max_attempts, 3) AS max_attempts, j.error_message,
                          d.post_id
            ), claims AS (
                INSERT INTO postdeck_job_claims (job_id, worker_id, attempt)
                SELECT id, $1::uuid, attempts FROM jobs WHERE status = 'processing'
            )
            SELECT j.id, j.status AS job_status, j.attempts, j.max_attempts, j.error_message, j.post_id,
                   p.client_id, c.name AS client_name, p.scheduled_at, p.post_settings::text AS settings,
                   (SELECT coalesce(json_agg(json_build_object(
                        'path', m.storage_path, 'filename', m.original_filename, 'mime_type', m.mime_type,
                        'media_type', m.media_type,
                        'width', CASE WHEN jsonb_typeof(m.dimensions->'width') = 'number' THEN (m.dimensions->>'width')::numeric::int END,
                        'height', CASE WHEN jsonb_typeof(m.dimensions->'height') = 'number' THEN (m.dimensions->>'height')::numeric::int END,
                        'duration', m.duration,
                        'alt_text', CASE WHEN jsonb_typeof(m.metadata) = 'object' THEN m.metadata->>'alt_text' END,
                        'platform_paths', (SELECT coalesce(jsonb_object_agg(v.key, v.value->>'path') FILTER (WHERE v.value->>'path' IS NOT NULL), '{}')
                                           FROM jsonb_each(CASE WHEN jsonb_typeof(m.platform_versions) = 'object'
                                                                THEN m.platform_versions ELSE '{}'::jsonb END) v))
                        ORDER BY m.created_at, m.id), '[]')::text
                    FROM media_files m WHERE m.post_id = p.id) AS media,
                   (SELECT coalesce(json_agg(json_build_object(
                        'post_platform_id', pp.id, 'account_id', a.id, 'platform', a.platform,
                        'platform_account_id', a.platform_account_id, 'username', a.username, 'display_name', a.display_name,
                        'active', coalesce(a.active, false), 'has_token', tok.account_id IS NOT NULL,
                        'token_expires_at', extract(epoch FROM tok.expires_at),
                        'text', coalesce(nullif(CASE WHEN jsonb_typeof(p.content_variations) = 'object'
                                                     THEN p.content_variations->>a.platform::text END, ''), p.content))
                        ORDER BY a.platform, a.id), '[]')::text
                    FROM post_platforms pp JOIN accounts a ON a.id = pp.account_id
                    LEFT JOIN LATERAL (SELECT t.account_id, t.expires_at FROM platform_tokens t WHERE t.account_id = a.id
                                       ORDER BY t.expires_at DESC NULLS FIRST LIMIT 1) tok ON true
                    WHERE pp.post_id = p.id AND pp.status = 'pending') AS targets
            FROM jobs j
            LEFT JOIN posts p ON p.id = j.post_id
            LEFT JOIN clients c ON c.id = p.client_id
            ORDER BY j.id
            """, [worker, limit], decode: decodeClaim)
    }

    // MARK: Decoding the claim

    private struct TargetJSON: Decodable {
        let post_platform_id: UUID
        let account_id: UUID
        let platform: Platform
        let platform_account_id: String
        let username: String?
        let display_name: String?
        let active: Bool
        let has_token: Bool
        let token_expires_at: Double?
        let text: String
    }

    private static func decodeClaim(_ result: QueryResult) throws -> Claim {
        var claim = Claim()
        for row in result.rows {
            let id: JobID = try row.decode("id")
            let status: JobStatus = try row.decode("job_status")
            guard status == .processing else {
                claim.cancelled.append((id, try row.decode("error_message") ?? "cancelled"))
                continue
            }
            let settings = (try row.decode("settings", as: String?.self))
                .flatMap { try? JSONDecoder().decode(PostSettings.self, from: Data($0.utf8)) } ?? PostSettings()
            let media = try row.decodeJSON("media", as: [PublishMedia].self) ?? []
            let targets = try row.decodeJSON("targets", as: [TargetJSON].self) ?? []
            claim.claimed.append(ClaimedJob(
                id: id, postID: try row.decode("post_id"), attempt: try row.decode("attempts"),
                maxAttempts: try row.decode("max_attempts"), clientID: try row.decode("client_id"),
                clientName: try row.decode("client_name"), scheduledAt: try row.decode("scheduled_at"),
                settings: settings, media: media,
                targets: targets.map {
                    PublishTarget(postPlatformID: PostPlatformID($0.post_platform_id), accountID: AccountID($0.account_id),
                                  platform: $0.platform, platformAccountID: $0.platform_account_id, username: $0.username,
                                  displayName: $0.display_name, accountActive: $0.active, hasToken: $0.has_token,
                                  tokenExpiresAt: $0.token_expires_at.map { Date(timeIntervalSince1970: $0) }, text: $0.text)
                }))
        }
        return claim
    }
}
