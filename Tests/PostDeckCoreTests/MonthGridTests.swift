import Foundation
import Testing
@testable import PostDeckCore

@Suite struct MonthGridTests {
    @Test func novemberTwentyTwentySixNeedsSixRowsOnMondayWeeks() {
        // 1 November 2026 is a Sunday: six leading October days.
        let grid = MonthGrid(month: day("2026-11-25"), firstWeekday: .monday, rows: .fitted)
        #expect(grid.days.count == 42)
        #expect(grid.days.first == day("2026-10-26"))
        #expect(grid.days.last == day("2026-12-06"))
        #expect(grid.weeks.count == 6)
        #expect(grid.weeks.allSatisfy { $0.first?.weekday == .monday })
        #expect(grid.isInMonth(day("2026-11-30")) && !grid.isInMonth(day("2026-10-31")))
        #expect(grid.title == "November 2026")
    }

    @Test func fittedGridShrinksToFourOrFiveRows() {
        // February 2021 starts on a Monday and has 28 days: exactly four weeks.
        #expect(MonthGrid(month: day("2021-02-10"), rows: .fitted).weeks.count == 4)
        // February 2026 starts on a Sunday: five rows with Monday weeks, four with Sunday weeks.
        #expect(MonthGrid(month: day("2026-02-10"), rows: .fitted).weeks.count == 5)
        #expect(MonthGrid(month: day("2026-02-10"), firstWeekday: .sunday, rows: .fitted).weeks.count == 4)
    }

    @Test func sixRowGridPadsWithTrailingDays() {
        let grid = MonthGrid(month: day("2021-02-01"), rows: .six)
        #expect(grid.days.count == 42)
        #expect(grid.days.first == day("2021-02-01"))
        #expect(grid.days.last == day("2021-03-14"))
    }

    @Test func sundayFirstHeadings() {
        let grid = MonthGrid(month: day("2026-11-01"), firstWeekday: .sunday)
        #expect(grid.weekdays.map(\.shortName) == ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"])
        #expect(grid.days.first == day("2026-11-01"))
    }

    @Test func visibleGridRangeInAZone() {
        let berlin = zone("Europe/Berlin")
        let grid = berlin.monthGrid(for: day("2026-11-25"), rows: .fitted)
        let range = berlin.range(of: grid)
        // 26 Oct 2026 00:00 CET (after the 25 Oct change) to 7 Dec 2026 00:00 CET.
        #expect(range.start == instant("2026-10-25T23:00:00Z"))
        #expect(range.end == instant("2026-12-06T23:00:00Z"))
    }
}
