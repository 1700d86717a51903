extension Migrations {
    /// Migration 10: row-level security for the tables added beside migration 7 (the
    /// per-account counters of migration 6, the worker's send log and leases of migration 8),
    /// so that a manager's session reads them as it reads everything else: only its agencies'
    /// rows, and nothing it could not read before. Without it the health pane and a post's
    /// send history failed for a manager with "permission denied".
    static let laterTablesUnderRowSecurity = Migration(version: 10, name: "later tables under row security", sql: #"""
-- Migration 10: the tables of migrations 6 and 8 under the row-level security of migration 7.

-- Forced, as migration 7's tables are, with the owner's policy that keeps the owner (and the
-- worker, which runs as the owner) seeing and changing every row.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['postdeck_account_post_counts', 'postdeck_deliveries', 'postdeck_job_claims',
                             'postdeck_workers'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY postdeck_owner ON %I TO %I USING (true) WITH CHECK (true)',
                       t, (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = t::regclass));
    END LOOP;
END
$$;

-- A manager reads an account's counters when it reads the account (account_health, an
-- invoker view, joins them), and a send when it reads the post_platform it sent. Leases and
-- the worker registry are the operator's: managers get no grant on them at all.
CREATE POLICY postdeck_read ON postdeck_account_post_counts FOR SELECT TO postdeck_reader
    USING (EXISTS (SELECT 1 FROM accounts a WHERE a.id = postdeck_account_post_counts.account_id));
CREATE POLICY postdeck_read ON postdeck_deliveries FOR SELECT TO postdeck_reader
    USING (EXISTS (SELECT 1 FROM post_platforms pp WHERE pp.id = postdeck_deliveries.post_platform_id));
GRANT SELECT ON postdeck_account_post_counts, postdeck_deliveries TO postdeck_reader;
"""#)
}
