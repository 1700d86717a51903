import Foundation
import Testing
import PostDeckCore
import PostDeckStore
import TerminalUI
@testable import PostDeckApp

/// Golden files of the calendar on fixed data and a fixed clock (2026-11-25 12:00 UTC) at
/// 80x24 and 120x40. Re-record on purpose with POSTDECK_RECORD_SNAPSHOTS=1, then review.
@Suite struct CalendarSnapshotTests {
    static let sizes = [(80, 24), (120, 40)]
    typealias F = CalendarFixtures

    /// Every client, shown in Berlin time (`--tz Europe/Berlin`): the crowded Wednesday
    /// (every status, CJK and emoji, failures, expired tokens) overflows into `+N more`.
    @Test(arguments: sizes) func monthOfAllClients(width: Int, height: Int) throws {
        let state = F.state(width: width, height: height)
        try assertSnapshot(View.renderPane(state), named: "monthOfAllClients")
    }

    /// The crowded day's second post selected: its cell scrolls to show it.
    @Test(arguments: sizes) func monthWithALaterPostOfACrowdedDaySelected(width: Int, height: Int) throws {
        var state = F.state(width: width, height: height)
        for _ in 0..<4 { _ = App.update(&state, .key(.char("j"))) }
        try assertSnapshot(View.renderPane(state), named: "monthCrowdedDayScrolled")
    }

    /// Acme in New York, the week clocks go back: Sunday is 25 hours, 01:00 happens twice
    /// and holds both 01:30s.
    @Test(arguments: sizes) func weekOfTheNewYorkClockChange(width: Int, height: Int) throws {
        var state = F.state(width: width, height: height, scope: .client(Fixtures.acme), day: LocalDate(year: 2026, month: 11, day: 1), mode: .week)
        _ = App.update(&state, .key(.char("k")))
        try assertSnapshot(View.renderPane(state), named: "weekNewYorkClockChange")
    }

    /// Globex in Berlin, the week clocks go back there (Sunday 25 October).
    @Test(arguments: sizes) func agendaOfTheBerlinClockChange(width: Int, height: Int) throws {
        let state = F.state(width: width, height: height, scope: .client(Fixtures.globex), day: LocalDate(year: 2026, month: 10, day: 25), mode: .agenda)
        try assertSnapshot(View.renderPane(state), named: "agendaBerlinClockChange")
    }

    /// Every client's November as a list, with the client column and the unscheduled drafts.
    @Test(arguments: sizes) func agendaOfAllClients(width: Int, height: Int) throws {
        let state = F.state(width: width, height: height, mode: .agenda)
        try assertSnapshot(View.renderPane(state), named: "agendaOfAllClients")
    }

    /// The Tokyo client's month in Tokyo time (its own zone, whatever --tz says).
    @Test(arguments: sizes) func weekOfTheTokyoClient(width: Int, height: Int) throws {
        let state = F.state(width: width, height: height, scope: .client(Fixtures.sakura), mode: .week)
        try assertSnapshot(View.renderPane(state), named: "weekTokyo")
    }

    /// `r` on a post, with a time typed in the gap New York skips in March.
    @Test(arguments: sizes) func reschedulePromptExplainsAClockGap(width: Int, height: Int) throws {
        var state = F.state(width: width, height: height, scope: .client(Fixtures.acme), mode: .week)
        _ = App.update(&state, .key(.char("j")))  // the scheduled post of today
        _ = App.update(&state, .key(.char("r")))
        #expect(state.calendar.prompt != nil)
        for _ in 0..<20 { _ = App.update(&state, .key(.backspace)) }
        for character in "2027-03-14 02:30" { _ = App.update(&state, .key(.char(character))) }
        try assertSnapshot(View.renderPane(state), named: "reschedulePromptGap")
    }

    @Test(arguments: sizes) func postDetail(width: Int, height: Int) throws {
        var state = F.state(width: width, height: height)
        _ = App.update(&state, .key(.enter))
        let detail = PostDetail(
            id: Fixtures.id(502), clientID: Fixtures.globex, clientName: "Globex Bank", status: .failed,
            content: "Zinsen rauf, Gebühren runter: das neue Girokonto.\nJetzt wechseln 👉 globex.example/konto\u{1b}[31m",
            variations: [.init(key: "facebook", text: "Zinsen rauf! 📈")], settings: "{\"hashtags\": [\"#bank\"]}",
            scheduledAt: F.utc("2026-11-25 09:30"), publishedAt: nil, createdAt: F.utc("2026-11-20 10:00"),
            updatedAt: F.utc("2026-11-25 09:32"), campaignName: "Girokonto Herbst", templateName: nil,
            accounts: [.init(accountID: Fixtures.id(103), platform: .facebook, username: "GlobexBank", status: .failed,
                             platformPostID: nil, errorMessage: "OAuthException: Error validating access token", publishedAt: nil,
                             tokenStatus: .expired)],
            media: [.init(filename: "konto.png", mediaType: .image, mimeType: "image/png", fileSize: 482_113, durationSeconds: nil)],
            job: .init(status: .failed, scheduledFor: F.utc("2026-11-25 09:30"), attempts: 3, maxAttempts: 3,
                       errorMessage: "token expired"))
        guard let request = state.calendar.detail?.request else { Issue.record("no detail request"); return }
        _ = App.update(&state, .calendar(.detailLoaded(request, detail)))
        try assertSnapshot(View.renderPane(state), named: "postDetail")
    }

    @Test func filterPanel() throws {
        var state = F.state(width: 80, height: 24)
        _ = App.update(&state, .key(.char("f")))
        let choices = CalendarQueries.FilterChoices(
            accounts: [.init(id: Fixtures.id(101), platform: .instagram, label: "acme.outdoor · Acme Outdoor")],
            campaigns: [.init(id: Fixtures.id(900), label: "Girokonto Herbst · Globex Bank")])
        _ = App.update(&state, .calendar(.choicesLoaded(state.calendar.filterPanel!.request!, choices)))
        for key in [Key.char("l"), .char("l"), .char("l"), .char("l"), .char("l"), .char("j")] { _ = App.update(&state, .key(key)) }
        try assertSnapshot(View.renderPane(state), named: "filterPanel")
    }
}
