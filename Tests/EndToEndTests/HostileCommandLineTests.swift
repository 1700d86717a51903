import Foundation
import Testing
import PostDeckStore
import PostDeckTestSupport

/// Numbers out of range, files that are not files, and data that is hostile, given to the
/// non-interactive commands: one line that says what to do, the right status, no hang.
@Suite struct HostileCommandLineTests {
    @Test(arguments: [
        (["health", "--statement-timeout", "nan"], "--statement-timeout must be a number of seconds from 0.1 to 86400, not nan"),
        (["health", "--statement-timeout", "inf"], "not inf"),
        (["health", "--statement-timeout", "1e300"], "not 1e+300"),
        (["health", "--statement-timeout", "-1e300"], "not -1e+300"),
        (["health", "--statement-timeout", "-5"], "not -5"),
        (["agenda", "--statement-timeout", "0"], "not 0"),
        (["performance", "--limit", "9223372036854775807"], "--limit must be a whole number of posts from 0 to 1,000,000,000"),
        (["performance", "--limit", "-1"], "--limit must be a whole number of posts from 0"),
        (["seed", "--scale", "99999999999999999"], "--scale must be a whole number of posts from 1 to 10,000,000"),
        (["seed", "--scale", "999999999999999999999999"], "--scale"),
        (["agenda", "--from", "0000-01-01"], "--from 0000-01-01 is outside the dates postdeck handles (1900-01-01 to 9999-12-30)"),
        (["agenda", "--to", "2026-02-30"], "--to \"2026-02-30\" is not a date (YYYY-MM-DD)"),
        (["agenda", "--days", "0"], "--days must be a whole number of days from 1 to 366"),
        (["agenda", "--days", "-3"], "--days must be a whole number of days from 1 to 366"),
        (["bench", "--runs", "0"], "--runs must be a whole number of runs from 1 to 10,000"),
        (["bench", "--fuzz", "0"], "--fuzz must be a whole number of inputs from 1 to 100,000,000"),
        (["demo", "--keep", "/etc/hostname"], "--keep /etc/hostname is a file; give a folder for the cluster"),
    ])
    func aNumberOrDateOutOfRangeIsAOneLineUsageError(_ arguments: [String], _ message: String) throws {
        let run = try CommandLineTests.postdeck(arguments + ["--db", "host=/nonexistent-postdeck dbname=x"])
        #expect(run.status == 2, "\(arguments): \(run.output)")
        #expect(run.output.split(separator: "\n").count == 1, "one line: \(run.output)")
        #expect(run.output.hasPrefix("postdeck: ") && run.output.contains(message), "\(run.output)")
        #expect(run.output.contains("--help`)"), "it says where the options are listed")
    }

    @Test func anAgendaRunningPastTheLastDateSaysSo() throws {
        let database = try TestDatabase.migrated()
        let run = try CommandLineTests.postdeck(["agenda", "--db", database.conninfo, "--from", "9999-12-28", "--days", "10"])
        #expect(run.status == 1)
        #expect(run.output == "postdeck: --days 10 from 9999-12-28 runs past 9999-12-30, the last date postdeck handles\n")
    }

    @Test func devZeroAFolderAndAFIFOAsMediaAreRefusedWithoutAHang() throws {
        let database = try TestDatabase.migrated()
        try HealthScenario.install(on: database.connect())
        var template = Array("/tmp/pdk-fifo-XXXXXX".utf8CString)
        let folder = String(cString: mkdtemp(&template)!)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fifo = folder + "/clip.mp4"
        #expect(mkfifo(fifo, 0o600) == 0)
        let base = ["post", "draft", "--db", database.conninfo, "--client", "Globex", "--account", "noexpiry", "--content", "hi"]
        for (path, reason) in [("/dev/zero", "zero is a device, not a file"), (folder, "is a folder, not a file"),
                               (fifo, "clip.mp4 is a named pipe (FIFO), not a file")] {
            let run = try CommandLineTests.postdeck(base + ["--media", path])
            #expect(run.status == 1)
            #expect(run.output.contains(reason), "\(run.output)")
        }
        let text = try CommandLineTests.postdeck(["post", "draft", "--db", database.conninfo, "--client", "Globex",
                                                  "--account", "noexpiry", "--content-file", fifo])
        #expect(text.status == 1)
        #expect(text.output == "postdeck: --content-file \(fifo) is a named pipe (FIFO), not a regular file\n")
    }

    @Test func aFIFOAsTheConfigFileIsAWarningNotAHang() throws {
        let database = try TestDatabase.migrated()
        try HealthScenario.install(on: database.connect())
        var template = Array("/tmp/pdk-config-XXXXXX".utf8CString)
        let config = String(cString: mkdtemp(&template)!)
        defer { try? FileManager.default.removeItem(atPath: config) }
        try FileManager.default.createDirectory(atPath: config + "/postdeck", withIntermediateDirectories: true)
        #expect(mkfifo(config + "/postdeck/config.toml", 0o600) == 0)
        let run = try CommandLineTests.postdeck(["post", "draft", "--db", database.conninfo, "--client", "Globex",
                                                 "--account", "noexpiry", "--content", "hello"],
                                                environment: ["XDG_CONFIG_HOME": config])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("postdeck: warning: \(config)/postdeck/config.toml is a named pipe (FIFO), not a regular file; the standard rules are used"))
    }

    /// CSV and JSON are data: written to a file or a pipe they carry the stored bytes exactly;
    /// the table, for people, never does. (In a terminal all three are sanitized: the tmux tests.)
    @Test func csvToAFileCarriesTheStoredBytesExactlyAndTheTableDoesNot() throws {
        let database = try TestDatabase.migrated()
        try HealthScenario.install(on: database.connect())
        let csv = try CommandLineTests.postdeck(["health", "--db", database.conninfo, "--format", "csv"])
        #expect(csv.output.contains("," + HealthScenario.hostileUsername + ","), "the username as stored")
        let json = try CommandLineTests.postdeck(["health", "--db", database.conninfo, "--format", "json"])
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]])
        #expect(objects.contains { $0["username"] as? String == HealthScenario.hostileUsername })
        let table = try CommandLineTests.postdeck(["health", "--db", database.conninfo])
        #expect(!table.output.contains("\u{1B}") && !table.output.contains("\u{202E}"))
    }

    @Test func hostileTextInErrorsAndWarningsIsShownNotSent() throws {
        let database = try TestDatabase.migrated()
        try HealthScenario.install(on: database.connect())
        let hostile = "Acme\u{1B}]52;c;aGk=\u{07}\u{202E}\nsecond line"
        let run = try CommandLineTests.postdeck(["health", "--db", database.conninfo, "--client", hostile])
        #expect(run.status == 1)
        #expect(run.output.split(separator: "\n").count == 1, "one line: \(run.output)")
        #expect(!run.output.contains("\u{1B}") && !run.output.contains("\u{202E}"))
        #expect(run.output.contains("␛…") && run.output.contains("↵second line"))
        // Two clients named "Acme": the error names both, on one line.
        let twins = try CommandLineTests.postdeck(["agenda", "--db", database.conninfo, "--client", "Acme"])
        #expect(twins.status == 1 && twins.output.hasPrefix("postdeck: 2 clients are named \"Acme\""))
    }
}
