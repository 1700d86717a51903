import ArgumentParser
import FoundationEssentials
import Glibc

/// `postdeck worker …`: the publishing worker. It is a program of its own, `postdeck-worker`,
/// installed beside `postdeck`, which this subcommand replaces itself with (`execv`), every
/// argument passed on. The worker links the system's HTTP library (libcurl with its TLS
/// libraries); kept out of this binary, the UI starts as fast and as small as before
/// (docs/PERFORMANCE.md has the figures).
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Publish scheduled posts as they fall due (webhook, command or sandbox publisher).",
        discussion: """
            Runs the postdeck-worker program installed beside postdeck with the same arguments; \
            `postdeck worker --help` lists its options.
            """)

    @Argument(parsing: .captureForPassthrough, help: ArgumentHelp("The worker's options (see postdeck worker --help).", valueName: "options"))
    var arguments: [String] = []

    func run() throws {
        try Self.exec(arguments)
    }

    /// Replaces this process with `postdeck-worker ARGUMENTS`; returns only by throwing.
    static func exec(_ arguments: [String]) throws {
        let program = try WorkerProgramLocation.find()
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        execv(program, argv)
        let reason = String(validatingCString: strerror(errno)) ?? "exec failed"
        argv.forEach { free($0) }
        throw UserFacingError(message: "cannot run \(program): \(reason)")
    }
}

/// Where the `postdeck-worker` program is: beside this binary (what `swift build` and an
/// install of both give), else on PATH.
enum WorkerProgramLocation {
    static let name = "postdeck-worker"

    static func find(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        var candidates: [String] = []
        if let own = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(URL(fileURLWithPath: own).deletingLastPathComponent().appendingPathComponent(name).path)
        }
        candidates += (environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(name)" }
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) { return found }
        throw UserFacingError(message: "cannot find \(name) beside postdeck or on PATH",
                              hint: "hint: install both programs from the same build (`swift build -c release` puts them side by side in .build/release)")
    }
}
