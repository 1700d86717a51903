import Foundation
import PostDeckCore

/// The publish queue as a worker uses it: claim due jobs, record "about to send" before
/// each send and its outcome after, end or release each attempt. docs/WORKER.md describes
/// the protocol. Every write is guarded by the worker's claim row (`postdeck_job_claims`),
/// so a worker whose job was rescued by another changes nothing it no longer owns.
/// Statements that take several items take them as one JSON array, so that a busy worker
/// records many sends in one round trip.
public enum PublishQueue {
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

    /// Records "about to send" for each item, before anything is sent: its post_platform goes
    /// from `pending` to `processing` and an unfinished delivery row is written, both only
    /// while the worker still holds the job's claim. Returns the delivery ids by
    /// post_platform: only those may be sent. (A post_platform missing from the answer was
    /// sent by someone else, or the job was taken over.)
    public static func beginSends(worker: UUID, publisher: String, _ items: [SendStart]) -> Query<[PostPlatformID: Int]> {
        Query("""
            WITH input AS (
                SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(post_platform_id uuid, job_id uuid, attempt int, idempotency_key text)
            ), held AS (
                SELECT c.job_id FROM postdeck_job_claims c
                WHERE c.worker_id = $1::uuid AND c.job_id IN (SELECT job_id FROM input)
                FOR SHARE
            ), marked AS (
                UPDATE post_platforms pp SET status = 'processing'
                FROM input i
                WHERE pp.id = i.post_platform_id AND pp.status = 'pending' AND i.job_id IN (SELECT job_id FROM held)
                RETURNING pp.id
            ), logged AS (
                INSERT INTO postdeck_deliveries (post_platform_id, job_id, worker_id, attempt, publisher, idempotency_key)
                SELECT i.post_platform_id, i.job_id, $1::uuid, i.attempt, $3::text, i.idempotency_key
                FROM input i JOIN marked m ON m.id = i.post_platform_id
                ON CONFLICT (post_platform_id) WHERE finished_at IS NULL DO NOTHING
                RETURNING id, post_platform_id
            )
            SELECT id, post_platform_id FROM logged
            """, [worker, json(items), publisher]) { result in
            var deliveries: [PostPlatformID: Int] = [:]
            for row in result.rows { deliveries[try row.decode("post_platform_id")] = try row.decode("id") }
            return deliveries
        }
    }

    /// Fails post_platforms that cannot be sent (inactive account, missing or expired token)
    /// without calling the network, with a delivery row saying so (`blocked`). Returns how
    /// many were failed.
    public static func failUnsendable(worker: UUID, publisher: String, _ items: [Unsendable]) -> Query<Int> {
        Query("""
            WITH input AS (
                SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(post_platform_id uuid, job_id uuid, attempt int, idempotency_key text, error text)
            ), held AS (
                SELECT c.job_id FROM postdeck_job_claims c
                WHERE c.worker_id = $1::uuid AND c.job_id IN (SELECT job_id FROM input)
                FOR SHARE
            ), failed AS (
                UPDATE post_platforms pp SET status = 'failed', error_message = i.error
                FROM input i
                WHERE pp.id = i.post_platform_id AND pp.status = 'pending' AND i.job_id IN (SELECT job_id FROM held)
                RETURNING pp.id
            ), logged AS (
                INSERT INTO postdeck_deliveries (post_platform_id, job_id, worker_id, attempt, publisher, idempotency_key,
                                                 finished_at, outcome, error_message)
                SELECT i.post_platform_id, i.job_id, $1::uuid, i.attempt, $3::text, i.idempotency_key, now(), 'blocked', i.error
                FROM input i JOIN failed f ON f.id = i.post_platform_id
                RETURNING id
            )
            SELECT count(*) AS failed FROM logged
            """, [worker, json(items), publisher]) { try $0.first?.decode("failed") ?? 0 }
    }

