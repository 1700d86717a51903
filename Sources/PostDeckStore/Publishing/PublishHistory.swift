import Foundation
import PostDeckCore

/// Why a retry was not queued.
public enum PublishRetryRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound
    /// The post changed since it was shown (its `updated_at` is not the one the caller read):
    /// another manager or the worker got there first.
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

/// The one retry of a failed publish, used by the health pane and `postdeck post retry`.
public enum PublishHistoryQueries {
    /// Queues a failed post_platform to be published again: it goes back to `pending`, its
    /// post to `publishing` (not `scheduled`: a post partly out must not be edited, or its
    /// other networks would be sent again) and a new publish job, due now, is written — the
    /// post's one pending publish job (the unique index `idx_scheduled_jobs_one_pending_publish`).
    /// Guarded like every write: `stamp` is the post's `updated_at` as the caller read it, and a
    /// post changed since (a second retry of the same failure included) is refused. Returns the
    /// new job.
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
