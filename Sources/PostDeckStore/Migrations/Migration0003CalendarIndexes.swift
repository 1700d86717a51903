extension Migrations {
    /// Migration 3: the calendar's indexes. A post sits on the calendar at
    /// `coalesce(published_at, scheduled_at)`; a post's publish jobs are found by
    /// `job_data->>'post_id'` whatever their status. docs/SCHEMA.md names the queries.
    static let calendarIndexes = Migration(version: 3, name: "calendar indexes", sql: #"""
-- Migration 3: indexes for the calendar pane and `postdeck agenda` (see docs/SCHEMA.md).

-- A client's posts in a time range, by when they go out or went out; the same index finds
-- the unscheduled ones (the expression IS NULL).
CREATE INDEX idx_posts_client_calendar_at ON posts (client_id, (coalesce(published_at, scheduled_at)));

-- A post's publish jobs in any state (the detail view, undoing a cancel), newest first.
CREATE INDEX idx_scheduled_jobs_post ON scheduled_jobs ((job_data->>'post_id'), created_at);
"""#)
}
