import Foundation
import Testing
import PostDeckCore
import PostDeckStore
import TerminalUI
@testable import PostDeckApp

/// The calendar's update logic: zones, navigation, selection across reloads, and the
/// writes it asks for (never before a confirmation, never for a post that cannot move).
@Suite struct CalendarPaneTests {
    typealias F = CalendarFixtures

    func writeQuery(_ effects: [Effect]) -> (RequestID, Query<Message>)? {
        for effect in effects {
            if case .query(let id, let slot, let query) = effect, slot == "post.write" { return (id, query) }
        }
        return nil
    }

    @Test func theZoneIsTheClientsWhenOneClientIsInScopeElseTzElseUTC() {
        #expect(F.state(scope: .client(Fixtures.sakura)).calendar.displayZone.name == "Asia/Tokyo")
        #expect(F.state(scope: .client(Fixtures.sakura)).calendar.zone.source == .client)
        #expect(F.state(tz: "Europe/Berlin").calendar.displayZone.name == "Europe/Berlin")
        #expect(F.state(tz: nil).calendar.displayZone.name == "UTC")
    }

    @Test func aClientScopeWaitsForTheClientsToKnowItsZone() {
        var state = AppState(databaseLabel: "demo", now: Fixtures.now)
        state.scope = .client(Fixtures.acme)
        #expect(CalendarPane.load(&state).isEmpty)
        let effects = App.update(&state, .clientsLoaded(RequestID(99), Fixtures.clients))
        #expect(effects.contains { if case .query(_, CalendarPane.slot, _) = $0 { true } else { false } })
        #expect(state.calendar.displayZone.name == "America/New_York")
    }

    @Test func theWeekRangeIsComputedInTheDisplayZoneAcrossTheClockChange() {
        let state = F.state(scope: .client(Fixtures.acme), day: LocalDate(year: 2026, month: 11, day: 1), mode: .week)
        let range = state.calendar.range!
        #expect(DisplayZone.iso8601UTC(range.start) == "2026-10-26T04:00:00Z")
        #expect(DisplayZone.iso8601UTC(range.end) == "2026-11-02T05:00:00Z")
        #expect(state.calendar.byDay[LocalDate(year: 2026, month: 11, day: 1)!]?.count == 3)
    }

    @Test func bracketsMoveByThePeriodAndReadItTodayComesBack() {
        var state = F.state(mode: .week)
        let effects = App.update(&state, .key(.char("]")))
        #expect(state.calendar.day == LocalDate(year: 2026, month: 12, day: 2))
        #expect(effects.contains { if case .query(_, CalendarPane.slot, _) = $0 { true } else { false } })
        _ = App.update(&state, .key(.char("t")))
        #expect(state.calendar.day == LocalDate(year: 2026, month: 11, day: 25))
        _ = App.update(&state, .key(.char("m")))
        _ = App.update(&state, .key(.char("[")))
        #expect(state.calendar.day == LocalDate(year: 2026, month: 10, day: 25))
    }

    @Test func jAndKWalkTheDaysPostsThenTheMonthViewGoesAWeekOn() {
        var state = F.state()
        let day = state.calendar.dayPosts
        #expect(state.calendar.selectedPost == day.first?.id)
        _ = App.update(&state, .key(.char("j")))
        #expect(state.calendar.selectedPost == day[1].id)
        for _ in 0..<(day.count - 1) { _ = App.update(&state, .key(.char("j"))) }
        #expect(state.calendar.day == LocalDate(year: 2026, month: 12, day: 2))
        _ = App.update(&state, .key(.char("k")))
        #expect(state.calendar.day == LocalDate(year: 2026, month: 11, day: 25))
        #expect(state.calendar.selectedPost == day.last?.id)
        _ = App.update(&state, .key(.char("l")))
        #expect(state.calendar.day == LocalDate(year: 2026, month: 11, day: 26))
    }

    @Test func aReloadKeepsTheSelectedPostAndAStaleResultIsDropped() {
        var state = F.state()
        _ = App.update(&state, .key(.char("j")))
        _ = App.update(&state, .key(.char("j")))
        let chosen = state.calendar.selectedPost
        let stale = state.calendar.request!
        _ = App.reload(&state)
        _ = App.update(&state, .calendar(.loaded(stale, state.calendar.range!, .init(posts: [], unscheduled: []))))
        #expect(!state.calendar.posts.isEmpty, "the stale answer is dropped")
        F.answer(&state)
        #expect(state.calendar.selectedPost == chosen)
    }

