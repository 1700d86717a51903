import Foundation
import Testing
@testable import PostDeckCore

/// Times typed as people say them, each read at a fixed now in a named zone.
@Suite struct TimeExpressionTests {
    let utc = DisplayZone.utc
    let newYork = zone("America/New_York")
    let berlin = zone("Europe/Berlin")
    let lordHowe = zone("Australia/Lord_Howe")
    let losAngeles = zone("America/Los_Angeles")

    /// Wednesday 2026-12-09 12:00 UTC.
    let wednesdayNoon = instant("2026-12-09T12:00:00Z")

    func parse(_ text: String, at now: Date, in zone: DisplayZone) throws -> TimeExpression {
        try TimeExpression.parse(text, now: now, zone: zone)
    }

    /// The wall-clock reading `text` names, as `YYYY-MM-DD HH:MM`.
    func reading(_ text: String, at now: Date, in zone: DisplayZone = .utc) throws -> String {
        let expression = try parse(text, at: now, in: zone)
        guard case .wallClock(let local) = expression else { Issue.record("\(text) is not a wall-clock reading"); return "" }
        return local.description
    }

    func error(_ text: String, at now: Date? = nil, in zone: DisplayZone = .utc) -> TimeExpressionError? {
        do {
            _ = try TimeExpression.parse(text, now: now ?? wednesdayNoon, zone: zone)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Days and times as said

    @Test func tomorrowAndTodayAreTheZonesDays() throws {
        #expect(try reading("tomorrow 09:30", at: wednesdayNoon) == "2026-12-10 09:30")
        #expect(try reading("Tomorrow 9:30", at: wednesdayNoon) == "2026-12-10 09:30")
        #expect(try reading("tomorrow at 9:30", at: wednesdayNoon) == "2026-12-10 09:30")
        #expect(try reading("9:30 tomorrow", at: wednesdayNoon) == "2026-12-10 09:30")
        #expect(try reading("today 5pm", at: wednesdayNoon) == "2026-12-09 17:00")
        // 12:00 UTC is already Thursday 01:00 in Auckland.
        #expect(try reading("tomorrow 09:30", at: wednesdayNoon, in: zone("Pacific/Auckland")) == "2026-12-11 09:30")
    }

    @Test func todayIsTakenAsSaidEvenWhenThatTimeHasPassed() throws {
        let expression = try parse("today 9am", at: wednesdayNoon, in: utc)
        #expect(expression == .wallClock(local("2026-12-09 09:00")))
        #expect(expression.resolve(in: utc) == .exact(instant("2026-12-09T09:00:00Z")), "the caller refuses the past")
    }

    @Test func aTimeAloneIsTheNextOneAfterNow() throws {
        #expect(try reading("14:00", at: wednesdayNoon) == "2026-12-09 14:00")
        #expect(try reading("11:00", at: wednesdayNoon) == "2026-12-10 11:00")
        #expect(try reading("12:00", at: wednesdayNoon) == "2026-12-10 12:00", "exactly now is not after now")
        #expect(try reading("noon", at: wednesdayNoon.addingTimeInterval(-60)) == "2026-12-09 12:00")
        #expect(try reading("midnight", at: wednesdayNoon) == "2026-12-10 00:00")
    }

    @Test func amAndPmAreTwelveHourClockTimes() throws {
        let cases = ["10am": "10:00", "10 am": "10:00", "10:30pm": "22:30", "10:30 PM": "22:30", "10 a.m.": "10:00",
                     "12am": "00:00", "12pm": "12:00", "12:15am": "00:15", "1pm": "13:00", "9:05": "09:05", "23:59": "23:59"]
        for (typed, clock) in cases {
            #expect(try reading("tomorrow \(typed)", at: wednesdayNoon) == "2026-12-10 \(clock)", "\(typed)")
        }
    }

    @Test func aWeekdayIsTheNextSuchDayStillAhead() throws {
        #expect(try reading("fri 10am", at: wednesdayNoon) == "2026-12-11 10:00")
        #expect(try reading("Friday, 10am", at: wednesdayNoon) == "2026-12-11 10:00")
        #expect(try reading("mon 9:00", at: wednesdayNoon) == "2026-12-14 09:00")
        #expect(try reading("wed 13:00", at: wednesdayNoon) == "2026-12-09 13:00", "today, still ahead")
        #expect(try reading("wed 11:00", at: wednesdayNoon) == "2026-12-16 11:00", "today's has passed: next week")
        #expect(try reading("thurs 8:00", at: wednesdayNoon) == "2026-12-10 08:00")
    }

    @Test func nextWeekdayIsTheFirstSuchDayAfterToday() throws {
        #expect(try reading("next monday 9:00", at: wednesdayNoon) == "2026-12-14 09:00")
        #expect(try reading("next wed 13:00", at: wednesdayNoon) == "2026-12-16 13:00", "never today")
        #expect(try reading("next thu 9:00", at: wednesdayNoon) == "2026-12-10 09:00")
    }

    @Test func aMonthAndDayIsItsNextOccurrence() throws {
        #expect(try reading("12-15 10:00", at: wednesdayNoon) == "2026-12-15 10:00")
        #expect(try reading("12-09 13:00", at: wednesdayNoon) == "2026-12-09 13:00", "today, still ahead")
        #expect(try reading("12-09 11:00", at: wednesdayNoon) == "2027-12-09 11:00")
        #expect(try reading("3-1 10:00", at: wednesdayNoon) == "2027-03-01 10:00")
        #expect(try reading("dec 15 10:00", at: wednesdayNoon) == "2026-12-15 10:00")
        #expect(try reading("15 Dec 10am", at: wednesdayNoon) == "2026-12-15 10:00")
        #expect(try reading("december 1st 9:30", at: wednesdayNoon) == "2027-12-01 09:30")
        #expect(try reading("15 dec 2027 10:00", at: wednesdayNoon) == "2027-12-15 10:00")
        #expect(try reading("jan 2 2027 10:00", at: wednesdayNoon) == "2027-01-02 10:00")
    }

    @Test func fullDatesInEveryWrittenForm() throws {
        for typed in ["2026-12-15 10:00", "2026-12-15T10:00", "2026-12-15t10:00", "10:00 2026-12-15", "2026-12-15 10am", "2026-12-15 at 10:00"] {
            #expect(try reading(typed, at: wednesdayNoon) == "2026-12-15 10:00", "\(typed)")
        }
        #expect(try reading("2026-12-15T10:00:30", at: wednesdayNoon) == "2026-12-15 10:00:30")
        #expect(try reading("2027-1-5 8:15", at: wednesdayNoon) == "2027-01-05 08:15")
        #expect(try reading("2020-01-01 10:00", at: wednesdayNoon) == "2020-01-01 10:00", "the past is the caller's to refuse")
    }

    @Test func aFullDateWithItsUTCOffsetIsAnInstant() throws {
        let expected = TimeExpression.instant(instant("2026-12-15T09:00:00Z"))
        for typed in ["2026-12-15T10:00:00+01:00", "2026-12-15T09:00Z", "2026-12-15 09:00 UTC", "2026-12-15 10:00 +01:00",
                      "2026-12-15T09:00:00.000Z", "2026-12-15T04:00-0500"] {
            #expect(try parse(typed, at: wednesdayNoon, in: newYork) == expected, "\(typed)")
        }
    }

    // MARK: Offsets are elapsed time

    @Test func offsetsCountElapsedTimeFromNowToTheMinute() throws {
        let now = instant("2026-12-09T12:00:30Z")
        #expect(try parse("+2h", at: now, in: utc) == .instant(instant("2026-12-09T14:00:00Z")))
        #expect(try parse("+90m", at: now, in: utc) == .instant(instant("2026-12-09T13:30:00Z")))
        #expect(try parse("+1d", at: now, in: utc) == .instant(instant("2026-12-10T12:00:00Z")))
        #expect(try parse("+1w", at: now, in: utc) == .instant(instant("2026-12-16T12:00:00Z")))
        #expect(try parse("+1h30m", at: now, in: utc) == .instant(instant("2026-12-09T13:30:00Z")))
        #expect(try parse("+ 2 hours", at: now, in: utc) == .instant(instant("2026-12-09T14:00:00Z")))
        #expect(try parse("in 90 minutes", at: now, in: utc) == .instant(instant("2026-12-09T13:30:00Z")))
        #expect(try parse("in 1 day", at: now, in: utc) == .instant(instant("2026-12-10T12:00:00Z")))
    }

    @Test func anOffsetAcrossAClockChangeIsElapsedNotWallClockTime() throws {
        // New York springs forward on 2026-03-08 at 02:00: 01:30 EST plus two hours is 04:30 EDT.
        let before = instant("2026-03-08T06:30:00Z")
        let later = try parse("+2h", at: before, in: newYork)
        #expect(later == .instant(instant("2026-03-08T08:30:00Z")))
        if case .instant(let moment) = later { #expect(newYork.format(moment, .time) == "04:30") }
        // It falls back on 2026-11-01: noon EDT on Saturday plus a day is 11:00 EST on Sunday.
        let saturday = instant("2026-10-31T16:00:00Z")
        let dayLater = try parse("+1d", at: saturday, in: newYork)
        if case .instant(let moment) = dayLater { #expect(newYork.format(moment, .dateTime) == "2026-11-01 11:00") }
    }

    // MARK: The one clock-change policy

    @Test func newYorkSpringForwardGapIsRefusedWithTheNextValidTime() throws {
        let saturday = instant("2026-03-07T17:00:00Z")
        let expression = try parse("tomorrow 02:30", at: saturday, in: newYork)
        guard case .nonexistent(let gap) = expression.resolve(in: newYork) else { Issue.record("not a gap"); return }
        #expect(gap.message.contains("did you mean 03:30?"))
        // At 01:00 EST on the day, 02:30 is still "ahead": it is refused, not moved to tomorrow.
        let early = instant("2026-03-08T06:00:00Z")
        #expect(try reading("02:30", at: early, in: newYork) == "2026-03-08 02:30")
        #expect(try reading("2:30am", at: instant("2026-03-08T07:30:00Z"), in: newYork) == "2026-03-09 02:30", "03:30 EDT: past")
    }

    @Test func newYorkFallBackOverlapMustBeChosen() throws {
        let saturday = instant("2026-10-31T16:00:00Z")
        guard case .ambiguous(let overlap) = try parse("tomorrow 01:30", at: saturday, in: newYork).resolve(in: newYork) else {
            Issue.record("not ambiguous"); return
        }
        #expect(overlap.earlier == instant("2026-11-01T05:30:00Z"))
        #expect(overlap.later == instant("2026-11-01T06:30:00Z"))
        // During the first 01:45 (EDT) the second 01:30 (EST) is still ahead: today's, to be chosen.
        #expect(try reading("01:30", at: instant("2026-11-01T05:45:00Z"), in: newYork) == "2026-11-01 01:30")
        // During the second 01:45 (EST) both have passed.
        #expect(try reading("01:30", at: instant("2026-11-01T06:45:00Z"), in: newYork) == "2026-11-02 01:30")
    }

    @Test func berlinClockChangesFollowTheSamePolicy() throws {
        let march = instant("2026-03-20T12:00:00Z")
        guard case .nonexistent(let gap) = try parse("03-29 02:30", at: march, in: berlin).resolve(in: berlin) else {
            Issue.record("not a gap"); return
        }
        #expect(gap.message.contains("did you mean 03:30?"))
        let october = instant("2026-10-01T12:00:00Z")
        guard case .ambiguous(let overlap) = try parse("sun 02:30", at: instant("2026-10-20T12:00:00Z"), in: berlin).resolve(in: berlin) else {
            Issue.record("not ambiguous"); return
        }
        #expect(overlap.later.timeIntervalSince(overlap.earlier) == 3_600)
        #expect(try reading("10-25 02:30", at: october, in: berlin) == "2026-10-25 02:30")
    }

    @Test func lordHowesHalfHourShiftIsAGapAndAnOverlapOfThirtyMinutes() throws {
        // 2026-10-04 02:00 LHST jumps to 02:30 LHDT.
        let october = instant("2026-10-03T12:00:00Z")
        guard case .nonexistent(let gap) = try parse("sun 02:15", at: october, in: lordHowe).resolve(in: lordHowe) else {
            Issue.record("not a gap"); return
        }
        #expect(gap.message.contains("did you mean 02:45?"))
        #expect(gap.offsetAfter - gap.offsetBefore == 1_800)
        // 2026-04-05 02:00 LHDT goes back to 01:30 LHST.
        let april = instant("2026-04-04T00:00:00Z")
        guard case .ambiguous(let overlap) = try parse("tomorrow 1:45am", at: april, in: lordHowe).resolve(in: lordHowe) else {
            Issue.record("not ambiguous"); return
        }
        #expect(overlap.earlier == instant("2026-04-04T14:45:00Z"))
        #expect(overlap.later == instant("2026-04-04T15:15:00Z"))
        #expect(try parse("tomorrow 2:30am", at: april, in: lordHowe).resolve(in: lordHowe) == .exact(instant("2026-04-04T16:00:00Z")))
    }

    // MARK: Month and year ends, leap days

    @Test func theLastHalfHourOfTheYearRollsIntoTheNext() throws {
        let newYearsEve = instant("2026-12-31T23:30:00Z")  // a Thursday
        #expect(try reading("14:00", at: newYearsEve) == "2027-01-01 14:00")
        #expect(try reading("tomorrow 10:00", at: newYearsEve) == "2027-01-01 10:00")
        #expect(try reading("fri 10am", at: newYearsEve) == "2027-01-01 10:00")
        #expect(try reading("01-01 00:00", at: newYearsEve) == "2027-01-01 00:00")
        #expect(try reading("12-31 10:00", at: newYearsEve) == "2027-12-31 10:00")
        #expect(try reading("12-31 23:45", at: newYearsEve) == "2026-12-31 23:45")
        #expect(try reading("tomorrow 9:00", at: instant("2026-01-31T12:00:00Z")) == "2026-02-01 09:00")
        #expect(try reading("tomorrow 9:00", at: instant("2028-02-28T12:00:00Z")) == "2028-02-29 09:00")
    }

    @Test func theTwentyNinthOfFebruaryWaitsForALeapYear() throws {
        #expect(try reading("02-29 10:00", at: wednesdayNoon) == "2028-02-29 10:00")
        #expect(try reading("feb 29 10:00", at: wednesdayNoon) == "2028-02-29 10:00")
        #expect(try reading("02-29 10:00", at: instant("2028-02-29T09:00:00Z")) == "2028-02-29 10:00")
        #expect(try reading("02-29 10:00", at: instant("2028-02-29T11:00:00Z")) == "2032-02-29 10:00")
        #expect(try reading("2028-02-29 10:00", at: wednesdayNoon) == "2028-02-29 10:00")
        #expect(error("2027-02-29 10:00") == .noSuchDate("2027-02-29"))
        #expect(error("feb 29 2027 10:00") == .noSuchDate("feb 29 2027"))
    }

    // MARK: Refused, never guessed

    @Test func spreadsheetDatesAreRefusedNotGuessed() {
        for typed in ["12/15/2026 10:00", "15/12/2026", "12/15", "15.12.26", "15.12.2026 10:00", "10.30"] {
            let word = String(typed.split(separator: " ")[0])
            #expect(error(typed) == .spreadsheetDate(word), "\(typed)")
        }
        #expect(error("45640") == .spreadsheetSerial("45640"))
        #expect(error("45640.5") == .spreadsheetSerial("45640.5"))
        #expect(error("15-12-2026 10:00") == .spreadsheetDate("15-12-2026"))
        #expect(error("26-12-15 10:00") == .twoDigitYear("26-12-15"))
    }

    @Test func aBareHourIsRefusedBecauseItCouldBeMorningOrEvening() {
        #expect(error("9") == .bareNumber("9"))
        #expect(error("tomorrow 9") == .bareNumber("9"))
        #expect(error("0930") == .bareNumber("0930"))
    }

    @Test func impossibleDatesAndTimesAreRefused() {
        #expect(error("2026-02-30 10:00") == .noSuchDate("2026-02-30"))
        #expect(error("13-01 10:00") == .noSuchDate("13-01"))
        #expect(error("02-30 10:00") == .noSuchDate("02-30"))
        #expect(error("dec 32 10:00") == .noSuchDate("dec 32"))
        #expect(error("dec 10:00") == .noSuchDate("dec"))
        for time in ["25:00", "24:00", "10:60", "13pm", "0am", "9:5", "10:00:61", "1:2:3:4"] {
            #expect(error("tomorrow \(time)") == .noSuchTime(time), "\(time)")
        }
    }

    @Test func aDayNeedsATimeAndOnlyOneOfEach() {
        #expect(error("tomorrow") == .missingTime("tomorrow"))
        #expect(error("next fri") == .missingTime("next fri"))
        #expect(error("2026-12-15") == .missingTime("2026-12-15"))
        #expect(error("tomorrow fri 10:00") == .twoDays("tomorrow", "fri"))
        #expect(error("10am 14:00") == .twoTimes("10am", "14:00"))
        #expect(error("fri 10:00z") == .offsetNeedsDate("10:00z"))
        #expect(error("") == .empty)
        #expect(error("   ") == .empty)
    }

    @Test func badOffsetsAreRefused() {
        #expect(error("+2") == .malformedOffset("+2"))
        #expect(error("+2x") == .malformedOffset("+2x"))
        #expect(error("+1.5h") == .malformedOffset("+1.5h"))
        #expect(error("+") == .malformedOffset("+"))
        #expect(error("-2h") == .negativeOffset("-2h"))
        #expect(error("+0m") == .zeroOffset("+0m"))
        #expect(error("+30s") == .malformedOffset("+30s"))
        #expect(error("+99999d") == .offsetTooLarge("+99999d"))
        #expect(error("+99999999999999999999h") == .offsetTooLarge("+99999999999999999999h"))
    }

    @Test func anUnknownWordIsNamedWithALikelyMeaning() {
        #expect(error("tmorrow 10:00") == .unrecognized("tmorrow", suggestion: "tomorrow"))
        #expect(error("fryday 10am") == .unrecognized("fryday", suggestion: "friday"))
        #expect(error("soon") == .unrecognized("soon", suggestion: "noon"))
        #expect(error("next week 10:00") == .unrecognized("next week", suggestion: nil))
        #expect(error("whenever") == .unrecognized("whenever", suggestion: nil))
        #expect(error("at") == .unrecognized("at", suggestion: nil))
    }

    @Test func everyErrorIsOneLineThatShowsWhatIsAccepted() {
        let errors: [TimeExpressionError] = [
            .empty, .unrecognized("x", suggestion: "next"), .spreadsheetDate("1/2"), .spreadsheetSerial("45640"), .bareNumber("9"),
            .twoDigitYear("26-1-1"), .noSuchDate("13-01"), .noSuchTime("25:00"), .missingTime("fri"), .malformedOffset("+2"),
            .negativeOffset("-2h"), .zeroOffset("+0m"), .offsetTooLarge("+99999d"), .twoDays("a", "b"), .twoTimes("a", "b"),
            .offsetNeedsDate("10z"),
        ]
        for error in errors {
            let text = error.description
            #expect(!text.contains("\n"), "\(text)")
            #expect(text.contains("for example") || text.contains("YYYY-MM-DD") || text.contains("09:30") || text.contains("+2h")
                    || text.contains("9am") || text.contains("+90m") || text.contains("12pm"), "shows what is accepted: \(text)")
        }
        #expect(TimeExpressionError.missingTime("fri").description == "\"fri\" needs a time of day too, for example fri 09:30 or fri 5pm")
    }

    // MARK: Prompts

    @Test func thePreviewReadsTheTimeBackInTheZoneAndInUTC() {
        let preview = losAngeles.preview(instant("2026-12-14T18:45:00Z"))
        #expect(preview.description == "= Mon 14 Dec 10:45 UTC-08:00 = 2026-12-14 18:45 UTC")
        #expect(preview.local == "Mon 14 Dec 10:45 UTC-08:00")
        #expect(lordHowe.preview(instant("2026-07-01T00:00:00Z")).local == "Wed 1 Jul 10:30 UTC+10:30")
    }

    @Test func examplesAreInTheFutureWhereverAndWheneverTheyAreShown() throws {
        let nows = ["2026-12-09T12:00:00Z", "2026-12-31T23:59:00Z", "2026-03-08T06:59:00Z", "2026-11-01T05:59:00Z",
                    "2026-10-03T15:40:00Z", "2028-02-28T23:30:00Z", "2026-01-31T10:00:00Z", "2026-06-30T23:59:59Z"].map(instant)
        for zone in [utc, newYork, berlin, lordHowe, losAngeles, zone("Pacific/Kiritimati"), zone("Pacific/Pago_Pago")] {
            for now in nows {
                let examples = TimeExpression.examples(now: now, zone: zone)
                #expect(examples.count == 5)
                for example in examples {
                    guard case .exact(let moment) = try parse(example, at: now, in: zone).resolve(in: zone) else {
                        Issue.record("\(example) is not one instant in \(zone.name) at \(now)"); continue
                    }
                    #expect(moment > now, "\(example) in \(zone.name) at \(now)")
                }
            }
        }
        #expect(TimeExpression.examples(now: wednesdayNoon, zone: utc) == ["tomorrow 09:30", "fri 10am", "+2h", "01-15 10:00", "2027-01-15 10:00"])
    }
}
