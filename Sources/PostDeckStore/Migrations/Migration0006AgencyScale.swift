extension Migrations {
    /// Migration 6: what the panes need for a whole agency at a million posts. Each
    /// account's post and failure counts, kept by triggers on `post_platforms` in a table of
    /// ours, so that `account_health` reads one row per account instead of counting
    /// millions of post_platforms; and a covering index for a post's accounts (the calendar).
    /// docs/SCHEMA.md has the design and the figures behind it.
    static let agencyScale = Migration(version: 6, name: "agency scale", sql: #"""
-- Migration 6: per-account counters for account_health and the calendar's covering index
-- (see docs/SCHEMA.md, "Migration 6").

-- Writers wait from here to the end of the migration, so the backfill below and the
-- triggers see exactly the same rows.
LOCK TABLE post_platforms IN SHARE ROW EXCLUSIVE MODE;

-- One row per account that has (or had) post_platforms; an account without a row has none.
-- Keyed by account id alone, so a row-level policy can be written on it. No foreign key:
-- TRUNCATE accounts (as `postdeck seed --force` does) must keep working; the triggers
-- below remove a deleted account's row instead.
CREATE TABLE postdeck_account_post_counts (
    account_id uuid PRIMARY KEY,
    total_posts bigint NOT NULL DEFAULT 0,
    failed_posts bigint NOT NULL DEFAULT 0
);

-- Adds what one statement changed: +1 per new row and -1 per old row on its account
-- (an update that moves a row or changes whether it failed is both). Accounts whose
-- counts did not change are not touched, so ordinary updates take no lock here. Rows are
-- upserted in account order, so two writers never wait for each other in a cycle.
-- SECURITY DEFINER: every writer of post_platforms (a Prisma app, a worker) keeps the
-- counts right without being granted this table or being subject to its policies.
CREATE FUNCTION postdeck_count_post_platforms() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    ids uuid[];
    totals bigint[];
    failures bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(account_id ORDER BY account_id), array_agg(total ORDER BY account_id),
               array_agg(failed ORDER BY account_id)
        INTO ids, totals, failures
        FROM (SELECT account_id, count(*) AS total, count(*) FILTER (WHERE status = 'failed') AS failed
              FROM new_rows GROUP BY account_id) d;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(account_id ORDER BY account_id), array_agg(-total ORDER BY account_id),
               array_agg(-failed ORDER BY account_id)
        INTO ids, totals, failures
        FROM (SELECT account_id, count(*) AS total, count(*) FILTER (WHERE status = 'failed') AS failed
              FROM old_rows GROUP BY account_id) d;
    ELSE
        SELECT array_agg(account_id ORDER BY account_id), array_agg(total ORDER BY account_id),
               array_agg(failed ORDER BY account_id)
        INTO ids, totals, failures
        FROM (SELECT account_id, sum(n) AS total, sum(f) AS failed
              FROM (SELECT account_id, 1 AS n, (status = 'failed')::int AS f FROM new_rows
                    UNION ALL
                    SELECT account_id, -1, -(status = 'failed')::int FROM old_rows) r
              GROUP BY account_id
              HAVING sum(n) <> 0 OR sum(f) <> 0) d;
    END IF;
    IF ids IS NULL THEN
        RETURN NULL;
    END IF;
    INSERT INTO postdeck_account_post_counts AS c (account_id, total_posts, failed_posts)
    SELECT d.account_id, d.total, d.failed
    FROM unnest(ids, totals, failures) AS d(account_id, total, failed)
    -- An account deleted in this statement is left out (its row is removed below).
    WHERE EXISTS (SELECT 1 FROM accounts a WHERE a.id = d.account_id)
    ORDER BY d.account_id
    ON CONFLICT (account_id) DO UPDATE
        SET total_posts = c.total_posts + excluded.total_posts,
            failed_posts = c.failed_posts + excluded.failed_posts;
    RETURN NULL;
END
$$;

CREATE TRIGGER postdeck_count_insert AFTER INSERT ON post_platforms
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION postdeck_count_post_platforms();
CREATE TRIGGER postdeck_count_update AFTER UPDATE ON post_platforms
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION postdeck_count_post_platforms();
CREATE TRIGGER postdeck_count_delete AFTER DELETE ON post_platforms
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION postdeck_count_post_platforms();

-- TRUNCATE fires no delete triggers: it empties the counts too.
CREATE FUNCTION postdeck_reset_post_counts() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    DELETE FROM postdeck_account_post_counts;
    RETURN NULL;
END
$$;

CREATE TRIGGER postdeck_count_truncate AFTER TRUNCATE ON post_platforms
    FOR EACH STATEMENT EXECUTE FUNCTION postdeck_reset_post_counts();

-- A deleted account's row goes with it. Its post_platforms are deleted by the foreign key's
-- cascade, whose triggers run after this one (and find the account gone).
CREATE FUNCTION postdeck_forget_account_counts() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    DELETE FROM postdeck_account_post_counts c USING old_rows o WHERE c.account_id = o.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER postdeck_count_forget AFTER DELETE ON accounts
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION postdeck_forget_account_counts();

-- The counts of every post_platforms row there is now.
INSERT INTO postdeck_account_post_counts (account_id, total_posts, failed_posts)
SELECT account_id, count(*), count(*) FILTER (WHERE status = 'failed')
FROM post_platforms
GROUP BY account_id;

-- account_health reads the counts: same columns, same types, same values.
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
    coalesce(n.total_posts, 0::bigint) AS total_posts,
    coalesce(n.failed_posts, 0::bigint) AS failed_posts,
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
LEFT JOIN postdeck_account_post_counts n ON n.account_id = a.id;

-- A post's accounts and their statuses, read without visiting post_platforms (the calendar
-- reads them for every post of a month).
CREATE INDEX idx_post_platforms_post_accounts ON post_platforms (post_id) INCLUDE (account_id, status);
"""#)
}
