import Foundation
import Testing
import PostDeckCore
import PostDeckStore
import TerminalUI
@testable import PostDeckApp

/// Random keys and random sizes (down to 1x1) through `update` and `view`: nothing may crash.
@Suite struct AppFuzzTests {

    static let keys: [Key] = Keymap.bindings.flatMap(\.keys) + [
        .char("x"), .char("y"), .char("n"), .char("a"), .char("A"), .char("p"), .char("["), .char("]"), .char("Z"), .char("ß"), .char("漢"), .char("👩‍👩‍👧"),
        .escape, .enter, .tab, .backTab, .backspace, .delete, .ctrl("w"), .ctrl("u"), .alt("b"), .function(5),
        .paste("pasted \u{1b}[31mred\u{1b}[0m\ntext"), .resize,
    ].filter { $0 != .char("q") && $0 != .ctrl("c") }

    @Test func oneHundredThousandRandomKeysAndResizesNeverCrash() {
        var random = SeededRandom(seed: 20_261_125)
        var state = Fixtures.loadedState()
        var frames = 0
        var calendarSteps = 0
        var composerSteps = 0
        for step in 0..<100_000 {
            if step % 97 == 0 {
                state.width = Int.random(in: 1...160, using: &random)
                state.height = Int.random(in: 1...60, using: &random)
                _ = App.update(&state, .resized(width: state.width, height: state.height))
            }
            let key = Self.keys.randomElement(using: &random)!
            var effects = App.update(&state, .key(key))
            // Answer reads at once, as a fast database would, so the detail and scope paths run too.
            for _ in 0..<3 {
                var next: [Effect] = []
                for effect in effects {
                    if case .query(let id, let slot, _) = effect {
                        if slot == HealthPane.slot { next += App.update(&state, .health(.loaded(id, Fixtures.accounts))) }
                        if slot == "clients" { next += App.update(&state, .clientsLoaded(id, Fixtures.clients)) }
                        if slot == "composer.choices" { next += App.update(&state, .composer(.choicesLoaded(id, ComposerFixtures.choices))) }
                        if slot == CalendarPane.slot, let day = state.calendar.day {
                            let range = state.calendar.neededRange(for: day)
                            next += App.update(&state, .calendar(.loaded(id, range, CalendarFixtures.page(state.scope, range))))
                        }
                        if slot == "calendar.detail" { next += App.update(&state, .calendar(.detailLoaded(id, nil))) }
                        if let answer = Self.performanceAnswer(slot: slot, id: id, state: state, random: &random) {
                            next += App.update(&state, .performance(answer))
                        }
                    }
                }
                effects = next
            }
            if state.quitRequested { state.quitRequested = false }
            if state.pane == .calendar { calendarSteps += 1 }
            if state.pane == .composer { composerSteps += 1 }
            if step % 10 == 0 {
                let buffer = View.render(state)
                #expect(buffer.width == state.width && buffer.height == state.height)
                frames += 1
            }
        }
        #expect(frames == 10_000)
        // The composer takes typed text, so it keeps keys longer than the others do.
        #expect(calendarSteps > 3_000, "the calendar pane got its share of the keys")
        #expect(composerSteps > 5_000, "the composer got its share of the keys")
    }

    /// What the database would answer to a performance read, from the fixtures.
    static func performanceAnswer(slot: String, id: RequestID, state: AppState, random: inout SeededRandom) -> PerformanceMessage? {
        let rows = PerformanceFixtures.rows.shuffled(using: &random)
        switch slot {
        case PerformancePane.tableSlot:
            let next: PerformanceCursor? = !Bool.random(using: &random) ? nil : state.performance.sort.field == .published
                ? .undated(after: rows.last?.id) : .ranked(key: "3", clientID: nil, micros: nil, id: rows.last!.id)
            return .pageLoaded(id, PerformancePage(rows: rows, next: next), replace: Bool.random(using: &random))
        case "performance.summary": return .summaryLoaded(id, PerformanceFixtures.summary(of: rows))
        case "performance.networks": return .networksLoaded(id, PerformanceFixtures.networks)
        case "performance.heatmap": return .heatmapLoaded(id, PerformanceFixtures.heatmap(state))
        case "performance.detail": return .detailLoaded(id, Bool.random(using: &random) ? PerformanceFixtures.detail : nil)
        case "performance.export": return .exportLoaded(id, path: "/tmp/x.csv", rows)
        default: return nil
        }
    }
}
