import FoundationEssentials
import PostDeckCore

/// The account-health pane's reads and writes, over the fixed `account_health` view.
public enum HealthQueries {
    /// Accounts in scope, worst first. The view's `now()` decides expiry, so every client
    /// of the database agrees on it; its counts come from migration 6's per-account
    /// counters, so all clients cost one row per account.
    public static func accounts(in scope: Scope) -> Query<[AccountHealth]> {
        Query("""
            SELECT account_id, username, platform, client_name, client_id, active,
                   token_expires_at, token_status, total_posts, failed_posts
            FROM account_health
            WHERE $1::uuid IS NULL OR client_id = $1::uuid
            """, [scope.clientID], localSettings: [.noJIT]) { result in
            try result.rows.map(decodeAccount).sorted(by: AccountHealth.worstFirst)
        }
    }

    static func decodeAccount(_ row: Row) throws -> AccountHealth {
        AccountHealth(
            id: try row.decode("account_id"), username: try row.decode("username"),
            platform: try row.decode("platform"), clientName: try row.decode("client_name"),
            clientID: try row.decode("client_id"), active: try row.decode("active", as: Bool?.self) ?? false,
            tokenExpiresAt: try row.decode("token_expires_at"), tokenStatus: try row.decode("token_status"),
            totalPosts: try row.decode("total_posts"), failedPosts: try row.decode("failed_posts"))
    }

    /// An account's recent failures, newest first, and when it last published successfully.
    /// Each carries its post's `updated_at` (the stamp a retry is guarded by) and time, and
    /// the whole error text.
    public static func failures(of account: AccountID, limit: Int = 50) -> Query<AccountFailures> {
        Query("""
            SELECT * FROM (
                SELECT 'failure' AS kind, pp.post_id, pp.error_message, pp.updated_at AS at, left(p.content, 200) AS content,
                       p.updated_at AS stamp, coalesce(p.scheduled_at, p.published_at) AS post_time, p.status::text AS post_status
                FROM post_platforms pp JOIN posts p ON p.id = pp.post_id
                WHERE pp.account_id = $1::uuid AND pp.status = 'failed'
                UNION ALL
                SELECT 'last_success', NULL, NULL, max(pp.published_at), NULL, NULL, NULL, NULL
                FROM post_platforms pp
                WHERE pp.account_id = $1::uuid AND pp.status = 'published'
            ) rows
            ORDER BY kind = 'failure', at DESC NULLS LAST
            LIMIT $2::int + 1
            """, [account, limit]) { result in
            var failures: [AccountFailures.Failure] = []
            var lastSuccess: Date?
            for row in result.rows {
                if try row.decode("kind", as: String.self) == "last_success" {
                    lastSuccess = try row.decode("at", as: Date?.self)
                } else {
                    failures.append(.init(postID: try row.decode("post_id"), message: try row.decode("error_message"),
                                          at: try row.decode("at"), content: try row.decode("content") ?? "",
                                          stamp: try row.decode("stamp"), postTime: try row.decode("post_time"),
                                          postStatus: try row.decode("post_status")))
                }
            }
            return AccountFailures(failures: failures, lastSuccess: lastSuccess)
        }
    }

    /// Flips an account's `active` flag; returns the new value.
    public static func setActive(_ account: AccountID, to active: Bool) -> Query<Bool> {
        Query("UPDATE accounts SET active = $2::bool WHERE id = $1::uuid RETURNING active", [account, active]) { result in
            guard let row = result.first else { throw StoreError.invalid("the account no longer exists") }
            return try row.decode("active")
        }
    }
}

/// What the health pane shows when an account is opened.
public struct AccountFailures: Sendable, Equatable {
    public struct Failure: Sendable, Equatable {
        public let postID: PostID
        public let message: String?
        public let at: Date?
        /// The post's first 200 characters.
        public let content: String
        /// The post's `updated_at` when read: what a retry is guarded by.
        public let stamp: Date
        /// When the post was due (else when it went out): the calendar day it is shown on.
        public let postTime: Date?
        public let postStatus: PostStatus

        public init(postID: PostID, message: String?, at: Date?, content: String, stamp: Date, postTime: Date?,
                    postStatus: PostStatus) {
            self.postID = postID
            self.message = message
            self.at = at
            self.content = content
            self.stamp = stamp
            self.postTime = postTime
            self.postStatus = postStatus
        }
    }
    public let failures: [Failure]
    public let lastSuccess: Date?

    public init(failures: [Failure], lastSuccess: Date?) {
        self.failures = failures
        self.lastSuccess = lastSuccess
    }
}
