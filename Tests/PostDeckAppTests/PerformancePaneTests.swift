import Foundation
import Testing
import PostDeckCore
import PostDeckStore
import TerminalUI
@testable import PostDeckApp

@Suite struct PerformancePaneTests {
    static func tableQueries(_ effects: [Effect]) -> [Query<Message>] {
        effects.compactMap { if case .query(_, PerformancePane.tableSlot, let query) = $0 { query } else { nil } }
    }

    @Test func sOpensAPickerOnTheCurrentColumnAndCapitalSReverses() {
        var state = PerformanceFixtures.loadedState()
        _ = App.update(&state, .key(.char("s")))
        guard case .sortPicker(_, let list)? = state.overlay else { Issue.record("no sort picker"); return }
        #expect(list.selected == 0, "the current column, publish time, is selected")
        // Esc leaves the order as it was and reads nothing.
        #expect(App.update(&state, .key(.escape)).isEmpty)
        #expect(state.overlay == nil && state.performance.sort == .newestFirst)

        _ = App.update(&state, .key(.char("s")))
        _ = App.update(&state, .key(.down))
        let effects = App.update(&state, .key(.enter))
        #expect(state.overlay == nil)
        #expect(state.performance.sort == PerformanceSort(.likes))
        // A new order reads from the top.
        #expect(Self.tableQueries(effects).first?.sql.contains("ORDER BY") == true)
        #expect(state.performance.rows.isEmpty && state.performance.selected == 0)

        // Typing narrows the list; the picker opens on the column now in use.
        _ = App.update(&state, .key(.char("s")))
        guard case .sortPicker(_, let again)? = state.overlay else { Issue.record("no sort picker"); return }
        #expect(again.selected == 1)
        for character in "clie" { _ = App.update(&state, .key(.char(character))) }
        _ = App.update(&state, .key(.enter))
        #expect(state.performance.sort == PerformanceSort(.client, descending: false))

        state.performance.sort = .newestFirst
        _ = App.update(&state, .key(.char("S")))
        #expect(state.performance.sort == PerformanceSort(.published, descending: false))
        _ = App.update(&state, .key(.char("S")))
        #expect(state.performance.sort == .newestFirst)
    }

    @Test func angleBracketsStepTheRangeAndStopAtEitherEnd() {
        var state = PerformanceFixtures.loadedState()
        #expect(state.performance.range == .thirtyDays)
        var ranges: [PerformanceRange] = []
        for _ in 0..<3 { _ = App.update(&state, .key(.char("]"))); ranges.append(state.performance.range) }
        #expect(ranges == [.ninetyDays, .all, .all])
        #expect(App.update(&state, .key(.char("]"))).isEmpty, "nothing to read at the end")
        ranges = []
        for _ in 0..<4 { _ = App.update(&state, .key(.char("["))); ranges.append(state.performance.range) }
        #expect(ranges == [.ninetyDays, .thirtyDays, .sevenDays, .sevenDays])
    }

    @Test func aStaleResultIsDropped() {
        var state = PerformanceFixtures.loadedState()
        let stale = state.performance.tableRequest
        _ = App.update(&state, .key(.char("]")))
        let old = PerformancePage(rows: [PerformanceFixtures.rows[0]], next: nil)
        // The page asked for before the range changed arrives late: it is not shown.
        _ = App.update(&state, .performance(.pageLoaded(stale ?? RequestID(1), old, replace: true)))
        #expect(state.performance.rows.isEmpty && !state.performance.loaded)
        let summary = state.performance.summaryRequest!
        _ = App.update(&state, .key(.char("[")))
        _ = App.update(&state, .performance(.summaryLoaded(summary, PerformanceSummary())))
        #expect(state.performance.summary?.posts == PerformanceFixtures.rows.count, "the old summary stays until the new one comes")
    }

    @Test func aReloadKeepsTheSelectedPostAndTheScroll() {
        var state = PerformanceFixtures.loadedState()
        for _ in 0..<3 { _ = App.update(&state, .key(.char("j"))) }
        let chosen = state.performance.selectedRow!.id
        let effects = PerformancePane.reload(&state)
        #expect(Self.tableQueries(effects).count == 1)
        #expect(state.performance.rows.count == PerformanceFixtures.rows.count, "the old rows stay while the new ones load")
        // A new post on top pushes the chosen one down by one.
        let fresh = [PerformanceFixtures.post(9, Fixtures.acme, "Acme Outdoor", "Brand new", hoursAgo: 1, platforms: (1, 1), 1, 0, 0, 10)]
            + PerformanceFixtures.rows
        _ = App.update(&state, .performance(.pageLoaded(state.performance.tableRequest!, PerformancePage(rows: fresh, next: nil), replace: true)))
        #expect(state.performance.selectedRow?.id == chosen)
        #expect(state.performance.selected == 4)
    }

    @Test func aBurstOfAnalyticsNotificationsCausesOneRefresh() {
        var state = PerformanceFixtures.loadedState()
        var timers: [String] = []
        for _ in 0..<50 {
            for effect in App.update(&state, .databaseChanged(["post_analytics"])) {
                if case .after(_, let key, .refresh) = effect { timers.append(key) }
            }
        }
        // Every notification re-arms the same timer; the runtime keeps one per key.
        #expect(timers.count == 50 && Set(timers) == ["refresh"])
        let refresh = App.update(&state, .refresh)
        #expect(Self.tableQueries(refresh).count == 1)
    }

