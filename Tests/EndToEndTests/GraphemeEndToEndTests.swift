import Foundation
import Testing
import PostDeckStore
import PostDeckTestSupport

/// The real binary in tmux: flags, ZWJ sequences, skin tones and emoji with VS16 are
/// drawn whole (curses alone cut them to their first scalar), the layout agrees with
/// the terminal's own widths (no double gap after `✍️`, no stale cell after `🛍️`), and
/// stray joiners never reach the screen.
@Suite(.serialized) struct GraphemeEndToEndTests {
    static let clientName = "Tea 🇬🇧 Care 👩🏽‍🦯"

    static func database() throws -> TestDatabase {
        let database = try TestDatabase.make()
        let db = try database.connect()
        try Migrator.migrate(db) { _ in }
        try db.execute("INSERT INTO agencies (id, name, email) VALUES ('a2000000-0000-4000-8000-000000000001', 'Agency', 'a@example.com')")
        try db.execute("""
            INSERT INTO clients (id, agency_id, name, preferences)
            VALUES ('c2000000-0000-4000-8000-000000000001', 'a2000000-0000-4000-8000-000000000001', $1, '{"timezone": "Europe/London"}')
            """, [clientName])
        try db.execute("""
            INSERT INTO accounts (id, client_id, platform, platform_account_id, username)
            VALUES ('d2000000-0000-4000-8000-000000000001', 'c2000000-0000-4000-8000-000000000001', 'instagram', 'ig1', $1)
            """, ["doc👨🏿‍⚕️\u{200D}x"])
        return database
    }

    /// The text between the borders of the composer row that shows `marker`, trailing blanks removed.
    static func editorRow(_ screen: String, containing marker: String) -> String? {
        guard let line = screen.split(separator: "\n").first(where: { $0.contains(marker) }) else { return nil }
        let parts = line.split(separator: "│", omittingEmptySubsequences: false)
        guard parts.count > 2 else { return nil }
        return String(parts[1]).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }

    @Test func clustersAreDrawnWholeAndTheEditorRowHoldsExactlyWhatWasTyped() throws {
        let database = try Self.database()
        let ui = try TerminalSession.start(["--db", database.conninfo], width: 100, height: 30)
        defer { ui.close() }
        // The health pane shows the client's name and the account with its stray ZWJ as a placeholder.
        let health = try ui.waitFor("doc👨🏿‍⚕️")
        #expect(health.contains(Self.clientName))
        #expect(health.contains("doc👨🏿‍⚕️�x"))

        ui.press("2")
        try ui.waitFor("Write the post")
        ui.type("🇬🇧 👨🏿‍⚕️ 👩🏽‍🦯 ✍️ 追加 x🛍️y")
        var screen = try ui.waitFor("x🛍️y")
        #expect(Self.editorRow(screen, containing: "x🛍️y") == " 🇬🇧 👨🏿‍⚕️ 👩🏽‍🦯 ✍️ 追加 x🛍️y")

        // Delete the bag, type it again twice, delete one: no cell may be left behind.
        ui.press("Left", "BSpace")
        screen = try ui.waitFor("追加 xy")
        #expect(Self.editorRow(screen, containing: "追加 xy") == " 🇬🇧 👨🏿‍⚕️ 👩🏽‍🦯 ✍️ 追加 xy")
        ui.type("🛍️🛍️")
        try ui.waitFor("x🛍️🛍️y")
        ui.press("BSpace")
        screen = try ui.waitUntil("one bag left") { $0.contains("x🛍️y") && !$0.contains("x🛍️🛍️y") }
        #expect(Self.editorRow(screen, containing: "x🛍️y") == " 🇬🇧 👨🏿‍⚕️ 👩🏽‍🦯 ✍️ 追加 x🛍️y")

        // At the start of the line, delete the flag and the space after it.
        ui.press("Home", "DC", "DC")
        // Both keys must have been handled: the row starts at the doctor, with nothing before it.
        screen = try ui.waitUntil("the flag and the space deleted") {
            !$0.contains("🇬🇧") && Self.editorRow($0, containing: "x🛍️y")?.hasPrefix(" 👨🏿‍⚕️") == true
        }
        #expect(Self.editorRow(screen, containing: "x🛍️y") == " 👨🏿‍⚕️ 👩🏽‍🦯 ✍️ 追加 x🛍️y")

        // Every other row of the editor is blank: nothing stale to its right or below.
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
        let editorLine = try #require(rows.firstIndex { $0.contains("x🛍️y") })
        for row in rows[(editorLine + 1)..<(editorLine + 5)] {
            #expect(String(row).split(separator: "│", omittingEmptySubsequences: false).dropFirst().first?.allSatisfy { $0 == " " } ?? false,
                    "\(row)")
        }
        ui.press("Escape")
        try ui.waitFor("Unsaved post")
        ui.press("y")
        try ui.waitFor(Self.clientName)
        ui.press("q")
        #expect(try ui.waitForExit() == 0)
    }
}
