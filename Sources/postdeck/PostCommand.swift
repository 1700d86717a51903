import FoundationEssentials
import PostDeckCore
import ArgumentParser

/// `postdeck post …`: changes to one post, with the same rules and the same one-statement
/// writes as the UI. Each subcommand lives in its own file (`PostRescheduleCommand.swift`, …).
struct PostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "post",
        abstract: "Write posts without the UI: save a draft, schedule, reschedule or cancel.",
        discussion: "A refused change (a published post, a time in the past, a post someone else changed) exits with status 1 and the reason.",
        subcommands: [PostDraftCommand.self, PostScheduleCommand.self, PostRescheduleCommand.self, PostCancelCommand.self])
}

/// The zone a command reads and prints times in: `--tz` when given (typed on this very
/// command line, it wins), else the rule of the UI: the client's zone, `TZ`, UTC.
enum CommandZone {
    static func choose(tz: String?, clientZone: String?) throws -> ZoneChoice {
        do {
            if let tz { return try ZoneChoice.choose(clientZone: nil, commandLine: tz, environmentTZ: nil, config: nil) }
            return try ZoneChoice.choose(clientZone: clientZone, commandLine: nil,
                                         environmentTZ: ProcessInfo.processInfo.environment["TZ"], config: nil)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// "moved to Thu 26 Nov 14:30 UTC+01:00 (2026-11-26 13:30 UTC)".
    static func describe(_ instant: Date, in zone: DisplayZone) -> String {
        "\(zone.format(instant, .dayAndTime)) \(zone.offsetText(at: instant)) (\(DisplayZone.utc.format(instant, .dateTime)) UTC)"
    }
}

/// Reads a post id argument.
func parsePostID(_ text: String) throws -> PostID {
    guard let id = PostID(text.trimmingSpaces()) else {
        throw ValidationError("\"\(text)\" is not a post id (expected a uuid such as 8f14e45f-ceea-467f-a0e6-4f1b5e3c2a10)")
    }
    return id
}
