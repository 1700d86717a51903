/// The statements that write the small tables: agencies, clients, accounts with their
/// tokens, templates and campaigns. Hand-written rows from `DemoContent` come first;
/// at scale, generated ones follow with the same shape. Parameters as in `DemoSQL`.
enum DemoFixtures {
    static let statements: [(table: String, sql: String)] = [
        ("agencies", agencies), ("clients", clients), ("accounts", accountsAndTokens),
        ("post_templates", templates), ("campaigns", campaigns),
    ]

    private typealias S = DemoSQL

    static let agencies = """
        INSERT INTO agencies (id, name, email, plan_type, settings, created_at, updated_at)
        SELECT \(S.agencyID("g.k")),
               coalesce(a.name, 'Agency ' || (g.k + 1)),
               coalesce(a.email, 'hello@agency' || (g.k + 1) || '.example.com'),
               coalesce(a.plan, 'professional'),
               jsonb_build_object(
                   'default_timezone', coalesce(a.timezone, 'UTC'),
                   'week_starts_on', CASE WHEN a.timezone LIKE 'America/%' THEN 'sunday' ELSE 'monday' END,
                   'approval_required', g.k % 2 = 1,
                   'brand_color', '#' || substr(md5($1::bigint || ':brand:' || g.k), 1, 6)),
               $2::timestamptz - (700 + 37 * g.k) * interval '1 day',
               $2::timestamptz - (20 + 3 * g.k) * interval '1 day'
        FROM generate_series(0, ($4::jsonb->>'agencies')::int - 1) AS g(k)
        LEFT JOIN jsonb_to_recordset($3::jsonb->'agencies') AS a(k int, name text, email text, plan text, timezone text)
               ON a.k = g.k
        """

    static let clients = """
        WITH industries AS (
            SELECT array_agg(key ORDER BY key) AS names FROM jsonb_object_keys($3::jsonb->'industries') AS key
        ), base AS (
            SELECT g.k, c.name AS curated_name,
                   coalesce(c.industry, i.names[1 + \(S.pick("g.k", 1, "cardinality(i.names)"))]) AS industry,
                   coalesce(c.timezone, ($3::jsonb->'timezones')->>\(S.pick("g.k", 2, "jsonb_array_length($3::jsonb->'timezones')"))) AS timezone,
                   coalesce(c.agency, g.k) % ($4::jsonb->>'agencies')::int AS agency
            FROM generate_series(0, ($4::jsonb->>'clients')::int - 1) AS g(k)
            CROSS JOIN industries i
            LEFT JOIN jsonb_to_recordset($3::jsonb->'clients') AS c(k int, name text, industry text, timezone text, agency int)
                   ON c.k = g.k
        )
        INSERT INTO clients (id, agency_id, name, industry, preferences, created_at, updated_at)
        SELECT \(S.clientID("k")), \(S.agencyID("agency")),
               coalesce(curated_name,
                        (($3::jsonb->'namePrefixes')->>\(S.pick("k", 3, "jsonb_array_length($3::jsonb->'namePrefixes')")))
                        || ' ' || (($3::jsonb->'industries'->industry->'nouns')->>\(S.pick("k", 4, "jsonb_array_length($3::jsonb->'industries'->industry->'nouns')")))),
               industry,
               jsonb_build_object(
                   'timezone', timezone,
                   'language', CASE WHEN timezone = 'Asia/Tokyo' THEN 'ja' WHEN timezone = 'Europe/Berlin' THEN 'de'
                                    WHEN timezone = 'America/Sao_Paulo' THEN 'pt-BR' ELSE 'en' END,
                   'brand_colors', jsonb_build_array('#' || substr(md5($1::bigint || ':color1:' || k), 1, 6),
                                                     '#' || substr(md5($1::bigint || ':color2:' || k), 1, 6)),
                   'posting_windows', jsonb_build_array('09:00', '12:30', '18:00'),
                   'approval_required', \(S.unit("k", 5)) < 0.4,
                   'default_hashtags', ($3::jsonb->'industries'->industry->'hashtags') -> 0),
               $2::timestamptz - (400 + \(S.pick("k", 6, "280"))) * interval '1 day',
               $2::timestamptz - (1 + \(S.pick("k", 7, "60"))) * interval '1 day'
        FROM base
        """

