import FoundationEssentials
import PostDeckCore

/// How a post's publishing went, attempt by attempt: what the post detail shows
/// (attempts and the last error per network) and what the health pane's failure list
/// needs to offer a retry.
public struct PublishAttempts: Sendable, Equatable {
    /// One post_platform: its state and its sends (`postdeck_deliveries`).
    public struct Platform: Sendable, Equatable {
        public let accountID: AccountID
        public let platform: PostDeckCore.Platform
        public let username: String?
        public let status: PlatformPostStatus
        /// Sends recorded by the worker, including ones refused before sending (`blocked`).
        public let sends: Int
        public let lastOutcome: DeliveryOutcome?
        /// The post_platform's `error_message`, else the last send's error.
        public let lastError: String?
        public let lastSentAt: Date?

        public init(accountID: AccountID, platform: PostDeckCore.Platform, username: String?, status: PlatformPostStatus,
                    sends: Int, lastOutcome: DeliveryOutcome?, lastError: String?, lastSentAt: Date?) {
            self.accountID = accountID
            self.platform = platform
            self.username = username
            self.status = status
            self.sends = sends
            self.lastOutcome = lastOutcome
            self.lastError = lastError
            self.lastSentAt = lastSentAt
        }
    }

    /// The post's newest publish job.
    public struct Job: Sendable, Equatable {
        public let id: JobID
        public let status: JobStatus
        public let attempts: Int
        public let maxAttempts: Int
        public let error: String?
        /// When a job waiting to be retried runs next (pending after at least one attempt).
        public let nextAttemptAt: Date?

        public init(id: JobID, status: JobStatus, attempts: Int, maxAttempts: Int, error: String?, nextAttemptAt: Date?) {
            self.id = id
            self.status = status
            self.attempts = attempts
            self.maxAttempts = maxAttempts
            self.error = error
            self.nextAttemptAt = nextAttemptAt
        }
    }

    public let job: Job?
    public let platforms: [Platform]

    public init(job: Job?, platforms: [Platform]) {
        self.job = job
        self.platforms = platforms
    }
}

/// Why a retry was not queued.
public enum PublishRetryRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound
    /// The post changed since it was shown (its `updated_at` is not the one the caller read):
    /// another manager, the worker or a second retry got there first.
    case changedElsewhere
    /// Only a failed post_platform can be retried (a published one is never sent again).
    case notFailed(PlatformPostStatus)
    /// The post is still going out (or queued): retry once its job has ended.
    case stillPublishing

    public var description: String {
        switch self {
        case .notFound: "the post is not on that account any more"
        case .changedElsewhere: "the post changed since it was shown (someone else retried or edited it); reload and look again"
        case .notFailed(let status): "only a failed post can be retried; this one is \(status.rawValue)"
        case .stillPublishing: "the post is still being published; retry once its publish job has ended"
        }
    }
}

