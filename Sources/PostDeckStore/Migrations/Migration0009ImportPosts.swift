extension Migrations {
    /// Migration 9: bulk import of posts. A file's writes go in one statement and one
    /// transaction: changes to existing posts through the one write path
    /// (`postdeck_write_post`), new posts set-based by the same rules; each imported post is
    /// found again by the key its row left in `post_settings`. docs/IMPORT.md and
    /// docs/SCHEMA.md explain both; `PostImport` is the only caller.
    static let importPosts = Migration(version: 9, name: "import posts", sql: #"""
-- Migration 9: bulk import of posts (docs/IMPORT.md, docs/SCHEMA.md).

-- 1. The posts an import made, by client and key. Only a post's own marker is indexed: the
--    marker names the post it was written for, and a duplicate made in the composer copies
--    post_settings (with the original's id in it), so a copy is never taken for the
--    original. Unique: two imports of one file at once cannot both add its posts (the
--    second fails and writes nothing).
CREATE UNIQUE INDEX idx_posts_import_key ON posts (client_id, (post_settings->'postdeck_import'->>'key'))
    WHERE post_settings->'postdeck_import'->>'post' = id::text;

-- 2. One import, one statement. Each element of the array is one write of the scheduling
--    model, {row, request, expected, at, chained, marker}: `request`, `expected` and `at`
--    are postdeck_write_post's three arguments; a `chained` write (an unschedule, then a
--    save of the same post) is guarded by the stamp the write before it left; `marker` goes
--    into the request's settings edit as post_settings.postdeck_import.
--    - Writes to posts that exist: one postdeck_write_post call each, in row order.
--    - New posts (create, create_scheduled): the write path's create, set-based: the same
--      checks (the id is free, accounts, campaign and template are the client's, a scheduled
--      time is ahead), the same rows (the post, its post_platforms and media_files with the
--      same created_at steps, the post_settings and content_variations the write path's
--      merge gives) and the publish-job rule's one pending post_publish job per scheduled
--      post, at its time, naming its accounts in the same order. PostImportTests checks
--      that the rows are those the write path writes one by one.
--    If any write is refused, everything is rolled back (the block's handler catches
--    PDI01) and the rows returned say which and why; otherwise everything is written. One
--    row per write: (import_row, post_id, outcome done|refused, reason, job, status).
CREATE FUNCTION postdeck_import_posts(p_writes jsonb)
RETURNS TABLE (import_row int, post_id uuid, outcome text, reason text, job text, status text)
LANGUAGE plpgsql AS $fn$
#variable_conflict use_column
DECLARE
    v_write jsonb;
    v_request jsonb;
    v_expected timestamptz;
    v_stamp timestamptz;
    v_result record;
    v_refused boolean := false;
BEGIN
    BEGIN
        FOR v_write IN SELECT e.value FROM jsonb_array_elements(p_writes) e
                       WHERE e.value->'request'->>'change' NOT IN ('create', 'create_scheduled') LOOP
            v_request := v_write->'request';
            IF v_write ? 'marker' AND v_request->'edit' ? 'settings' THEN
                v_request := jsonb_set(v_request, '{edit,settings,postdeck_import}', v_write->'marker');
            END IF;
            v_expected := CASE WHEN (v_write->>'chained')::boolean THEN v_stamp
                               ELSE (v_write->>'expected')::timestamptz END;
            SELECT * INTO v_result FROM postdeck_write_post(v_request, v_expected, (v_write->>'at')::timestamptz);
            v_stamp := v_result.stamp;
            import_row := (v_write->>'row')::int;
            post_id := (v_request->>'post_id')::uuid;
            outcome := v_result.outcome;
            reason := v_result.reason;
            job := v_result.job;
            status := v_result.post_after->'post'->>'status';
            RETURN NEXT;
            IF v_result.outcome <> 'done' THEN v_refused := true; END IF;
        END LOOP;

        -- New posts: refused ones first (nothing of them is written).
        FOR import_row, post_id, reason IN
            WITH n AS (
                SELECT (e.value->>'row')::int AS row_no, (e.value->'request'->>'post_id')::uuid AS id,
                       (e.value->'request'->>'client_id')::uuid AS client, e.value->'request'->>'change' AS change,
                       coalesce(e.value->'request'->'edit', '{}'::jsonb) AS edit, (e.value->>'at')::timestamptz AS at
                FROM jsonb_array_elements(p_writes) e
                WHERE e.value->'request'->>'change' IN ('create', 'create_scheduled'))
            SELECT n.row_no, n.id, CASE
                WHEN EXISTS (SELECT 1 FROM posts p WHERE p.id = n.id) THEN 'exists'
                WHEN n.change = 'create_scheduled' AND (n.at IS NULL OR n.at <= now()) THEN 'not_in_future'
                WHEN EXISTS (SELECT 1 FROM jsonb_array_elements_text(coalesce(n.edit->'accounts_add', '[]'::jsonb)) a(id)
                             WHERE NOT EXISTS (SELECT 1 FROM accounts x WHERE x.id = a.id::uuid AND x.client_id = n.client))
                    THEN 'foreign_account'
                WHEN n.edit->>'campaign_id' IS NOT NULL AND NOT EXISTS (
                         SELECT 1 FROM campaigns c WHERE c.id = (n.edit->>'campaign_id')::uuid AND c.client_id = n.client)
                    THEN 'foreign_campaign'
                WHEN n.edit->>'template_id' IS NOT NULL AND NOT EXISTS (
                         SELECT 1 FROM post_templates t WHERE t.id = (n.edit->>'template_id')::uuid AND t.client_id = n.client)
                    THEN 'foreign_template'
                END
            FROM n
        LOOP
            CONTINUE WHEN reason IS NULL;
            outcome := 'refused';
            job := 'none';
            status := NULL;
            v_refused := true;
            RETURN NEXT;
        END LOOP;

        IF NOT v_refused THEN
            RETURN QUERY
            WITH n AS (
                SELECT (e.value->>'row')::int AS row_no, (e.value->'request'->>'post_id')::uuid AS id,
                       (e.value->'request'->>'client_id')::uuid AS client,
                       e.value->'request'->>'change' = 'create_scheduled' AS scheduled,
                       coalesce(e.value->'request'->'edit', '{}'::jsonb) AS edit, e.value->'marker' AS marker,
                       (e.value->>'at')::timestamptz AS at
                FROM jsonb_array_elements(p_writes) e
                WHERE e.value->'request'->>'change' IN ('create', 'create_scheduled')),
            new_posts AS (
                INSERT INTO posts (id, client_id, status, content, content_variations, post_settings, campaign_id, template_id,
                                   scheduled_at)
                SELECT n.id, n.client, CASE WHEN n.scheduled THEN 'scheduled'::post_status ELSE 'draft'::post_status END,
                       coalesce(n.edit->>'content', ''),
                       CASE WHEN n.edit ? 'variations'
                            THEN ('{}'::jsonb - ARRAY['linkedin', 'instagram', 'tiktok', 'facebook']) || (n.edit->'variations')
                            ELSE '{}'::jsonb END,
                       CASE WHEN n.edit ? 'settings'
                            THEN ('{}'::jsonb - ARRAY['hashtags', 'mentions', 'first_comment'])
                                 || CASE WHEN n.marker IS NULL THEN n.edit->'settings'
                                         ELSE jsonb_set(n.edit->'settings', '{postdeck_import}', n.marker) END
                            ELSE '{}'::jsonb END,
                       (n.edit->>'campaign_id')::uuid, (n.edit->>'template_id')::uuid,
                       CASE WHEN n.scheduled OR n.edit ? 'time' THEN n.at END
                FROM n ORDER BY n.row_no
                RETURNING id),
            new_platforms AS (
                INSERT INTO post_platforms (post_id, account_id, status, created_at)
                SELECT n.id, a.id::uuid, 'pending', now() + a.k * interval '1 microsecond'
                FROM n, jsonb_array_elements_text(coalesce(n.edit->'accounts_add', '[]'::jsonb)) WITH ORDINALITY a(id, k)
                ON CONFLICT (post_id, account_id) DO NOTHING
                RETURNING post_id, account_id, created_at),
            new_media AS (
                INSERT INTO media_files (id, post_id, filename, original_filename, mime_type, media_type, file_size,
                                         dimensions, duration, storage_path, created_at)
                SELECT (m.m->>'id')::uuid, n.id, m.m->>'filename', m.m->>'filename', m.m->>'mime_type',
                       (m.m->>'media_type')::media_type, (m.m->>'file_size')::int,
                       CASE WHEN m.m ? 'width' THEN jsonb_build_object('width', (m.m->>'width')::int, 'height', (m.m->>'height')::int) END,
                       (m.m->>'duration')::int, m.m->>'path', now() + m.k * interval '1 microsecond'
                FROM n, jsonb_array_elements(coalesce(n.edit->'media_add', '[]'::jsonb)) WITH ORDINALITY m(m, k)
                ON CONFLICT (id) DO NOTHING
                RETURNING id),
            new_jobs AS (
                INSERT INTO scheduled_jobs (job_type, job_data, status, scheduled_for)
                SELECT 'post_publish',
                       jsonb_build_object('post_id', n.id::text, 'account_ids', coalesce(
                           (SELECT jsonb_agg(pp.account_id::text ORDER BY pp.created_at, pp.account_id)
                            FROM new_platforms pp WHERE pp.post_id = n.id), '[]'::jsonb)),
                       'pending', n.at
                FROM n WHERE n.scheduled
                RETURNING job_data->>'post_id' AS post)
            SELECT n.row_no, n.id, 'done'::text, NULL::text,
                   CASE WHEN n.scheduled THEN 'created' ELSE 'none' END,
                   CASE WHEN n.scheduled THEN 'scheduled' ELSE 'draft' END
            FROM n
            ORDER BY n.row_no;
        END IF;

        IF v_refused THEN
            RAISE EXCEPTION 'postdeck_import_posts: a write was refused' USING ERRCODE = 'PDI01';
        END IF;
    EXCEPTION WHEN SQLSTATE 'PDI01' THEN
        -- Everything this block wrote is rolled back; the rows returned say what was refused.
        NULL;
    END;
END
$fn$;
"""#)
}