    @Test func greaterThanMovesTheScheduledPostOneWallClockDayGuardedByItsUpdatedAt() throws {
        var state = F.state(scope: .client(Fixtures.acme))
        _ = App.update(&state, .key(.char("j")))
        let post = try #require(state.calendar.selected)
        #expect(post.status == .scheduled)
        let (_, query) = try #require(writeQuery(App.update(&state, .key(.char(">")))))
        #expect(query.sql.contains("postdeck_write_post"))
        #expect(query.parameters[0]?.sqlText.contains("\"change\":\"move\"") == true)
        #expect(query.parameters[1]?.sqlText == post.updatedAt.sqlText)
        #expect(query.parameters[2]?.sqlText == "2026-11-26T14:00:00.000000Z")
        // One write at a time: a second key before the answer is refused.
        #expect(writeQuery(App.update(&state, .key(.char("+")))) == nil)
        #expect(state.note?.text.contains("still saving") == true)
    }

    /// A scheduled post at 02:30 on Saturday 13 March 2027 in New York, selected.
    func springState() -> (AppState, CalendarPost) {
        var state = F.state(scope: .client(Fixtures.acme))
        let post = CalendarPost(id: Fixtures.id(777), clientID: Fixtures.acme, clientName: "Acme Outdoor", clientTimeZone: "America/New_York",
                                status: .scheduled, excerpt: "spring", scheduledAt: F.utc("2027-03-13 07:30"), publishedAt: nil,
                                updatedAt: Fixtures.now, campaignID: nil, targets: [])
        state.calendar.posts = [post]
        state.calendar.regroup()
        state.calendar.day = LocalDate(year: 2027, month: 3, day: 13)
        state.calendar.selectedPost = post.id
        state.calendar.range = state.calendar.neededRange(for: state.calendar.day!)
        return (state, post)
    }

    @Test func aDayLaterIntoTheSpringGapIsRefusedWithTheTimeItMostLikelyMeans() {
        var (state, _) = springState()
        // 02:30 does not exist on the 14th: nothing is written, 03:30 is suggested.
        #expect(writeQuery(App.update(&state, .key(.char(">")))) == nil)
        #expect(state.note?.kind == .error)
        #expect(state.note?.text.contains("does not exist") == true && state.note?.text.contains("03:30") == true)
        #expect(state.history.nextUndo == nil)
    }

    @Test func aPublishedPostCannotMoveAndNothingIsWritten() {
        var state = F.state(scope: .client(Fixtures.acme))
        #expect(state.calendar.selected?.status == .published)
        for key in [Key.char(">"), .char("<"), .char("+"), .char("-"), .char("r"), .char("x")] {
            #expect(writeQuery(App.update(&state, .key(key))) == nil)
            #expect(state.overlay == nil && state.calendar.prompt == nil)
        }
        #expect(state.note?.text.contains("published post cannot be changed") == true)
    }

    @Test func cancelAsksFirstAndWritesOnlyAfterYes() throws {
        var state = F.state(scope: .client(Fixtures.acme))
        _ = App.update(&state, .key(.char("j")))
        #expect(App.update(&state, .key(.char("x"))).isEmpty)
        guard case .confirm(let confirmation, _) = state.overlay else { Issue.record("no confirmation"); return }
        #expect(confirmation.question.contains("Trail report"))
        _ = App.update(&state, .key(.char("n")))
        #expect(state.overlay == nil)
        _ = App.update(&state, .key(.char("x")))
        let (_, query) = try #require(writeQuery(App.update(&state, .key(.char("y")))))
        #expect(query.parameters[0]?.sqlText.contains("\"change\":\"cancel\"") == true)
    }

    @Test func aRefusedWriteSaysWhyAndReadsTheNewState() {
        var state = F.state(scope: .client(Fixtures.acme))
        _ = App.update(&state, .key(.char("j")))
        guard let (id, _) = writeQuery(App.update(&state, .key(.char("+")))) else { Issue.record("no write"); return }
        let refusal = PostWriteRefusal(reason: .changedElsewhere, current: nil, databaseNow: Fixtures.now)
        let effects = App.update(&state, .postWritten(id, .refused(refusal)))
        #expect(state.note?.text.contains("someone else changed this post") == true)
        #expect(state.note?.kind == .error)
        #expect(effects.contains { if case .query(_, CalendarPane.slot, _) = $0 { true } else { false } })
        #expect(state.history.nextUndo == nil && state.writeInFlight == nil)
    }

