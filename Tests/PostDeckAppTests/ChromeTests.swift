import Foundation
import Testing
import PostDeckCore
import TerminalUI
@testable import PostDeckApp

/// The chrome around the panes: the header keeps the client in scope, status notes expire
/// and sit beside the key hints, the help overlay scrolls to its ends.
@Suite struct ChromeTests {
    static func line(_ state: AppState, _ row: Int) -> String {
        let buffer = View.render(state)
        return (0..<buffer.width).map { buffer[$0, row].text }.joined()
    }

    @Test func atEightyColumnsTheHeaderDropsTheConnectionBeforeTheClient() {
        var state = Fixtures.loadedState(width: 80, height: 24)
        state.databaseLabel = "manager@db-primary.agency.example:5432/agency_production"
        state.scope = .client(Fixtures.globex)
        let header = Self.line(state, 0)
        #expect(header.contains("Globex Bank"), "\(header)")
        #expect(!header.contains("db-primary"), "\(header)")
        state.width = 200
        #expect(Self.line(state, 0).contains("db-primary"), "with room, both")
    }

    @Test func aNewNoteStartsItsExpiryAndAnOlderTimerLeavesANewerNoteAlone() throws {
        var state = Fixtures.loadedState()
        _ = App.update(&state, .key(.char("A")))
        let effects = App.update(&state, .key(.char("n")))
        let note = try #require(state.note)
        #expect(note.text == "nothing changed")
        let timers = effects.compactMap { effect -> (Duration, Message)? in
            if case .after(let delay, "note", let message) = effect { (delay, message) } else { nil }
        }
        #expect(timers.count == 1)
        #expect(timers.first?.0 == App.lifetime(of: note))
        let newer = StatusNote(text: "something else", kind: .info)
        state.note = newer
        _ = App.update(&state, .noteExpired(note))
        #expect(state.note == newer, "an older note's timer does not clear a newer note")
        _ = App.update(&state, .noteExpired(newer))
        #expect(state.note == nil)
    }

    @Test func aNoteSitsBesideTheHintsAtEightyColumns() {
        var state = Fixtures.loadedState(width: 80, height: 24)
        state.note = StatusNote(text: "exported 1,204 rows to /home/rita/reports/performance-acme-outdoor-30d.csv", kind: .info)
        let footer = Self.line(state, 23)
        #expect(footer.hasPrefix(" Enter failures"), "\(footer)")
        #expect(footer.contains("exported 1,204 rows") && footer.contains("…"), "\(footer)")
    }

    @Test func gAndGGoToTheHelpsEndsAndJStopsAtTheLastLine() throws {
        var state = Fixtures.loadedState(width: 80, height: 24)
        _ = App.update(&state, .key(.char("?")))
        let last = Overlays.helpOverlay(state).maxScroll(in: View.body(state))
        #expect(last > 0)
        _ = App.update(&state, .key(.char("G")))
        #expect(state.overlay == .help(scroll: last))
        _ = App.update(&state, .key(.char("j")))
        #expect(state.overlay == .help(scroll: last), "no scrolling past the end")
        _ = App.update(&state, .key(.end))
        #expect(state.overlay == .help(scroll: last))
        _ = App.update(&state, .key(.home))
        #expect(state.overlay == .help(scroll: 0))
        _ = App.update(&state, .key(.char("q")))
        #expect(state.overlay == nil && !state.quitRequested, "q closes the help")
    }

