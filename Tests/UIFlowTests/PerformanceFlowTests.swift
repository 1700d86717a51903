import Foundation
import Testing
import PostDeckApp
import PostDeckCore
import PostDeckStore
import PostDeckTestSupport

/// The performance pane on the performance scenario, driven in process: the sort picker and
/// an export that would replace a file.
@Suite struct PerformanceFlowTests {
    static func start() throws -> UIDriver {
        let database = try TestDatabase.migrated()
        try PerformanceScenario.install(on: database.connect(), now: Date())
        let ui = try UIDriver.start(database: database, timeZone: "UTC")
        try ui.press(.showPerformance).waitUntil("the table") { $0.contains("PUBLISHED ▼") && $0.contains("TOTAL") }
        return ui
    }

    @Test func theSortPickerOpensOnTheCurrentColumnAndSortsByTheOneChosen() throws {
        let ui = try Self.start()
        defer { ui.close() }
        try ui.press(.pickSort).waitUntil("the picker on publish time") { $0.contains("Sort by") && $0.contains("▶ published") }
        try ui.press(.moveDown).press(.moveDown).waitFor(text: "▶ comments")
        try ui.press(key: .enter).waitUntil("the table by comments") { !$0.contains("Sort by") && $0.contains("COMMENTS ▼") }
        try ui.press(.pickSort).waitFor(text: "▶ comments")
        try ui.press(.back).waitUntil("the picker closed, the order kept") { !$0.contains("Sort by") && $0.contains("COMMENTS ▼") }
    }

    @Test func anExportOverAFileAsksFirstAndNamesTheAbsolutePath() throws {
        let ui = try Self.start()
        defer { ui.close() }
        let path = ui.directory + "/home/top.csv"
        try Data("keep me\n".utf8).write(to: URL(fileURLWithPath: path))
        // Typed relative to the home folder: the note and the question name the whole path.
        try ui.press(.export).waitFor(text: "export CSV to:").press(key: .ctrl("u")).type("~/top.csv").press(key: .enter)
            .waitFor(text: "Overwrite file")
        try ui.press(key: .char("n")).waitFor(text: "nothing changed")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep me\n")
        try ui.press(.export).waitFor(text: "export CSV to:").press(key: .ctrl("u")).type("~/top.csv").press(key: .enter)
            .waitFor(text: "Overwrite file").press(key: .char("y")).waitFor(text: "exported ")
        #expect(ui.screen.contains("to \(path)"), "\(ui.screen)")
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("post_id,content,published_at,"))
    }
}
