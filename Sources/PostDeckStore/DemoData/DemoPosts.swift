/// The statement that writes one chunk of posts (numbers `$5` ..< `$6`) with everything
/// that hangs off them: post_platforms, analytics snapshots, media files and publish jobs.
/// One statement per chunk, all tables at once (data-modifying CTEs; the foreign keys are
/// checked at the end of the statement), so the server does all the work and the client
/// only reports progress between chunks. Parameters `$1`–`$4` as in `DemoSQL`.
enum DemoPosts {
    private typealias S = DemoSQL

    static let chunk = """
        WITH cfg AS (
            SELECT $2::timestamptz AS now,
                   ($4::jsonb->>'posts')::int AS total,
                   ($4::jsonb->>'pastDays')::int AS past_days,
                   ($4::jsonb->>'futureDays')::int AS future_days,
                   ($4::jsonb->>'ppMin')::int AS pp_min,
                   ($4::jsonb->>'ppMax')::int AS pp_max,
                   ($4::jsonb->>'snapshotsMin')::int AS snap_min,
                   ($4::jsonb->>'snapshotsMax')::int AS snap_max,
                   ($4::jsonb->>'duplicateRate')::float8 AS dup_rate,
                   ($4::jsonb->>'jobRetentionDays')::int AS job_days,
                   \(S.textArray("$4::jsonb->'metrics'")) AS metrics,
                   \(S.textArray("$3::jsonb->'mentions'")) AS mentions,
                   \(S.textArray("$3::jsonb->'linkedinClosings'")) AS closings,
                   \(S.textArray("$3::jsonb->'altTexts'")) AS alt_texts,
                   ARRAY['08:30', '09:00', '10:00', '11:30', '12:00', '12:30', '13:00', '15:00',
                         '17:30', '18:00', '19:00', '20:30']::time[] AS slots
        ), industries AS (
            SELECT key AS industry,
                   \(S.textArray("value->'captions'")) AS captions,
                   \(S.textArray("value->'hashtags'")) AS hashtags,
                   \(S.textArray("value->'products'")) AS products
            FROM jsonb_each($3::jsonb->'industries')
        ), errors AS (
            SELECT key AS platform, \(S.textArray("value")) AS messages FROM jsonb_each($3::jsonb->'errors')
        ), filenames AS (
            SELECT key AS media_type, \(S.textArray("value")) AS names FROM jsonb_each($3::jsonb->'originalFilenames')
        ), client_rows AS (
            SELECT (row_number() OVER (ORDER BY g.k) - 1)::int AS ci, g.k, c.id AS client_id, c.name AS client_name,
                   c.agency_id, coalesce(c.preferences->>'timezone', 'UTC') AS tz,
                   i.captions, i.hashtags, i.products, a.ids, a.platforms, a.followers, t.template_ids, t.template_texts
            FROM generate_series(0, ($4::jsonb->>'clients')::int - 1) AS g(k)
            JOIN clients c ON c.id = \(S.clientID("g.k"))
            JOIN industries i ON i.industry = c.industry
            CROSS JOIN LATERAL (
                SELECT array_agg(id ORDER BY id) AS ids, array_agg(platform::text ORDER BY id) AS platforms,
                       array_agg(coalesce((metadata->>'followers')::int, 1000) ORDER BY id) AS followers
                FROM accounts WHERE client_id = c.id AND active
            ) a
            CROSS JOIN LATERAL (
                SELECT array_agg(id ORDER BY id) AS template_ids, array_agg(template_content ORDER BY id) AS template_texts
                FROM post_templates WHERE client_id = c.id AND active
            ) t
            WHERE a.ids IS NOT NULL
        ), client_count AS (
            SELECT count(*)::int AS n FROM client_rows
        ), numbers AS (
            SELECT gs.n, s.client AS s_client, s.minutes AS s_minutes, s.status AS s_status,
                   s.platform AS s_platform, s.platforms AS s_platforms, s.content AS s_content
            FROM generate_series($5::int, $6::int - 1) AS gs(n)
            LEFT JOIN jsonb_to_recordset($4::jsonb->'showcase')
                      AS s(n int, client int, minutes int, status text, platform text, platforms int, content text)
                   ON s.n = gs.n
        ), placed AS (
            -- Post n falls on day n/total of the span (so chunks follow time, and so do the
            -- indexes they fill), at a usual posting time in the client's own zone.
            SELECT nb.*, cr.*, cfg.*,
                   (cfg.now AT TIME ZONE cr.tz)::date - cfg.past_days
                       + floor((nb.n + \(S.unit("nb.n", 2))) * (cfg.past_days + cfg.future_days) / cfg.total)::int AS local_day
            FROM numbers nb CROSS JOIN cfg CROSS JOIN client_count cc
            JOIN client_rows cr ON cr.ci = coalesce(nb.s_client, floor(cc.n * power(\(S.unit("nb.n", 1)), 1.3))::int)
            -- OFFSET 0 keeps a stage from being inlined into the next one, where every
            -- reference to one of its columns would compute the expression again.
            OFFSET 0
        ), timed AS (
            SELECT placed.*,
                   CASE WHEN s_minutes IS NOT NULL THEN now + s_minutes * interval '1 minute'
                        ELSE (local_day + slots[1 + \(S.pick("n", 3, "cardinality(slots)"))]
                              + CASE WHEN \(S.unit("n", 4)) < 0.25 THEN \(S.pick("n", 5, "45")) * interval '1 minute'
                                     ELSE interval '0' END) AT TIME ZONE tz
                   END AS slot_at
            FROM placed
            OFFSET 0
        ), statused AS (
            SELECT timed.*,
                   coalesce(s_status, CASE
                       WHEN slot_at > now THEN CASE WHEN \(S.unit("n", 6)) < 0.78 THEN 'scheduled'
                                                    WHEN \(S.unit("n", 6)) < 0.95 THEN 'draft' ELSE 'cancelled' END
                       WHEN slot_at > now - interval '20 minutes' THEN 'publishing'
                       ELSE CASE WHEN \(S.unit("n", 6)) < 0.86 THEN 'published' WHEN \(S.unit("n", 6)) < 0.94 THEN 'failed'
                                 WHEN \(S.unit("n", 6)) < 0.98 THEN 'cancelled' ELSE 'draft' END
                   END) AS status,
                   least(slot_at - (1 + 20 * \(S.unit("n", 15))) * interval '1 day',
                         now - (5 + \(S.pick("n", 16, "4000"))) * interval '1 minute') AS created_at,
                   s_content IS NULL AND template_ids IS NOT NULL AND \(S.unit("n", 11)) < 0.2 AS from_template,
                   1 + \(S.pick("n", 12, "coalesce(cardinality(template_ids), 1)")) AS template_index,
                   \(S.pick("n", 19, "cardinality(hashtags) - 3")) AS first_tag
            FROM timed
            OFFSET 0
        ), written AS (
            SELECT statused.*,
                   CASE WHEN s_content IS NOT NULL THEN s_content
                        WHEN from_template THEN replace(replace(replace(template_texts[template_index],
                            '{{client_name}}', client_name),
                            '{{date}}', to_char(local_day, 'FMMonth FMDD')),
                            '{{product}}', products[1 + \(S.pick("n", 13, "cardinality(products)"))])
                        ELSE captions[1 + \(S.pick("n", 14, "cardinality(captions)"))]
                   END AS content,
                   CASE WHEN status = 'draft' AND s_minutes IS NULL AND \(S.unit("n", 7)) < 0.35 THEN NULL ELSE slot_at END AS scheduled_at,
                   CASE WHEN status = 'published' THEN slot_at + (3 + \(S.pick("n", 8, "170"))) * interval '1 second' END AS published_at,
                   least(cardinality(ids), coalesce(s_platforms, pp_min + \(S.pick("n", 9, "pp_max - pp_min + 1")))) AS pp_count,
                   coalesce(array_position(platforms, s_platform) - 1, \(S.pick("n", 10, "cardinality(ids)"))) AS first_account
            FROM statused
            OFFSET 0
        ), plan AS (
            -- Materialized (four statements read it): only narrow columns, no content pools.
            SELECT n, client_id, agency_id, status, content, scheduled_at, published_at, slot_at, created_at, now, job_days,
                   pp_count, first_account, ids, platforms, followers, alt_texts,
                   CASE WHEN from_template THEN template_ids[template_index] END AS template_id,
                   \(S.uuid7("created_at", "post", "n")) AS id,
                   CASE status
                       WHEN 'published' THEN published_at
                       WHEN 'failed' THEN slot_at + (2 + \(S.pick("n", 17, "30"))) * interval '1 minute'
                       WHEN 'publishing' THEN slot_at
                       WHEN 'cancelled' THEN least(now, greatest(created_at, slot_at - interval '2 hours'))
                       ELSE least(now, created_at + \(S.unit("n", 18)) * interval '3 days')
                   END AS updated_at,
                   CASE WHEN pp_count >= 2 AND s_content IS NULL AND \(S.unit("n", 24)) < 0.35 THEN jsonb_build_object(
                            'linkedin', content || E'\\n\\n' || closings[1 + \(S.pick("n", 25, "cardinality(closings)"))],
                            'instagram', content || E'\\n.\\n.\\n' || array_to_string(hashtags, ' '))
                        ELSE '{}'::jsonb END AS content_variations,
                   jsonb_strip_nulls(jsonb_build_object(
                       'hashtags', to_jsonb(hashtags[first_tag + 1 : first_tag + 2 + \(S.pick("n", 20, "3"))]),
                       'mentions', CASE WHEN \(S.unit("n", 21)) < 0.2
                                        THEN jsonb_build_array(mentions[1 + \(S.pick("n", 22, "cardinality(mentions)"))]) END,
                       'first_comment', CASE WHEN \(S.unit("n", 23)) < 0.25
                                             THEN array_to_string(hashtags[first_tag + 1 : first_tag + 3], ' ') END,
                       'notify_followers', CASE WHEN \(S.unit("n", 26)) < 0.1 THEN true END)) AS post_settings,
                   CASE WHEN \(S.unit("n", 27)) < 0.6 THEN (
                       SELECT cp.id FROM campaigns cp
                       WHERE cp.client_id = written.client_id AND written.local_day BETWEEN cp.start_date AND cp.end_date
                       ORDER BY cp.start_date DESC, cp.id LIMIT 1) END AS campaign_id,
                   md5(agency_id || ':member:' || \(S.pick("n", 28, "6")))::uuid AS created_by
            FROM written
        ), inserted_posts AS (
            INSERT INTO posts (id, client_id, status, content, content_variations, scheduled_at, published_at, post_settings,
                               template_id, campaign_id, created_by, created_at, updated_at)
            SELECT id, client_id, status::post_status, content, content_variations, scheduled_at, published_at, post_settings,
                   template_id, campaign_id, created_by, created_at, updated_at
            FROM plan
            RETURNING 1
        ), targets AS (
            SELECT p.n, i, p.n * 4 + i AS key, p.id AS post_id, p.status AS post_status, p.slot_at, p.now,
                   p.published_at AS post_published_at, p.created_at AS post_created_at, p.updated_at AS post_updated_at,
                   p.ids[1 + (p.first_account + i) % cardinality(p.ids)] AS account_id,
                   p.platforms[1 + (p.first_account + i) % cardinality(p.ids)] AS platform,
                   p.followers[1 + (p.first_account + i) % cardinality(p.ids)] AS followers
            FROM plan p CROSS JOIN LATERAL generate_series(0, p.pp_count - 1) AS i
        ), target_states AS (
            SELECT t.*, CASE post_status
                       WHEN 'published' THEN CASE WHEN i > 0 AND \(S.unit("key", 30)) < 0.05 THEN 'failed' ELSE 'published' END
                       WHEN 'failed' THEN CASE WHEN i > 0 AND \(S.unit("key", 30)) < 0.3 THEN 'published' ELSE 'failed' END
                       WHEN 'publishing' THEN CASE WHEN i = 0 THEN 'processing' ELSE 'pending' END
                       WHEN 'cancelled' THEN CASE WHEN slot_at < now AND \(S.unit("key", 31)) < 0.3 THEN 'deleted' ELSE 'pending' END
                       ELSE 'pending' END AS status
            FROM targets t
            OFFSET 0
        ), pp AS (
            SELECT ts.*, \(S.uuid7("post_created_at", "post_platform", "key")) AS id,
                   CASE WHEN status IN ('published', 'deleted')
                        THEN coalesce(post_published_at, slot_at) + i * (4 + \(S.pick("key", 32, "40"))) * interval '1 second' END AS published_at,
                   CASE WHEN status = 'failed' THEN (
                       SELECT e.messages[1 + \(S.pick("ts.key", 33, "cardinality(e.messages)"))] FROM errors e WHERE e.platform = ts.platform)
                   END AS error_message,
                   -- Platform ids are snowflakes (milliseconds since 2010 in the high bits), as the
                   -- networks' own are: they grow with time, and so does their index.
                   ((date_part('epoch', coalesce(post_published_at, slot_at)) * 1000)::bigint - 1262304000000) << 22
                       | (\(S.digits("key", 34)) & 4194303) AS remote,
                   substr(md5($1::bigint || ':analytics:' || key), 1, 14) AS analytics_bits
            FROM target_states ts
        ), inserted_pp AS (
            INSERT INTO post_platforms (id, post_id, account_id, platform_post_id, status, platform_data, error_message,
                                        published_at, created_at, updated_at)
            SELECT id, post_id, account_id, remote_id, status::platform_post_status,
                   CASE WHEN remote_id IS NOT NULL THEN jsonb_build_object('permalink', CASE platform
                            WHEN 'linkedin' THEN 'https://www.linkedin.com/feed/update/' || remote_id || '/'
                            WHEN 'instagram' THEN 'https://www.instagram.com/p/' || substr(md5(remote_id), 1, 11) || '/'
                            WHEN 'tiktok' THEN 'https://www.tiktok.com/video/' || remote_id
                            ELSE 'https://www.facebook.com/permalink/' || remote_id END)
                        WHEN status = 'failed' THEN jsonb_build_object('attempts', 3, 'retryable', platform = 'linkedin')
                        ELSE '{}'::jsonb END,
                   error_message, published_at, post_created_at,
                   CASE WHEN status = 'failed' THEN slot_at + (15 + i) * interval '1 minute'
                        ELSE coalesce(published_at, post_updated_at) END
            FROM (SELECT pp.*, CASE WHEN status IN ('published', 'deleted') THEN CASE platform
                            WHEN 'linkedin' THEN 'urn:li:share:' || remote
                            WHEN 'facebook' THEN 'pfbid0' || lpad(to_hex(remote), 16, '0')
                            ELSE remote::text
                        END END AS remote_id
                  FROM pp) x
            RETURNING 1
        ), inserted_analytics AS (
            -- Lifetime counters read at log-spaced times from 2 hours to 30 days after
            -- publishing; each reading is final × (1 − e^(−hours/18)), so it never goes down.
            -- A few post_platforms have their last reading stored twice.
            INSERT INTO post_analytics (id, post_platform_id, metric_name, metric_value, recorded_at, created_at)
            -- Ids: version 7 from recorded_at; the random bits are the post_platform's, then
            -- the reading's number (cheaper than a hash per row, which matters at 20M rows).
            SELECT (lpad(to_hex((date_part('epoch', recorded_at) * 1000)::bigint), 12, '0') || '7' || substr(bits, 1, 3)
                    || '8' || substr(bits, 4, 11) || lpad(to_hex(j * 8 + metric_index), 4, '0'))::uuid, id, metric,
                   floor(final * (1 - exp(-hours / 18::float8)))::numeric, recorded_at,
                   recorded_at + (1 + j % 7) * interval '1 second'
            FROM (
                SELECT pp.id, pp.key, pp.analytics_bits AS bits, j, m.metric, m.metric_index, h.hours,
                       pp.published_at + h.hours * interval '1 hour'
                           + \(S.pick("pp.key * 16 + least(j, sn.snapshots - 1)", 40, "300")) * interval '1 second' AS recorded_at,
                       (pp.followers * (0.03 + 0.9 * power(\(S.unit("pp.key", 41)), 4))
                           * CASE pp.platform WHEN 'tiktok' THEN 4::float8 WHEN 'linkedin' THEN 0.6::float8 ELSE 1::float8 END + 20)
                       * CASE m.metric
                           WHEN 'views' THEN 1::float8
                           WHEN 'impressions' THEN 1.4 + \(S.unit("pp.key * 8 + m.metric_index", 42))
                           WHEN 'likes' THEN 0.015 + 0.08 * \(S.unit("pp.key * 8 + m.metric_index", 42))
                           WHEN 'comments' THEN 0.0008 + 0.006 * \(S.unit("pp.key * 8 + m.metric_index", 42))
                           WHEN 'shares' THEN 0.0005 + 0.01 * \(S.unit("pp.key * 8 + m.metric_index", 42))
                           WHEN 'saves' THEN 0.002 + 0.02 * \(S.unit("pp.key * 8 + m.metric_index", 42))
                           ELSE 0.01::float8 END AS final,
                       pp.now
                FROM pp
                CROSS JOIN cfg
                CROSS JOIN LATERAL (
                    SELECT cfg.snap_min + \(S.pick("pp.key", 43, "cfg.snap_max - cfg.snap_min + 1")) AS snapshots,
                           (\(S.unit("pp.key", 44)) < cfg.dup_rate)::int AS duplicate
                ) sn
                CROSS JOIN LATERAL generate_series(0, sn.snapshots - 1 + sn.duplicate) AS j
                CROSS JOIN LATERAL (
                    SELECT 2 * power(360::float8, least(j, sn.snapshots - 1)::float8 / greatest(sn.snapshots - 1, 1)) AS hours
                ) h
                CROSS JOIN LATERAL unnest(cfg.metrics) WITH ORDINALITY AS m(metric, metric_index)
                WHERE pp.status = 'published'
                  AND (m.metric <> 'saves' OR pp.platform IN ('instagram', 'tiktok'))
                  AND (m.metric <> 'impressions' OR pp.platform IN ('linkedin', 'facebook'))
                OFFSET 0
            ) readings
            WHERE recorded_at <= now
            RETURNING 1
        ), media AS (
            SELECT p.id AS post_id, p.client_id, p.agency_id, p.created_at, p.alt_texts, x, p.n * 8 + x AS key,
                   p.platforms[1 + p.first_account % cardinality(p.ids)] AS lead_platform,
                   \(S.unit("p.n * 8 + x", 50)) AS roll
            FROM plan p
            CROSS JOIN LATERAL generate_series(1, CASE WHEN \(S.unit("p.n", 51)) < 0.3 THEN 0
                                                       WHEN \(S.unit("p.n", 51)) < 0.87 THEN 1
                                                       ELSE 2 + \(S.pick("p.n", 52, "3")) END) AS x
        ), typed AS (
            SELECT media.*, CASE
                       WHEN lead_platform = 'tiktok' THEN 'video'
                       WHEN lead_platform = 'instagram' THEN CASE WHEN x > 1 THEN 'image' WHEN roll < 0.35 THEN 'video'
                                                                  WHEN roll < 0.4 THEN 'gif' ELSE 'image' END
                       WHEN lead_platform = 'linkedin' THEN CASE WHEN roll < 0.2 THEN 'document' WHEN roll < 0.3 THEN 'video'
                                                                 ELSE 'image' END
                       ELSE CASE WHEN roll < 0.25 THEN 'video' WHEN roll < 0.3 THEN 'gif' ELSE 'image' END
                   END AS media_type,
                   \(S.uuid7("created_at + x * interval '1 second'", "media", "key")) AS id
            FROM media
            OFFSET 0
        ), shaped AS (
            SELECT typed.*,
                   CASE media_type WHEN 'image' THEN CASE WHEN \(S.unit("key", 53)) < 0.8 THEN 'jpg' ELSE 'png' END
                                   WHEN 'video' THEN CASE WHEN \(S.unit("key", 53)) < 0.8 THEN 'mp4' ELSE 'mov' END
                                   WHEN 'gif' THEN 'gif' ELSE 'pdf' END AS extension,
                   CASE WHEN media_type = 'document' THEN NULL
                        WHEN media_type = 'gif' THEN '[480, 480]'::jsonb
                        WHEN media_type = 'video' AND lead_platform IN ('tiktok', 'instagram') THEN '[1080, 1920]'::jsonb
                        WHEN media_type = 'video' THEN '[1920, 1080]'::jsonb
                        WHEN lead_platform = 'instagram'
                            THEN (ARRAY['[1080, 1350]', '[1080, 1080]', '[1080, 566]', '[2700, 1080]']::jsonb[])[1 + \(S.pick("key", 54, "4"))]
                        WHEN lead_platform = 'linkedin' THEN '[1200, 627]'::jsonb
                        ELSE '[1200, 630]'::jsonb END AS size
            FROM typed
            OFFSET 0
        ), inserted_media AS (
            INSERT INTO media_files (id, post_id, filename, original_filename, mime_type, media_type, file_size, dimensions,
                                     duration, storage_path, platform_versions, metadata, created_at, updated_at)
            SELECT s.id, s.post_id, s.id || '.' || s.extension,
                   f.names[1 + \(S.pick("s.key", 55, "cardinality(f.names)"))],
                   CASE s.extension WHEN 'jpg' THEN 'image/jpeg' WHEN 'png' THEN 'image/png' WHEN 'mp4' THEN 'video/mp4'
                                    WHEN 'mov' THEN 'video/quicktime' WHEN 'gif' THEN 'image/gif' ELSE 'application/pdf' END,
                   s.media_type::media_type,
                   CASE s.media_type WHEN 'image' THEN 150000 + \(S.pick("s.key", 56, "4500000"))
                                     WHEN 'video' THEN 2000000 + \(S.pick("s.key", 56, "93000000"))
                                     WHEN 'gif' THEN 400000 + \(S.pick("s.key", 56, "7600000"))
                                     ELSE 300000 + \(S.pick("s.key", 56, "11700000")) END,
                   CASE WHEN s.size IS NOT NULL THEN jsonb_build_object('width', s.size->0, 'height', s.size->1) END,
                   CASE s.media_type WHEN 'video' THEN CASE WHEN s.lead_platform = 'tiktok' THEN 9 + \(S.pick("s.key", 57, "67"))
                                                             ELSE 6 + \(S.pick("s.key", 57, "85")) END
                                     WHEN 'gif' THEN 2 + \(S.pick("s.key", 57, "5")) END,
                   's3://postdeck-media/' || s.agency_id || '/' || s.client_id || '/'
                       || to_char(s.created_at AT TIME ZONE 'UTC', 'YYYY/MM') || '/' || s.id || '.' || s.extension,
                   CASE WHEN s.media_type = 'image' AND \(S.unit("s.key", 58)) < 0.4 THEN jsonb_build_object(s.lead_platform,
                            jsonb_build_object('width', 1080, 'height', 1350, 'path', 's3://postdeck-media/derived/' || s.id || '-4x5.jpg'))
                        ELSE '{}'::jsonb END,
                   jsonb_strip_nulls(jsonb_build_object(
                       'alt_text', nullif(s.alt_texts[1 + \(S.pick("s.key", 59, "cardinality(s.alt_texts)"))], ''),
                       'source', (ARRAY['upload', 'canva', 'google_drive', 'dropbox'])[1 + \(S.pick("s.key", 60, "4"))],
                       'position', s.x)),
                   s.created_at + s.x * interval '1 second', s.created_at + s.x * interval '1 second'
            FROM shaped s
            JOIN filenames f ON f.media_type = s.media_type
            RETURNING 1
        ), jobs AS (
            SELECT p.*, a.account_ids, a.error_message, a.last_published_at
            FROM plan p
            JOIN (SELECT post_id, jsonb_agg(account_id ORDER BY i) AS account_ids,
                         (array_agg(error_message ORDER BY i) FILTER (WHERE error_message IS NOT NULL))[1] AS error_message,
                         max(published_at) AS last_published_at
                  FROM pp GROUP BY post_id) a ON a.post_id = p.id
            WHERE p.status <> 'draft' AND p.scheduled_at >= p.now - p.job_days * interval '1 day'
        ), inserted_jobs AS (
            INSERT INTO scheduled_jobs (id, job_type, job_data, status, scheduled_for, attempts, max_attempts, error_message,
                                        completed_at, created_at, updated_at)
            SELECT \(S.uuid7("created_at", "job", "n")), 'post_publish',
                   jsonb_build_object('post_id', id, 'account_ids', account_ids),
                   (CASE status WHEN 'scheduled' THEN 'pending' WHEN 'publishing' THEN 'processing'
                                WHEN 'published' THEN 'completed' WHEN 'failed' THEN 'failed' ELSE 'cancelled' END)::job_status,
                   scheduled_at,
                   CASE status WHEN 'publishing' THEN 1 WHEN 'failed' THEN 3
                               WHEN 'published' THEN 1 + (\(S.unit("n", 61)) < 0.1)::int ELSE 0 END,
                   3, error_message,
                   CASE WHEN status = 'published' THEN last_published_at END,
                   created_at,
                   CASE status WHEN 'published' THEN last_published_at WHEN 'failed' THEN slot_at + interval '15 minutes'
                               WHEN 'publishing' THEN slot_at WHEN 'cancelled' THEN updated_at ELSE created_at END
            FROM jobs
            RETURNING 1
        )
        SELECT (SELECT count(*) FROM inserted_posts) AS posts,
               (SELECT count(*) FROM inserted_pp) AS post_platforms,
               (SELECT count(*) FROM inserted_analytics) AS post_analytics,
               (SELECT count(*) FROM inserted_media) AS media_files,
               (SELECT count(*) FROM inserted_jobs) AS scheduled_jobs
        """
}