    /// Accounts and their tokens in one statement, so both see the same token state per
    /// account. States cycle through a 20-slot pattern (slot = ordinal * 7 + seed, mod 20),
    /// so any 20 consecutive accounts hold every state:
    /// 0–7 and 19 healthy, 8–9 no expiry, 10 expiring within hours, 11–12 within days,
    /// 13–14 expired days ago, 15–16 expired months ago (15 is also deactivated), 17–18 no token row.
    static let accountsAndTokens = """
        WITH curated AS (
            SELECT * FROM jsonb_to_recordset($3::jsonb->'clients') AS c(k int, handle text, platforms jsonb, overrides jsonb)
        ), client_rows AS (
            SELECT g.k, c.id AS client_id, c.name, c.industry, c.created_at,
                   coalesce(cur.handle, lower(regexp_replace(\(S.ascii("c.name")), '[^A-Za-z0-9]+', '', 'g')) || g.k) AS handle,
                   coalesce(cur.platforms, '["linkedin", "instagram", "tiktok", "facebook", "instagram"]'::jsonb) AS platforms,
                   coalesce(cur.overrides, '{}'::jsonb) AS overrides
            FROM generate_series(0, ($4::jsonb->>'clients')::int - 1) AS g(k)
            JOIN clients c ON c.id = \(S.clientID("g.k"))
            LEFT JOIN curated cur ON cur.k = g.k
        ), numbered AS (
            SELECT cr.*, p.platform, (p.j - 1)::int AS j, cr.k * 8 + p.j - 1 AS key,
                   row_number() OVER (ORDER BY cr.k, p.j) AS ordinal,
                   row_number() OVER (PARTITION BY cr.k, p.platform ORDER BY p.j) AS nth
            FROM client_rows cr
            CROSS JOIN LATERAL jsonb_array_elements_text(cr.platforms) WITH ORDINALITY AS p(platform, j)
        ), planned AS (
            SELECT n.*, \(S.uuid("account", "n.k || ':' || n.j")) AS id,
                   ((n.ordinal * 7 + ($1::bigint % 20) + 20) % 20)::int AS slot,
                   300 + floor(250000 * power(\(S.unit("n.key", 8)), 3))::int AS followers,
                   coalesce(n.overrides->n.platform->>'username', CASE n.platform
                       WHEN 'linkedin' THEN trim(BOTH '-' FROM lower(regexp_replace(\(S.ascii("n.name")), '[^A-Za-z0-9]+', '-', 'g')))
                       WHEN 'facebook' THEN regexp_replace(\(S.ascii("n.name")), '[^A-Za-z0-9]+', '', 'g')
                       WHEN 'tiktok' THEN replace(n.handle, '.', '_')
                       ELSE n.handle || CASE WHEN n.nth > 1 THEN '.shop' ELSE '' END
                   END) AS username
            FROM numbered n
        ), inserted AS (
            INSERT INTO accounts (id, client_id, platform, platform_account_id, username, display_name, avatar_url,
                                  metadata, active, created_at, updated_at)
            SELECT id, client_id, platform::platform_type,
                   CASE platform
                       WHEN 'linkedin' THEN 'urn:li:organization:' || (10000000 + \(S.pick("key", 9, "89999999")))
                       WHEN 'instagram' THEN '1784' || lpad((\(S.digits("key", 10)) % 10000000000000)::text, 13, '0')
                       WHEN 'tiktok' THEN '_000' || substr(md5($1::bigint || ':open_id:' || key), 1, 28)
                       ELSE '10' || lpad((\(S.digits("key", 11)) % 10000000000000)::text, 13, '0')
                   END,
                   username,
                   coalesce(overrides->platform->>'display_name',
                            name || CASE WHEN nth > 1 THEN ' Shop' ELSE '' END),
                   'https://cdn.postdeck.example/avatars/' || id || '.jpg',
                   jsonb_build_object(
                       'followers', followers,
                       'following', \(S.pick("key", 12, "900")),
                       'verified', followers > 150000,
                       'category', industry,
                       'profile_url', CASE platform
                           WHEN 'linkedin' THEN 'https://www.linkedin.com/company/' || username
                           WHEN 'instagram' THEN 'https://www.instagram.com/' || username || '/'
                           WHEN 'tiktok' THEN 'https://www.tiktok.com/@' || username
                           ELSE 'https://www.facebook.com/' || username END),
                   coalesce((overrides->platform->>'active')::boolean, slot <> 15),
                   created_at + (10 + \(S.pick("key", 13, "120"))) * interval '1 day',
                   $2::timestamptz - (1 + \(S.pick("key", 14, "90"))) * interval '1 day'
            FROM planned
            ORDER BY k, j
            RETURNING 1
        ), tokens AS (
            SELECT p.*, CASE
                WHEN slot IN (8, 9) THEN NULL
                WHEN slot = 10 THEN $2::timestamptz + (2 + 20 * \(S.unit("key", 15))) * interval '1 hour'
                WHEN slot IN (11, 12) THEN $2::timestamptz + (1 + 5.5 * \(S.unit("key", 15))) * interval '1 day'
                WHEN slot IN (13, 14) THEN $2::timestamptz - (1 + 5 * \(S.unit("key", 15))) * interval '1 day'
                WHEN slot IN (15, 16) THEN $2::timestamptz - (35 + 150 * \(S.unit("key", 15))) * interval '1 day'
                WHEN slot % 2 = 0 THEN $2::timestamptz + (10 + 40 * \(S.unit("key", 15))) * interval '1 day'
                ELSE $2::timestamptz + (60 + 240 * \(S.unit("key", 15))) * interval '1 day'
            END AS expires_at
            FROM planned p
            WHERE slot NOT IN (17, 18)
        ), inserted_tokens AS (
            INSERT INTO platform_tokens (id, account_id, access_token, refresh_token, expires_at, scopes, created_at, updated_at)
            SELECT \(S.uuid("token", "key")), id,
                   'demo_' || platform || '_' || md5($1::bigint || ':access:' || key),
                   CASE WHEN platform IN ('linkedin', 'tiktok') THEN 'demo_refresh_' || md5($1::bigint || ':refresh:' || key) END,
                   expires_at,
                   CASE platform
                       WHEN 'linkedin' THEN '["w_organization_social", "r_organization_social", "rw_organization_admin"]'
                       WHEN 'instagram' THEN '["instagram_basic", "instagram_content_publish", "instagram_manage_insights"]'
                       WHEN 'tiktok' THEN '["user.info.basic", "video.upload", "video.publish"]'
                       ELSE '["pages_manage_posts", "pages_read_engagement", "pages_show_list"]' END::jsonb,
                   least($2::timestamptz - interval '1 hour', coalesce(expires_at - interval '60 days', $2::timestamptz - interval '200 days')),
                   least($2::timestamptz - interval '1 hour', coalesce(expires_at - interval '60 days', $2::timestamptz - interval '200 days'))
            FROM tokens
            ORDER BY k, j
            RETURNING 1
        )
        SELECT (SELECT count(*) FROM inserted) AS accounts, (SELECT count(*) FROM inserted_tokens) AS platform_tokens
        """

