import Foundation
import Testing
import PostDeckStore
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
