import FoundationEssentials
import PostDeckCore

/// Workers register in `postdeck_workers`, keep a heartbeat while they hold jobs, and
/// rescue the jobs of workers whose heartbeat stopped (a SIGKILL, a lost machine): the
/// lease half of the queue protocol (docs/WORKER.md).
public enum WorkerRegistry {
    /// Registers a worker process; also forgets workers gone for a week that hold nothing.
    public static func register(id: UUID, host: String, pid: Int, publisher: String, version: String) -> Query<Void> {
        Query("""
            WITH forgotten AS (
                DELETE FROM postdeck_workers w
                WHERE coalesce(w.stopped_at, w.heartbeat_at) < now() - interval '7 days'
                  AND NOT EXISTS (SELECT 1 FROM postdeck_job_claims c WHERE c.worker_id = w.id)
            )
            INSERT INTO postdeck_workers (id, host, pid, publisher, version) VALUES ($1::uuid, $2::text, $3::int, $4::text, $5::text)
            """, [id, host, pid, publisher, version]) { _ in }
    }

    /// Refreshes the heartbeat. Returns false when the worker is no longer registered as
    /// running (someone marked it stopped): it must then stop taking work.
    public static func heartbeat(id: UUID) -> Query<Bool> {
        Query("UPDATE postdeck_workers SET heartbeat_at = now() WHERE id = $1::uuid AND stopped_at IS NULL RETURNING id",
              [id]) { !$0.rows.isEmpty }
    }

    /// Marks the worker stopped (a clean exit); it holds nothing any more.
    public static func stopped(id: UUID) -> Query<Void> {
        Query("UPDATE postdeck_workers SET stopped_at = now(), heartbeat_at = now() WHERE id = $1::uuid", [id]) { _ in }
    }

    /// Rescues the jobs of dead workers: claims whose worker's last heartbeat (or, for a claim
    /// made since, the claim itself) is older than `leaseTimeout` seconds (or whose worker says
    /// it stopped), and `post_publish` jobs left
    /// `processing` without any claim that have not changed for as long (claimed by a program
    /// that is not a postdeck worker, or by a worker row deleted since). Each is settled by
    /// `PublishSettlement` with no delay: a send that was in flight becomes "outcome unknown",
    /// post_platforms never tried are sent by the next attempt if one is left.
    ///
    /// Two statements in one transaction: the first locks the expired claims, waiting for any
    /// "about to send" that still holds one (`FOR SHARE`), so that the second, with a fresh
    /// snapshot, sees every send that was begun.
    public static func rescue(on connection: Connection, leaseTimeout: Double) throws -> [SettledJob] {
        try connection.transaction { db in
            try db.execute("SET LOCAL lock_timeout = '5s'")
            let expired: [UUID] = try db.execute("""
                SELECT c.job_id FROM postdeck_job_claims c JOIN postdeck_workers w ON w.id = c.worker_id
                WHERE greatest(w.heartbeat_at, c.claimed_at) < now() - $1::float8 * interval '1 second'
                   OR w.stopped_at IS NOT NULL
                ORDER BY c.job_id
                FOR UPDATE OF c
                """, [leaseTimeout]).rows.map { try $0.decode("job_id") }
            return try PublishSettlement.decode(try db.execute("""
                WITH expired AS (
                    SELECT unnest($2::uuid[]) AS job_id
                    UNION
                    SELECT j.id FROM scheduled_jobs j
                    WHERE j.status = 'processing' AND j.job_type = 'post_publish'
                      AND j.updated_at < now() - $1::float8 * interval '1 second'
                      AND NOT EXISTS (SELECT 1 FROM postdeck_job_claims c WHERE c.job_id = j.id)
                ), locked AS (
                    SELECT j.id, j.job_data, j.attempts, j.max_attempts FROM scheduled_jobs j
                    WHERE j.id IN (SELECT job_id FROM expired) AND j.status = 'processing'
                    FOR UPDATE OF j SKIP LOCKED
                ), settling AS (
                    SELECT l.id, postdeck_uuid_or_null(l.job_data->>'post_id') AS post_id, coalesce(l.attempts, 0) AS attempts,
                           coalesce(l.max_attempts, 3) AS max_attempts, 0::float8 AS retry_delay,
                           coalesce('the worker on ' || w.host || ' (pid ' || w.pid || ') stopped during attempt '
                                        || coalesce(l.attempts, 0),
                                    'the job was left processing without a worker''s claim')
                               || '; rescued by another worker' AS error
                    FROM locked l
                    LEFT JOIN postdeck_job_claims c ON c.job_id = l.id
                    LEFT JOIN postdeck_workers w ON w.id = c.worker_id
                )
                \(PublishSettlement.ctes)
                SELECT * FROM settled ORDER BY job_id
                """, [leaseTimeout, SQLArray(expired.map { $0 as any SQLParameter })]))
        }
    }
}
