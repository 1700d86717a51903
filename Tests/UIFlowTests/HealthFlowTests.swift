import Foundation
import Testing
import PostDeckStore
import PostDeckApp
import PostDeckCore
import PostDeckTestSupport

/// The account-health pane on the health scenario, driven in process.
@Suite struct HealthFlowTests {
    @Test func aTokenRenewedByAnotherManagerShowsWithoutAKeyPress() throws {
        let database = try TestDatabase.migrated()
        try HealthScenario.install(on: database.connect())
        let ui = try UIDriver.start(database: database)
        defer { ui.close() }
        try ui.waitFor(text: "2 expired · 1 expiring")
        try database.connect().execute("""
            UPDATE platform_tokens SET expires_at = now() + interval '60 days' WHERE account_id = 'd0000000-0000-4000-8000-000000000001'
            """)
        try ui.waitFor(text: "1 expired · 1 expiring")
    }
}

/// The failures of an account as a list: select one, read its whole error, open its post in
/// the calendar, retry it after a yes.
@Suite struct HealthFailuresFlowTests {
    static let failedPost = PostID("e0000000-0000-4000-8000-000000000001")!
    static let longError = "OAuthException: Error validating access token: Session has expired on Tuesday, 10-Mar-26 07:00:00 PDT. "
        + "The current time is Wednesday, 11-Mar-26 02:15:48 PDT.\n\u{1b}]52;c;aGk=\u{07}(code 190, subcode 463)"

    /// The health scenario, with the failed post due on 10 March and a second, newer failure
    /// of the same account; the UI opened on the account's failures, the newer one selected.
    static func start() throws -> (UIDriver, Connection) {
        let database = try TestDatabase.migrated()
        let db = try database.connect()
        try HealthScenario.install(on: db)
        try db.execute("""
            UPDATE posts SET content = 'Spring sale is live', scheduled_at = '2026-03-10 14:00:00+00' WHERE id = $1::uuid
            """, [failedPost])
        try db.execute("UPDATE post_platforms SET error_message = $2 WHERE post_id = $1::uuid", [failedPost, longError])
        try db.execute("""
            INSERT INTO scheduled_jobs (job_type, job_data, status, scheduled_for, attempts, max_attempts, error_message)
            VALUES ('post_publish', jsonb_build_object('post_id', $1::uuid::text), 'failed', '2026-03-10 14:00:00+00', 3, 3, 'gave up')
            """, [failedPost])
        try db.executeScript("""
            INSERT INTO posts (id, client_id, status, content, scheduled_at) VALUES
              ('e0000000-0000-4000-8000-000000000003', 'c0000000-0000-4000-8000-000000000003', 'failed', 'Newer post', '2026-03-11 09:00:00+00');
            INSERT INTO post_platforms (post_id, account_id, status, error_message) VALUES
              ('e0000000-0000-4000-8000-000000000003', 'd0000000-0000-4000-8000-000000000004', 'failed', 'HTTP 500: try later');
            """)
        let ui = try UIDriver.start(database: database, timeZone: "UTC")
        try ui.press(.showHealth).waitFor(text: "notoken").press(.open).waitFor(text: "recent failures")
        return (ui, db)
    }

    static func pendingJobs(_ db: Connection) throws -> Int {
        try db.execute("""
            SELECT count(*)::int AS n FROM scheduled_jobs WHERE job_type = 'post_publish' AND status = 'pending'
            AND job_data->>'post_id' = $1::uuid::text
            """, [failedPost]).first!.decode("n")
    }

    @Test func aSelectedFailureShowsItsWholeErrorAndOpensItsDayInTheCalendar() throws {
        let (ui, _) = try Self.start()
        defer { ui.close() }
        try ui.waitFor(text: "HTTP 500: try later")
        #expect(!ui.screen.contains("The current time is Wednesday"))
        // The whole text, wrapped at the screen's width, its escape sequence made visible.
        try ui.press(.moveDown).waitFor(text: "(code 190, subcode 463)")
        let shown = ui.screen.lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(shown.contains("Session has expired on Tuesday, 10-Mar-26 07:00:00 PDT. The current time is Wednesday, 11-Mar-26 02:15:48 PDT."))
        #expect(!ui.screen.text.contains("\u{1b}"))
        // The worker's record of it: the job's attempts and this account's sends.
        try ui.waitFor(text: "publish job failed after 3 of 3 attempts · 0 sends here")
        try ui.press(.open).waitUntil("the calendar on 10 March with the post selected") { screen in
            screen.contains("March 2026") && (screen.lines.first { $0.hasPrefix(" ▶ ") } ?? "").contains("Spring sale is live")
        }
    }

    @Test func aRetryAsksFirstThenQueuesThePostOnce() throws {
        let (ui, db) = try Self.start()
        defer { ui.close() }
        try ui.press(.moveDown).waitFor(text: "(code 190, subcode 463)")
        try ui.press(.retryPublish).waitFor(text: "Retry publishing").press(key: .char("n")).waitFor(text: "nothing changed")
        #expect(try Self.pendingJobs(db) == 0)
        try ui.press(.retryPublish).waitFor(text: "Retry publishing").press(key: .char("y"))
            .waitFor(text: "queued to publish again")
        #expect(try Self.pendingJobs(db) == 1)
        // The failure is gone from the list once it is pending again.
        try ui.waitUntil("the list read again without it") {
            $0.contains("1 failed of 3 posts") && $0.contains("post: Newer post") && !$0.contains("post: Spring sale is live")
        }
    }

    @Test func aRetryOfAPostChangedSinceItWasShownIsRefused() throws {
        let (ui, db) = try Self.start()
        defer { ui.close() }
        try ui.press(.moveDown).waitFor(text: "(code 190, subcode 463)")
        try ui.press(.retryPublish).waitFor(text: "Retry publishing")
        try db.execute("UPDATE posts SET content = 'Spring sale is live!' WHERE id = $1::uuid", [Self.failedPost])
        try ui.press(key: .char("y")).waitFor(text: "not retried: the post changed since it was shown")
        #expect(try Self.pendingJobs(db) == 0)
    }
}