    @Test func onlyTheVisiblePageAndOneAheadAreReadAsTheSelectionMoves() {
        var state = PerformanceFixtures.loadedState(width: 80, height: 24)
        let page = PerformancePane.pageSize(state)
        let rows = (0..<(2 * page)).map { i in
            PerformanceFixtures.post(100 + i, Fixtures.acme, "Acme Outdoor", "post \(i)", hoursAgo: Double(i), platforms: (1, 1), i, 0, 0, 0)
        }
        let cursor = PerformanceCursor.dated(micros: 1, id: rows.last!.id)
        _ = PerformancePane.load(&state)
        _ = App.update(&state, .performance(.pageLoaded(state.performance.tableRequest!, PerformancePage(rows: rows, next: cursor), replace: true)))
        // Two pages loaded; moving within the first asks for nothing.
        var asked: [Query<Message>] = []
        for _ in 0..<(page - 1) { asked += Self.tableQueries(App.update(&state, .key(.char("j")))) }
        #expect(asked.isEmpty)
        // One more step and the page after the loaded ones is asked for, once, from the cursor.
        asked += Self.tableQueries(App.update(&state, .key(.char("j"))))
        asked += Self.tableQueries(App.update(&state, .key(.char("j"))))
        #expect(asked.count == 1)
        #expect(asked.first?.sql.contains("(published_at, post_id) <") == true)
    }

    @Test func typingAFilterReadsOnceTheTypingPauses() {
        var state = PerformanceFixtures.loadedState()
        var timers: [Message] = []
        for key in [Key.char("/"), .char("t"), .char("r"), .char("a")] {
            for effect in App.update(&state, .key(key)) {
                if case .after(_, "performance.filter", let message) = effect { timers.append(message) }
            }
        }
        #expect(timers.count == 3)
        // An earlier keystroke's timer does nothing; the last one reads.
        guard case .performance(let first) = timers[0], case .performance(let last) = timers[2] else { Issue.record("no timer"); return }
        #expect(Self.tableQueries(App.update(&state, .performance(first))).isEmpty)
        let effects = App.update(&state, .performance(last))
        #expect(Self.tableQueries(effects).first?.sql.contains("ILIKE") == true)
        #expect(state.performance.filter == "tra")
    }

    @Test func exportAsksForAPathReadsEveryRowAndConfirmsTheCount() throws {
        var state = PerformanceFixtures.loadedState()
        _ = App.update(&state, .key(.char("e")))
        #expect(state.performance.exportPath?.text == "performance-all-clients-30d-2026-11-25.csv")
        _ = App.update(&state, .key(.ctrl("u")))
        for character in "/tmp/out.csv" { _ = App.update(&state, .key(.char(character))) }
        // The path is made absolute first (by the runtime), and a file there is asked about.
        guard case .resolvePath(let typed, let resolved)? = App.update(&state, .key(.enter)).first else {
            Issue.record("the path is not resolved"); return
        }
        #expect(typed == "/tmp/out.csv")
        _ = App.update(&state, resolved("/tmp/out.csv", true))
        guard case .confirm(let question, _)? = state.overlay else { Issue.record("no overwrite question"); return }
        #expect(question.question.hasPrefix("/tmp/out.csv exists. Replace it"))
        #expect(App.update(&state, .key(.char("n"))).besidesNoteTimer.isEmpty)
        #expect(state.performance.exportRequest == nil)
        let effects = App.update(&state, resolved("/tmp/out.csv", false))
        guard case .query(let id, "performance.export", let query)? = effects.first else { Issue.record("no export read"); return }
        #expect(!query.sql.contains("LIMIT"), "every row, not just the loaded ones")
        let write = App.update(&state, .performance(.exportLoaded(id, path: "/tmp/out.csv", PerformanceFixtures.rows)))
        guard case .writeFile(let path, let contents, let then)? = write.first else { Issue.record("no write"); return }
        #expect(path == "/tmp/out.csv")
        #expect(contents.hasPrefix("post_id,content,published_at,"))
        _ = App.update(&state, then(nil))
        #expect(state.note?.text == "exported 7 posts to /tmp/out.csv")
        _ = App.update(&state, then("/tmp/out.csv: permission denied"))
        #expect(state.note?.kind == .error)
    }

    @Test func theDisplayZoneIsTheClientsForOneClientElseTZElseUTC() {
        var state = PerformanceFixtures.loadedState()
        #expect(PerformancePane.zone(state).name == "UTC")
        state.zoneSettings.environmentTZ = ":Europe/Lisbon"
        #expect(PerformancePane.zone(state).name == "Europe/Lisbon")
        state.scope = .client(Fixtures.sakura)
        #expect(PerformancePane.zone(state).name == "Asia/Tokyo")
    }

    @Test func escapeClosesTheDetailThenTheChartsAndNeverQuits() {
        var state = PerformanceFixtures.loadedState()
        _ = App.update(&state, .key(.enter))
        #expect(state.performance.detail?.post.id == PerformanceFixtures.rows[0].id)
        _ = App.update(&state, .key(.escape))
        #expect(state.performance.detail == nil)
        _ = App.update(&state, .key(.char("v")))
        #expect(state.performance.showCharts)
        _ = App.update(&state, .key(.escape))
        #expect(!state.performance.showCharts && !state.quitRequested)
    }
}
