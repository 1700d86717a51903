import Foundation
import Testing
import PostDeckApp
import PostDeckCore
import PostDeckStore
import PostDeckTestSupport

/// The key grammar and the chrome around the panes, driven in process: the same search keys
/// in every list, notes that expire beside the key hints, the help overlay's ends, the
/// client picker, and the composer taking every character as text.
@Suite struct KeysFlowTests {
    /// The footer: the screen's last line.
    static func footer(_ screen: ScreenText) -> String { screen.lines.last ?? "" }
    /// The header: the screen's first line.
    static func header(_ screen: ScreenText) -> String { screen.lines.first ?? "" }

    @Test func searchIsSlashNAndShiftNInHealthAndInTheCalendar() throws {
        let health = try TestDatabase.migrated()
        try HealthScenario.install(on: health.connect())
        let ui = try UIDriver.start(database: health)
        defer { ui.close() }

        // Health: the list keeps the matching accounts (worst first: expired, soon, far).
        try ui.waitFor(text: "notoken")
        try ui.press(.filter).type("acme").press(key: .enter).waitUntil("only Acme's accounts") { !$0.contains("notoken") }
        try ui.press(.nextMatch).press(.open).waitFor(text: "LinkedIn soon")
        try ui.press(.back).press(.previousMatch).press(.open).waitFor(text: "Instagram expired")
        try ui.quit()

        // The calendar: the same keys, the same behaviour.
        let calendar = try TestDatabase.migrated()
        try CalendarScenario.install(on: calendar.connect())
        let ui2 = try UIDriver.start(database: calendar, timeZone: "UTC")
        defer { ui2.close() }
        try ui2.press(.showCalendar).press(.calendarAgenda).waitFor(text: "Draft for next week")
        try ui2.press(.filter).type("s").press(key: .enter).waitUntil("only the posts with an s") {
            !$0.contains("Draft for next week") && $0.contains("Goes out on the expired account")
        }
        try ui2.waitUntil("the first match selected") { CalendarFlowTests.selection($0).contains("Spring launch") }
        try ui2.press(.nextMatch).waitUntil("the next match") { CalendarFlowTests.selection($0).contains("Goes out on the expired") }
        try ui2.press(.previousMatch).waitUntil("the match before") { CalendarFlowTests.selection($0).contains("Spring launch") }
    }

    @Test func afterBracketsTheAgendasFirstEntryIsOnScreenAndSelected() throws {
        let database = try TestDatabase.migrated()
        try CalendarScenario.install(on: database.connect())
        let ui = try UIDriver.start(database: database, width: 80, height: 24, timeZone: "UTC")
        defer { ui.close() }
        try ui.press(.showCalendar).press(.calendarAgenda).waitFor(text: "Spring launch")
        // Down to the last post, so the list has scrolled, then two weeks back: the list
        // starts at its first entry again, and that entry is selected.
        try ui.press(.bottom).press(.previousPeriod).waitUntil("yesterday's post first") {
            CalendarFlowTests.selection($0).contains("Published yester") && ($0.lines.dropFirst(2).first ?? "").hasPrefix(" ")
                && $0.lines.dropFirst(3).first?.contains("Published yesterday") == true
        }
        try ui.press(.nextPeriod).waitUntil("Spring launch first") {
            CalendarFlowTests.selection($0).contains("Spring launch") && $0.lines.dropFirst(3).first?.contains("Spring launch") == true
        }
    }

    @Test func aNoteSitsBesideTheHintsAndGoesAwayOnItsOwn() throws {
        let database = try TestDatabase.migrated()
        try HealthScenario.install(on: database.connect())
        let ui = try UIDriver.start(database: database)
        defer { ui.close() }
        try ui.waitFor(text: "notoken")
        try ui.press(.toggleActive).waitFor(text: "Deactivate")
        try ui.press(.no).waitFor(text: "nothing changed")
        let footer = Self.footer(ui.screen)
        #expect(footer.contains("nothing changed") && footer.contains("? help") && footer.contains("Enter failures"), "\(footer)")
        // The note expires after its time (the runtime's timer; nothing here sleeps).
        try ui.waitUntil("the note gone, the hints still there") { !$0.contains("nothing changed") && Self.footer($0).contains("? help") }
    }

    @Test func gAndGInTheHelpShowTheFirstAndTheLastLine() throws {
        let database = try TestDatabase.migrated()
        let ui = try UIDriver.start(database: database, width: 80, height: 24)
        defer { ui.close() }
        try ui.press(.help).waitFor(text: "Help — Health")
        #expect(!ui.screen.contains("close the help"), "the help is longer than the screen")
        try ui.press(.bottom).waitFor(text: "close the help")
        try ui.press(.top).waitUntil("the first line again") { $0.contains("Account health") && !$0.contains("close the help") }
        // The legend explains the pane's symbols.
        try ui.press(.moveDown).waitFor(text: "token expired: the account cannot publish")
        try ui.press(.back).waitUntil("the help closed") { !$0.contains("Help — Health") }
    }

    @Test func theClientPickerOpensOnTheClientInScope() throws {
        let database = try TestDatabase.migrated()
        try HealthScenario.install(on: database.connect())
        let ui = try UIDriver.start(database: database)
        defer { ui.close() }
        // The two Acmes are listed with their agencies once the clients are read.
        try ui.press(.pickClient).waitUntil("the picker with the clients") { $0.contains("All clients") && $0.contains("Acme (North)") }
        try ui.type("glob").press(key: .enter).waitUntil("Globex in the header") { Self.header($0).contains("Globex") }
        // Enter at once keeps Globex: the picker opened on it, not on "All clients".
        try ui.press(.pickClient).waitFor(text: "All clients")
        try ui.press(key: .enter).waitUntil("the picker closed") { !$0.contains("All clients") }
        #expect(Self.header(ui.screen).contains("Globex"), "\(ui.screen)")
        try ui.press(.pickClient).waitFor(text: "All clients")
        try ui.press(key: .up).press(key: .enter).waitUntil("the client before Globex") {
            !Self.header($0).contains("Globex") && Self.header($0).contains("Acme")
        }
    }

    @Test func inTheComposerTheGlobalKeysAreTextAndTheFooterShowsItsOwnKeys() throws {
        let (database, _) = try ComposerScenario.makeDatabase()
        let ui = try UIDriver.start(database: database)
        defer { ui.close() }
        try ComposerFlowTests.openComposer(ui)
        try ui.type("q?1c/: 4").waitFor(text: "q?1c/: 4")
        let screen = ui.screen
        #expect(!screen.contains("Help —") && !screen.contains("All clients") && !screen.contains("Commands"), "\(screen)")
        #expect(screen.contains("Bakery · Europe/Berlin"), "still the composer")
        let footer = Self.footer(screen)
        #expect(footer.contains("Ctrl-s save") && !footer.contains("? help") && !footer.contains("q quit"), "\(footer)")
    }
}
