extension Migrations {
    /// Migration 7: agencies share one database safely. Managers are database roles in the
    /// group roles `postdeck_writer` / `postdeck_reader`, listed per agency in
    /// `postdeck_agency_managers`; FORCEd row-level security keeps each agency's rows to its
    /// managers, token columns stay unreadable, and the owner keeps full access.
    /// docs/ACCESS.md explains every statement and the privileges behind each.
    static let rowLevelSecurity = Migration(version: 7, name: "row-level security", sql: #"""
-- Migration 7: agencies share one database safely (see docs/ACCESS.md).
-- Managers are database roles: members of postdeck_writer (read and write their agencies)
-- or postdeck_reader (read only), each listed in postdeck_agency_managers for the agencies
-- they manage. Row-level security, FORCEd, keeps every agency's rows to its managers; the
-- tables' owner (and superusers) keep full access. Token columns are never readable by
-- managers.

-- 1. The group roles. Roles belong to the cluster, not to one database: another database
--    of the cluster may have made them already (even at this very moment).
DO $$
DECLARE
    group_name text;
BEGIN
    FOREACH group_name IN ARRAY ARRAY['postdeck_reader', 'postdeck_writer'] LOOP
        CONTINUE WHEN EXISTS (SELECT FROM pg_roles WHERE rolname = group_name);
        BEGIN
            EXECUTE format('CREATE ROLE %I NOLOGIN', group_name);
        EXCEPTION
            WHEN duplicate_object OR unique_violation THEN NULL;
            WHEN insufficient_privilege THEN
                RAISE EXCEPTION 'cannot create the group role %: the role running migrate needs CREATEROLE', group_name
                    USING HINT = 'a superuser can create both once for the whole cluster: CREATE ROLE postdeck_reader NOLOGIN; CREATE ROLE postdeck_writer NOLOGIN;';
        END;
    END LOOP;
    -- A writer reads what a reader reads.
    IF NOT pg_has_role('postdeck_writer', 'postdeck_reader', 'MEMBER') THEN
        BEGIN
            GRANT postdeck_reader TO postdeck_writer;
        EXCEPTION
            WHEN duplicate_object OR unique_violation THEN NULL;
        END;
    END IF;
END
$$;

-- 2. Which role manages which agency. role_name is a role (a login role or a group of
--    them); its members manage the agency too. read_only: may look, may not change.
CREATE TABLE postdeck_agency_managers (
    role_name name NOT NULL,
    agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
    read_only boolean NOT NULL,
    granted_at timestamptz NOT NULL DEFAULT now(),
    granted_by name NOT NULL DEFAULT current_user,
    PRIMARY KEY (role_name, agency_id)
);
CREATE INDEX idx_postdeck_agency_managers_agency_id ON postdeck_agency_managers (agency_id);

-- 3. The membership functions the policies call. SECURITY DEFINER: they read the table
--    above and clients, which managers cannot (or, for clients, only through these very
--    functions). STABLE, and wrapped as (SELECT ...) in the policies, so each runs once per
--    statement. The caller passes current_user (inside a SECURITY DEFINER function
--    current_user is the owner); a role the session cannot become gets nothing.
CREATE FUNCTION postdeck_managed_agencies(who name, writable boolean) RETURNS uuid[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce(array_agg(DISTINCT m.agency_id), '{}')
    FROM public.postdeck_agency_managers m
    JOIN pg_catalog.pg_roles r ON r.rolname = m.role_name
    WHERE pg_catalog.pg_has_role(session_user, who, 'MEMBER')
      AND pg_catalog.pg_has_role(who, r.oid, 'MEMBER')
      AND (NOT writable OR NOT m.read_only)
$$;

CREATE FUNCTION postdeck_managed_clients(who name, writable boolean) RETURNS uuid[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce(array_agg(c.id), '{}')
    FROM public.clients c
    WHERE c.agency_id = ANY (public.postdeck_managed_agencies(who, writable))
$$;

-- A row that points at a post (post_platforms, media_files, scheduled_jobs) may be written
-- when the post belongs to a client in `clients`, or when the post is not in this
-- statement's snapshot: it is being created by the same statement (a save writes the post
-- and its rows at once), which the posts policy has checked; a foreign key (or, for jobs,
-- nothing) catches a post that does not exist at all.
CREATE FUNCTION postdeck_post_writable(post uuid, clients uuid[]) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT post IS NOT NULL AND coalesce(
        (SELECT p.client_id = ANY (clients) FROM public.posts p WHERE p.id = post), true)
$$;

-- What a role may do, for postdeck's header and its read-only mode.
CREATE FUNCTION postdeck_access(who name)
RETURNS TABLE (agency_id uuid, agency_name text, read_only boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT a.id, a.name::text, bool_and(m.read_only)
    FROM public.postdeck_agency_managers m
    JOIN pg_catalog.pg_roles r ON r.rolname = m.role_name
    JOIN public.agencies a ON a.id = m.agency_id
    WHERE pg_catalog.pg_has_role(session_user, who, 'MEMBER')
      AND pg_catalog.pg_has_role(who, r.oid, 'MEMBER')
    GROUP BY a.id, a.name
$$;

REVOKE ALL ON FUNCTION postdeck_managed_agencies(name, boolean), postdeck_managed_clients(name, boolean),
    postdeck_post_writable(uuid, uuid[]), postdeck_access(name) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION postdeck_managed_agencies(name, boolean), postdeck_managed_clients(name, boolean),
    postdeck_post_writable(uuid, uuid[]), postdeck_access(name) TO postdeck_reader;

-- 4. Keys that the planner may use under row-level security. A manager's own conditions
--    run after the policies unless they are leak-proof, and only leak-proof ones can be
--    index conditions: `job_data->>'post_id'` (jsonb ->> is not leak-proof) and
--    `coalesce(...)` are not, so a manager's lookup of a post's jobs scanned every pending
--    job, and a calendar range read every post of the client. A stored uuid column
--    (additive: the seed's columns stay as they are) and a CASE expression (leak-proof)
--    give them indexes.
ALTER TABLE scheduled_jobs ADD COLUMN post_id uuid
    GENERATED ALWAYS AS (postdeck_uuid_or_null(job_data->>'post_id')) STORED;
CREATE INDEX idx_scheduled_jobs_post_id ON scheduled_jobs (post_id, created_at);
CREATE INDEX idx_scheduled_jobs_pending_post_id ON scheduled_jobs (post_id) WHERE status = 'pending';
CREATE INDEX idx_posts_client_calendar_time
    ON posts (client_id, (CASE WHEN published_at IS NOT NULL THEN published_at ELSE scheduled_at END));

-- 5. Row-level security on every table that holds an agency's data, FORCEd so that even
--    the owner's own views and functions go through it. The owner's policy lets the
--    owner (and its members) see and change everything, as before.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['agencies', 'clients', 'accounts', 'platform_tokens', 'posts', 'post_platforms',
                             'media_files', 'post_analytics', 'post_templates', 'campaigns', 'scheduled_jobs'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY postdeck_owner ON %I TO %I USING (true) WITH CHECK (true)',
                       t, (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = t::regclass));
    END LOOP;
END
$$;

-- Reading: a manager sees the rows of the agencies they manage, read-only or not.
-- Each policy tests an indexed column (the key, or the foreign key to the parent)
-- against a list computed once per statement, or finds the parent row by its key.
CREATE POLICY postdeck_read ON agencies FOR SELECT TO postdeck_reader
    USING (id = ANY ((SELECT postdeck_managed_agencies(current_user, false))::uuid[]));
CREATE POLICY postdeck_read ON clients FOR SELECT TO postdeck_reader
    USING (agency_id = ANY ((SELECT postdeck_managed_agencies(current_user, false))::uuid[]));
CREATE POLICY postdeck_read ON accounts FOR SELECT TO postdeck_reader
    USING (client_id = ANY ((SELECT postdeck_managed_clients(current_user, false))::uuid[]));
CREATE POLICY postdeck_read ON posts FOR SELECT TO postdeck_reader
    USING (client_id = ANY ((SELECT postdeck_managed_clients(current_user, false))::uuid[]));
CREATE POLICY postdeck_read ON post_templates FOR SELECT TO postdeck_reader
    USING (client_id = ANY ((SELECT postdeck_managed_clients(current_user, false))::uuid[]));
CREATE POLICY postdeck_read ON campaigns FOR SELECT TO postdeck_reader
    USING (client_id = ANY ((SELECT postdeck_managed_clients(current_user, false))::uuid[]));
CREATE POLICY postdeck_read ON platform_tokens FOR SELECT TO postdeck_reader
    USING (EXISTS (SELECT 1 FROM accounts a WHERE a.id = platform_tokens.account_id));
-- A post_platform belongs to its account's agency: the account is what publishes, and the
-- health pane counts an account's post_platforms by (account_id, status).
CREATE POLICY postdeck_read ON post_platforms FOR SELECT TO postdeck_reader
    USING (EXISTS (SELECT 1 FROM accounts a WHERE a.id = post_platforms.account_id));
CREATE POLICY postdeck_read ON media_files FOR SELECT TO postdeck_reader
    USING (EXISTS (SELECT 1 FROM posts p WHERE p.id = media_files.post_id));
CREATE POLICY postdeck_read ON post_analytics FOR SELECT TO postdeck_reader
    USING (EXISTS (SELECT 1 FROM post_platforms pp WHERE pp.id = post_analytics.post_platform_id));
CREATE POLICY postdeck_read ON scheduled_jobs FOR SELECT TO postdeck_reader
    USING (EXISTS (SELECT 1 FROM posts p WHERE p.id = scheduled_jobs.post_id));

-- Writing: only agencies managed without read_only, and only what postdeck writes.
CREATE POLICY postdeck_insert ON posts FOR INSERT TO postdeck_writer
    WITH CHECK (client_id = ANY ((SELECT postdeck_managed_clients(current_user, true))::uuid[]));
CREATE POLICY postdeck_update ON posts FOR UPDATE TO postdeck_writer
    USING (client_id = ANY ((SELECT postdeck_managed_clients(current_user, true))::uuid[]))
    WITH CHECK (client_id = ANY ((SELECT postdeck_managed_clients(current_user, true))::uuid[]));
CREATE POLICY postdeck_delete ON posts FOR DELETE TO postdeck_writer
    USING (client_id = ANY ((SELECT postdeck_managed_clients(current_user, true))::uuid[]));

CREATE POLICY postdeck_update ON accounts FOR UPDATE TO postdeck_writer
    USING (client_id = ANY ((SELECT postdeck_managed_clients(current_user, true))::uuid[]))
    WITH CHECK (client_id = ANY ((SELECT postdeck_managed_clients(current_user, true))::uuid[]));

CREATE POLICY postdeck_insert ON post_platforms FOR INSERT TO postdeck_writer
    WITH CHECK (EXISTS (SELECT 1 FROM accounts a WHERE a.id = post_platforms.account_id
                        AND a.client_id = ANY ((SELECT postdeck_managed_clients(current_user, true))::uuid[]))
                AND postdeck_post_writable(post_id, (SELECT postdeck_managed_clients(current_user, true))));
CREATE POLICY postdeck_update ON post_platforms FOR UPDATE TO postdeck_writer
    USING (EXISTS (SELECT 1 FROM accounts a WHERE a.id = post_platforms.account_id
                   AND a.client_id = ANY ((SELECT postdeck_managed_clients(current_user, true))::uuid[])))
    WITH CHECK (EXISTS (SELECT 1 FROM accounts a WHERE a.id = post_platforms.account_id
                        AND a.client_id = ANY ((SELECT postdeck_managed_clients(current_user, true))::uuid[]))
                AND postdeck_post_writable(post_id, (SELECT postdeck_managed_clients(current_user, true))));
CREATE POLICY postdeck_delete ON post_platforms FOR DELETE TO postdeck_writer
    USING (EXISTS (SELECT 1 FROM accounts a WHERE a.id = post_platforms.account_id
                   AND a.client_id = ANY ((SELECT postdeck_managed_clients(current_user, true))::uuid[])));

CREATE POLICY postdeck_insert ON media_files FOR INSERT TO postdeck_writer
    WITH CHECK (postdeck_post_writable(post_id, (SELECT postdeck_managed_clients(current_user, true))));
CREATE POLICY postdeck_delete ON media_files FOR DELETE TO postdeck_writer
    USING (EXISTS (SELECT 1 FROM posts p WHERE p.id = media_files.post_id
                   AND p.client_id = ANY ((SELECT postdeck_managed_clients(current_user, true))::uuid[])));

CREATE POLICY postdeck_insert ON scheduled_jobs FOR INSERT TO postdeck_writer
    WITH CHECK (postdeck_post_writable(post_id, (SELECT postdeck_managed_clients(current_user, true))));
CREATE POLICY postdeck_update ON scheduled_jobs FOR UPDATE TO postdeck_writer
    USING (EXISTS (SELECT 1 FROM posts p WHERE p.id = scheduled_jobs.post_id
                   AND p.client_id = ANY ((SELECT postdeck_managed_clients(current_user, true))::uuid[])))
    WITH CHECK (postdeck_post_writable(post_id, (SELECT postdeck_managed_clients(current_user, true))));

-- 6. Privileges: the least that postdeck's reads and writes need (docs/ACCESS.md lists
--    the statement behind each). No token column, no agency's email or settings.
GRANT SELECT (id, name) ON agencies TO postdeck_reader;
GRANT SELECT ON clients, accounts, posts, post_platforms, media_files, post_analytics, post_templates,
    campaigns, scheduled_jobs, account_health, post_performance_summary, postdeck_schema_migrations TO postdeck_reader;
GRANT SELECT (id, account_id, expires_at, scopes, created_at, updated_at) ON platform_tokens TO postdeck_reader;

-- Writers: what postdeck_write_post (migration 5, postdeck's one write path) does as them.
-- Whole rows go into posts, post_platforms and media_files when a change is undone (a
-- deleted post comes back as it was), so INSERT covers every column there.
GRANT INSERT,
      UPDATE (status, content, content_variations, scheduled_at, published_at, post_settings, template_id,
              campaign_id, created_by),
      DELETE ON posts TO postdeck_writer;
GRANT UPDATE (active) ON accounts TO postdeck_writer;
GRANT INSERT, UPDATE (status, error_message, platform_post_id, platform_data, published_at), DELETE
    ON post_platforms TO postdeck_writer;
GRANT INSERT, DELETE ON media_files TO postdeck_writer;
GRANT INSERT (job_type, job_data, status, scheduled_for), UPDATE (scheduled_for, job_data, status)
    ON scheduled_jobs TO postdeck_writer;

-- The publish-job rule of migration 5, finding a post's jobs by the leak-proof post_id (same
-- rows: post_id is the uuid job_data names), so a manager's write reads one index entry
-- instead of every pending job.
CREATE OR REPLACE FUNCTION postdeck_apply_publish_job_rule(p_post uuid) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    v_status post_status;
    v_time timestamptz;
    v_accounts jsonb;
    v_count bigint;
BEGIN
    SELECT status, scheduled_at INTO v_status, v_time FROM posts WHERE id = p_post;
    IF FOUND AND v_status = 'scheduled' AND v_time IS NOT NULL THEN
        SELECT coalesce(jsonb_agg(pp.account_id::text ORDER BY pp.created_at, pp.account_id), '[]'::jsonb)
        INTO v_accounts FROM post_platforms pp WHERE pp.post_id = p_post;
        UPDATE scheduled_jobs
        SET scheduled_for = v_time,
            job_data = job_data || jsonb_build_object('post_id', p_post::text, 'account_ids', v_accounts)
        WHERE post_id = p_post AND status = 'pending' AND job_type = 'post_publish'
          AND (scheduled_for IS DISTINCT FROM v_time OR job_data->'account_ids' IS DISTINCT FROM v_accounts);
        GET DIAGNOSTICS v_count = ROW_COUNT;
        IF v_count > 0 THEN RETURN 'updated'; END IF;
        IF EXISTS (SELECT 1 FROM scheduled_jobs WHERE post_id = p_post
                   AND status = 'pending' AND job_type = 'post_publish') THEN
            RETURN 'kept';
        END IF;
        INSERT INTO scheduled_jobs (job_type, job_data, status, scheduled_for)
        VALUES ('post_publish', jsonb_build_object('post_id', p_post::text, 'account_ids', v_accounts), 'pending', v_time);
        RETURN 'created';
    END IF;
    UPDATE scheduled_jobs SET status = 'cancelled'
    WHERE post_id = p_post AND status = 'pending' AND job_type = 'post_publish';
    GET DIAGNOSTICS v_count = ROW_COUNT;
    RETURN CASE WHEN v_count > 0 THEN 'cancelled' ELSE 'none' END;
END
$$;

-- 7. The two views read their tables as the caller (PostgreSQL 15 and newer), so a manager
--    sees only their agency's rows through them too. Older servers keep definer views, and
--    `postdeck access grant` refuses to make managers there.
DO $$
BEGIN
    IF current_setting('server_version_num')::int >= 150000 THEN
        ALTER VIEW account_health SET (security_invoker = true);
        ALTER VIEW post_performance_summary SET (security_invoker = true);
    ELSE
        REVOKE SELECT ON account_health, post_performance_summary FROM postdeck_reader;
    END IF;
END
$$;
"""#)
}
