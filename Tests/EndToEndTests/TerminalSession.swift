import Foundation
import PostDeckStore
import Testing

/// The real `postdeck` binary running in a detached tmux session of its own, driven like a
/// user would: keys in, screen text out. Waits poll the screen until it shows what is
/// expected (or a timeout passes); nothing sleeps blindly.
final class TerminalSession {
    struct Timeout: Error, CustomStringConvertible {
        let waitingFor: String
        let screen: String
        var description: String { "timed out waiting for \(waitingFor); the screen was:\n\(screen)" }
    }

    let server: String
    let directory: String
    private var closed = false

    /// The binary built beside the test bundle (or `POSTDECK_BINARY`).
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["POSTDECK_BINARY"] { return path }
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundle, bundle.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("postdeck").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return bundle.appendingPathComponent("postdeck").path
    }

    /// tmux settings that make escape sequences observable: OSC 52 clipboard writes become
    /// paste buffers (`buffers()`), as a user's tmux with `set-clipboard on` would store them.
    static let watchClipboard = ["set -g set-clipboard on"]

    /// Starts `postdeck ARGUMENTS` in a WIDTHxHEIGHT terminal with a private home and state
    /// directory; `tmuxConfig` lines are in force before the program starts.
    static func start(_ arguments: [String], width: Int = 120, height: Int = 40,
                      environment extra: [String: String] = [:], tmuxConfig: [String] = []) throws -> TerminalSession {
        var template = Array("/tmp/pdk-e2e-XXXXXX".utf8CString)
        let directory = String(cString: mkdtemp(&template)!)
        let session = TerminalSession(server: "postdeck-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))", directory: directory)
        var environment = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "HOME": directory, "XDG_STATE_HOME": directory + "/state",
                           "XDG_CONFIG_HOME": directory + "/config", "TERM": "tmux-256color"]
        environment.merge(extra) { $1 }
        // The shell stays to write the exit status to a file: tmux's own report of it is
        // sometimes empty when a process exits right after its last key.
        let command = ([binary] + arguments).map(shellQuote).joined(separator: " ") + "; echo $? > " + shellQuote(directory + "/exit-status")
        var configPath = "/dev/null"
        if !tmuxConfig.isEmpty {
            configPath = directory + "/tmux.conf"
            try (tmuxConfig.joined(separator: "\n") + "\n").write(toFile: configPath, atomically: true, encoding: .utf8)
        }
        var tmuxArguments = ["tmux", "-L", session.server, "-f", configPath, "new-session", "-d", "-x", String(width), "-y", String(height)]
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) { tmuxArguments += ["-e", "\(key)=\(value)"] }
        tmuxArguments.append(command)
        let processEnvironment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "TERM": "xterm-256color",
                                  "HOME": directory, "LANG": "C.UTF-8"]
        try Subprocess.run(tmuxArguments, outputPath: directory + "/tmux.log", environment: processEnvironment)
        // Keep the pane after the program exits, so its exit status and last screen can be read.
        session.tmux(["set-option", "-g", "remain-on-exit", "on"])
        return session
    }

    private init(server: String, directory: String) {
        self.server = server
        self.directory = directory
    }

    deinit { close() }

    /// Presses keys by tmux name: "j", "Enter", "Escape", "C-c", "BTab".
    @discardableResult
    func press(_ keys: String...) -> TerminalSession {
        for key in keys { tmux(["send-keys", "-t", "0", key]) }
        return self
    }

    /// Types text literally.
    @discardableResult
    func type(_ text: String) -> TerminalSession {
        tmux(["send-keys", "-t", "0", "-l", text])
        return self
    }

    func resize(width: Int, height: Int) {
        tmux(["resize-window", "-t", "0", "-x", String(width), "-y", String(height)])
    }

    /// The screen as text, one line per row.
    func screen() -> String {
        tmuxOutput(["capture-pane", "-p", "-t", "0"]) ?? ""
    }

    /// A tmux format value of the pane, e.g. `#{pane_dead}` or `#{alternate_on}`.
    func format(_ format: String) -> String {
        (tmuxOutput(["display-message", "-p", "-t", "0", format]) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The screen with the lines that scrolled off it (for a command's whole output).
    func scrollback() -> String {
        tmuxOutput(["capture-pane", "-p", "-J", "-S", "-", "-t", "0"]) ?? ""
    }

    /// tmux's paste buffers: each OSC 52 clipboard write the program let through makes one.
    func buffers() -> String {
        tmuxOutput(["list-buffers"]) ?? ""
    }

    /// Waits until the screen contains `text`; returns the screen.
    @discardableResult
    func waitFor(_ text: String, timeout: Duration = .seconds(10)) throws -> String {
        try waitUntil("\"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    @discardableResult
    func waitUntil(_ what: String, timeout: Duration = .seconds(10), _ predicate: (String) -> Bool) throws -> String {
        let deadline = ContinuousClock.now + timeout
        var last = ""
        while ContinuousClock.now < deadline {
            last = screen()
            if predicate(last) { return last }
            usleep(30_000)
        }
        throw Timeout(waitingFor: what, screen: last)
    }

    /// Waits for the program to exit; returns its exit status (128 + N for signal N).
    func waitForExit(timeout: Duration = .seconds(10)) throws -> Int {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let text = try? String(contentsOfFile: directory + "/exit-status", encoding: .utf8),
               let status = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return status
            }
            usleep(30_000)
        }
        throw Timeout(waitingFor: "the program to exit", screen: screen())
    }

    /// The process id of the program (the child of the pane's shell).
    var pid: pid_t {
        let shell = format("#{pane_pid}")
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        return pid_t(children.split(separator: " ").first ?? Substring(shell)) ?? 0
    }

    func close() {
        guard !closed else { return }
        closed = true
        tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    @discardableResult
    private func tmux(_ arguments: [String]) -> Int32 {
        (try? Subprocess.run(["tmux", "-L", server] + arguments, check: false)) ?? -1
    }

    private func tmuxOutput(_ arguments: [String]) -> String? {
        Subprocess.output(["tmux", "-L", server] + arguments)
    }

    private static func shellQuote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
