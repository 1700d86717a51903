/// What migration 1 creates, as the catalog shows it: how the migrator recognizes a database
/// where the seed was applied by hand (or through Prisma from the same SQL) and may be
/// adopted. `MigrationSeedTests` checks this against a database migration 1 built.
enum SeedCatalog {
    /// Tables and views with their columns in order, types as `format_type` prints them.
    static let relations: [(name: String, isView: Bool, columns: [(String, String)])] = [
        ("agencies", false, [
            ("id", uuid), ("name", varchar255), ("email", varchar255), ("plan_type", "character varying(50)"),
            ("settings", jsonb), ("created_at", timestamptz), ("updated_at", timestamptz)]),
        ("clients", false, [
            ("id", uuid), ("agency_id", uuid), ("name", varchar255), ("industry", "character varying(100)"),
            ("preferences", jsonb), ("created_at", timestamptz), ("updated_at", timestamptz)]),
        ("accounts", false, [
            ("id", uuid), ("client_id", uuid), ("platform", "platform_type"), ("platform_account_id", varchar255),
            ("username", varchar255), ("display_name", varchar255), ("avatar_url", "text"), ("metadata", jsonb),
            ("active", "boolean"), ("created_at", timestamptz), ("updated_at", timestamptz)]),
        ("platform_tokens", false, [
            ("id", uuid), ("account_id", uuid), ("access_token", "text"), ("refresh_token", "text"),
            ("expires_at", timestamptz), ("scopes", jsonb), ("created_at", timestamptz), ("updated_at", timestamptz)]),
        ("post_templates", false, [
            ("id", uuid), ("client_id", uuid), ("name", varchar255), ("template_content", "text"),
            ("platform_variations", jsonb), ("default_settings", jsonb), ("active", "boolean"),
            ("created_at", timestamptz), ("updated_at", timestamptz)]),
        ("campaigns", false, [
            ("id", uuid), ("client_id", uuid), ("name", varchar255), ("description", "text"), ("settings", jsonb),
            ("start_date", "date"), ("end_date", "date"), ("status", "campaign_status"),
            ("created_at", timestamptz), ("updated_at", timestamptz)]),
        ("posts", false, [
            ("id", uuid), ("client_id", uuid), ("status", "post_status"), ("content", "text"),
            ("content_variations", jsonb), ("scheduled_at", timestamptz), ("published_at", timestamptz),
            ("post_settings", jsonb), ("template_id", uuid), ("campaign_id", uuid), ("created_by", uuid),
            ("created_at", timestamptz), ("updated_at", timestamptz)]),
        ("post_platforms", false, [
            ("id", uuid), ("post_id", uuid), ("account_id", uuid), ("platform_post_id", varchar255),
            ("status", "platform_post_status"), ("platform_data", jsonb), ("error_message", "text"),
            ("published_at", timestamptz), ("created_at", timestamptz), ("updated_at", timestamptz)]),
        ("media_files", false, [
            ("id", uuid), ("post_id", uuid), ("filename", varchar255), ("original_filename", varchar255),
            ("mime_type", "character varying(100)"), ("media_type", "media_type"), ("file_size", "integer"),
            ("dimensions", jsonb), ("duration", "integer"), ("storage_path", "text"), ("platform_versions", jsonb),
            ("metadata", jsonb), ("created_at", timestamptz), ("updated_at", timestamptz)]),
        ("post_analytics", false, [
            ("id", uuid), ("post_platform_id", uuid), ("metric_name", "character varying(50)"),
            ("metric_value", "numeric"), ("recorded_at", timestamptz), ("created_at", timestamptz)]),
        ("scheduled_jobs", false, [
            ("id", uuid), ("job_type", "character varying(50)"), ("job_data", jsonb), ("status", "job_status"),
            ("scheduled_for", timestamptz), ("attempts", "integer"), ("max_attempts", "integer"),
            ("error_message", "text"), ("completed_at", timestamptz), ("created_at", timestamptz),
            ("updated_at", timestamptz)]),
        ("post_performance_summary", true, [
            ("post_id", uuid), ("content", "text"), ("published_at", timestamptz), ("client_name", varchar255),
            ("platform_count", "bigint"), ("published_count", "bigint"), ("total_likes", "numeric"),
            ("total_shares", "numeric"), ("total_comments", "numeric"), ("total_views", "numeric")]),
        ("account_health", true, [
            ("account_id", uuid), ("username", varchar255), ("platform", "platform_type"),
            ("client_name", varchar255), ("active", "boolean"), ("token_expires_at", timestamptz),
            ("token_status", "text"), ("total_posts", "bigint"), ("failed_posts", "bigint")]),
    ]

    /// The enums with their labels in order.
    static let enums: [(name: String, labels: [String])] = [
        ("platform_type", ["linkedin", "instagram", "tiktok", "facebook"]),
        ("post_status", ["draft", "scheduled", "publishing", "published", "failed", "cancelled"]),
        ("platform_post_status", ["pending", "processing", "published", "failed", "deleted"]),
        ("media_type", ["image", "video", "gif", "document"]),
        ("campaign_status", ["draft", "active", "paused", "completed", "cancelled"]),
        ("job_status", ["pending", "processing", "completed", "failed", "cancelled"]),
    ]

    /// The function the tables' defaults call, from the `uuid-ossp` extension.
    static let functions = ["uuid_generate_v4"]

    private static let uuid = "uuid", jsonb = "jsonb", timestamptz = "timestamp with time zone"
    private static let varchar255 = "character varying(255)"
}
