import ArgumentParser
import Dispatch
import Foundation
import Logging
import PostDeckCore
import PostDeckStore
import PostDeckWorker
import TerminalUI

/// `postdeck-worker` (started as `postdeck worker …`): publishes due posts until stopped.
struct WorkerProgram: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "postdeck worker",
        abstract: "Publish scheduled posts as they fall due: exactly once, or honestly unknown.",
        discussion: """
            Claims due publish jobs (any number of workers on any number of machines may run), \
            sends each network's post through the publisher, retries network errors, timeouts, \
            HTTP 429 and 5xx with exponential backoff up to the job's max_attempts, and records \
            every step. SIGTERM or Ctrl-C finishes the calls in flight and releases the rest; a \
            second one exits at once. Defaults for the options and the rate limits per network \
            and per account come from [worker] in ~/.config/postdeck/config.toml. See docs/WORKER.md.
            """)

    enum PublisherKind: String, ExpressibleByArgument, CaseIterable {
        case webhook, sandbox, command
    }

    enum LogLevel: String, ExpressibleByArgument, CaseIterable {
        case debug, info, warning, error
        var level: Logger.Level {
            switch self {
            case .debug: .debug
            case .info: .info
            case .warning: .warning
            case .error: .error
            }
        }
    }

    @Option(name: .customLong("db"), help: ArgumentHelp(
        "Connection string: a postgresql:// URI or key=value pairs (default: DATABASE_URL, then PG* variables).",
        valueName: "CONNINFO"))
    var conninfo: String?

    @Option(help: "Where posts go: webhook (POST to --webhook-url), command (run --command), sandbox (nowhere, realistically).")
    var publisher: PublisherKind

    @Option(help: ArgumentHelp("The agency's endpoint for --publisher webhook (http or https). A bearer token may be given in POSTDECK_WEBHOOK_TOKEN.",
                               valueName: "URL"))
    var webhookURL: String?

    @Option(help: ArgumentHelp("The program to run for --publisher command; it reads the post as JSON on stdin.", valueName: "PATH"))
    var command: String?

    @Option(help: ArgumentHelp("Calls in flight at once (default: [worker] concurrency, else 8).", valueName: "N"))
    var concurrency: Int?

    @Option(help: ArgumentHelp("Seconds before the first retry, doubled for each further one, with jitter (default 30).",
                               valueName: "SECONDS"))
    var backoff: Double?

    @Option(help: ArgumentHelp("Seconds a call may take before it counts as a timeout (default 30).", valueName: "SECONDS"))
    var timeout: Double?

    @Flag(help: "Exit once nothing is due and nothing is being processed (for cron, CI and benchmarks).")
    var exitWhenIdle = false

    @Option(help: ArgumentHelp("Seed of the sandbox's latencies, throttles and failures.", valueName: "N"))
    var randomSeed: Int = 1

    @Option(help: ArgumentHelp("Seconds a job's claim outlives its worker's last heartbeat before another worker rescues it.",
                               valueName: "SECONDS"))
    var lease: Double = 15

    @Option(help: "Least important log line written to stderr: debug, info, warning or error.")
    var logLevel: LogLevel = .info

    @Option(help: ArgumentHelp(visibility: .hidden))
    var sandboxLatency: String?

    @Flag(help: ArgumentHelp("Stop when standard input closes (used by `postdeck demo`, whose worker ends with it).",
                             visibility: .hidden))
    var untilStdinCloses = false

    func validate() throws {
        switch publisher {
        case .webhook:
            guard let webhookURL else { throw ValidationError("--publisher webhook needs --webhook-url URL") }
            guard let url = URL(string: webhookURL), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
                throw ValidationError("--webhook-url must be an http:// or https:// URL, not '\(webhookURL)'")
            }
        case .command:
            guard let command else { throw ValidationError("--publisher command needs --command PATH") }
            guard FileManager.default.isExecutableFile(atPath: command) else {
                throw ValidationError("--command: '\(command)' is not an executable file")
            }
        case .sandbox:
            break
        }
        if let concurrency, concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
        if let backoff, backoff <= 0 { throw ValidationError("--backoff must be above 0 seconds") }
        if let timeout, timeout <= 0 { throw ValidationError("--timeout must be above 0 seconds") }
        if lease < 3 { throw ValidationError("--lease must be at least 3 seconds") }
        if let sandboxLatency, parseRange(sandboxLatency) == nil {
            throw ValidationError("--sandbox-latency must be MIN-MAX seconds, e.g. 0.3-2.5")
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let config: WorkerConfig
        do {
            config = try WorkerConfig.load(environment: environment)
        } catch {
            throw ProgramError(message: error.description, hint: "hint: fix the [worker] table (docs/WORKER.md lists its settings)")
        }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = logLevel.level
            return handler
        }
        let log = Logger(label: "postdeck-worker")

        var options = WorkerOptions(conninfo: Connection.conninfo(explicit: conninfo, environment: environment))
        options.concurrency = concurrency ?? config.concurrency ?? 8
        options.backoff = RetryBackoff(base: backoff ?? config.backoff ?? 30)
        options.limits = config.limits
        options.exitWhenIdle = exitWhenIdle
        options.leaseTimeout = lease
        options.heartbeatInterval = lease / 3
        let callTimeout = timeout ?? config.timeout ?? 30

        let chosen: any Publisher
        switch publisher {
        case .webhook:
            chosen = WebhookPublisher(url: URL(string: webhookURL!)!, timeout: callTimeout, concurrency: options.concurrency,
                                      bearerToken: environment["POSTDECK_WEBHOOK_TOKEN"])
        case .command:
            chosen = CommandPublisher(program: command!, timeout: callTimeout)
        case .sandbox:
            chosen = SandboxPublisher(seed: randomSeed, latency: sandboxLatency.flatMap(parseRange) ?? 0.3...2.5)
            options.sandboxAnalytics = SandboxAnalyticsOptions(seed: randomSeed)
        }

        let worker = Worker(options: options, publisher: chosen, log: log)
        let signals = StopSignals(worker: worker, log: log)
        if untilStdinCloses { signals.stopWhenStdinCloses() }
        do {
            try await worker.run()
        } catch let error as StoreError {
            throw ProgramError(message: error.description, hint: error.hint)
        }
        withExtendedLifetime(signals) {}
    }

    private func parseRange(_ text: String) -> ClosedRange<Double>? {
        let parts = text.split(separator: "-").compactMap { Double($0) }
        guard parts.count == 2, parts[0] >= 0, parts[0] <= parts[1] else { return nil }
        return parts[0]...parts[1]
    }
}