    /// Three templates per client from the shared pool; every third client has retired one.
    static let templates = """
        INSERT INTO post_templates (id, client_id, name, template_content, platform_variations, default_settings,
                                    active, created_at, updated_at)
        SELECT \(S.uuid("template", "g.k || ':' || x")), c.id, t.value->>'name', t.value->>'content',
               jsonb_build_object('linkedin', t.value->>'linkedin', 'tiktok', t.value->>'tiktok'),
               jsonb_build_object('hashtags', t.value->'hashtags', 'first_comment', NULL, 'link_in_bio', x = 0),
               NOT (x = 2 AND g.k % 3 = 0),
               c.created_at + (5 + 30 * x) * interval '1 day',
               $2::timestamptz - (2 + \(S.pick("g.k * 4 + x", 16, "200"))) * interval '1 day'
        FROM generate_series(0, ($4::jsonb->>'clients')::int - 1) AS g(k)
        JOIN clients c ON c.id = \(S.clientID("g.k"))
        CROSS JOIN generate_series(0, 2) AS x
        CROSS JOIN LATERAL (
            SELECT $3::jsonb->'templates'->((g.k + 2 * x) % jsonb_array_length($3::jsonb->'templates')) AS value
        ) t
        """

    /// Campaigns follow each other through the posts' time span, one per period per client;
    /// their status follows from their dates (a few completed ones were cancelled, a few
    /// running ones are paused).
    static let campaigns = """
        WITH windows AS (
            SELECT g.k, c.id AS client_id, c.name AS client_name, c.preferences->>'timezone' AS tz, w, g.k * 1000 + w AS key,
                   ($2::timestamptz AT TIME ZONE 'UTC')::date - ($4::jsonb->>'pastDays')::int
                       + w * ($4::jsonb->>'campaignPeriodDays')::int
                       + \(S.pick("g.k * 1000 + w", 17, "($4::jsonb->>'campaignPeriodDays')::int / 3")) AS start_date
            FROM generate_series(0, ($4::jsonb->>'clients')::int - 1) AS g(k)
            JOIN clients c ON c.id = \(S.clientID("g.k"))
            CROSS JOIN generate_series(0, (($4::jsonb->>'pastDays')::int + ($4::jsonb->>'futureDays')::int)
                                          / ($4::jsonb->>'campaignPeriodDays')::int) AS w
        ), dated AS (
            SELECT windows.*, start_date + ($4::jsonb->>'campaignPeriodDays')::int / 3
                       + \(S.pick("key", 18, "($4::jsonb->>'campaignPeriodDays')::int / 2")) AS end_date,
                   ($2::timestamptz AT TIME ZONE 'UTC')::date AS today,
                   ($3::jsonb->'campaignNames')->>\(S.pick("key", 19, "jsonb_array_length($3::jsonb->'campaignNames')")) AS title
            FROM windows
        )
        INSERT INTO campaigns (id, client_id, name, description, settings, start_date, end_date, status, created_at, updated_at)
        SELECT \(S.uuid("campaign", "key")), client_id, title || ' ' || extract(year FROM start_date),
               title || ' for ' || client_name || ': ' || to_char(start_date, 'FMDD Mon') || ' to ' || to_char(end_date, 'FMDD Mon YYYY') || '.',
               jsonb_build_object(
                   'budget', 500 + 250 * \(S.pick("key", 20, "40")),
                   'currency', CASE WHEN tz = 'Europe/London' THEN 'GBP' WHEN tz LIKE 'Europe/%' THEN 'EUR'
                                    WHEN tz = 'America/Sao_Paulo' THEN 'BRL' WHEN tz = 'Asia/Tokyo' THEN 'JPY'
                                    WHEN tz = 'Asia/Singapore' THEN 'SGD' WHEN tz = 'Asia/Kolkata' THEN 'INR'
                                    WHEN tz LIKE 'Australia/%' THEN 'AUD' ELSE 'USD' END,
                   'goal', ($3::jsonb->'campaignGoals')->>\(S.pick("key", 21, "jsonb_array_length($3::jsonb->'campaignGoals')")),
                   'hashtag', '#' || lower(regexp_replace(title, '[^A-Za-z0-9]+', '', 'g')) || extract(year FROM start_date)),
               start_date, end_date,
               (CASE WHEN end_date < today THEN CASE WHEN \(S.unit("key", 22)) < 0.12 THEN 'cancelled' ELSE 'completed' END
                     WHEN start_date <= today THEN CASE WHEN \(S.unit("key", 22)) < 0.3 THEN 'paused' ELSE 'active' END
                     ELSE 'draft' END)::campaign_status,
               least($2::timestamptz - interval '1 hour', (start_date - 21)::timestamp AT TIME ZONE 'UTC'),
               least($2::timestamptz - interval '1 hour', (least(end_date, today) + 1)::timestamp AT TIME ZONE 'UTC')
        FROM dated
        """
}
