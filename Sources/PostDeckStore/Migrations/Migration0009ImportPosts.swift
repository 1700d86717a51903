extension Migrations {
    /// Migration 9: bulk import of posts. A file's writes go through the one write path
    /// (`postdeck_write_post`) in one statement and one transaction; each imported post is
    /// found again by the key its row left in `post_settings`. docs/IMPORT.md explains both;
    /// `PostImport` is the only caller.
    static let importPosts = Migration(version: 9, name: "import posts", sql: #"""
-- Migration 9: bulk import of posts (docs/IMPORT.md).

-- 1. The posts an import made, by client and key. Only a post's own marker is indexed: the
--    marker names the post it was written for, and a duplicate made in the composer copies
--    post_settings (with the original's id in it), so a copy is never taken for the
--    original. Unique: two imports of one file at once cannot both add its posts (the
--    second fails and writes nothing).
CREATE UNIQUE INDEX idx_posts_import_key ON posts (client_id, (post_settings->'postdeck_import'->>'key'))
    WHERE post_settings->'postdeck_import'->>'post' = id::text;

-- 2. One import, one statement: each write of the array, in order, is one call of
--    postdeck_write_post, so posts, their post_platforms, media rows and the one pending
--    publish job follow exactly the composer's rules. An element is
--    {row, request, expected, at, chained, marker}: `request`, `expected` and `at` are the
--    write path's three arguments, except that a `chained` write is guarded by the stamp
--    the previous write left (unschedule, then save, of one post), and `marker` is put in
--    the request's settings (every import write that edits sets them) under
--    postdeck_import. If any write is refused, everything is rolled back and the result
--    says which and why; otherwise all is written. One row per write:
--    (import_row, post_id, outcome done|refused, reason, job, status after).
CREATE FUNCTION postdeck_import_posts(p_writes jsonb)
RETURNS TABLE (import_row int, post_id uuid, outcome text, reason text, job text, status text)
LANGUAGE plpgsql AS $fn$
DECLARE
    v_write jsonb;
    v_request jsonb;
    v_expected timestamptz;
    v_stamp timestamptz;
    v_result record;
    v_refused boolean := false;
    v_rows int[] := '{}';
    v_posts uuid[] := '{}';
    v_outcomes text[] := '{}';
    v_reasons text[] := '{}';
    v_jobs text[] := '{}';
    v_statuses text[] := '{}';
BEGIN
    BEGIN
        FOR v_write IN SELECT e.value FROM jsonb_array_elements(p_writes) e LOOP
            v_request := v_write->'request';
            IF v_write ? 'marker' AND v_request->'edit' ? 'settings' THEN
                v_request := jsonb_set(v_request, '{edit,settings,postdeck_import}', v_write->'marker');
            END IF;
            v_expected := CASE WHEN (v_write->>'chained')::boolean THEN v_stamp
                               ELSE (v_write->>'expected')::timestamptz END;
            SELECT * INTO v_result FROM postdeck_write_post(v_request, v_expected, (v_write->>'at')::timestamptz);
            v_stamp := v_result.stamp;
            v_rows := v_rows || (v_write->>'row')::int;
            v_posts := v_posts || (v_request->>'post_id')::uuid;
            v_outcomes := v_outcomes || v_result.outcome;
            v_reasons := v_reasons || v_result.reason;
            v_jobs := v_jobs || v_result.job;
            v_statuses := v_statuses || (v_result.post_after->'post'->>'status');
            IF v_result.outcome <> 'done' THEN v_refused := true; END IF;
        END LOOP;
        IF v_refused THEN
            RAISE EXCEPTION 'postdeck_import_posts: a write was refused' USING ERRCODE = 'PDI01';
        END IF;
    EXCEPTION WHEN SQLSTATE 'PDI01' THEN
        -- Everything this block wrote is rolled back; the rows below say what was refused.
        NULL;
    END;
    RETURN QUERY SELECT * FROM unnest(v_rows, v_posts, v_outcomes, v_reasons, v_jobs, v_statuses);
END
$fn$;
"""#)
}