    @Test func theReschedulePromptExplainsAnOverlapAndTabChoosesTheSecond() throws {
        var state = F.state(scope: .client(Fixtures.acme))
        _ = App.update(&state, .key(.char("j")))
        _ = App.update(&state, .key(.char("r")))
        _ = App.update(&state, .key(.ctrl("u")))
        for character in "2027-11-07 01:30" { _ = App.update(&state, .key(.char(character))) }
        _ = App.update(&state, .key(.tab))
        let (_, query) = try #require(writeQuery(App.update(&state, .key(.enter))))
        #expect(query.parameters[2]?.sqlText == "2027-11-07T06:30:00.000000Z", "the second 01:30 is EST")
        #expect(state.calendar.prompt == nil)
    }

    @Test func undoAndRedoWalkTheSessionsWritesEachGuardedByItsOwnStamp() throws {
        var state = F.state(scope: .client(Fixtures.acme))
        _ = App.update(&state, .key(.char("j")))
        let post = try #require(state.calendar.selected)
        let stamp1 = Fixtures.now.addingTimeInterval(1), stamp2 = Fixtures.now.addingTimeInterval(2)
        func snapshot(_ at: Date, _ stamp: Date) -> PostSnapshot {
            PostSnapshot(id: post.id, clientID: post.clientID, status: .scheduled, content: post.excerpt, scheduledAt: at,
                         updatedAt: stamp, storedForm: "{\"at\": \"\(at)\"}")
        }
        let (id, _) = try #require(writeQuery(App.update(&state, .key(.char(">")))))
        let moved = try #require(post.scheduledAt).addingTimeInterval(86_400)
        let record = PostWriteRecord(post: post.id, change: .move(to: moved), before: snapshot(post.scheduledAt!, post.updatedAt),
                                     after: snapshot(moved, stamp1), job: .updated)
        _ = App.update(&state, .postWritten(id, .done(record)))
        #expect(state.note?.text.contains("moved") == true)

        let (undoID, undo) = try #require(writeQuery(App.update(&state, .key(.char("u")))))
        #expect(undo.parameters[0]?.sqlText.contains("\"change\":\"restore\"") == true)
        #expect(undo.parameters[1]?.sqlText == stamp1.sqlText, "guarded by the stamp our own move left")
        let undone = PostWriteRecord(post: post.id, change: .restore(from: record.after, to: record.before), before: record.after,
                                     after: snapshot(post.scheduledAt!, stamp2), job: .updated)
        _ = App.update(&state, .postWritten(undoID, .done(undone)))
        #expect(state.note?.text.hasPrefix("undone: moved") == true)
        #expect(App.update(&state, .key(.char("u"))).besidesNoteTimer.isEmpty)
        #expect(state.note?.text == "nothing to undo")

        let (_, redo) = try #require(writeQuery(App.update(&state, .key(.ctrl("r")))))
        #expect(redo.parameters[1]?.sqlText == stamp2.sqlText, "guarded by the stamp the undo left")
    }

    @Test func searchAndFiltersReadAgainWithTheFilter() throws {
        var state = F.state()
        _ = App.update(&state, .key(.char("/")))
        let effects = App.update(&state, .key(.char("z")))
        guard case .query(_, CalendarPane.slot, let query)? = effects.first else { Issue.record("no read"); return }
        #expect(query.parameters[6]?.sqlText == "z")
        _ = App.update(&state, .key(.escape))
        #expect(state.calendar.filter.isEmpty && state.calendar.search == nil)
        _ = App.update(&state, .key(.char("f")))
        for key in [Key.char("l"), .char("l"), .enter] { _ = App.update(&state, .key(key)) }
        #expect(state.calendar.filter.statuses == [.scheduled])
        _ = App.update(&state, .key(.escape))
        #expect(state.calendar.filter.isEmpty)
    }

    @Test func enterOpensTheDetailAndEscapeClosesItWithoutQuitting() {
        var state = F.state()
        let effects = App.update(&state, .key(.enter))
        #expect(effects.contains { if case .query(_, "calendar.detail", _) = $0 { true } else { false } })
        #expect(state.calendar.detail != nil)
        _ = App.update(&state, .key(.escape))
        #expect(state.calendar.detail == nil && !state.quitRequested)
    }
}