    @Test func theHelpExplainsThePanesSymbolsAndColumns() {
        var state = Fixtures.loadedState()
        state.pane = .performance
        let performance = Overlays.helpOverlay(state).sections.flatMap(\.rows).map(\.key)
        for column in ["LIK", "COM", "SHR", "VWS", "ENG", "/1K", "NET 2/3"] { #expect(performance.contains(column), "\(column)") }
        state.pane = .calendar
        let calendar = Overlays.helpOverlay(state).sections.flatMap(\.rows).map(\.key)
        for glyph in ["✔", "✖", "◔", "✎", "⟳", "⊘", "!"] { #expect(calendar.contains(glyph), "\(glyph)") }
        let ascii = Overlays.helpOverlay(state, symbols: .ascii).sections.flatMap(\.rows).map(\.key)
        #expect(ascii.contains("~") && !ascii.contains("✎"), "the legend shows the glyphs the screen shows")
    }
}

/// The week view fills the height it has: every hour when there is room for them, and the
/// extra lines list more of an hour's posts.
@Suite struct WeekHeightTests {
    static func week(height: Int) -> AppState {
        CalendarFixtures.state(width: 120, height: height, scope: .client(Fixtures.acme), day: LocalDate(year: 2026, month: 11, day: 1),
                               mode: .week)
    }

    @Test(arguments: [40, 60]) func everyHourIsShownAndTheGridReachesTheFooter(height: Int) {
        let state = Self.week(height: height)
        let buffer = View.render(state)
        let rows = (0..<buffer.height).map { y in (0..<buffer.width).map { buffer[$0, y].text }.joined() }
        // Header, title and day names above; the calendar's footer and the key hints below.
        let grid = rows[3..<(height - 2)]
        #expect(grid.first?.hasPrefix("00:00") == true, "\(rows.joined(separator: "\n"))")
        #expect(grid.contains { $0.hasPrefix("23:00") })
        #expect(grid.allSatisfy { $0.contains("│") }, "no blank rows under the grid")
        let days = state.calendar.period(for: state.calendar.day!)
        #expect(WeekView.hourHeights(state.calendar, days: days, available: height - 5).reduce(0, +) == height - 5)
    }

    @Test func anHourWithTwoPostsListsBothWhenThereIsRoomAndCountsTheOtherWhenNot() {
        let tall = View.render(Self.week(height: 40)).textLines().joined(separator: "\n")
        #expect(tall.contains("First") && tall.contains("Second") && !tall.contains("+1 more"), "\(tall)")
        var short = Self.week(height: 24)
        _ = App.update(&short, .key(.char("k")))
        #expect(View.render(short).textLines().joined().contains("+1 more"))
    }
}

/// The palette's typed commands, parsed and run on the fixture state.
@Suite struct PaletteCommandTests {
    @Test func commandsParseWithAndWithoutTheirArguments() {
        #expect(PaletteCommand.parse("week") == .view(.week))
        #expect(PaletteCommand.parse("  Agenda ") == .view(.agenda))
        #expect(PaletteCommand.parse("week 3") == nil, "week takes no argument")
        #expect(PaletteCommand.parse("client") == nil, "client needs a name")
        #expect(PaletteCommand.parse("client  Globex Bank ") == .client("Globex Bank"))
        #expect(PaletteCommand.parse("goto fri") == .goto("fri"))
        #expect(PaletteCommand.parse("export ~/a b.csv") == .export(path: "~/a b.csv"))
        #expect(PaletteCommand.parse("theme light") == .theme("light"))
        #expect(PaletteCommand.parse("nonsense x") == nil)
    }

    @Test func clientTakesAUniquePrefixAndRefusesAnAmbiguousOne() {
        var state = Fixtures.loadedState()
        _ = PaletteCommand.client("glob").run(&state)
        #expect(state.scope == .client(Fixtures.globex))
        // Another agency's client of the same name: the name alone is ambiguous, "name (agency)" is not.
        state.clients.append(ClientSummary(id: Fixtures.id(9), name: "Globex Bank", agencyName: "Blue Harbor", timeZone: nil))
        _ = PaletteCommand.client("globex bank").run(&state)
        #expect(state.scope == .client(Fixtures.globex), "an ambiguous name changes nothing")
        #expect(state.note?.text == "“globex bank” is 2 clients: Globex Bank (Northwind Social), Globex Bank (Blue Harbor)")
        _ = PaletteCommand.client("Globex Bank (Blue Harbor)").run(&state)
        #expect(state.scope == .client(Fixtures.id(9)))
        _ = PaletteCommand.client("no such client").run(&state)
        #expect(state.note?.text == "no client named “no such client”")
        _ = PaletteCommand.client("ALL").run(&state)
        #expect(state.scope == .allClients)
    }

    @Test func gotoReadsADayAsPeopleSayItAndRefusesWhatIsNotOne() {
        var state = CalendarFixtures.state(mode: .month)
        _ = PaletteCommand.goto("2026-12-15").run(&state)
        #expect(state.pane == .calendar && state.calendar.day == LocalDate(year: 2026, month: 12, day: 15))
        _ = PaletteCommand.goto("tomorrow").run(&state)
        #expect(state.calendar.day == LocalDate(year: 2026, month: 11, day: 26))
        _ = PaletteCommand.goto("someday").run(&state)
        #expect(state.note?.kind == .error && state.calendar.day == LocalDate(year: 2026, month: 11, day: 26))
    }
}
