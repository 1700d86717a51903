import Foundation
import Testing
@testable import PostDeckStore
import PostDeckTestSupport

/// The SQL blocks of the seed document (../shared/seed/000_635ffe32eb99c548.txt), verbatim
/// and in the document's order, so the tests can apply the seed the way a person would by
/// hand and check that migration 1 is that text.
enum SeedDocument {
    static let blocks: [String] = [
#"""
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";

CREATE TABLE agencies (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    name VARCHAR(255) NOT NULL,
    email VARCHAR(255) UNIQUE NOT NULL,
    plan_type VARCHAR(50) NOT NULL DEFAULT 'starter', -- starter, professional, enterprise
    settings JSONB DEFAULT '{}',
    created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW()
);

-- Indexes
CREATE INDEX idx_agencies_email ON agencies(email);
CREATE INDEX idx_agencies_plan_type ON agencies(plan_type);

"""#,
#"""
CREATE TABLE clients (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    agency_id UUID NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
    name VARCHAR(255) NOT NULL,
    industry VARCHAR(100),
    preferences JSONB DEFAULT '{}', -- posting preferences, brand colors, etc.
    created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW()
);

-- Indexes
CREATE INDEX idx_clients_agency_id ON clients(agency_id);
CREATE INDEX idx_clients_industry ON clients(industry);

"""#,
#"""
CREATE TYPE platform_type AS ENUM (
    'linkedin', 'instagram', 'tiktok', 'facebook'
);

CREATE TABLE accounts (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    client_id UUID NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    platform platform_type NOT NULL,
    platform_account_id VARCHAR(255) NOT NULL, -- ID from the platform
    username VARCHAR(255),
    display_name VARCHAR(255),
    avatar_url TEXT,
    metadata JSONB DEFAULT '{}', -- follower count, bio, etc.
    active BOOLEAN DEFAULT true,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    
    UNIQUE(client_id, platform, platform_account_id)
);

-- Indexes
CREATE INDEX idx_accounts_client_id ON accounts(client_id);
CREATE INDEX idx_accounts_platform ON accounts(platform);
CREATE INDEX idx_accounts_active ON accounts(active);

"""#,
#"""
CREATE TABLE platform_tokens (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    access_token TEXT NOT NULL, -- Encrypted
    refresh_token TEXT, -- Encrypted
    expires_at TIMESTAMP WITH TIME ZONE,
    scopes JSONB DEFAULT '[]',
    created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    
    UNIQUE(account_id)
);

-- Indexes
CREATE INDEX idx_platform_tokens_account_id ON platform_tokens(account_id);
CREATE INDEX idx_platform_tokens_expires_at ON platform_tokens(expires_at);

"""#,
#"""
CREATE TYPE post_status AS ENUM (
    'draft', 'scheduled', 'publishing', 'published', 'failed', 'cancelled'
);

CREATE TABLE posts (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    client_id UUID NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    status post_status NOT NULL DEFAULT 'draft',
    content TEXT NOT NULL,
    content_variations JSONB DEFAULT '{}', -- platform-specific content variations
    scheduled_at TIMESTAMP WITH TIME ZONE,
    published_at TIMESTAMP WITH TIME ZONE,
    post_settings JSONB DEFAULT '{}', -- hashtags, mentions, etc.
    template_id UUID REFERENCES post_templates(id),
    campaign_id UUID REFERENCES campaigns(id),
    created_by UUID, -- user who created the post
    created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW()
);

-- Indexes
CREATE INDEX idx_posts_client_id ON posts(client_id);
CREATE INDEX idx_posts_status ON posts(status);
CREATE INDEX idx_posts_scheduled_at ON posts(scheduled_at);
CREATE INDEX idx_posts_published_at ON posts(published_at);
CREATE INDEX idx_posts_campaign_id ON posts(campaign_id);

"""#,
#"""
CREATE TYPE platform_post_status AS ENUM (
    'pending', 'processing', 'published', 'failed', 'deleted'
);

CREATE TABLE post_platforms (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    post_id UUID NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    platform_post_id VARCHAR(255), -- ID returned from platform API
    status platform_post_status NOT NULL DEFAULT 'pending',
    platform_data JSONB DEFAULT '{}', -- platform-specific metadata
    error_message TEXT,
    published_at TIMESTAMP WITH TIME ZONE,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    
    UNIQUE(post_id, account_id)
);

-- Indexes
CREATE INDEX idx_post_platforms_post_id ON post_platforms(post_id);
CREATE INDEX idx_post_platforms_account_id ON post_platforms(account_id);
CREATE INDEX idx_post_platforms_status ON post_platforms(status);
CREATE INDEX idx_post_platforms_platform_post_id ON post_platforms(platform_post_id);

"""#,
#"""
CREATE TYPE media_type AS ENUM (
    'image', 'video', 'gif', 'document'
);

CREATE TABLE media_files (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    post_id UUID REFERENCES posts(id) ON DELETE CASCADE,
    filename VARCHAR(255) NOT NULL,
    original_filename VARCHAR(255) NOT NULL,
    mime_type VARCHAR(100) NOT NULL,
    media_type media_type NOT NULL,
    file_size INTEGER NOT NULL,
    dimensions JSONB, -- width, height for images/videos
    duration INTEGER, -- duration in seconds for videos
    storage_path TEXT NOT NULL, -- S3 path or local file path
    platform_versions JSONB DEFAULT '{}', -- optimized versions per platform
    metadata JSONB DEFAULT '{}', -- EXIF data, etc.
    created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW()
);

-- Indexes
CREATE INDEX idx_media_files_post_id ON media_files(post_id);
CREATE INDEX idx_media_files_media_type ON media_files(media_type);
CREATE INDEX idx_media_files_mime_type ON media_files(mime_type);

"""#,
#"""
CREATE TABLE post_analytics (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    post_platform_id UUID NOT NULL REFERENCES post_platforms(id) ON DELETE CASCADE,
    metric_name VARCHAR(50) NOT NULL, -- likes, shares, comments, views, etc.
    metric_value NUMERIC NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW()
);

-- Indexes
CREATE INDEX idx_post_analytics_post_platform_id ON post_analytics(post_platform_id);
CREATE INDEX idx_post_analytics_metric_name ON post_analytics(metric_name);
CREATE INDEX idx_post_analytics_recorded_at ON post_analytics(recorded_at);

-- Composite index for queries
CREATE INDEX idx_post_analytics_composite ON post_analytics(post_platform_id, metric_name, recorded_at);

"""#,
#"""
CREATE TABLE post_templates (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    client_id UUID NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    name VARCHAR(255) NOT NULL,
    template_content TEXT NOT NULL, -- Template with placeholders
    platform_variations JSONB DEFAULT '{}', -- Platform-specific content
    default_settings JSONB DEFAULT '{}', -- Default hashtags, mentions, etc.
    active BOOLEAN DEFAULT true,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW()
);

-- Indexes
CREATE INDEX idx_post_templates_client_id ON post_templates(client_id);
CREATE INDEX idx_post_templates_active ON post_templates(active);

"""#,
#"""
CREATE TYPE campaign_status AS ENUM (
    'draft', 'active', 'paused', 'completed', 'cancelled'
);

CREATE TABLE campaigns (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    client_id UUID NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    name VARCHAR(255) NOT NULL,
    description TEXT,
    settings JSONB DEFAULT '{}', -- Campaign-specific settings
    start_date DATE,
    end_date DATE,
    status campaign_status NOT NULL DEFAULT 'draft',
    created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW()
);

-- Indexes
CREATE INDEX idx_campaigns_client_id ON campaigns(client_id);
CREATE INDEX idx_campaigns_status ON campaigns(status);
CREATE INDEX idx_campaigns_date_range ON campaigns(start_date, end_date);

"""#,
#"""
CREATE TYPE job_status AS ENUM (
    'pending', 'processing', 'completed', 'failed', 'cancelled'
);

CREATE TABLE scheduled_jobs (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    job_type VARCHAR(50) NOT NULL, -- 'post_publish', 'analytics_sync', etc.
    job_data JSONB NOT NULL, -- Job-specific data
    status job_status NOT NULL DEFAULT 'pending',
    scheduled_for TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts INTEGER DEFAULT 0,
    max_attempts INTEGER DEFAULT 3,
    error_message TEXT,
    completed_at TIMESTAMP WITH TIME ZONE,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW()
);

-- Indexes
CREATE INDEX idx_scheduled_jobs_status ON scheduled_jobs(status);
CREATE INDEX idx_scheduled_jobs_scheduled_for ON scheduled_jobs(scheduled_for);
CREATE INDEX idx_scheduled_jobs_job_type ON scheduled_jobs(job_type);

"""#,
#"""
CREATE VIEW post_performance_summary AS
SELECT 
    p.id AS post_id,
    p.content,
    p.published_at,
    c.name AS client_name,
    COUNT(pp.id) AS platform_count,
    SUM(CASE WHEN pp.status = 'published' THEN 1 ELSE 0 END) AS published_count,
    COALESCE(SUM(pa_likes.metric_value), 0) AS total_likes,
    COALESCE(SUM(pa_shares.metric_value), 0) AS total_shares,
    COALESCE(SUM(pa_comments.metric_value), 0) AS total_comments,
    COALESCE(SUM(pa_views.metric_value), 0) AS total_views
FROM posts p
JOIN clients c ON p.client_id = c.id
LEFT JOIN post_platforms pp ON p.id = pp.post_id
LEFT JOIN post_analytics pa_likes ON pp.id = pa_likes.post_platform_id AND pa_likes.metric_name = 'likes'
LEFT JOIN post_analytics pa_shares ON pp.id = pa_shares.post_platform_id AND pa_shares.metric_name = 'shares'
LEFT JOIN post_analytics pa_comments ON pp.id = pa_comments.post_platform_id AND pa_comments.metric_name = 'comments'
LEFT JOIN post_analytics pa_views ON pp.id = pa_views.post_platform_id AND pa_views.metric_name = 'views'
WHERE p.status = 'published'
GROUP BY p.id, p.content, p.published_at, c.name;

"""#,
#"""
CREATE VIEW account_health AS
SELECT 
    a.id AS account_id,
    a.username,
    a.platform,
    c.name AS client_name,
    a.active,
    pt.expires_at AS token_expires_at,
    CASE 
        WHEN pt.expires_at < NOW() + INTERVAL '7 days' THEN 'expiring_soon'
        WHEN pt.expires_at < NOW() THEN 'expired'
        ELSE 'healthy'
    END AS token_status,
    COUNT(pp.id) AS total_posts,
    COUNT(CASE WHEN pp.status = 'failed' THEN 1 END) AS failed_posts
FROM accounts a
JOIN clients c ON a.client_id = c.id
LEFT JOIN platform_tokens pt ON a.id = pt.account_id
LEFT JOIN post_platforms pp ON a.id = pp.account_id
GROUP BY a.id, a.username, a.platform, c.name, a.active, pt.expires_at;

"""#
    ]

    /// The order in which the blocks apply: templates and campaigns before posts.
    static let workingOrder = [0, 1, 2, 3, 8, 9, 4, 5, 6, 7, 10, 11, 12]

    /// The seed exactly as a person would paste it, in an order that works.
    static var inWorkingOrder: String { workingOrder.map { blocks[$0] }.joined(separator: "\n") }
}

/// Migration 1 is the seed, and a database where the seed was applied by hand is adopted.
@Suite struct MigrationSeedTests {
    @Test func theSeedAsWrittenDoesNotApply() throws {
        let db = try TestDatabase.make().connect()
        do {
            try db.executeScript(SeedDocument.blocks.joined(separator: "\n"))
            Issue.record("the seed in document order must fail: posts references post_templates")
        } catch let StoreError.server(error) {
            #expect(error.sqlState == "42P01")
            #expect(error.message == #"relation "post_templates" does not exist"#)
        }
    }

    @Test func migrationOneIsTheSeedTextReorderedBehindAComment() {
        let sql = Migrations.all[0].sql
        let seed = String(SeedDocument.inWorkingOrder.dropLast()) // a Swift literal has no final newline
        #expect(sql.hasSuffix(seed))
        let header = sql.dropLast(seed.count)
        #expect(header.split(separator: "\n").allSatisfy { $0.hasPrefix("--") })
        #expect(SeedDocument.workingOrder.sorted() == Array(SeedDocument.blocks.indices))
    }

    @Test func migrationOneBuildsTheSameCatalogAsTheSeedAppliedByHand() throws {
        let migrated = try TestDatabase.make().connect()
        try Migrator.migrate(migrated, migrations: [Migrations.all[0]])
        let byHand = try TestDatabase.make().connect()
        try byHand.executeScript(SeedDocument.inWorkingOrder)
        let catalog = try migrated.catalog()
        #expect(catalog.count > 100)
        #expect(catalog == (try byHand.catalog()))
    }

    @Test func theAdoptionCatalogDescribesWhatMigrationOneBuilds() throws {
        let db = try TestDatabase.make().connect()
        try Migrator.migrate(db, migrations: [Migrations.all[0]])
        for relation in SeedCatalog.relations {
            #expect(try db.columns(of: relation.name) == relation.columns.map { "\($0.0):\($0.1)" })
        }
        let relations = try db.execute("""
            SELECT relname::text AS name FROM pg_class
            WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'v') AND relname <> 'postdeck_schema_migrations'
            ORDER BY 1
            """).rows.map { try $0.decode("name", as: String.self) }
        #expect(relations == SeedCatalog.relations.map(\.name).sorted())
        for seedEnum in SeedCatalog.enums {
            let labels = try db.execute("SELECT unnest(enum_range(NULL::\(seedEnum.name)))::text AS label").rows
                .map { try $0.decode("label", as: String.self) }
            #expect(labels == seedEnum.labels)
        }
    }

    @Test func aHandAppliedSeedIsAdoptedAndTheFixesApplied() throws {
        let db = try TestDatabase.make().connect()
        try db.executeScript(SeedDocument.inWorkingOrder)
        try db.execute("INSERT INTO agencies (name, email) VALUES ('Northwind', 'hello@northwind.example')")
        var lines: [String] = []
        let applied = try Migrator.migrate(db) { lines.append($0) }
        #expect(applied == Migrations.all.map { AppliedMigration(version: $0.version, name: $0.name, adopted: $0.version == 1) })
        #expect(lines.first?.hasPrefix("adopted migration 1 (seed schema)") == true)
        #expect(try db.execute("SELECT name FROM agencies").rows.map { try $0.decode("name", as: String.self) } == ["Northwind"])
        #expect(try db.columns(of: "account_health").last == "client_id:uuid")
        let states = try Migrator.status(db)
        #expect(states.map(\.status) == Migrations.all.map { _ in .applied })
        #expect(states.map(\.adopted) == Migrations.all.map { $0.version == 1 })
        try Migrator.requireCurrent(db)
    }

    @Test func aPartialSeedIsRefusedNamingWhatIsMissingOrDifferent() throws {
        let db = try TestDatabase.make().connect()
        try db.executeScript(SeedDocument.inWorkingOrder)
        try db.executeScript("""
            DROP VIEW account_health;
            ALTER TABLE accounts DROP COLUMN avatar_url;
            ALTER TABLE clients ALTER COLUMN industry TYPE text;
            DROP TABLE scheduled_jobs; DROP TYPE job_status;
            """)
        do {
            try Migrator.migrate(db)
            Issue.record("a partial seed must be refused")
        } catch let StoreError.invalid(message) {
            #expect(message.hasPrefix("database has only part of the seed schema"))
            for missing in ["view account_health", "column accounts.avatar_url", "table scheduled_jobs",
                            "enum job_status", "column clients.industry is text, not character varying(100)"] {
                #expect(message.contains(missing), "\(missing)")
            }
            #expect(!message.contains("\n"))
        }
        #expect(try Migrator.status(db).map(\.status) == Migrations.all.map { _ in .pending })
        #expect(try db.execute("SELECT to_regprocedure('postdeck_set_updated_at()') IS NULL AS absent").first?.decode("absent", as: Bool.self) == true)
    }
}

// MARK: Helpers shared by the migration and view tests

extension Connection {
    /// `name:type` for each column of a relation in `public`, in order.
    func columns(of relation: String) throws -> [String] {
        try execute("""
            SELECT a.attname::text || ':' || format_type(a.atttypid, a.atttypmod) AS "column"
            FROM pg_attribute a
            WHERE a.attrelid = ('public.' || quote_ident($1))::regclass AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum
            """, [relation]).rows.map { try $0.decode("column", as: String.self) }
    }

    /// Every column (type, nullability, default), constraint, index, enum, view and
    /// extension of `public`, one sorted line each, without our migrations table.
    func catalog() throws -> [String] {
        try execute("""
            SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                   || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
                   || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '') AS line
            FROM pg_class c
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
            WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'v')
              AND c.relname <> 'postdeck_schema_migrations'
            UNION ALL
            SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
            FROM pg_constraint
            WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> 'postdeck_schema_migrations'
            UNION ALL
            SELECT 'index ' || indexdef FROM pg_indexes
            WHERE schemaname = 'public' AND tablename <> 'postdeck_schema_migrations'
            UNION ALL
            SELECT 'enum ' || t.typname || ' ' || string_agg(e.enumlabel::text, ',' ORDER BY e.enumsortorder)
            FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
            WHERE t.typnamespace = 'public'::regnamespace GROUP BY t.typname
            UNION ALL
            SELECT 'view ' || viewname || ' ' || definition FROM pg_views WHERE schemaname = 'public'
            UNION ALL
            SELECT 'extension ' || extname FROM pg_extension
            UNION ALL
            SELECT 'trigger ' || tgrelid::regclass::text || ' ' || tgname FROM pg_trigger WHERE NOT tgisinternal
            ORDER BY 1
            """).rows.map { try $0.decode("line", as: String.self) }
    }

    /// Runs an `INSERT ... RETURNING id` and returns the id.
    @discardableResult
    func insert(_ sql: String, _ parameters: [(any SQLParameter)?] = []) throws -> UUID {
        try execute(sql, parameters).first.map { try $0.decode("id", as: UUID.self) }
            ?? { throw StoreError.invalid("no id returned by \(sql)") }()
    }
}

extension Connection {
    /// A client (and its agency) with the given name; client names repeat across agencies.
    func makeClient(_ name: String, timeZone: String = "Europe/Berlin") throws -> UUID {
        let agency = try insert("INSERT INTO agencies (name, email) VALUES ($1, $2) RETURNING id",
                                ["Agency of \(name)", "\(UUID().uuidString.lowercased())@agency.example"])
        return try insert("INSERT INTO clients (agency_id, name, preferences) VALUES ($1::uuid, $2, jsonb_build_object('timezone', $3::text)) RETURNING id",
                          [agency, name, timeZone])
    }

    func makeAccount(client: UUID, platform: String, username: String? = nil) throws -> UUID {
        try insert("INSERT INTO accounts (client_id, platform, platform_account_id, username) VALUES ($1::uuid, $2::platform_type, $3, $4) RETURNING id",
                   [client, platform, UUID().uuidString, username ?? "\(platform)_user"])
    }

    func makePost(client: UUID, status: String = "published", content: String = "hello") throws -> UUID {
        try insert("""
            INSERT INTO posts (client_id, status, content, scheduled_at, published_at)
            VALUES ($1::uuid, $2::post_status, $3, now() - interval '4 days',
                    CASE WHEN $2::post_status = 'published' THEN now() - interval '4 days' END)
            RETURNING id
            """, [client, status, content])
    }

    func makePostPlatform(post: UUID, account: UUID, status: String = "published") throws -> UUID {
        try insert("INSERT INTO post_platforms (post_id, account_id, status) VALUES ($1::uuid, $2::uuid, $3::platform_post_status) RETURNING id",
                   [post, account, status])
    }

    /// One snapshot of a metric, `daysAgo` days ago (whole days, so two calls can share an instant).
    func record(_ metric: String, _ value: Int, daysAgo: Int, on postPlatform: UUID) throws {
        try execute("""
            INSERT INTO post_analytics (post_platform_id, metric_name, metric_value, recorded_at)
            VALUES ($1::uuid, $2, $3, date_trunc('day', now()) - make_interval(days => $4::int))
            """, [postPlatform, metric, value, daysAgo])
    }
}
