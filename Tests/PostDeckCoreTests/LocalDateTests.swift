import Foundation
import Testing
@testable import PostDeckCore

@Suite struct LocalDateTests {
    @Test func daysSince1970RoundTripsAndMatchesFoundation() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        // Foundation switches to the Julian calendar before 1582, so compare from 1700 on.
        for days in stride(from: -99_000, through: 800_000, by: 997) {
            let date = LocalDate(daysSince1970: days)
            #expect(date.daysSince1970 == days)
            let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(days) * 86_400))
            #expect([date.year, date.month, date.day] == [parts.year, parts.month, parts.day])
        }
    }

    @Test func weekdaysMatchTheWallCalendar() {
        #expect(day("1970-01-01").weekday == .thursday)
        #expect(day("2026-11-25").weekday == .wednesday)
        #expect(day("2026-11-01").weekday == .sunday)
        #expect(day("2021-02-01").weekday == .monday)
        #expect(day("1969-12-31").weekday == .wednesday)
    }

    @Test func rejectsImpossibleDates() {
        #expect(LocalDate(year: 2026, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2024, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 1900, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2000, month: 2, day: 29) != nil)
        #expect(LocalDate(parsing: "2026-13-01") == nil)
        #expect(LocalDate(parsing: "2026-1-01") == nil)
        #expect(LocalDate(parsing: "26-11-01") == nil)
    }

    @Test func addingMonthsClampsToTheEndOfShortMonths() {
        #expect(day("2026-01-31").adding(months: 1) == day("2026-02-28"))
        #expect(day("2024-01-31").adding(months: 1) == day("2024-02-29"))
        #expect(day("2026-12-15").adding(months: 1) == day("2027-01-15"))
        #expect(day("2026-01-15").adding(months: -1) == day("2025-12-15"))
        #expect(day("2026-03-31").adding(months: -13) == day("2025-02-28"))
    }

    @Test func weekStartsOnTheChosenWeekday() {
        #expect(day("2026-11-25").startOfWeek(startingOn: .monday) == day("2026-11-23"))
        #expect(day("2026-11-23").startOfWeek(startingOn: .monday) == day("2026-11-23"))
        #expect(day("2026-11-29").startOfWeek(startingOn: .monday) == day("2026-11-23"))
        #expect(day("2026-11-25").startOfWeek(startingOn: .sunday) == day("2026-11-22"))
        #expect(day("2026-11-28").startOfWeek(startingOn: .saturday) == day("2026-11-28"))
    }

    @Test func parsesTypedDateAndTime() throws {
        let value = try LocalDateTime(parsing: " 2026-11-25 14:30 ")
        #expect(value.date == day("2026-11-25") && value.hour == 14 && value.minute == 30)
        #expect(try LocalDateTime(parsing: "2026-11-25T09:05").description == "2026-11-25 09:05")
        for bad in ["2026-11-25", "2026-11-25 24:00", "2026-11-25 9:05", "2026-02-30 10:00", "tomorrow", ""] {
            #expect(throws: LocalDateTimeError.malformed(bad)) { try LocalDateTime(parsing: bad) }
        }
    }
}
