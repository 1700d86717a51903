import ArgumentParser
import Foundation
import PostDeckStore

/// `postdeck seed`: fills a migrated database with demo data, or with a data set at scale.
struct SeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Fill a migrated database with realistic demo data.",
        discussion: "Dates are relative to now; everything else is decided by --random-seed.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Seed for the pseudo-random choices; the same seed gives the same data.")
    var randomSeed: Int = 1

    @Option(help: ArgumentHelp("Generate N posts in the shape of the demo data (benchmarks).", valueName: "N"))
    var scale: Int?

    @Flag(help: "Seed even if the database already has posts.")
    var force = false

    func validate() throws {
        if let scale, scale < 1 { throw ValidationError("--scale must be a positive number of posts") }
    }

    func run() throws {
        let connection = try database.connect()
        connection.statementTimeout = nil
        try Migrator.requireCurrent(connection)
        let progress = ProgressLine(enabled: isatty(STDERR_FILENO) == 1)
        let summary = try DemoData.seed(on: connection, options: .init(
            randomSeed: randomSeed, now: Date(), scale: scale, force: force,
            progress: { progress.show($0.description) }))
        progress.finish()
        print(summary.description)
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
        FileHandle.standardError.write(Data("\r\u{1b}[2K\(text)".utf8))
        shown = true
    }

    func finish() {
        if shown { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
