import Foundation
import Testing
@testable import PostDeckCore

/// `ZoneRules` reads the system's tz database itself; Foundation's `TimeZone` (ICU, in the
/// test process) is the reference it must agree with.
@Suite struct ZoneRulesTests {
    /// Zones with every kind of rule: both hemispheres, DST abolished (São Paulo), negative
    /// DST (Dublin), half- and quarter-hour offsets, a 30-minute shift (Lord Howe), a day
    /// skipped (Apia), a two-hour DST (Troll), and none at all.
    static let zones = ["Europe/Berlin", "Europe/London", "Europe/Dublin", "America/New_York", "America/Los_Angeles",
                        "America/Sao_Paulo", "America/St_Johns", "America/Santiago", "Australia/Sydney",
                        "Australia/Lord_Howe", "Asia/Kolkata", "Asia/Kathmandu", "Asia/Tokyo", "Pacific/Chatham",
                        "Pacific/Apia", "Antarctica/Troll", "UTC"]

    @Test(arguments: zones) func offsetsAgreeWithFoundationFrom1970To2100(name: String) throws {
        let zone = try DisplayZone(named: name)
        let reference = try #require(TimeZone(identifier: name))
        var disagreements: [String] = []
        // Every 13 hours for 130 years: every day of the week and most hours of the day.
        var instant: Int64 = 0
        while instant < 4_102_444_800 {
            let date = Date(timeIntervalSince1970: TimeInterval(instant))
            let expected = reference.secondsFromGMT(for: date)
            if zone.offset(at: date) != expected, disagreements.count < 5 {
                disagreements.append("\(date): \(zone.offset(at: date)) instead of \(expected)")
            }
            instant += 13 * 3_600
        }
        #expect(disagreements == [])
    }

    @Test(arguments: zones) func everyTransitionHappensAtTheSameSecondAsFoundationSays(name: String) throws {
        let rules = try #require(ZoneRules.named(name))
        let reference = try #require(TimeZone(identifier: name))
        for transition in rules.transitions where transition > 0 && transition < 2_145_916_800 {
            for instant in [transition - 1, transition] {
                let date = Date(timeIntervalSince1970: TimeInterval(instant))
                #expect(rules.offset(at: instant) == reference.secondsFromGMT(for: date), "\(name) at \(date)")
            }
        }
    }

    @Test func afterTheFilesLastTransitionTheFooterRuleDecides() throws {
        let berlin = try #require(ZoneRules.named("Europe/Berlin"))
        #expect(berlin.rule != nil)
        // 2050: summer time from the last Sunday of March (the 27th) at 01:00 UTC to the last
        // Sunday of October (the 30th) at 01:00 UTC.
        let march27 = Int64(2_531_955_600)   // 2050-03-27 01:00:00 UTC
        #expect(berlin.offset(at: march27 - 1) == 3_600)
        #expect(berlin.offset(at: march27) == 7_200)
        let october30 = Int64(2_550_704_400) // 2050-10-30 01:00:00 UTC
        #expect(berlin.offset(at: october30 - 1) == 7_200)
        #expect(berlin.offset(at: october30) == 3_600)
    }

    @Test func posixRulesCoverEveryDayForm() {
        // A southern-hemisphere rule with a half-hour shift, Julian days and zero-based days.
        let lordHowe = PosixZoneRule("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0")
        #expect(lordHowe?.standardOffset == 37_800)
        #expect(lordHowe?.daylight?.offset == 39_600)
        #expect(PosixZoneRule("EST5EDT,M3.2.0,M11.1.0")?.standardOffset == -18_000)
        #expect(PosixZoneRule("<+0545>-5:45")?.daylight == nil)
        // J60 is 1 March whether or not the year is a leap year; 59 (zero-based) is 1 March only in a leap year.
        #expect(PosixZoneRule.days(.julian(60), in: 2028) == LocalDate(year: 2028, month: 3, day: 1)!.daysSince1970)
        #expect(PosixZoneRule.days(.julian(60), in: 2027) == LocalDate(year: 2027, month: 3, day: 1)!.daysSince1970)
        #expect(PosixZoneRule.days(.zeroBased(59), in: 2028) == LocalDate(year: 2028, month: 2, day: 29)!.daysSince1970)
        // The fifth Sunday of a month with four is its last.
        #expect(PosixZoneRule.days(.monthWeek(month: 2, week: 5, weekday: 0), in: 2027)
                == LocalDate(year: 2027, month: 2, day: 28)!.daysSince1970)
        #expect(PosixZoneRule("nonsense") == nil)
        #expect(PosixZoneRule("CET-1CEST,M3.5.0") == nil, "a start without an end")
    }

    @Test func namesAreMatchedWithoutCaseButNeverOutsideTheDatabase() throws {
        #expect(try DisplayZone(named: " europe/berlin ").name == "Europe/Berlin")
        for name in ["../../etc/passwd", "/etc/localtime", "Europe/../Europe/Berlin", "Europe/Berlin\u{0}"] {
            #expect(throws: ZoneError.self) { try DisplayZone(named: name) }
        }
        #expect(ZoneRules.parse(Array("TZif2 but not really".utf8)) == nil)
        #expect(ZoneRules.parse([]) == nil)
    }
}
