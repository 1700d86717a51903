import Foundation
import Testing
@testable import PostDeckCore

@Suite struct DisplayZoneTests {
    let newYork = zone("America/New_York")
    let berlin = zone("Europe/Berlin")
    let tokyo = zone("Asia/Tokyo")

    // MARK: New York, 2026: spring forward 8 March 02:00 EST, fall back 1 November 02:00 EDT.

    @Test func newYorkPostAtHalfPastOneOnSpringForwardDayIsOnThatDay() {
        let post = instant("2026-03-08T06:30:00Z") // 01:30 EST
        #expect(newYork.localDate(of: post) == day("2026-03-08"))
        #expect(newYork.format(post, .time) == "01:30")
        #expect(newYork.dayRange(containing: post).contains(post))
        #expect(newYork.resolve(local("2026-03-08 01:30")) == .exact(post))
    }

    @Test func newYorkSpringForwardDayIsTwentyThreeHours() {
        let range = newYork.range(of: day("2026-03-08"))
        #expect(range.start == instant("2026-03-08T05:00:00Z"))
        #expect(range.end == instant("2026-03-09T04:00:00Z"))
        #expect(range.duration == 23 * 3_600)
    }

    @Test func newYorkFallBackDayIsTwentyFiveHours() {
        let range = newYork.range(of: day("2026-11-01"))
        #expect(range.start == instant("2026-11-01T04:00:00Z"))
        #expect(range.end == instant("2026-11-02T05:00:00Z"))
        #expect(range.duration == 25 * 3_600)
    }

    @Test func newYorkBothHalfPastOnesOnFallBackDayLandOnThatDay() {
        for utc in ["2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z"] {
            let post = instant(utc)
            #expect(newYork.localDate(of: post) == day("2026-11-01"))
            #expect(newYork.format(post, .time) == "01:30")
        }
        #expect(newYork.format(instant("2026-11-01T05:30:00Z"), .iso8601) == "2026-11-01T01:30:00-04:00")
        #expect(newYork.format(instant("2026-11-01T06:30:00Z"), .iso8601) == "2026-11-01T01:30:00-05:00")
    }

