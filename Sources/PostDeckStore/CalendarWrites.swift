import FoundationEssentials
import PostDeckCore

/// A change the calendar made, with what it takes to undo it: the values before, and the
/// `updated_at` the change stamped (the undo is refused if anyone changed the post since).
public enum PostChange: Sendable, Equatable {
    /// `scheduled_at` moved from `from` to `to`; `jobs` are the pending publish jobs moved with it.
    case rescheduled(PostID, from: Date?, to: Date, jobs: [JobID], updatedAt: Date)
    /// The post went from `previous` to cancelled; `jobs` are the publish jobs cancelled with it.
    case cancelled(PostID, previous: PostStatus, scheduledAt: Date?, jobs: [JobID], updatedAt: Date)
    /// `copy` is a new draft made from `original`.
    case duplicated(original: PostID, copy: PostID, updatedAt: Date)

    /// The post the change left behind (the copy, for a duplicate).
    public var postID: PostID {
        switch self {
        case .rescheduled(let id, _, _, _, _), .cancelled(let id, _, _, _, _): id
        case .duplicated(_, let copy, _): copy
        }
    }
}

/// Why a write changed nothing, with the post as it is now (when it still exists) so the
/// UI can show the new state.
public struct PostWriteRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        case notFound
        /// Someone else changed the post after it was loaded (its `updated_at` moved).
        case changedElsewhere
        /// Only drafts and scheduled posts can be moved or cancelled.
        case notEditable(PostStatus)
        /// The new time is not after the database's now.
        case notInFuture(Date)
    }

    public let reason: Reason
    public let currentStatus: PostStatus?
    public let currentScheduledAt: Date?

    public init(reason: Reason, currentStatus: PostStatus?, currentScheduledAt: Date?) {
        self.reason = reason
        self.currentStatus = currentStatus
        self.currentScheduledAt = currentScheduledAt
    }

    public var description: String {
        switch reason {
        case .notFound: "the post no longer exists"
        case .changedElsewhere:
            "someone else changed this post since it was loaded" + (currentStatus.map { " (it is now \($0.rawValue))" } ?? "")
                + "; nothing was overwritten"
        case .notEditable(let status): "a \(status.rawValue) post cannot be changed; only drafts and scheduled posts can"
        case .notInFuture: "the new time is in the past; a post can only be moved to a future time"
        }
    }
}

/// The result of one guarded write.
public enum PostWriteOutcome: Sendable, Equatable {
    case done(PostChange)
    case refused(PostWriteRefusal)
}

/// The shape every guarded write shares, as one statement: read the post as it is, change it
/// only if the guard in `post` holds (`$1` is the post id), change its jobs only if the post
/// changed (`jobs` reads `FROM changed`), and report the post before and after.
private func guardedWrite(post change: String, jobs jobChange: String) -> String {
    """
    WITH current AS (
        SELECT id, status, scheduled_at, updated_at FROM posts WHERE id = $1::uuid
    ), changed AS (
        \(change)
        RETURNING id, updated_at
    ), jobs AS (
        \(jobChange)
        RETURNING j.id
    )
    SELECT c.status, c.scheduled_at, c.updated_at, x.updated_at AS new_updated_at, now() AS db_now,
           (SELECT string_agg(id::text, ',' ORDER BY id) FROM jobs) AS job_ids
    FROM (SELECT 1) one
    LEFT JOIN current c ON true
    LEFT JOIN changed x ON true
    """
}

/// The calendar's writes. Each is ONE statement (data-modifying CTEs), so the post and its
/// publish job change together or not at all, guarded by the `updated_at` the caller loaded.
/// A guard that fails changes nothing and reports why, with the post's current state.
extension CalendarQueries {
    /// Moves a draft or scheduled post to `time` (which must be in the future), and its
    /// pending publish job with it.
    public static func reschedule(_ post: PostID, to time: Date, expectedUpdatedAt: Date) -> Query<PostWriteOutcome> {
        Query(guardedWrite(post: """
                UPDATE posts SET scheduled_at = $2::timestamptz
                WHERE id = $1::uuid AND updated_at = $3::timestamptz AND status IN ('draft', 'scheduled')
                AND $2::timestamptz > now()
            """, jobs: """
                UPDATE scheduled_jobs j SET scheduled_for = $2::timestamptz
                FROM changed
                WHERE j.job_data->>'post_id' = ($1::uuid)::text AND j.status = 'pending'
            """), [post, time, expectedUpdatedAt]) { result in
            try outcome(result, expected: expectedUpdatedAt, newTime: time) { row, stamp in
                .rescheduled(post, from: try row.decode("scheduled_at"), to: time, jobs: try jobIDs(row), updatedAt: stamp)
            }
        }
    }

    /// Cancels a draft or scheduled post and its pending publish job.
    public static func cancel(_ post: PostID, expectedUpdatedAt: Date) -> Query<PostWriteOutcome> {
        Query(guardedWrite(post: """
                UPDATE posts SET status = 'cancelled'
                WHERE id = $1::uuid AND updated_at = $2::timestamptz AND status IN ('draft', 'scheduled')
            """, jobs: """
                UPDATE scheduled_jobs j SET status = 'cancelled'
                FROM changed
                WHERE j.job_data->>'post_id' = ($1::uuid)::text AND j.status = 'pending'
            """), [post, expectedUpdatedAt]) { result in
            try outcome(result, expected: expectedUpdatedAt, newTime: nil) { row, stamp in
                .cancelled(post, previous: try row.decode("status"), scheduledAt: try row.decode("scheduled_at"),
                           jobs: try jobIDs(row), updatedAt: stamp)
            }
        }
    }

