import ArgumentParser
import FoundationEssentials
import Glibc
import PostDeckCore
import PostDeckStore

/// `postdeck seed`: fills a migrated database with demo data, or with a data set at scale.
struct SeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Fill a migrated database with realistic demo data.",
        discussion: "Dates are relative to now; everything else is decided by --random-seed.")

    @OptionGroup var database: DatabaseOptions

    @Option(parsing: .unconditional, help: "Seed for the pseudo-random choices; the same seed gives the same data.")
    var randomSeed: Int = 1

    @Option(parsing: .unconditional, help: ArgumentHelp("Generate N posts in the shape of the demo data (1 to 10,000,000; benchmarks).", valueName: "N"))
    var scale: Int?

    /// The largest data set `--scale` makes: ten times the million posts the figures are measured at.
    static let largestScale = 10_000_000

    @Flag(help: "Seed even if the database already has posts.")
    var force = false

    func validate() throws {
        if let scale { try requireRange(scale, 1...Self.largestScale, option: "--scale", unit: "posts") }
    }

    func run() throws {
        let connection = try database.connect()
        connection.statementTimeout = nil
        try Migrator.requireCurrent(connection)
        try WriteGuard.requireOwner(connection, command: "seed")
        let progress = ProgressLine(enabled: isatty(STDERR_FILENO) == 1)
        // Its own connections: a scaled run writes on several at once.
        let summary = try DemoData.seed(conninfo: Connection.conninfo(explicit: database.conninfo), options: .init(
            randomSeed: randomSeed, now: Date(), scale: scale, force: force,
            progress: { progress.show(Self.describe($0)) }))
        progress.finish()
        var table = TextTable(columns: [.init(title: "TABLE"), .init(title: "ROWS", alignment: .right)])
        for row in summary.rows { table.rows.append([row.table, MetricFormat.grouped(row.count)]) }
        Output.result(table.render())
    }

    /// `posts 50,000 / 1,000,000 (5%) · 1,234,567 rows · 85.2k rows/s · 9 min left`
    static func describe(_ progress: DemoData.Progress) -> String {
        var parts = ["posts \(MetricFormat.grouped(progress.postsDone)) / \(MetricFormat.grouped(progress.postsTotal))"
                     + " (\(Int(progress.fractionDone * 100))%)",
                     "\(MetricFormat.grouped(progress.rowsDone)) rows",
                     "\(MetricFormat.abbreviated(Int(progress.rowsPerSecond))) rows/s"]
        if let left = progress.estimatedRemaining {
            let seconds = Int(left.components.seconds)
            parts.append(seconds >= 60 ? "\(seconds / 60) min \(seconds % 60) s left" : "\(seconds) s left")
        }
        return parts.joined(separator: " · ")
    }
}

/// One line of progress on stderr, rewritten in place when stderr is a terminal.
final class ProgressLine: @unchecked Sendable {
    // @unchecked: used from the one thread that runs the command.
    private let enabled: Bool
    private var shown = false
    init(enabled: Bool) { self.enabled = enabled }

    func show(_ text: String) {
        guard enabled else { return }
        StandardStreams.error("\r\u{1b}[2K\(text)")
        shown = true
    }

    func finish() {
        if shown { StandardStreams.error("\n") }
    }
}
