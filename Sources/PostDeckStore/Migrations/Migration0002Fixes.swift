extension Migrations {
    /// Migration 2: fixes the seed's behaviour without renaming or retyping a seed column:
    /// both views corrected (same columns, `client_id` appended), `updated_at` maintained,
    /// changes announced on `postdeck_changes`, the panes' indexes, and two integrity fixes.
    /// docs/SCHEMA.md explains every statement.
    static let fixes = Migration(version: 2, name: "fixes", sql: #"""
-- Migration 2: fixes the seed's behaviour without renaming or retyping any seed column.
-- See docs/SCHEMA.md for each defect and why each index exists.

-- 1. post_performance_summary: one row per published post; each metric of each
--    post_platform counts once, with its latest snapshot. Same columns as the seed,
--    client_id appended.
CREATE OR REPLACE VIEW post_performance_summary AS
SELECT
    p.id AS post_id,
    p.content,
    p.published_at,
    c.name AS client_name,
    pl.platform_count,
    pl.published_count,
    pl.total_likes,
    pl.total_shares,
    pl.total_comments,
    pl.total_views,
    p.client_id
FROM posts p
JOIN clients c ON p.client_id = c.id
CROSS JOIN LATERAL (
    SELECT
        COUNT(pp.id) AS platform_count,
        COALESCE(SUM(CASE WHEN pp.status = 'published' THEN 1 ELSE 0 END), 0) AS published_count,
        COALESCE(SUM(latest.likes), 0) AS total_likes,
        COALESCE(SUM(latest.shares), 0) AS total_shares,
        COALESCE(SUM(latest.comments), 0) AS total_comments,
        COALESCE(SUM(latest.views), 0) AS total_views
    FROM post_platforms pp
    CROSS JOIN LATERAL (
        -- The platforms report lifetime counters: the latest snapshot is the value.
        -- Among snapshots recorded at the same instant the larger one is the later.
        SELECT
            (SELECT pa.metric_value FROM post_analytics pa
              WHERE pa.post_platform_id = pp.id AND pa.metric_name = 'likes'
              ORDER BY pa.recorded_at DESC, pa.metric_value DESC LIMIT 1) AS likes,
            (SELECT pa.metric_value FROM post_analytics pa
              WHERE pa.post_platform_id = pp.id AND pa.metric_name = 'shares'
              ORDER BY pa.recorded_at DESC, pa.metric_value DESC LIMIT 1) AS shares,
            (SELECT pa.metric_value FROM post_analytics pa
              WHERE pa.post_platform_id = pp.id AND pa.metric_name = 'comments'
              ORDER BY pa.recorded_at DESC, pa.metric_value DESC LIMIT 1) AS comments,
            (SELECT pa.metric_value FROM post_analytics pa
              WHERE pa.post_platform_id = pp.id AND pa.metric_name = 'views'
              ORDER BY pa.recorded_at DESC, pa.metric_value DESC LIMIT 1) AS views
    ) latest
    WHERE pp.post_id = p.id
) pl
WHERE p.status = 'published';

-- 2. account_health: expired before expiring_soon; no token row reads expired; one row
--    per account whatever the number of token rows; post counts not multiplied.
CREATE OR REPLACE VIEW account_health AS
SELECT
    a.id AS account_id,
    a.username,
    a.platform,
    c.name AS client_name,
    a.active,
    pt.expires_at AS token_expires_at,
    CASE
        WHEN pt.account_id IS NULL THEN 'expired'
        WHEN pt.expires_at IS NULL THEN 'healthy'
        WHEN pt.expires_at <= NOW() THEN 'expired'
        WHEN pt.expires_at < NOW() + INTERVAL '7 days' THEN 'expiring_soon'
        ELSE 'healthy'
    END AS token_status,
    pp.total_posts,
    pp.failed_posts,
    a.client_id
FROM accounts a
JOIN clients c ON a.client_id = c.id
LEFT JOIN LATERAL (
    -- With several token rows, the one that lasts longest decides (no expiry first).
    SELECT t.account_id, t.expires_at FROM platform_tokens t
    WHERE t.account_id = a.id
    ORDER BY t.expires_at DESC NULLS FIRST
    LIMIT 1
) pt ON true
CROSS JOIN LATERAL (
    SELECT COUNT(*) AS total_posts,
           COUNT(*) FILTER (WHERE p.status = 'failed') AS failed_posts
    FROM post_platforms p
    WHERE p.account_id = a.id
) pp;

-- 3. updated_at is the time of the last change, whoever writes (the seed only sets it on
--    insert, Prisma's @updatedAt only for Prisma writers). now() is the transaction's start:
--    every row a transaction touches gets the same stamp. An explicit NULL on insert gets
--    now() too, so optimistic guards (updated_at = $n) can always match.
CREATE FUNCTION postdeck_set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;

-- job_data is free-form JSON: a malformed post_id must not make a write fail.
CREATE FUNCTION postdeck_uuid_or_null(value text) RETURNS uuid
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN value ~* '^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$'
                THEN value::uuid END
$$;

-- 4. Changes are announced on channel postdeck_changes, one notification per statement
--    and table (payload documented in docs/SCHEMA.md).
CREATE FUNCTION postdeck_notify_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    row_count bigint;
    one_id uuid;
    client_ids uuid[];
    payload json;
BEGIN
    SELECT count(*), min(r.id::text)::uuid INTO row_count, one_id FROM changed_rows r;
    IF row_count = 0 THEN
        RETURN NULL;
    END IF;
    IF row_count <= 1000 THEN
        -- On UPDATE the old rows count too: a post moved to another client concerns both.
        EXECUTE format(
            'SELECT array_agg(DISTINCT c) FILTER (WHERE c IS NOT NULL) FROM (SELECT %1$s AS c FROM changed_rows r %2$s) s',
            TG_ARGV[0],
            CASE WHEN TG_OP = 'UPDATE' THEN format('UNION ALL SELECT %s FROM old_rows r', TG_ARGV[0]) ELSE '' END)
        INTO client_ids;
    END IF;
    payload := json_strip_nulls(json_build_object(
        'table', TG_TABLE_NAME,
        'op', TG_OP,
        'count', row_count,
        'id', CASE WHEN row_count = 1 THEN one_id END,
        'client_id', CASE WHEN cardinality(client_ids) = 1 THEN client_ids[1] END,
        'client_ids', CASE WHEN cardinality(client_ids) BETWEEN 2 AND 20 THEN client_ids END));
    PERFORM pg_notify('postdeck_changes', payload::text);
    RETURN NULL;
END
$$;

-- Every table but post_analytics (which has no updated_at) gets the updated_at triggers.
-- One notify trigger per table and event: Postgres allows transition tables only on
-- single-event triggers. The argument is how a changed row r finds its client.
DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT * FROM (VALUES
        ('agencies', 'NULL::uuid'),
        ('clients', 'r.id'),
        ('accounts', 'r.client_id'),
        ('platform_tokens', '(SELECT a.client_id FROM accounts a WHERE a.id = r.account_id)'),
        ('post_templates', 'r.client_id'),
        ('campaigns', 'r.client_id'),
        ('posts', 'r.client_id'),
        ('post_platforms', '(SELECT p.client_id FROM posts p WHERE p.id = r.post_id)'),
        ('media_files', '(SELECT p.client_id FROM posts p WHERE p.id = r.post_id)'),
        ('post_analytics', '(SELECT p.client_id FROM post_platforms pp JOIN posts p ON p.id = pp.post_id WHERE pp.id = r.post_platform_id)'),
        ('scheduled_jobs', '(SELECT p.client_id FROM posts p WHERE p.id = postdeck_uuid_or_null(r.job_data->>''post_id''))')
    ) AS v(table_name, client_expression)
    LOOP
        EXECUTE format('CREATE TRIGGER postdeck_notify_insert AFTER INSERT ON %I '
                       'REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT '
                       'EXECUTE FUNCTION postdeck_notify_change(%L)', t.table_name, t.client_expression);
        EXECUTE format('CREATE TRIGGER postdeck_notify_update AFTER UPDATE ON %I '
                       'REFERENCING OLD TABLE AS old_rows NEW TABLE AS changed_rows FOR EACH STATEMENT '
                       'EXECUTE FUNCTION postdeck_notify_change(%L)', t.table_name, t.client_expression);
        EXECUTE format('CREATE TRIGGER postdeck_notify_delete AFTER DELETE ON %I '
                       'REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT '
                       'EXECUTE FUNCTION postdeck_notify_change(%L)', t.table_name, t.client_expression);
        IF t.table_name <> 'post_analytics' THEN
            EXECUTE format('CREATE TRIGGER postdeck_updated_at BEFORE UPDATE ON %I '
                           'FOR EACH ROW EXECUTE FUNCTION postdeck_set_updated_at()', t.table_name);
            EXECUTE format('CREATE TRIGGER postdeck_updated_at_missing BEFORE INSERT ON %I '
                           'FOR EACH ROW WHEN (NEW.updated_at IS NULL) '
                           'EXECUTE FUNCTION postdeck_set_updated_at()', t.table_name);
        END IF;
    END LOOP;
END
$$;

-- 5. Indexes the panes' queries need (docs/SCHEMA.md names the query each serves).
CREATE INDEX idx_posts_client_scheduled_at ON posts (client_id, scheduled_at);
CREATE INDEX idx_posts_client_published_at ON posts (client_id, published_at) WHERE status = 'published';
CREATE INDEX idx_post_platforms_account_status ON post_platforms (account_id, status);
CREATE INDEX idx_scheduled_jobs_pending_post ON scheduled_jobs ((job_data->>'post_id')) WHERE status = 'pending';
CREATE INDEX idx_posts_template_id ON posts (template_id) WHERE template_id IS NOT NULL;

-- 6. Deleting a template or a campaign detaches its posts instead of failing, as the
--    seed's Prisma schema (optional relations: SetNull) says. Same names, same columns;
--    the existing rows already satisfy the keys.
ALTER TABLE posts DROP CONSTRAINT IF EXISTS posts_template_id_fkey,
    ADD CONSTRAINT posts_template_id_fkey FOREIGN KEY (template_id) REFERENCES post_templates(id) ON DELETE SET NULL;
ALTER TABLE posts DROP CONSTRAINT IF EXISTS posts_campaign_id_fkey,
    ADD CONSTRAINT posts_campaign_id_fkey FOREIGN KEY (campaign_id) REFERENCES campaigns(id) ON DELETE SET NULL;

-- 7. A campaign cannot end before it starts. NOT VALID: rows that already break it are
--    kept (and reported by docs/SCHEMA.md's query); new and edited rows are checked.
ALTER TABLE campaigns ADD CONSTRAINT campaigns_date_range_check CHECK (end_date >= start_date) NOT VALID;
"""#)
}
