import Foundation
import Testing
@testable import PostDeckCore

@Suite struct ZoneChoiceTests {
    @Test func clientZoneWinsWhenOneClientIsInScope() throws {
        let choice = try ZoneChoice.choose(
            clientZone: "Asia/Tokyo", commandLine: "Europe/Berlin", environmentTZ: "America/New_York", config: "UTC")
        #expect(choice.zone.name == "Asia/Tokyo" && choice.source == .client)
    }

    @Test func eachLevelFallsThroughToTheNext() throws {
        #expect(try ZoneChoice.choose(clientZone: nil, commandLine: "Europe/Berlin", environmentTZ: "Asia/Tokyo", config: "UTC").source == .commandLine)
        #expect(try ZoneChoice.choose(clientZone: "", commandLine: nil, environmentTZ: "Asia/Tokyo", config: "UTC").source == .environment)
        #expect(try ZoneChoice.choose(clientZone: nil, commandLine: nil, environmentTZ: "", config: "Asia/Tokyo").source == .config)
        let fallback = try ZoneChoice.choose(clientZone: nil, commandLine: nil, environmentTZ: nil, config: nil)
        #expect(fallback.source == .fallback && fallback.zone.name == "UTC" && fallback.ignored.isEmpty)
    }

    @Test func badCommandLineZoneIsAnErrorEvenWhenAClientZoneWins() {
        #expect(throws: ZoneError.unknownZone("Europe/Berln", suggestion: "Europe/Berlin")) {
            try ZoneChoice.choose(clientZone: "Asia/Tokyo", commandLine: "Europe/Berln", environmentTZ: nil, config: nil)
        }
    }

    @Test func badClientAndEnvironmentZonesAreSkippedAndReported() throws {
        let choice = try ZoneChoice.choose(
            clientZone: "Mars/Olympus", commandLine: nil, environmentTZ: "CET-1CEST", config: "Europe/Berlin")
        #expect(choice.zone.name == "Europe/Berlin" && choice.source == .config)
        #expect(choice.ignored.map(\.source) == [.client, .environment])
    }

    @Test func environmentTZMayCarryAColonOrAZoneinfoPath() throws {
        #expect(try ZoneChoice.choose(clientZone: nil, commandLine: nil, environmentTZ: ":Asia/Tokyo", config: nil).zone.name == "Asia/Tokyo")
        #expect(try ZoneChoice.choose(clientZone: nil, commandLine: nil, environmentTZ: "/usr/share/zoneinfo/Europe/Berlin", config: nil).zone.name == "Europe/Berlin")
    }

    @Test func firstWeekdayIsCarriedIntoTheChosenZone() throws {
        let choice = try ZoneChoice.choose(clientZone: nil, commandLine: nil, environmentTZ: nil, config: nil, firstWeekday: .sunday)
        #expect(choice.zone.firstWeekday == .sunday)
    }
}
