extension Migrations {
    /// Migration 8: the publishing worker's own tables (registered workers and their
    /// heartbeats, which worker holds which job, a log of every send) and the two partial
    /// indexes its queue reads. Additive only: no seed table or column changes.
    /// docs/WORKER.md explains the protocol, docs/SCHEMA.md each object.
    static let worker = Migration(version: 8, name: "worker", sql: #"""
-- Migration 8: the publishing worker (`postdeck worker`, docs/WORKER.md).
-- These tables hold ids, times and outcomes only: no post text, no tokens.

-- A running worker process. It refreshes heartbeat_at while it holds jobs; a claim whose
-- worker's heartbeat (or, for a fresh claim, claimed_at) is older than the lease timeout is
-- presumed dead and its job is rescued.
CREATE TABLE postdeck_workers (
    id uuid PRIMARY KEY,
    host text NOT NULL,
    pid integer NOT NULL,
    publisher text NOT NULL,
    version text NOT NULL,
    started_at timestamptz NOT NULL DEFAULT now(),
    heartbeat_at timestamptz NOT NULL DEFAULT now(),
    stopped_at timestamptz
);

-- The lease: a `processing` job and the worker that claimed it. Every write a worker makes
-- for a job is guarded by its claim row, so a worker whose job was rescued changes nothing.
CREATE TABLE postdeck_job_claims (
    job_id uuid PRIMARY KEY REFERENCES scheduled_jobs(id) ON DELETE CASCADE,
    worker_id uuid NOT NULL REFERENCES postdeck_workers(id) ON DELETE CASCADE,
    attempt integer NOT NULL,
    claimed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_postdeck_job_claims_worker ON postdeck_job_claims (worker_id);

-- One row per send of a post_platform, written before the network is called (finished_at
-- NULL) and completed with the outcome. A row left unfinished by a worker that died is the
-- "outcome unknown" case. outcome: published, retry (a retryable error), failed (the
-- network refused), blocked (not sent: account or token), unknown (the worker died).
CREATE TABLE postdeck_deliveries (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    post_platform_id uuid NOT NULL REFERENCES post_platforms(id) ON DELETE CASCADE,
    job_id uuid REFERENCES scheduled_jobs(id) ON DELETE SET NULL,
    worker_id uuid REFERENCES postdeck_workers(id) ON DELETE SET NULL,
    attempt integer NOT NULL,
    publisher text NOT NULL,
    idempotency_key text NOT NULL,
    started_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    outcome text CHECK (outcome IN ('published', 'retry', 'failed', 'blocked', 'unknown')),
    code integer,
    platform_post_id text,
    error_message text,
    CHECK ((finished_at IS NULL) = (outcome IS NULL))
);
CREATE INDEX idx_postdeck_deliveries_post_platform ON postdeck_deliveries (post_platform_id, started_at);
CREATE INDEX idx_postdeck_deliveries_job ON postdeck_deliveries (job_id, attempt);
-- At most one send of a post_platform in flight, whichever worker: a database rule, not a
-- convention. A second "about to send" for the same post_platform fails until the first
-- one has an outcome.
CREATE UNIQUE INDEX idx_postdeck_deliveries_in_flight ON postdeck_deliveries (post_platform_id) WHERE finished_at IS NULL;

-- The queue's reads: due publish jobs in time order (id breaks ties, so that a claim of 32
-- among thousands due at 09:00 reads 32 index entries), and processing jobs by age (rescue).
CREATE INDEX idx_scheduled_jobs_due ON scheduled_jobs (scheduled_for, id) WHERE status = 'pending' AND job_type = 'post_publish';
CREATE INDEX idx_scheduled_jobs_processing ON scheduled_jobs (updated_at) WHERE status = 'processing' AND job_type = 'post_publish';
"""#)
}
