import Foundation
import Testing
import PostDeckCore
import PostDeckStore
import PostDeckTestSupport

/// Random combinations of every subcommand's options (read from the binary's own
/// `--experimental-dump-help`, so a new option is fuzzed the day it is added) with hostile
/// values, against the real binary and a database with the demo data: every run ends within
/// its time with status 0 to 3, no crash or backtrace, and stderr carries no raw control,
/// escape or bidi character and nothing but `postdeck:` lines and hints.
@Suite struct CommandLineFuzzTests {
    static let runs = 240
    static let seed = ProcessInfo.processInfo.environment["POSTDECK_FUZZ_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 0...UInt64.max)

    struct Command {
        let path: [String]
        var options: [(name: String, takesValue: Bool)]
        var positionals: Int
    }

    /// Every leaf subcommand with its options, from the binary.
    static func commands() throws -> [Command] {
        let path = NSTemporaryDirectory() + "postdeck-dump-\(UInt32.random(in: 0...UInt32.max)).json"
        defer { unlink(path) }
        try Subprocess.run([TerminalSession.binary, "--experimental-dump-help"], outputPath: path)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        var found: [Command] = []
        func walk(_ command: [String: Any], _ path: [String]) {
            let subcommands = command["subcommands"] as? [[String: Any]] ?? []
            let arguments = command["arguments"] as? [[String: Any]] ?? []
            if subcommands.isEmpty {
                var leaf = Command(path: path, options: [], positionals: 0)
                for argument in arguments {
                    let kind = argument["kind"] as? String
                    let name = ((argument["names"] as? [[String: Any]])?.first?["name"] as? String) ?? ""
                    if kind == "positional" { leaf.positionals += 1; continue }
                    guard !["help", "h", "version"].contains(name) else { continue }
                    leaf.options.append(("--" + name, kind == "option"))
                }
                if !path.isEmpty, path != ["help"] { found.append(leaf) }
            }
            for sub in subcommands { walk(sub, path + [sub["commandName"] as? String ?? ""]) }
        }
        walk(try #require(root["command"] as? [String: Any]), [])
        return found
    }

    static let esc = "\u{1B}"

    /// Values that have crashed, hung or confused programs like this one.
    static func hostileValues(fifo: String) -> [String] {
        ["nan", "inf", "-inf", "1e300", "-1e300", "-5", "0", "1", "7", "0.05", "1.5", "9223372036854775807",
         "-9223372036854775808", "99999999999999999999", "0x10", "", " ", "-", "--", "0000-01-01", "9999-12-31",
         "2026-02-30", "2026-11-30 25:61", "2026-03-29 02:30", "1900-01-01 00:00", "Mars/Olympus", "UTC", "../../etc/passwd",
         "/dev/zero", "/dev/null", "/", fifo, "/etc/shadow", "a\nb", "%s%s%n%x", "\(esc)]52;c;cHduZWQ=\u{07}",
         "\(esc)]0;TITLE\u{07}", "\(esc)c", "\u{9B}2J", "\u{202E}evil", "a\u{200D}\u{200D}b", String(repeating: "W", count: 20_000),
         "Z" + String(repeating: "\u{0336}", count: 200), "expired,bogus", "likes:sideways", "7d", "all", "json", "csv", "table",
         "00000000-0000-0000-0000-000000000000", "not-a-uuid", "@", "\u{FEFF}"]
    }

    struct Outcome {
        let status: Int32
        let stderr: String
        let timedOut: Bool
    }

    /// Runs the binary with stdin from /dev/null, stdout and stderr to files, and a time limit.
    static func run(_ arguments: [String], in directory: String, limit: Duration) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TerminalSession.binary)
        process.arguments = arguments
        process.environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "LANG": "C.UTF-8",
                               "HOME": directory, "XDG_STATE_HOME": directory + "/state", "XDG_CONFIG_HOME": directory + "/config",
                               "TMPDIR": directory]
        let out = directory + "/out", err = directory + "/err"
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        try process.run()
        let deadline = ContinuousClock.now + limit
        while process.isRunning && ContinuousClock.now < deadline { usleep(10_000) }
        let timedOut = process.isRunning
        if timedOut {
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        let stderr = String(decoding: FileManager.default.contents(atPath: err) ?? Data(), as: UTF8.self)
        return Outcome(status: process.terminationStatus, stderr: stderr, timedOut: timedOut)
    }