    /// Records how each send ended: the delivery row is finished and the post_platform becomes
    /// `published` (with `platform_post_id`, `published_at`, the permalink in `platform_data`),
    /// `failed` with the network's message, or `pending` again for a retry (only while the
    /// claim is held; without it a retryable error is final for this send).
    ///
    /// A send that another worker already marked "outcome unknown" (this worker looked dead,
    /// its job was rescued, and then its answer came) is corrected to what really happened
    /// when that is certain (published, or refused); its post becomes `published` again if
    /// that was its only failure. Returns the post_platforms whose state changed.
    public static func endSends(worker: UUID, publisher: String, _ results: [SendResult]) -> Query<[PostPlatformID]> {
        Query("""
            WITH input AS (
                SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(delivery_id bigint, post_platform_id uuid, job_id uuid,
                    outcome text, code int, platform_post_id text, permalink text, error text)
            ), prior AS (
                SELECT d.id, d.outcome AS prior_outcome,
                       EXISTS (SELECT 1 FROM postdeck_job_claims c WHERE c.job_id = i.job_id AND c.worker_id = $1::uuid) AS held
                FROM postdeck_deliveries d JOIN input i ON i.delivery_id = d.id
                WHERE d.worker_id = $1::uuid
            ), outcomes AS (
                SELECT i.*, p.prior_outcome,
                       CASE WHEN i.outcome = 'retry' AND NOT p.held THEN 'failed' ELSE i.outcome END AS final_outcome
                FROM input i JOIN prior p ON p.id = i.delivery_id
            ), logged AS (
                UPDATE postdeck_deliveries d SET finished_at = now(), outcome = o.final_outcome, code = o.code,
                    platform_post_id = o.platform_post_id, error_message = o.error
                FROM outcomes o WHERE d.id = o.delivery_id
            ), applied AS (
                UPDATE post_platforms pp SET
                    status = (CASE o.final_outcome WHEN 'published' THEN 'published' WHEN 'retry' THEN 'pending'
                                                   ELSE 'failed' END)::platform_post_status,
                    platform_post_id = CASE WHEN o.final_outcome = 'published' THEN o.platform_post_id ELSE pp.platform_post_id END,
                    published_at = CASE WHEN o.final_outcome = 'published' THEN now() ELSE pp.published_at END,
                    error_message = CASE WHEN o.final_outcome = 'published' THEN NULL ELSE o.error END,
                    platform_data = CASE WHEN o.final_outcome = 'published'
                        THEN (CASE WHEN jsonb_typeof(pp.platform_data) = 'object' THEN pp.platform_data ELSE '{}'::jsonb END)
                             || jsonb_strip_nulls(jsonb_build_object('publisher', $3::text, 'permalink', o.permalink))
                        ELSE pp.platform_data END
                FROM outcomes o
                WHERE pp.id = o.post_platform_id
                  AND ((pp.status = 'processing' AND o.prior_outcome IS NULL)
                       OR (pp.status = 'failed' AND o.prior_outcome = 'unknown' AND o.final_outcome IN ('published', 'failed')))
                RETURNING pp.id, pp.post_id, pp.status, o.prior_outcome = 'unknown' AS late
            ), corrected_posts AS (
                UPDATE posts po SET status = 'published', published_at = coalesce(po.published_at, now())
                FROM applied a
                WHERE a.late AND a.status = 'published' AND po.id = a.post_id AND po.status = 'failed'
                  AND NOT EXISTS (SELECT 1 FROM post_platforms o WHERE o.post_id = po.id AND o.id <> a.id
                                  AND o.status NOT IN ('published', 'deleted'))
            )
            SELECT id FROM applied
            """, [worker, json(results.map(SendResultRow.init)), publisher]) { result in
            try result.rows.map { try $0.decode("id") }
        }
    }

