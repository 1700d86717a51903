import FoundationEssentials
import PostDeckCore
import ArgumentParser

/// `postdeck post …`: changes to one post, with the same rules and the same one-statement
/// writes as the UI. Each subcommand lives in its own file (`PostRescheduleCommand.swift`, …).
struct PostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "post",
        abstract: "Write posts without the UI: save a draft, schedule, reschedule, unschedule, cancel or retry a failed one.",
        discussion: "Every change is checked by the same scheduling model and written by the same write path as the UI. A refused change (a published post, a time in the past, a post someone else changed) exits with status 1 and the reason.",
        subcommands: [PostDraftCommand.self, PostScheduleCommand.self, PostRescheduleCommand.self, PostUnscheduleCommand.self,
                      PostCancelCommand.self, PostRetryCommand.self])
}

/// The zone a command reads and prints a post's times in: `ZoneChoice.forPost` (`--tz`
/// typed on this very command line wins, then the client's zone, `TZ`, UTC).
enum CommandZone {
    static func choose(tz: String?, clientZone: String?) throws -> ZoneChoice {
        do {
            return try ZoneChoice.forPost(explicit: tz, clientZone: clientZone, userZone: nil,
                                          environmentTZ: ProcessInfo.processInfo.environment["TZ"])
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// "moved to Thu 26 Nov 14:30 UTC+01:00 (2026-11-26 13:30 UTC)".
    static func describe(_ instant: Date, in zone: DisplayZone) -> String {
        "\(zone.format(instant, .dayAndTime)) \(zone.offsetText(at: instant)) (\(DisplayZone.utc.format(instant, .dateTime)) UTC)"
    }
}

