import Foundation
import Testing
@testable import PostDeckCore

@Suite struct RelativeTimeTests {
    /// 2026-11-25 12:00:00 UTC.
    let clock = FixedClock(Date(timeIntervalSince1970: 1_795_608_000))
    var now: Date { clock.now() }

    func at(_ seconds: Int) -> Date { now.addingTimeInterval(TimeInterval(seconds)) }
    func expiry(_ seconds: Int) -> String { RelativeTime.expiry(at(seconds), now: now) }

    @Test func missingExpiryReadsNoExpiry() {
        #expect(RelativeTime.expiry(nil, now: now) == "no expiry")
        #expect(RelativeTime.compactExpiry(nil, now: now) == "none")
    }

    @Test func expiryExactlyNowIsExpiredJustNow() {
        #expect(expiry(0) == "expired just now")
        #expect(RelativeTime(at(0), clock: clock).compact == "now")
    }

    @Test func underAMinuteEitherSide() {
        #expect(expiry(-59) == "expired just now")
        #expect(expiry(1) == "expires in under a minute")
        #expect(expiry(59) == "expires in under a minute")
        #expect(RelativeTime(at(59), relativeTo: now).compact == "<1m")
    }

    @Test func minutesAreTruncatedNotRounded() {
        #expect(expiry(60) == "expires in 1 minute")
        #expect(expiry(119) == "expires in 1 minute")
        #expect(expiry(12 * 60) == "expires in 12 minutes")
        #expect(expiry(-60) == "expired 1 minute ago")
        #expect(expiry(-(59 * 60 + 59)) == "expired 59 minutes ago")
    }

    @Test func hoursRunFromOneHourUpToTwoDays() {
        #expect(expiry(3_600) == "expires in 1 hour")
        #expect(expiry(3_599) == "expires in 59 minutes")
        #expect(expiry(5 * 3_600 + 59 * 60) == "expires in 5 hours")
        #expect(expiry(48 * 3_600 - 1) == "expires in 47 hours")
        #expect(expiry(-(25 * 3_600)) == "expired 25 hours ago")
    }

    @Test func daysStartAtFortyEightHours() {
        #expect(expiry(48 * 3_600) == "expires in 2 days")
        #expect(expiry(3 * 86_400 - 1) == "expires in 2 days")
        #expect(expiry(-(3 * 86_400)) == "expired 3 days ago")
        #expect(expiry(-(400 * 86_400)) == "expired 400 days ago")
    }

    @Test func compactFormForNarrowColumns() {
        #expect(RelativeTime.compactExpiry(at(-3 * 86_400), now: now) == "-3d")
        #expect(RelativeTime.compactExpiry(at(2 * 86_400), now: now) == "2d")
        #expect(RelativeTime.compactExpiry(at(5 * 3_600), now: now) == "5h")
        #expect(RelativeTime.compactExpiry(at(-12 * 60), now: now) == "-12m")
    }

    @Test func subSecondPastIsStillPast() {
        let relative = RelativeTime(now.addingTimeInterval(-0.2), relativeTo: now)
        #expect(relative.isPast)
        #expect(relative.words == "just now")
        let ahead = RelativeTime(now.addingTimeInterval(0.2), relativeTo: now)
        #expect(ahead.seconds == 0)
    }

    @Test func anEventStampedSlightlyAheadOfNowStillReadsAsPast() {
        #expect(RelativeTime(at(20), relativeTo: now).words == "in under a minute", "a time still to come")
        #expect(RelativeTime(past: at(20), relativeTo: now).words == "just now")
        #expect(RelativeTime(past: at(5 * 60), relativeTo: now).words == "just now")
        #expect(RelativeTime(past: at(-3 * 3_600), relativeTo: now).words == "3 hours ago")
    }

    @Test func genericWordsForLastPublish() {
        #expect(RelativeTime(at(-2 * 3_600), relativeTo: now).words == "2 hours ago")
        #expect(RelativeTime(at(86_400 * 9), relativeTo: now).words == "in 9 days")
    }
}
