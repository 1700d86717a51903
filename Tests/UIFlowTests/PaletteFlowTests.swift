import Foundation
import Testing
import PostDeckApp
import PostDeckCore
import PostDeckStore
import PostDeckTestSupport

/// The `:` palette as k9s's: typed commands with an argument, names completed as they are
/// typed, from any pane, driven in process against real Postgres.
@Suite struct PaletteFlowTests {
    static func header(_ screen: ScreenText) -> String { screen.lines.first ?? "" }

    @Test func clientCompletesNamesAndChangesTheScopeFromAnyPane() throws {
        let database = try TestDatabase.migrated()
        try HealthScenario.install(on: database.connect())
        let ui = try UIDriver.start(database: database)
        defer { ui.close() }
        try ui.waitFor(text: "notoken")
        try ui.press(.showPerformance).waitFor(text: "Performance")
        // The completions: every client whose name holds what is typed.
        try ui.press(.palette).type("client glo").waitFor(text: "client Globex")
        try ui.press(key: .enter).waitUntil("Globex in scope") { Self.header($0).contains("Globex") }
        // Two clients of one name are listed with their agencies, to choose from.
        try ui.press(.palette).type("client acme").waitUntil("both Acmes") {
            $0.contains("client Acme (North)") && $0.contains("client Acme (South)")
        }
        try ui.press(key: .down).press(key: .enter).waitUntil("Acme of South in scope") { Self.header($0).contains("Acme (South)") }
        // A name no client has is refused, and nothing changes.
        try ui.press(.palette).type("client zzz").waitUntil("no client to complete") { !$0.contains("client Globex") }
        try ui.press(key: .enter).waitFor(text: "no client named “zzz”")
        #expect(Self.header(ui.screen).contains("Acme (South)"), "the scope is unchanged")
        try ui.press(.palette).type("client all").press(key: .enter).waitUntil("every client") { Self.header($0).contains("all clients") }
    }

    @Test func weekAgendaAndGotoOpenTheCalendarThere() throws {
        let database = try TestDatabase.migrated()
        try CalendarScenario.install(on: database.connect())
        let ui = try UIDriver.start(database: database, timeZone: "UTC")
        defer { ui.close() }
        try ui.press(.palette).type("week").press(key: .enter).waitFor(text: "Week ")
        try ui.press(.palette).type("goto 2026-11-01").press(key: .enter).waitUntil("the week of 1 November") {
            $0.contains("Week ") && $0.contains("1 Nov 2026")
        }
        try ui.press(.palette).type("agenda").press(key: .enter).waitFor(text: "Agenda · 1–28 Nov 2026")
        try ui.press(.palette).type("goto 2026-13-45").press(key: .enter).waitFor(text: "goto: “2026-13-45” is not a day")
    }

    @Test func themeSwitchesColoursAndCompletesTheNames() throws {
        let database = try TestDatabase.migrated()
        let ui = try UIDriver.start(database: database)
        defer { ui.close() }
        try ui.press(.palette).type("theme ").waitUntil("the themes listed") { $0.contains("theme mono") && $0.contains("theme default") }
        try ui.type("mon").press(key: .enter).waitFor(text: "theme: mono")
        try ui.press(.palette).type("theme nosuch").press(key: .enter).waitFor(text: "no such theme")
    }

    @Test func exportWritesThePerformanceTableFromAnotherPane() throws {
        let database = try TestDatabase.migrated()
        let ui = try UIDriver.start(database: database)
        defer { ui.close() }
        let path = ui.directory + "/table.csv"
        try ui.press(.palette).type("export \(path)").press(key: .enter).waitFor(text: "exported 0 posts")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("post_id,content,published_at"), "\(text)")
    }
}
