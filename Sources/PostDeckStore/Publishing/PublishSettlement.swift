/// The one place that decides how a publish job ends an attempt, as SQL shared by the
/// statements that end attempts (`PublishQueue.finish`) and rescue them
/// (`WorkerRegistry.rescue`). Its rules:
///
/// - a post_platform still `processing` (a send without an answer) becomes `failed` with
///   `outcomeUnknown`, and its unfinished delivery is marked `unknown`: never sent twice;
/// - with post_platforms back in `pending` (retryable errors), attempts left and a delay,
///   the job goes back to `pending`, due after the delay; the post stays `publishing`;
/// - otherwise the job settles: `pending` post_platforms fail ("gave up after N attempts"),
///   the post becomes `published` when every post_platform is published (or deleted since),
///   `failed` when any failed, and the job `completed` or `failed` with `completed_at`.
///
/// The claim rows of the settled jobs are deleted.
public enum PublishSettlement {
    /// The message a post_platform gets when nobody knows whether the network accepted it
    /// (a worker died between "about to send" and the answer).
    public static let outcomeUnknown = "outcome unknown: check the account before publishing again"

    /// CTEs to append after a CTE named `settling` with columns `id` (job), `post_id`,
    /// `attempts`, `max_attempts`, `retry_delay` (float8 seconds, NULL: no retry) and `error`
    /// (text, NULL: keep the job's). Ends with a CTE `settled` holding one row per job:
    /// `job_id, post_id, job_status, post_status, next_attempt_at`.
    static let ctes = """
        , pp_state AS (
            SELECT s.id AS job_id, pp.id AS pp_id, pp.status, pp.published_at
            FROM settling s JOIN post_platforms pp ON pp.post_id = s.post_id
        ), summary AS (
            SELECT s.id, s.post_id, s.attempts, s.max_attempts, s.retry_delay, s.error,
                   count(ps.pp_id) AS targets,
                   count(ps.pp_id) FILTER (WHERE ps.status = 'pending') AS pending,
                   coalesce(bool_and(ps.status IN ('published', 'deleted')), false) AS all_published,
                   min(ps.published_at) FILTER (WHERE ps.status = 'published') AS first_published_at
            FROM settling s LEFT JOIN pp_state ps ON ps.job_id = s.id
            GROUP BY s.id, s.post_id, s.attempts, s.max_attempts, s.retry_delay, s.error
        ), decided AS (
            SELECT summary.*,
                   (pending > 0 AND attempts < max_attempts AND retry_delay IS NOT NULL) AS retrying,
                   (targets > 0 AND all_published) AS published
            FROM summary
        ), unknown_pps AS (
            UPDATE post_platforms pp SET status = 'failed', error_message = '\(outcomeUnknown)'
            FROM decided d WHERE pp.post_id = d.post_id AND pp.status = 'processing'
            RETURNING pp.id
        ), unknown_deliveries AS (
            UPDATE postdeck_deliveries dl SET finished_at = now(), outcome = 'unknown', error_message = '\(outcomeUnknown)'
            WHERE dl.post_platform_id IN (SELECT id FROM unknown_pps) AND dl.finished_at IS NULL
        ), given_up AS (
            UPDATE post_platforms pp SET status = 'failed', error_message = CASE
                    WHEN pp.error_message IS NULL
                        THEN 'not sent: the publish job had no attempts left (' || d.attempts || ' of ' || d.max_attempts || ')'
                    ELSE pp.error_message || ' (gave up after ' || d.attempts || ' attempts)' END
            FROM decided d WHERE NOT d.retrying AND pp.post_id = d.post_id AND pp.status = 'pending'
        ), settled_posts AS (
            UPDATE posts p SET
                status = (CASE WHEN d.published THEN 'published' ELSE 'failed' END)::post_status,
                published_at = CASE WHEN d.published THEN coalesce(p.published_at, d.first_published_at, now()) ELSE p.published_at END
            FROM decided d WHERE NOT d.retrying AND p.id = d.post_id AND p.status = 'publishing'
            RETURNING p.id, p.status
        ), settled_jobs AS (
            UPDATE scheduled_jobs j SET
                status = (CASE WHEN d.retrying THEN 'pending' WHEN d.published THEN 'completed' ELSE 'failed' END)::job_status,
                scheduled_for = CASE WHEN d.retrying THEN now() + d.retry_delay * interval '1 second' ELSE j.scheduled_for END,
                completed_at = CASE WHEN d.retrying THEN NULL ELSE now() END,
                error_message = coalesce(d.error, CASE WHEN d.targets = 0 THEN 'nothing to publish: the post has no accounts (or was deleted)' END,
                                         j.error_message)
            FROM decided d WHERE j.id = d.id
            RETURNING j.id, j.status, CASE WHEN d.retrying THEN j.scheduled_for END AS next_attempt_at
        ), dropped_claims AS (
            DELETE FROM postdeck_job_claims c USING decided d WHERE c.job_id = d.id
        ), settled AS (
            SELECT sj.id AS job_id, d.post_id, sj.status AS job_status,
                   coalesce(sp.status, (SELECT p.status FROM posts p WHERE p.id = d.post_id)) AS post_status,
                   sj.next_attempt_at
            FROM settled_jobs sj JOIN decided d ON d.id = sj.id
            LEFT JOIN settled_posts sp ON sp.id = d.post_id
        )
        """

    static func decode(_ result: QueryResult) throws -> [SettledJob] {
        try result.rows.map { row in
            SettledJob(jobID: try row.decode("job_id"), postID: try row.decode("post_id"),
                       jobStatus: try row.decode("job_status"), postStatus: try row.decode("post_status"),
                       nextAttemptAt: try row.decode("next_attempt_at"))
        }
    }
}