    /// A new draft with the post's content, variations, settings, campaign, template and
    /// accounts (pending). It keeps the original's time when that is still in the future,
    /// so it appears beside it; otherwise it is unscheduled.
    public static func duplicate(_ post: PostID) -> Query<PostWriteOutcome> {
        Query("""
            WITH source AS (
                SELECT * FROM posts WHERE id = $1::uuid
            ), copy AS (
                INSERT INTO posts (client_id, status, content, content_variations, scheduled_at, post_settings,
                                   template_id, campaign_id, created_by)
                SELECT client_id, 'draft', content, content_variations,
                       CASE WHEN scheduled_at > now() THEN scheduled_at END, post_settings,
                       template_id, campaign_id, created_by
                FROM source
                RETURNING id, updated_at
            ), targets AS (
                INSERT INTO post_platforms (post_id, account_id, status)
                SELECT copy.id, pp.account_id, 'pending'
                FROM copy JOIN post_platforms pp ON pp.post_id = $1::uuid
                RETURNING 1
            )
            SELECT copy.id, copy.updated_at, (SELECT count(*) FROM targets) AS targets FROM copy
            """, [post]) { result in
            guard let row = result.first else {
                return .refused(PostWriteRefusal(reason: .notFound, currentStatus: nil, currentScheduledAt: nil))
            }
            return .done(.duplicated(original: post, copy: try row.decode("id"), updatedAt: try row.decode("updated_at")))
        }
    }

    /// Puts back what `change` replaced, if the post still carries the `updated_at` the
    /// change stamped. Restoring a time that has passed is refused like any move into the past.
    public static func undo(_ change: PostChange) -> Query<PostWriteOutcome> {
        switch change {
        case .rescheduled(let post, let from, let to, let jobs, let stamp):
            return Query(guardedWrite(post: """
                    UPDATE posts SET scheduled_at = $2::timestamptz
                    WHERE id = $1::uuid AND updated_at = $3::timestamptz AND status IN ('draft', 'scheduled')
                    AND ($2::timestamptz IS NULL OR $2::timestamptz > now())
                """, jobs: """
                    UPDATE scheduled_jobs j SET scheduled_for = $2::timestamptz
                    FROM changed
                    WHERE j.id = ANY($4::uuid[]) AND j.status = 'pending' AND $2::timestamptz IS NOT NULL
                """), [post, from, stamp, SQLArray(jobs)]) { result in
                try outcome(result, expected: stamp, newTime: from) { row, newStamp in
                    .rescheduled(post, from: to, to: from ?? to, jobs: try jobIDs(row), updatedAt: newStamp)
                }
            }
        case .cancelled(let post, let previous, let scheduledAt, let jobs, let stamp):
            return Query(guardedWrite(post: """
                    UPDATE posts SET status = $2::post_status
                    WHERE id = $1::uuid AND updated_at = $3::timestamptz AND status = 'cancelled'
                    AND ($2::post_status = 'draft' OR scheduled_at > now())
                """, jobs: """
                    UPDATE scheduled_jobs j SET status = 'pending'
                    FROM changed
                    WHERE j.id = ANY($4::uuid[]) AND j.status = 'cancelled'
                """), [post, previous, stamp, SQLArray(jobs)]) { result in
                try outcome(result, expected: stamp, newTime: previous == .draft ? nil : scheduledAt,
                            editable: [.cancelled]) { row, newStamp in
                    .cancelled(post, previous: .cancelled, scheduledAt: scheduledAt, jobs: try jobIDs(row), updatedAt: newStamp)
                }
            }
        case .duplicated(_, let copy, let stamp):
            return Query("""
                WITH current AS (
                    SELECT id, status, scheduled_at, updated_at FROM posts WHERE id = $1::uuid
                ), removed AS (
                    DELETE FROM posts WHERE id = $1::uuid AND updated_at = $2::timestamptz AND status = 'draft'
                    RETURNING id, updated_at
                )
                SELECT c.status, c.scheduled_at, c.updated_at, r.updated_at AS new_updated_at, now() AS db_now,
                       NULL::text AS job_ids
                FROM (SELECT 1) one
                LEFT JOIN current c ON true
                LEFT JOIN removed r ON true
                """, [copy, stamp]) { result in
                try outcome(result, expected: stamp, newTime: nil, editable: [.draft]) { _, _ in change }
            }
        }
    }

    /// Reads the common tail of a guarded write: the row before, and the new stamp if it changed.
    private static func outcome(_ result: QueryResult, expected: Date, newTime: Date?,
                                editable: Set<PostStatus> = [.draft, .scheduled],
                                done: (Row, Date) throws -> PostChange) throws -> PostWriteOutcome {
        guard let row = result.first else { throw StoreError.invalid("the write returned no row") }
        if let stamp = try row.decode("new_updated_at", as: Date?.self) {
            return .done(try done(row, stamp))
        }
        guard let status = try row.decode("status", as: PostStatus?.self) else {
            return .refused(PostWriteRefusal(reason: .notFound, currentStatus: nil, currentScheduledAt: nil))
        }
        let scheduledAt = try row.decode("scheduled_at", as: Date?.self)
        let current = try row.decode("updated_at", as: Date?.self)
        let now = try row.decode("db_now", as: Date.self)
        let reason: PostWriteRefusal.Reason
        if current != expected {
            reason = .changedElsewhere
        } else if !editable.contains(status) {
            reason = .notEditable(status)
        } else if let newTime, newTime <= now {
            reason = .notInFuture(newTime)
        } else {
            reason = .changedElsewhere
        }
        return .refused(PostWriteRefusal(reason: reason, currentStatus: status, currentScheduledAt: scheduledAt))
    }

    private static func jobIDs(_ row: Row) throws -> [JobID] {
        (try row.decode("job_ids", as: String?.self) ?? "").split(separator: ",").compactMap { JobID(String($0)) }
    }
}