    /// Ends an attempt of each job this worker holds: retried later, or settled (see
    /// `PublishSettlement`). Jobs no longer held are left alone and missing from the answer.
    public static func finish(worker: UUID, _ ends: [JobAttemptEnd]) -> Query<[SettledJob]> {
        Query("""
            WITH input AS (
                SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(job_id uuid, retry_delay float8, error text)
            ), settling AS (
                SELECT j.id, postdeck_uuid_or_null(j.job_data->>'post_id') AS post_id, coalesce(j.attempts, 0) AS attempts,
                       coalesce(j.max_attempts, 3) AS max_attempts, i.retry_delay, i.error
                FROM input i
                JOIN postdeck_job_claims c ON c.job_id = i.job_id AND c.worker_id = $1::uuid
                JOIN scheduled_jobs j ON j.id = i.job_id AND j.status = 'processing'
            )
            \(PublishSettlement.ctes)
            SELECT * FROM settled ORDER BY job_id
            """, [worker, json(ends.map(JobAttemptEndRow.init))], decode: PublishSettlement.decode)
    }

    /// Gives jobs back unfinished (the worker is stopping): each goes back to `pending`, due
    /// at once, for any worker to continue. An attempt that sent nothing is not counted, and
    /// a post none of whose post_platforms has an outcome yet goes back to `scheduled`
    /// (editable again); one that is partly out stays `publishing`. Returns the jobs released.
    public static func release(worker: UUID, _ jobs: [JobID]) -> Query<[JobID]> {
        Query("""
            WITH mine AS (
                SELECT j.id, postdeck_uuid_or_null(j.job_data->>'post_id') AS post_id, c.attempt
                FROM postdeck_job_claims c JOIN scheduled_jobs j ON j.id = c.job_id AND j.status = 'processing'
                WHERE c.worker_id = $1::uuid AND c.job_id = ANY($2::uuid[])
                FOR UPDATE OF c
            ), state AS (
                SELECT m.id, m.post_id,
                       coalesce(bool_and(pp.status = 'pending'), true) AS untouched,
                       EXISTS (SELECT 1 FROM postdeck_deliveries d WHERE d.job_id = m.id AND d.attempt = m.attempt) AS sent
                FROM mine m LEFT JOIN post_platforms pp ON pp.post_id = m.post_id
                GROUP BY m.id, m.post_id, m.attempt
            ), unknown_pps AS (
                UPDATE post_platforms pp SET status = 'failed', error_message = '\(PublishSettlement.outcomeUnknown)'
                FROM state s WHERE pp.post_id = s.post_id AND pp.status = 'processing'
                RETURNING pp.id
            ), unknown_deliveries AS (
                UPDATE postdeck_deliveries dl SET finished_at = now(), outcome = 'unknown',
                    error_message = '\(PublishSettlement.outcomeUnknown)'
                WHERE dl.post_platform_id IN (SELECT id FROM unknown_pps) AND dl.finished_at IS NULL
            ), posts_back AS (
                UPDATE posts p SET status = 'scheduled'
                FROM state s WHERE p.id = s.post_id AND s.untouched AND p.status = 'publishing'
            ), jobs_back AS (
                UPDATE scheduled_jobs j SET status = 'pending',
                    attempts = CASE WHEN s.sent THEN j.attempts ELSE greatest(coalesce(j.attempts, 1) - 1, 0) END
                FROM state s WHERE j.id = s.id
                RETURNING j.id
            ), dropped_claims AS (
                DELETE FROM postdeck_job_claims c USING state s WHERE c.job_id = s.id
            )
            SELECT id FROM jobs_back ORDER BY id
            """, [worker, SQLArray(jobs.map { $0 as any SQLParameter })]) { result in
            try result.rows.map { try $0.decode("id") }
        }
    }