    @Test func randomOptionsWithHostileValuesNeverCrashHangOrReachTheTerminal() throws {
        let database = try TestDatabase.migrated()
        let db = try database.connect()
        _ = try DemoData.seed(on: db, options: .init(randomSeed: 3, now: Date(), scale: nil, force: false, progress: nil))
        let postID = try #require(try db.execute("SELECT id::text AS id FROM posts ORDER BY id LIMIT 1").first).decode("id", as: String.self)
        var template = Array("/tmp/pdk-clifuzz-XXXXXX".utf8CString)
        let directory = String(cString: mkdtemp(&template)!)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fifo = directory + "/pipe.mp4"
        #expect(mkfifo(fifo, 0o600) == 0)
        let values = Self.hostileValues(fifo: fifo)
        let commands = try Self.commands()
        #expect(commands.count >= 12, "every subcommand is found: \(commands.map(\.path))")
        let unreachable = "host=/nonexistent-postdeck dbname=x connect_timeout=2"

        var random = SeededRandom(seed: Self.seed)
        var failures: [String] = []
        for index in 0..<Self.runs {
            let command = commands[index % commands.count]
            var arguments = command.path
            for _ in 0..<command.positionals {
                arguments.append(Bool.random(using: &random) ? postID : values.randomElement(using: &random)!)
            }
            for option in command.options.shuffled(using: &random).prefix(Int.random(in: 0...command.options.count, using: &random)) {
                guard option.takesValue else { arguments.append(option.name); continue }
                var value = values.randomElement(using: &random)!
                switch option.name {
                case "--db":
                    // Mostly the real database; demo and bench never get it, or they would start their own.
                    value = ["demo", "bench"].contains(command.path[0]) ? unreachable
                        : Int.random(in: 0..<4, using: &random) == 0 ? value : database.conninfo
                case "--write", "--keep":
                    // Never a real file outside the scratch folder: these write.
                    value = directory + "/written-\(index)"
                default: break
                }
                arguments += [option.name, value]
            }
            if ["demo", "bench"].contains(command.path[0]), !arguments.contains("--db") { arguments += ["--db", unreachable] }
            // A worker runs until stopped, by design: this one stops once nothing is due.
            if command.path[0] == "worker", !arguments.contains("--exit-when-idle") { arguments.append("--exit-when-idle") }
            if command.path[0] == "bench", let at = arguments.firstIndex(of: "--fuzz"), Int(arguments[at + 1]).map({ $0 > 50 }) == true {
                arguments[at + 1] = "50"
            }
            let outcome = try Self.run(arguments, in: directory, limit: .seconds(60))
            let shown = arguments.map { $0.count > 60 ? String($0.prefix(60)) + "…" : $0 }.map(\.debugDescription).joined(separator: " ")
            if outcome.timedOut { failures.append("hung: \(shown)") }
            if !(0...3).contains(outcome.status) { failures.append("status \(outcome.status): \(shown): \(outcome.stderr.prefix(300))") }
            for marker in ["Fatal error", "Backtrac", "Program crashed", "*** Signal", "Assertion"] where outcome.stderr.contains(marker) {
                failures.append("\(marker): \(shown)")
            }
            if outcome.stderr.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value)
                || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) }) {
                failures.append("raw control in stderr: \(shown): \(outcome.stderr.debugDescription.prefix(300))")
            }
            // stderr holds postdeck's (and its worker's) own lines: errors, warnings, hints, the "not written" list.
            for line in outcome.stderr.split(separator: "\n") where !(line.hasPrefix("postdeck: ") || line.hasPrefix("postdeck worker: ") || line.hasPrefix("hint: ") || line.hasPrefix("  - ")) {
                failures.append("a stray stderr line: \(shown): \(line.prefix(200))")
            }
        }
        let report = "seed \(Self.seed), \(failures.count) failures:\n" + failures.prefix(20).joined(separator: "\n")
        #expect(failures.isEmpty, "\(report)")
    }
}
