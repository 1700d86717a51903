import ArgumentParser
import FoundationEssentials
import PostDeckCore
import PostDeckStore

/// `postdeck post reschedule POST_ID --at TIME`: the calendar's reschedule.
struct PostRescheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reschedule",
        abstract: "Move a draft's planned time or a scheduled post (with its publish job) to a future time.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The post's id, or its first 8 or more hex digits (as the agenda shows it).", valueName: "POST_ID"))
    var post: String

    @OptionGroup var time: TimeOptions

    func validate() throws {
        _ = try postIDPrefix(post)
        if time.at == nil { throw ValidationError("post reschedule needs --at TIME (for example --at \"tomorrow 09:30\")") }
    }

    func run() throws {
        let connection = try database.connect()
        try Migrator.requireCurrent(connection)
        let (record, zone) = try PostWriteCommand.change(try resolvePostID(post, on: connection), on: connection, zone: time.zone) { _, zone in
            switch time.instant(in: zone, now: Date()) {
            case .success(let instant)?: return .move(to: instant)
            case .failure(let error)?: throw error
            case nil: throw ValidationError("post reschedule needs --at")
            }
        }
        guard case .move(let instant) = record.change else { return }
        print("moved post \(record.post) to \(CommandZone.describe(instant, in: zone))" + PostWriteCommand.jobRemark(record))
    }
}
