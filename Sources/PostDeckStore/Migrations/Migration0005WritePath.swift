extension Migrations {
    /// Migration 5: the one write path of a post (`postdeck_write_post`) and the publish-job
    /// rule as a database rule. docs/SCHEMA.md explains both; `PostWrites` is their only caller.
    static let writePath = Migration(version: 5, name: "write path", sql: #"""
-- Migration 5: one write path for posts, and one pending publish job per post (docs/SCHEMA.md).

-- 1. A post has at most one pending post_publish job. Older tools could leave several: the
--    one at the post's own time (else the newest) stays pending, the others are cancelled
--    with a note, so the unique index below can be built.
WITH ranked AS (
    SELECT j.id, row_number() OVER (
               PARTITION BY j.job_data->>'post_id'
               ORDER BY (p.status = 'scheduled' AND j.scheduled_for = p.scheduled_at) DESC NULLS LAST,
                        j.created_at DESC, j.id DESC) AS n
    FROM scheduled_jobs j
    LEFT JOIN posts p ON p.id::text = j.job_data->>'post_id'
    WHERE j.status = 'pending' AND j.job_type = 'post_publish'
)
UPDATE scheduled_jobs j
SET status = 'cancelled',
    error_message = 'cancelled by postdeck migration 5: a second pending publish job of the same post'
FROM ranked r
WHERE r.id = j.id AND r.n > 1;

CREATE UNIQUE INDEX idx_scheduled_jobs_one_pending_publish ON scheduled_jobs ((job_data->>'post_id'))
    WHERE status = 'pending' AND job_type = 'post_publish';

-- 2. A post as stored, as one JSON value: its row, its post_platforms and its media_files,
--    each without updated_at (the trigger owns it; the post's is beside them, for reading). What postdeck_write_post returns before
--    and after a write, and what it takes back to restore a state.
CREATE FUNCTION postdeck_post_snapshot(p_post uuid) RETURNS jsonb
LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object(
        'post', to_jsonb(p) - 'updated_at',
        'platforms', coalesce((SELECT jsonb_agg(to_jsonb(pp) - 'updated_at' ORDER BY pp.created_at, pp.id)
                               FROM post_platforms pp WHERE pp.post_id = p.id), '[]'::jsonb),
        'media', coalesce((SELECT jsonb_agg(to_jsonb(m) - 'updated_at' ORDER BY m.created_at, m.id)
                           FROM media_files m WHERE m.post_id = p.id), '[]'::jsonb),
        'updated_at', p.updated_at)
    FROM posts p WHERE p.id = p_post
$$;

-- 3. The publish-job rule, applied after every write: a scheduled post has exactly one
--    pending post_publish job, at its time, naming its accounts; any other post has none.
--    Returns what it did: created, updated, kept, cancelled or none.
CREATE FUNCTION postdeck_apply_publish_job_rule(p_post uuid) RETURNS text
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
        WHERE job_data->>'post_id' = p_post::text AND status = 'pending' AND job_type = 'post_publish'
          AND (scheduled_for IS DISTINCT FROM v_time OR job_data->'account_ids' IS DISTINCT FROM v_accounts);
        GET DIAGNOSTICS v_count = ROW_COUNT;
        IF v_count > 0 THEN RETURN 'updated'; END IF;
        IF EXISTS (SELECT 1 FROM scheduled_jobs WHERE job_data->>'post_id' = p_post::text
                   AND status = 'pending' AND job_type = 'post_publish') THEN
            RETURN 'kept';
        END IF;
        INSERT INTO scheduled_jobs (job_type, job_data, status, scheduled_for)
        VALUES ('post_publish', jsonb_build_object('post_id', p_post::text, 'account_ids', v_accounts), 'pending', v_time);
        RETURN 'created';
    END IF;
    UPDATE scheduled_jobs SET status = 'cancelled'
    WHERE job_data->>'post_id' = p_post::text AND status = 'pending' AND job_type = 'post_publish';
    GET DIAGNOSTICS v_count = ROW_COUNT;
    RETURN CASE WHEN v_count > 0 THEN 'cancelled' ELSE 'none' END;
END
$$;

-- 4. Every change to a post, as one call in one transaction. The request (JSON) names the
--    post, the change and its parts; p_expected is the updated_at the caller read (NULL for
--    a new post); p_at is the time the change sets (schedule, move, or an edit's time).
--    All checks come first, so a refusal writes nothing. The row is locked, so two writers
--    of one post go one after the other and the second sees the first's stamp.
--    Returns: outcome done|refused, reason (refused), the post before and after (post_before, post_after) as
--    postdeck_post_snapshot gives it, its updated_at after (or now, if refused), the
--    transaction's now, and what the publish-job rule did.
CREATE FUNCTION postdeck_write_post(p_request jsonb, p_expected timestamptz, p_at timestamptz)
RETURNS TABLE (outcome text, reason text, post_before jsonb, post_after jsonb, stamp timestamptz, db_now timestamptz, job text)
LANGUAGE plpgsql AS $fn$
DECLARE
    v_post uuid := (p_request->>'post_id')::uuid;
    v_change text := p_request->>'change';
    v_edit jsonb := coalesce(p_request->'edit', '{}'::jsonb);
    v_client uuid;
    v_current posts%ROWTYPE;
    v_exists boolean;
    v_creates boolean;
    v_status post_status;
    v_target jsonb;
    v_copy uuid;
    v_result uuid;
BEGIN
    db_now := now();
    job := 'none';
    SELECT * INTO v_current FROM posts WHERE id = v_post FOR UPDATE;
    v_exists := FOUND;
    post_before := CASE WHEN v_exists THEN postdeck_post_snapshot(v_post) END;
    stamp := v_current.updated_at;
    v_creates := v_change IN ('create', 'create_scheduled')
                 OR (v_change = 'restore' AND jsonb_typeof(p_request->'from') IS DISTINCT FROM 'object');
    v_client := coalesce(v_current.client_id, (p_request->>'client_id')::uuid);

    -- The guard: a new post must not exist (unless this is a retry of its own first save:
    -- same client, never changed since it was inserted); an existing one must carry the
    -- stamp the caller read.
    IF v_creates THEN
        IF v_exists THEN
            IF v_change <> 'restore' AND p_expected IS NULL AND v_current.updated_at = v_current.created_at
               AND v_current.client_id = (p_request->>'client_id')::uuid THEN
                post_before := NULL;
            ELSE
                outcome := 'refused'; reason := 'exists'; RETURN NEXT; RETURN;
            END IF;
        END IF;
    ELSE
        IF NOT v_exists THEN outcome := 'refused'; reason := 'not_found'; RETURN NEXT; RETURN; END IF;
        IF v_change <> 'duplicate' AND v_current.updated_at IS DISTINCT FROM p_expected THEN
            outcome := 'refused'; reason := 'changed_elsewhere'; RETURN NEXT; RETURN;
        END IF;
        IF v_change IN ('save', 'schedule', 'move', 'unschedule', 'cancel')
           AND v_current.status NOT IN ('draft', 'scheduled') THEN
            outcome := 'refused'; reason := 'not_editable'; RETURN NEXT; RETURN;
        END IF;
        IF v_change = 'unschedule' AND v_current.status <> 'scheduled' THEN
            outcome := 'refused'; reason := 'not_scheduled'; RETURN NEXT; RETURN;
        END IF;
    END IF;

    -- Times the database's clock must see ahead.
    IF v_change IN ('schedule', 'create_scheduled', 'move') AND (p_at IS NULL OR p_at <= db_now) THEN
        outcome := 'refused'; reason := 'not_in_future'; RETURN NEXT; RETURN;
    END IF;
    IF v_change = 'save' AND v_edit ? 'time' AND v_current.status = 'scheduled' THEN
        IF p_at IS NULL THEN outcome := 'refused'; reason := 'no_time'; RETURN NEXT; RETURN; END IF;
        IF p_at <= db_now THEN outcome := 'refused'; reason := 'not_in_future'; RETURN NEXT; RETURN; END IF;
    END IF;
    IF v_change = 'restore' AND jsonb_typeof(p_request->'to') = 'object'
       AND p_request->'to'->'post'->>'status' = 'scheduled'
       AND (p_request->'to'->'post'->>'scheduled_at')::timestamptz <= db_now THEN
        outcome := 'refused'; reason := 'not_in_future'; RETURN NEXT; RETURN;
    END IF;

    -- Accounts, campaign and template must be the post's client's.
    IF EXISTS (SELECT 1 FROM jsonb_array_elements_text(coalesce(v_edit->'accounts_add', '[]'::jsonb)) a(id)
               WHERE NOT EXISTS (SELECT 1 FROM accounts x WHERE x.id = a.id::uuid AND x.client_id = v_client)) THEN
        outcome := 'refused'; reason := 'foreign_account'; RETURN NEXT; RETURN;
    END IF;
    IF v_edit ? 'campaign_id' AND v_edit->>'campaign_id' IS NOT NULL AND NOT EXISTS (
           SELECT 1 FROM campaigns c WHERE c.id = (v_edit->>'campaign_id')::uuid AND c.client_id = v_client) THEN
        outcome := 'refused'; reason := 'foreign_campaign'; RETURN NEXT; RETURN;
    END IF;
    IF v_edit ? 'template_id' AND v_edit->>'template_id' IS NOT NULL AND NOT EXISTS (
           SELECT 1 FROM post_templates t WHERE t.id = (v_edit->>'template_id')::uuid AND t.client_id = v_client) THEN
        outcome := 'refused'; reason := 'foreign_template'; RETURN NEXT; RETURN;
    END IF;

    v_result := v_post;
    IF v_change IN ('create', 'create_scheduled', 'save', 'schedule') THEN
        IF NOT v_exists THEN
            INSERT INTO posts (id, client_id, status, content) VALUES (v_post, v_client, 'draft', '');
        END IF;
        v_status := CASE WHEN v_change IN ('schedule', 'create_scheduled') THEN 'scheduled'::post_status
                         WHEN v_exists THEN v_current.status ELSE 'draft'::post_status END;
        UPDATE posts p SET
            status = v_status,
            content = CASE WHEN v_edit ? 'content' THEN v_edit->>'content' ELSE p.content END,
            content_variations = CASE WHEN v_edit ? 'variations'
                THEN (coalesce(p.content_variations, '{}'::jsonb) - ARRAY['linkedin', 'instagram', 'tiktok', 'facebook'])
                     || (v_edit->'variations')
                ELSE p.content_variations END,
            post_settings = CASE WHEN v_edit ? 'settings'
                THEN (coalesce(p.post_settings, '{}'::jsonb) - ARRAY['hashtags', 'mentions', 'first_comment'])
                     || (v_edit->'settings')
                ELSE p.post_settings END,
            campaign_id = CASE WHEN v_edit ? 'campaign_id' THEN (v_edit->>'campaign_id')::uuid ELSE p.campaign_id END,
            template_id = CASE WHEN v_edit ? 'template_id' THEN (v_edit->>'template_id')::uuid ELSE p.template_id END,
            scheduled_at = CASE WHEN v_change IN ('schedule', 'create_scheduled') OR v_edit ? 'time'
                                THEN p_at ELSE p.scheduled_at END
        WHERE p.id = v_post;
        DELETE FROM post_platforms pp
        WHERE pp.post_id = v_post
          AND pp.account_id IN (SELECT id::uuid FROM jsonb_array_elements_text(coalesce(v_edit->'accounts_remove', '[]'::jsonb)) a(id));
        INSERT INTO post_platforms (post_id, account_id, status, created_at)
        SELECT v_post, a.id::uuid, 'pending', db_now + a.n * interval '1 microsecond'
        FROM jsonb_array_elements_text(coalesce(v_edit->'accounts_add', '[]'::jsonb)) WITH ORDINALITY a(id, n)
        ON CONFLICT (post_id, account_id) DO NOTHING;
        DELETE FROM media_files m
        WHERE m.post_id = v_post
          AND m.id IN (SELECT id::uuid FROM jsonb_array_elements_text(coalesce(v_edit->'media_remove', '[]'::jsonb)) r(id));
        INSERT INTO media_files (id, post_id, filename, original_filename, mime_type, media_type, file_size,
                                 dimensions, duration, storage_path, created_at)
        SELECT (e.m->>'id')::uuid, v_post, e.m->>'filename', e.m->>'filename', e.m->>'mime_type',
               (e.m->>'media_type')::media_type, (e.m->>'file_size')::int,
               CASE WHEN e.m ? 'width' THEN jsonb_build_object('width', (e.m->>'width')::int, 'height', (e.m->>'height')::int) END,
               (e.m->>'duration')::int, e.m->>'path', db_now + e.n * interval '1 microsecond'
        FROM jsonb_array_elements(coalesce(v_edit->'media_add', '[]'::jsonb)) WITH ORDINALITY e(m, n)
        ON CONFLICT (id) DO NOTHING;
    ELSIF v_change = 'move' THEN
        UPDATE posts SET scheduled_at = p_at WHERE id = v_post;
    ELSIF v_change = 'unschedule' THEN
        UPDATE posts SET status = 'draft' WHERE id = v_post;
    ELSIF v_change = 'cancel' THEN
        UPDATE posts SET status = 'cancelled' WHERE id = v_post;
    ELSIF v_change = 'duplicate' THEN
        v_copy := (p_request->>'copy_id')::uuid;
        INSERT INTO posts (id, client_id, status, content, content_variations, scheduled_at, post_settings,
                           template_id, campaign_id, created_by)
        SELECT v_copy, client_id, 'draft', content, content_variations,
               CASE WHEN scheduled_at > db_now THEN scheduled_at END, post_settings, template_id, campaign_id, created_by
        FROM posts WHERE id = v_post;
        INSERT INTO post_platforms (post_id, account_id, status, created_at)
        SELECT v_copy, pp.account_id, 'pending', db_now + row_number() OVER (ORDER BY pp.created_at, pp.id) * interval '1 microsecond'
        FROM post_platforms pp WHERE pp.post_id = v_post;
        INSERT INTO media_files (post_id, filename, original_filename, mime_type, media_type, file_size, dimensions,
                                 duration, storage_path, platform_versions, metadata, created_at)
        SELECT v_copy, m.filename, m.original_filename, m.mime_type, m.media_type, m.file_size, m.dimensions,
               m.duration, m.storage_path, m.platform_versions, m.metadata,
               db_now + row_number() OVER (ORDER BY m.created_at, m.id) * interval '1 microsecond'
        FROM media_files m WHERE m.post_id = v_post;
        post_before := NULL;
        v_result := v_copy;
    ELSIF v_change = 'restore' THEN
        v_target := p_request->'to';
        IF jsonb_typeof(v_target) IS DISTINCT FROM 'object' THEN
            DELETE FROM posts WHERE id = v_post;
        ELSIF NOT v_exists THEN
            INSERT INTO posts SELECT * FROM jsonb_populate_record(NULL::posts, v_target->'post');
            INSERT INTO post_platforms SELECT * FROM jsonb_populate_recordset(NULL::post_platforms, v_target->'platforms')
            ON CONFLICT DO NOTHING;
            INSERT INTO media_files SELECT * FROM jsonb_populate_recordset(NULL::media_files, v_target->'media')
            ON CONFLICT DO NOTHING;
        ELSE
            UPDATE posts p SET status = r.status, content = r.content, content_variations = r.content_variations,
                scheduled_at = r.scheduled_at, published_at = r.published_at, post_settings = r.post_settings,
                template_id = r.template_id, campaign_id = r.campaign_id, created_by = r.created_by
            FROM jsonb_populate_record(NULL::posts, v_target->'post') r
            WHERE p.id = v_post;
            -- Child rows: undo exactly what the write did (rows it added go, rows it removed
            -- come back, rows it changed get their values back); rows others touched stay.
            DELETE FROM post_platforms pp WHERE pp.post_id = v_post AND pp.id IN (
                SELECT f.id FROM jsonb_populate_recordset(NULL::post_platforms, p_request->'from'->'platforms') f
                EXCEPT SELECT t.id FROM jsonb_populate_recordset(NULL::post_platforms, v_target->'platforms') t);
            INSERT INTO post_platforms
            SELECT t.* FROM jsonb_populate_recordset(NULL::post_platforms, v_target->'platforms') t
            WHERE t.id NOT IN (SELECT f.id FROM jsonb_populate_recordset(NULL::post_platforms, p_request->'from'->'platforms') f)
            ON CONFLICT DO NOTHING;
            UPDATE post_platforms pp SET status = t.status, error_message = t.error_message,
                platform_post_id = t.platform_post_id, platform_data = t.platform_data, published_at = t.published_at
            FROM jsonb_populate_recordset(NULL::post_platforms, v_target->'platforms') t,
                 jsonb_populate_recordset(NULL::post_platforms, p_request->'from'->'platforms') f
            WHERE pp.id = t.id AND f.id = t.id AND pp.post_id = v_post
              AND (f.status, f.error_message, f.platform_post_id, f.platform_data, f.published_at)
                  IS DISTINCT FROM (t.status, t.error_message, t.platform_post_id, t.platform_data, t.published_at);
            DELETE FROM media_files m WHERE m.post_id = v_post AND m.id IN (
                SELECT f.id FROM jsonb_populate_recordset(NULL::media_files, p_request->'from'->'media') f
                EXCEPT SELECT t.id FROM jsonb_populate_recordset(NULL::media_files, v_target->'media') t);
            INSERT INTO media_files
            SELECT t.* FROM jsonb_populate_recordset(NULL::media_files, v_target->'media') t
            WHERE t.id NOT IN (SELECT f.id FROM jsonb_populate_recordset(NULL::media_files, p_request->'from'->'media') f)
            ON CONFLICT DO NOTHING;
        END IF;
    ELSE
        RAISE EXCEPTION 'postdeck_write_post: unknown change %', v_change USING ERRCODE = '22023';
    END IF;

    job := postdeck_apply_publish_job_rule(v_result);
    post_after := postdeck_post_snapshot(v_result);
    SELECT p.updated_at INTO stamp FROM posts p WHERE p.id = v_result;
    IF NOT FOUND THEN stamp := NULL; END IF;
    outcome := 'done';
    RETURN NEXT;
END
$fn$;
"""#)
}
