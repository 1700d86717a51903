import ArgumentParser
import FoundationEssentials
import PostDeckCore
import PostDeckStore

/// `postdeck post reschedule POST_ID --at "YYYY-MM-DD HH:MM"`: the calendar's reschedule.
struct PostRescheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reschedule",
        abstract: "Move a draft or scheduled post (and its pending publish job) to a future time.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The post's id.", valueName: "POST_ID"))
    var post: String

    @Option(help: ArgumentHelp("The new local time, YYYY-MM-DD HH:MM.", valueName: "TIME"))
    var at: String

    @Option(help: ArgumentHelp("The zone TIME is in (default: the post's client's zone, then TZ, then UTC).", valueName: "ZONE"))
    var tz: String?

    @Flag(help: "When TIME happens twice (clocks go back), take the first.")
    var earlier = false

    @Flag(help: "When TIME happens twice (clocks go back), take the second.")
    var later = false

    func validate() throws {
        _ = try parsePostID(post)
        do { _ = try LocalDateTime(parsing: at) } catch { throw ValidationError(error.description) }
        if earlier && later { throw ValidationError("--earlier and --later exclude each other") }
    }

    func run() throws {
        let connection = try database.connect()
        try Migrator.requireCurrent(connection)
        let id = try parsePostID(post)
        guard let current = try connection.run(CalendarQueries.post(id)) else {
            throw UserFacingError(message: "no post has id \(id)")
        }
        let zone = try CommandZone.choose(tz: tz, clientZone: current.clientTimeZone).zone
        let local = try LocalDateTime(parsing: at)
        let instant: Date
        switch zone.resolve(local) {
        case .exact(let exact): instant = exact
        case .nonexistent(let gap): throw UserFacingError(message: gap.message)
        case .ambiguous(let overlap):
            guard earlier || later else {
                throw UserFacingError(message: overlap.message, hint: "hint: add --earlier or --later")
            }
            instant = later ? overlap.later : overlap.earlier
        }
        switch try connection.run(CalendarQueries.reschedule(id, to: instant, expectedUpdatedAt: current.updatedAt)) {
        case .done(let change):
            var jobs = 0
            if case .rescheduled(_, _, _, let moved, _) = change { jobs = moved.count }
            print("moved post \(id) to \(CommandZone.describe(instant, in: zone))"
                  + (jobs > 0 ? " with its publish job" : ""))
        case .refused(let refusal):
            throw UserFacingError(message: refusal.description)
        }
    }
}
