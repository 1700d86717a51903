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

    @Argument(help: ArgumentHelp("The post's id.", valueName: "POST_ID"))
    var post: String

    func validate() throws {
        _ = try parsePostID(post)
    }

    func run() throws {
        let connection = try database.connect()
        try Migrator.requireCurrent(connection)
        let id = try parsePostID(post)
        guard let current = try connection.run(CalendarQueries.post(id)) else {
            throw UserFacingError(message: "no post has id \(id)")
        }
        switch try connection.run(CalendarQueries.cancel(id, expectedUpdatedAt: current.updatedAt)) {
        case .done(let change):
            var jobs = 0
            if case .cancelled(_, _, _, let cancelled, _) = change { jobs = cancelled.count }
            print("cancelled post \(id)" + (jobs > 0 ? " and its publish job" : ""))
        case .refused(let refusal):
            throw UserFacingError(message: refusal.description)
        }
    }
}