    /// When the queue next needs attention (see `QueueTimes`), for the worker to sleep until
    /// then. `leaseTimeout` is how long a claim outlives its worker's last heartbeat.
    public static func times(worker: UUID, leaseTimeout: Double) -> Query<QueueTimes> {
        Query("""
            SELECT extract(epoch FROM (SELECT min(scheduled_for) FROM scheduled_jobs
                                        WHERE status = 'pending' AND job_type = 'post_publish') - clock_timestamp())::float8 AS due_in,
                   extract(epoch FROM least(
                       (SELECT min(greatest(w.heartbeat_at, c.claimed_at)) FROM postdeck_job_claims c
                        JOIN postdeck_workers w ON w.id = c.worker_id
                        WHERE c.worker_id <> $1::uuid),
                       (SELECT min(j.updated_at) FROM scheduled_jobs j
                        WHERE j.status = 'processing' AND j.job_type = 'post_publish'
                          AND NOT EXISTS (SELECT 1 FROM postdeck_job_claims c WHERE c.job_id = j.id)))
                       + $2::float8 * interval '1 second' - clock_timestamp())::float8 AS rescue_in,
                   (SELECT count(*) FROM scheduled_jobs WHERE status = 'processing' AND job_type = 'post_publish') AS processing
            """, [worker, leaseTimeout]) { result in
            guard let row = result.first else { throw StoreError.invalid("the queue times returned nothing") }
            return QueueTimes(nextDueIn: try row.decode("due_in"), nextRescueIn: try row.decode("rescue_in"),
                              processing: try row.decode("processing"))
        }
    }

    // MARK: Items

    /// One post_platform about to be sent. The idempotency key stays the same for every
    /// attempt of one job, so a receiver can recognise a retry of a send it already accepted.
    public struct SendStart: Sendable, Equatable, Encodable {
        public let postPlatformID: PostPlatformID
        public let jobID: JobID
        public let attempt: Int
        public let idempotencyKey: String

        public init(postPlatformID: PostPlatformID, jobID: JobID, attempt: Int) {
            self.postPlatformID = postPlatformID
            self.jobID = jobID
            self.attempt = attempt
            idempotencyKey = "\(postPlatformID):\(jobID)"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(postPlatformID.description, forKey: .postPlatformID)
            try container.encode(jobID.description, forKey: .jobID)
            try container.encode(attempt, forKey: .attempt)
            try container.encode(idempotencyKey, forKey: .idempotencyKey)
        }

        enum CodingKeys: String, CodingKey {
            case postPlatformID = "post_platform_id", jobID = "job_id", attempt, idempotencyKey = "idempotency_key"
        }
    }

    /// A post_platform failed before sending, with the message naming why.
    public struct Unsendable: Sendable, Equatable, Encodable {
        public let start: SendStart
        public let error: String

        public init(_ start: SendStart, error: String) {
            self.start = start
            self.error = error
        }

        public func encode(to encoder: any Encoder) throws {
            try start.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(error, forKey: .error)
        }

        enum CodingKeys: String, CodingKey { case error }
    }

    private struct SendResultRow: Encodable {
        let delivery_id: Int
        let post_platform_id: String
        let job_id: String
        let outcome: String
        let code: Int?
        let platform_post_id: String?
        let permalink: String?
        let error: String?

        init(_ result: SendResult) {
            delivery_id = result.deliveryID
            post_platform_id = result.postPlatformID.description
            job_id = result.jobID.description
            outcome = result.outcome.rawValue
            code = result.code
            platform_post_id = result.platformPostID
            permalink = result.permalink
            error = result.error
        }
    }

    private struct JobAttemptEndRow: Encodable {
        let job_id: String
        let retry_delay: Double?
        let error: String?

        init(_ end: JobAttemptEnd) {
            job_id = end.jobID.description
            retry_delay = end.retryDelay
            error = end.error
        }
    }

    static func json<T: Encodable>(_ items: [T]) -> JSONText {
        (try? JSONText(encoding: items)) ?? JSONText("[]")
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
            let media = try decodeJSON(row, "media", as: [PublishMedia].self) ?? []
            let targets = try decodeJSON(row, "targets", as: [TargetJSON].self) ?? []
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

    static func decodeJSON<T: Decodable>(_ row: Row, _ column: String, as type: T.Type) throws -> T? {
        guard let text = try row.decode(column, as: String?.self) else { return nil }
        do {
            return try JSONDecoder().decode(T.self, from: Data(text.utf8))
        } catch {
            throw StoreError.decoding(column: column, expected: "JSON of \(T.self)", found: String(text.prefix(80)))
        }
    }
}
