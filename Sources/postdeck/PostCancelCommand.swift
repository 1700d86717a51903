import ArgumentParser
import FoundationEssentials
import PostDeckCore
import PostDeckStore

/// `postdeck post cancel POST_ID`: the calendar's cancel, without the question.
struct PostCancelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel a draft or scheduled post and its pending publish job.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The post's id, or its first 8 or more hex digits (as the agenda shows it).", valueName: "POST_ID"))
    var post: String

    func validate() throws {
        _ = try postIDPrefix(post)
    }

    func run() throws {
        let connection = try database.connect()
        try Migrator.requireCurrent(connection)
        let (record, _) = try PostWriteCommand.change(try resolvePostID(post, on: connection), on: connection,
                                                      zone: { try CommandZone.choose(tz: nil, clientZone: $0).zone }) { _, _ in .cancel }
        print("cancelled post \(record.post)" + PostWriteCommand.jobRemark(record))
    }
}

/// `postdeck post unschedule POST_ID`: a scheduled post back to draft, keeping its time.
struct PostUnscheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unschedule",
        abstract: "Make a scheduled post a draft again (it keeps its time as the planned time; its publish job is cancelled).")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The post's id.", valueName: "POST_ID"))
    var post: String

    func validate() throws {
        _ = try postIDPrefix(post)
    }

    func run() throws {
        let connection = try database.connect()
        try Migrator.requireCurrent(connection)
        let (record, zone) = try PostWriteCommand.change(try resolvePostID(post, on: connection), on: connection,
                                                         zone: { try CommandZone.choose(tz: nil, clientZone: $0).zone }) { _, _ in .unschedule }
        let planned = record.after?.scheduledAt.map { ", planned for \(CommandZone.describe($0, in: zone))" } ?? ""
        print("unscheduled post \(record.post): a draft again\(planned)" + PostWriteCommand.jobRemark(record))
    }
}
