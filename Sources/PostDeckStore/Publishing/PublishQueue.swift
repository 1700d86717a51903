import FoundationEssentials
import PostDeckCore

/// The publish queue as a worker uses it: claim due jobs, record "about to send" before
/// each send and its outcome after, end or release each attempt. docs/WORKER.md describes
/// the protocol. Every write is guarded by the worker's claim row (`postdeck_job_claims`),
/// so a worker whose job was rescued by another changes nothing it no longer owns.
/// Statements that take several items take them as one JSON array, so that a busy worker
/// records many sends in one round trip.
public enum PublishQueue {
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
                -- One index probe per item (LATERAL), however long the send log grows.
                SELECT d.id, d.outcome AS prior_outcome,
                       EXISTS (SELECT 1 FROM postdeck_job_claims c WHERE c.job_id = i.job_id AND c.worker_id = $1::uuid) AS held
                FROM input i
                CROSS JOIN LATERAL (SELECT d.id, d.outcome FROM postdeck_deliveries d
                                    WHERE d.id = i.delivery_id AND d.worker_id = $1::uuid LIMIT 1) d
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
}