/// SIGTERM, SIGINT and SIGHUP stop the worker gracefully; a second one exits at once (the
/// sends still in flight then read "outcome unknown" once another worker rescues them).
final class StopSignals {
    private let sources: [any DispatchSourceSignal]

    init(worker: Worker, log: Logger) {
        sources = [SIGTERM, SIGINT, SIGHUP].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if worker.isStopping {
                    log.error("second stop signal: exiting now")
                    exit(128 + number)
                }
                log.info("stopping: finishing the calls in flight, releasing the rest")
                worker.stop()
            }
            source.resume()
            return source
        }
    }

    /// Stops the worker when standard input reaches its end (the parent went away).
    func stopWhenStdinCloses() {
        let thread = Thread {
            var buffer = [UInt8](repeating: 0, count: 256)
            while true {
                let count = read(STDIN_FILENO, &buffer, buffer.count)
                if count == 0 || (count < 0 && errno != EINTR) { break }
            }
            // The SIGTERM handler stops the worker, as it would for a signal from outside.
            kill(getpid(), SIGTERM)
        }
        thread.name = "postdeck-worker-stdin"
        thread.start()
    }
}

/// An error with the line the user sees and an optional hint.
struct ProgramError: Error {
    let message: String
    var hint: String?
}

@main
enum Main {
    static func main() async {
        do {
            var command = try WorkerProgram.parseAsRoot()
            if let program = command as? WorkerProgram {
                try await program.run()
            } else {
                try command.run()
            }
        } catch let error as ProgramError {
            fail(error.message, hint: error.hint)
        } catch let error as StoreError {
            fail(error.description, hint: error.hint)
        } catch {
            let code = WorkerProgram.exitCode(for: error)
            if code == .success || error is CleanExit { WorkerProgram.exit(withError: error) }
            // Usage errors are one line, as postdeck's: the parser's sentence and where to look.
            let line = visible(WorkerProgram.message(for: error))
            FileHandle.standardError.write(Data("postdeck worker: \(line) (see `postdeck worker --help`)\n".utf8))
            exit(2)
        }
    }

    /// One line a terminal cannot act on: controls, escapes and bidi overrides from the
    /// arguments (the parser repeats a bad value) made visible as postdeck shows them.
    static func visible(_ text: String) -> String {
        Sanitizer.singleLine(text.hasSuffix("\n") ? String(text.dropLast()) : text)
    }

    static func fail(_ message: String, hint: String? = nil) -> Never {
        var text = "postdeck worker: \(visible(message))\n"
        if let hint { text += "\(visible(hint))\n" }
        FileHandle.standardError.write(Data(text.utf8))
        exit(1)
    }
}