    @Test func newYorkSkippedTimeIsReportedNotGuessed() throws {
        guard case .nonexistent(let gap) = newYork.resolve(local("2026-03-08 02:30")) else {
            Issue.record("02:30 on 8 March 2026 should not exist in New York")
            return
        }
        #expect(gap.transition == instant("2026-03-08T07:00:00Z"))
        #expect(gap.shiftedForward == instant("2026-03-08T07:30:00Z"))
        #expect(gap.offsetBefore == -18_000 && gap.offsetAfter == -14_400)
        #expect(gap.message
            == "2026-03-08 02:30 does not exist in America/New_York: clocks jump from 02:00 to 03:00; did you mean 03:30?")
        #expect(throws: LocalTimeError.nonexistent(gap)) { try newYork.instant(for: local("2026-03-08 02:30")) }
        // The minutes either side of the gap are ordinary.
        #expect(try newYork.instant(for: local("2026-03-08 01:59")) == instant("2026-03-08T06:59:00Z"))
        #expect(try newYork.instant(for: local("2026-03-08 03:00")) == instant("2026-03-08T07:00:00Z"))
    }

    @Test func newYorkRepeatedTimeOffersBothInstants() {
        guard case .ambiguous(let overlap) = newYork.resolve(local("2026-11-01 01:30")) else {
            Issue.record("01:30 on 1 November 2026 should happen twice in New York")
            return
        }
        #expect(overlap.earlier == instant("2026-11-01T05:30:00Z"))
        #expect(overlap.later == instant("2026-11-01T06:30:00Z"))
        #expect(overlap.transition == instant("2026-11-01T06:00:00Z"))
        #expect(overlap.message.contains("happens twice in America/New_York (clocks go back from 02:00 to 01:00)"))
        #expect(overlap.message.contains("UTC-04:00 (first) or UTC-05:00 (second)"))
        #expect(newYork.resolve(local("2026-11-01 00:59")) == .exact(instant("2026-11-01T04:59:00Z")))
        #expect(newYork.resolve(local("2026-11-01 02:00")) == .exact(instant("2026-11-01T07:00:00Z")))
    }

    // MARK: Berlin, 2026: spring forward 29 March 02:00 CET, fall back 25 October 03:00 CEST.

    @Test func berlinPostAtHalfPastOneOnChangeDaysLandsRight() {
        let spring = instant("2026-03-29T00:30:00Z") // 01:30 CET
        #expect(berlin.localDate(of: spring) == day("2026-03-29"))
        #expect(berlin.format(spring, .dayAndTime) == "Sun 29 Mar 01:30")
        let autumn = instant("2026-10-24T23:30:00Z") // 01:30 CEST
        #expect(berlin.localDate(of: autumn) == day("2026-10-25"))
        #expect(berlin.format(autumn, .dayAndTime) == "Sun 25 Oct 01:30")
    }

    @Test func berlinChangeDaysAreTwentyThreeAndTwentyFiveHours() {
        #expect(berlin.range(of: day("2026-03-29")) == TimeRange(
            start: instant("2026-03-28T23:00:00Z"), end: instant("2026-03-29T22:00:00Z")))
        let autumn = berlin.range(of: day("2026-10-25"))
        #expect(autumn == TimeRange(start: instant("2026-10-24T22:00:00Z"), end: instant("2026-10-25T23:00:00Z")))
        #expect(autumn.duration == 25 * 3_600)
    }

    @Test func berlinWeekOfTheSpringChangeIsOneHourShort() {
        let sunday = instant("2026-03-29T12:00:00Z")
        let week = berlin.weekRange(containing: sunday)
        #expect(week.start == instant("2026-03-22T23:00:00Z")) // Monday 23 March 00:00 CET
        #expect(week.end == instant("2026-03-29T22:00:00Z")) // Monday 30 March 00:00 CEST
        #expect(week.duration == (7 * 24 - 1) * 3_600)
        #expect(berlin.startOfWeek(containing: sunday) == week.start)
        let sundayWeeks = berlin.withFirstWeekday(.sunday).weekRange(containing: sunday)
        #expect(sundayWeeks.start == instant("2026-03-28T23:00:00Z"))
        #expect(sundayWeeks.end == instant("2026-04-04T22:00:00Z"))
    }

    @Test func berlinMonthAcrossTheAutumnChange() {
        let range = berlin.monthRange(containing: instant("2026-10-10T10:00:00Z"))
        #expect(range.start == instant("2026-09-30T22:00:00Z"))
        #expect(range.end == instant("2026-10-31T23:00:00Z"))
        #expect(range.duration == (31 * 24 + 1) * 3_600)
        #expect(berlin.startOfMonth(containing: instant("2026-10-31T23:30:00Z")) == instant("2026-10-31T23:00:00Z"))
    }

    @Test func berlinRepeatedAndSkippedHalfHours() {
        #expect(berlin.resolve(local("2026-03-29 02:30")).isNonexistent)
        guard case .ambiguous(let overlap) = berlin.resolve(local("2026-10-25 02:30")) else {
            Issue.record("02:30 on 25 October 2026 should happen twice in Berlin")
            return
        }
        #expect(overlap.earlier == instant("2026-10-25T00:30:00Z"))
        #expect(overlap.later == instant("2026-10-25T01:30:00Z"))
    }

    // MARK: Tokyo and Lord Howe

    @Test func tokyoHasNoChangesAndIsNineHoursAhead() {
        let post = instant("2026-11-24T15:30:00Z")
        #expect(tokyo.localDate(of: post) == day("2026-11-25"))
        #expect(tokyo.format(post, .iso8601) == "2026-11-25T00:30:00+09:00")
        #expect(tokyo.startOfDay(containing: post) == instant("2026-11-24T15:00:00Z"))
        #expect(tokyo.range(of: day("2026-03-08")).duration == 86_400)
    }

    @Test func lordHoweMovesClocksByHalfAnHour() throws {
        let lordHowe = try #require(try? DisplayZone(named: "Australia/Lord_Howe"))
        // 4 October 2026: 02:00 +10:30 becomes 02:30 +11:00.
        #expect(lordHowe.range(of: day("2026-10-04")).duration == 23.5 * 3_600)
        #expect(lordHowe.resolve(local("2026-10-04 02:15")).isNonexistent)
        #expect(try lordHowe.instant(for: local("2026-10-04 02:30")) == instant("2026-10-03T15:30:00Z"))
        // 5 April 2026: 02:00 +11:00 becomes 01:30 +10:30.
        #expect(lordHowe.range(of: day("2026-04-05")).duration == 24.5 * 3_600)
        guard case .ambiguous(let overlap) = lordHowe.resolve(local("2026-04-05 01:45")) else {
            Issue.record("01:45 on 5 April 2026 should happen twice on Lord Howe")
            return
        }
        #expect(overlap.later.timeIntervalSince(overlap.earlier) == 1_800)
        #expect(lordHowe.offsetText(at: overlap.later) == "UTC+10:30")
    }

    // MARK: Formatting and names

    @Test func formatsInEveryStyle() {
        let post = instant("2026-11-25T13:30:00Z")
        #expect(berlin.format(post, .dayAndTime) == "Wed 25 Nov 14:30")
        #expect(berlin.format(post, .time) == "14:30")
        #expect(berlin.format(post, .day) == "Wed 25 Nov")
        #expect(berlin.format(post, .date) == "2026-11-25")
        #expect(berlin.format(post, .dateTime) == "2026-11-25 14:30")
        #expect(berlin.format(post, .iso8601) == "2026-11-25T14:30:00+01:00")
        #expect(DisplayZone.utc.format(post, .iso8601) == "2026-11-25T13:30:00+00:00")
        #expect(DisplayZone.iso8601UTC(post) == "2026-11-25T13:30:00Z")
        #expect(newYork.offsetText(at: post) == "UTC-05:00")
    }

    @Test func unknownZoneIsAClearError() {
        #expect(throws: ZoneError.unknownZone("Mars/Olympus", suggestion: nil)) {
            try DisplayZone(named: "Mars/Olympus")
        }
        let error = ZoneError.unknownZone("Mars/Olympus", suggestion: nil)
        #expect(error.description
            == "unknown time zone \"Mars/Olympus\" (use an IANA name such as Europe/Berlin, America/New_York or UTC)")
        #expect(throws: ZoneError.unknownZone("", suggestion: nil)) { try DisplayZone(named: "") }
    }

    @Test func nearMissesGetASuggestion() {
        #expect(throws: ZoneError.unknownZone("Europe/Berln", suggestion: "Europe/Berlin")) {
            try DisplayZone(named: "Europe/Berln")
        }
        #expect(throws: ZoneError.unknownZone("new york", suggestion: "America/New_York")) {
            try DisplayZone(named: "new york")
        }
    }

    @Test func caseAndSpacesAreForgiven() throws {
        #expect(try DisplayZone(named: " europe/berlin ").name == "Europe/Berlin")
        #expect(try DisplayZone(named: "UTC").name == "UTC")
    }
}

extension LocalTimeResolution {
    var isNonexistent: Bool {
        if case .nonexistent = self { true } else { false }
    }
}
