import Foundation
import Testing
@testable import PostDeckCore

@Suite struct HeatmapBinsTests {
    @Test func binsByLocalWeekdayAndHourAcrossTheSpringChange() {
        let newYork = zone("America/New_York")
        // Sunday 8 March 2026: 01:30 EST, then 03:30 EDT (02:xx does not exist).
        let bins = HeatmapBins([(instant("2026-03-08T06:30:00Z"), 10), (instant("2026-03-08T07:30:00Z"), 20)],
                               zone: newYork, minimumCount: 1)
        #expect(bins[.sunday, 1].count == 1 && bins[.sunday, 1].median == 10)
        #expect(bins[.sunday, 2].count == 0 && bins[.sunday, 2].state == .empty)
        #expect(bins[.sunday, 3].count == 1 && bins[.sunday, 3].median == 20)
    }

    @Test func bothHalfPastOnesOfTheFallBackLandInTheSameSlot() {
        let newYork = zone("America/New_York")
        let bins = HeatmapBins([(instant("2026-11-01T05:30:00Z"), 4), (instant("2026-11-01T06:30:00Z"), 8)],
                               zone: newYork, minimumCount: 2)
        #expect(bins[.sunday, 1].count == 2)
        #expect(bins[.sunday, 1].median == 6)
        #expect(bins.totalCount == 2)
    }

    @Test func theSameInstantFallsInDifferentSlotsInDifferentZones() {
        let post = [(instant: instant("2026-11-24T23:30:00Z"), value: 1.0)] // Tuesday in UTC
        #expect(HeatmapBins(post, zone: zone("Europe/Berlin"), minimumCount: 1)[.wednesday, 0].count == 1)
        #expect(HeatmapBins(post, zone: zone("Asia/Tokyo"), minimumCount: 1)[.wednesday, 8].count == 1)
        #expect(HeatmapBins(post, zone: zone("America/New_York"), minimumCount: 1)[.tuesday, 18].count == 1)
    }

    @Test func cellsBelowTheMinimumAreTooFewNotZero() {
        let tuesdayNine = instant("2026-11-24T09:00:00Z")
        let samples = [(tuesdayNine, 100.0), (tuesdayNine.addingTimeInterval(7 * 86_400), 300.0)]
        let bins = HeatmapBins(samples, zone: DisplayZone.utc, minimumCount: 3)
        #expect(bins[.tuesday, 9].count == 2)
        #expect(bins[.tuesday, 9].state == .tooFew)
        #expect(bins[.tuesday, 9].median == nil)
        #expect(bins.highestMedian == nil)
        let enough = HeatmapBins(samples + [(tuesdayNine.addingTimeInterval(14 * 86_400), 0)], zone: .utc, minimumCount: 3)
        #expect(enough[.tuesday, 9].state == .value(100))
        #expect(enough.highestMedian == 100)
    }

    @Test func rowsFollowTheZonesFirstWeekday() {
        let bins = HeatmapBins([], zone: zone("Europe/Berlin").withFirstWeekday(.sunday))
        #expect(bins.rows.count == 7 && bins.rows.allSatisfy { $0.count == 24 })
        #expect(bins.rows.map { $0[0].weekday } == Weekday.week(startingOn: .sunday))
        #expect(bins.rows[0].map(\.hour) == Array(0..<24))
    }
}