/// Reads of the worker's record for the UI, and the one write the health pane and
/// `postdeck post retry` need.
public enum PublishHistoryQueries {
    /// A post's newest publish job and, per account, its sends and last error.
    public static func attempts(of post: PostID) -> Query<PublishAttempts> {
        Query("""
            SELECT 'job' AS kind, j.id AS job_id, j.status::text AS status, coalesce(j.attempts, 0) AS attempts,
                   coalesce(j.max_attempts, 3) AS max_attempts, j.error_message AS error,
                   CASE WHEN j.status = 'pending' AND coalesce(j.attempts, 0) > 0 THEN j.scheduled_for END AS at,
                   NULL::uuid AS account_id, NULL::platform_type AS platform, NULL::text AS username,
                   NULL::bigint AS sends, NULL::text AS outcome
            FROM (SELECT * FROM scheduled_jobs WHERE job_data->>'post_id' = $1::uuid::text AND job_type = 'post_publish'
                  ORDER BY created_at DESC NULLS LAST LIMIT 1) j
            UNION ALL
            SELECT 'platform', NULL, pp.status::text, NULL, NULL, coalesce(pp.error_message, last.error_message),
                   last.started_at, a.id, a.platform, a.username,
                   (SELECT count(*) FROM postdeck_deliveries d WHERE d.post_platform_id = pp.id), last.outcome
            FROM post_platforms pp JOIN accounts a ON a.id = pp.account_id
            LEFT JOIN LATERAL (SELECT d.outcome, d.error_message, d.started_at FROM postdeck_deliveries d
                               WHERE d.post_platform_id = pp.id ORDER BY d.started_at DESC, d.id DESC LIMIT 1) last ON true
            WHERE pp.post_id = $1::uuid
            ORDER BY kind, platform, username, account_id
            """, [post]) { result in
            var job: PublishAttempts.Job?
            var platforms: [PublishAttempts.Platform] = []
            for row in result.rows {
                if try row.decode("kind", as: String.self) == "job" {
                    job = .init(id: try row.decode("job_id"), status: try row.decode("status"), attempts: try row.decode("attempts"),
                                maxAttempts: try row.decode("max_attempts"), error: try row.decode("error"),
                                nextAttemptAt: try row.decode("at"))
                } else {
                    platforms.append(.init(
                        accountID: try row.decode("account_id"), platform: try row.decode("platform"),
                        username: try row.decode("username"), status: try row.decode("status"), sends: try row.decode("sends"),
                        lastOutcome: try row.decode("outcome", as: String?.self).flatMap(DeliveryOutcome.init(rawValue:)),
                        lastError: try row.decode("error"), lastSentAt: try row.decode("at")))
                }
            }
            return PublishAttempts(job: job, platforms: platforms)
        }
    }

    /// Queues a failed post_platform to be published again: it goes back to `pending`, its
    /// post to `publishing` (not `scheduled`: a post partly out must not be edited, or its
    /// other networks would be sent again) and a new publish job, due now, is written. For a
    /// post_platform whose outcome was unknown, the user is expected to have checked the
    /// account first. The new job is the post's one pending publish job (the unique index
    /// `idx_scheduled_jobs_one_pending_publish`). Guarded like every write: `stamp` is the
    /// post's `updated_at` as the caller read it, and a post changed since (a second retry of
    /// the same failure included) is refused. Returns the new job.
    public static func retry(post: PostID, account: AccountID, stamp: Date) -> Query<Result<JobID, PublishRetryRefusal>> {
        Query("""
            WITH target AS (
                SELECT pp.id, pp.post_id, pp.status AS pp_status, p.status AS post_status,
                       p.updated_at = $3::timestamptz AS fresh,
                       EXISTS (SELECT 1 FROM scheduled_jobs j WHERE j.job_data->>'post_id' = $1::uuid::text
                               AND j.job_type = 'post_publish' AND j.status IN ('pending', 'processing')) AS queued
                FROM post_platforms pp JOIN posts p ON p.id = pp.post_id
                WHERE pp.post_id = $1::uuid AND pp.account_id = $2::uuid
                FOR UPDATE OF pp, p
            ), allowed AS (
                SELECT * FROM target
                WHERE fresh AND pp_status = 'failed' AND post_status IN ('failed', 'published') AND NOT queued
            ), reset AS (
                UPDATE post_platforms pp SET status = 'pending', error_message = NULL FROM allowed a WHERE pp.id = a.id
            ), post_back AS (
                UPDATE posts p SET status = 'publishing' FROM allowed a WHERE p.id = a.post_id
            ), job AS (
                INSERT INTO scheduled_jobs (job_type, job_data, status, scheduled_for)
                SELECT 'post_publish', jsonb_build_object('post_id', $1::uuid::text, 'account_ids', jsonb_build_array($2::uuid::text)),
                       'pending', now()
                FROM allowed
                RETURNING id
            )
            SELECT (SELECT id FROM job) AS job_id, t.pp_status, t.post_status, t.fresh, t.queued
            FROM (SELECT 1) one LEFT JOIN target t ON true
            """, [post, account, stamp]) { result in
            guard let row = result.first, let status: PlatformPostStatus = try row.decode("pp_status") else {
                return .failure(.notFound)
            }
            if let job: JobID = try row.decode("job_id") { return .success(job) }
            if try row.decode("fresh", as: Bool.self) == false { return .failure(.changedElsewhere) }
            if status != .failed { return .failure(.notFailed(status)) }
            return .failure(.stillPublishing)
        }
    }
}
