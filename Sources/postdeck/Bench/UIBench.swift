import Dispatch
import FoundationEssentials
import Glibc
import PostDeckCore
import PostDeckApp
import PostDeckStore
import TerminalUI

/// The real runtime on the memory backend: time from start to the first frame that shows
/// live data, and from each navigation key to the frame that answers it.
struct UIBench {
    struct Figures {
        var firstFrame: Duration = .zero
        var keys: [(label: String, measurement: Measurement)] = []
    }

    let conninfo: String
    let signals: SignalPipe

    /// Keys pressed once the data is on screen, grouped by what they measure.
    static let script: [(label: String, keys: [Key])] = [
        ("j / k (move)", Array(repeating: Key.char("j"), count: 40) + Array(repeating: Key.char("k"), count: 40)),
        ("G / g (bottom, top)", Array(repeating: [Key.char("G"), .char("g")], count: 20).flatMap { $0 }),
        ("Ctrl-d / Ctrl-u (half page)", Array(repeating: [Key.ctrl("d"), .ctrl("u")], count: 20).flatMap { $0 }),
        ("? (help overlay) / Esc", Array(repeating: [Key.char("?"), .escape], count: 20).flatMap { $0 }),
        // The composer keeps typed characters, so it is left with Esc before the next pane.
        ("1 2 4 3 (switch pane)", Array(repeating: [Key.char("1"), .char("2"), .escape, .char("4"), .char("3")], count: 8).flatMap { $0 }),
        ("2, paste 64 KB into the composer", [Key.char("2"), .paste(composerText)]),
        ("composer with 64 KB: type, delete, move", composerKeys),
        ("Esc y (leave the composer, discarding)", [Key.escape, .char("y")]),
    ]

    /// About 64 KB of post text in paragraphs, with emoji, a flag and CJK as real posts have.
    static let composerText: String = {
        let paragraph = "Spring menu is live 🌸 — oat flat white, yuzu tonic and 抹茶ラテ at every branch 🇬🇧. "
            + "Tag a friend who needs a coffee ☕️ #springmenu #coffee @northwind "
        var text = ""
        while text.utf8.count < 64 * 1024 {
            text += String(repeating: paragraph, count: 3) + "\n\n"
        }
        return text
    }()

    /// Typing and deleting at the end, then at the very start (every row after it moves),
    /// and moving by rows, clusters and pages.
    static let composerKeys: [Key] = {
        let typing = "hello world ".map { Key.char($0) }
        var keys = typing + typing + Array(repeating: Key.backspace, count: 12)
        keys += [.alt("<")] + typing + Array(repeating: Key.backspace, count: 6)
        keys += Array(repeating: Key.down, count: 20) + Array(repeating: Key.up, count: 10)
        keys += Array(repeating: Key.right, count: 10) + Array(repeating: Key.left, count: 10)
        keys += Array(repeating: Key.pageDown, count: 5) + [.enter, .char("x"), .backspace, .backspace]
        return keys
    }()

    /// Records frame times from inside the loop (single-threaded, like the loop itself).
    final class Recorder {
        let started = ContinuousClock.now
        var figures = Figures()
        var pending: [(group: Int, key: Key)] = []
        var pressedAt: ContinuousClock.Instant?
        var group = 0
        var ready = false
        var finished = false
    }

    /// The longest the scripted session may take before it is stopped (with SIGTERM, which
    /// the runtime treats as quit) and reported as unfinished.
    static let limit = 120

    func run() throws -> Figures {
        let screen = HeadlessScreen(width: 120, height: 40)
        let recorder = Recorder()
        recorder.pending = Self.script.enumerated().flatMap { index, entry in entry.keys.map { (index, $0) } }
        recorder.figures.keys = Self.script.map { ($0.label, Measurement($0.label)) }
        screen.onFrame = { [unowned screen] buffer, _ in
            let now = ContinuousClock.now
            if !recorder.ready {
                guard buffer.textLines().contains(where: { $0.contains(" expired · ") }) else { return }
                recorder.ready = true
                recorder.figures.firstFrame = now - recorder.started
            } else if let pressed = recorder.pressedAt {
                recorder.figures.keys[recorder.group].measurement.samples.append(now - pressed)
                recorder.pressedAt = nil
            } else {
                return
            }
            guard !recorder.pending.isEmpty else {
                recorder.finished = true
                screen.press(.char("q"))
                return
            }
            let next = recorder.pending.removeFirst()
            recorder.group = next.group
            recorder.pressedAt = ContinuousClock.now
            screen.press(next.key)
        }
        let state = FilePaths.temporaryDirectory() + "postdeck-bench-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: state) }
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_STATE_HOME"] = state
        let watchdog = DispatchWorkItem { kill(getpid(), SIGTERM) }
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(Self.limit), execute: watchdog)
        Application.run(LaunchOptions(conninfo: conninfo, databaseLabel: "bench", signals: signals, environment: environment), on: screen)
        watchdog.cancel()
        guard recorder.finished else {
            throw StoreError.invalid("the UI benchmark did not finish within \(Self.limit) s (\(recorder.pending.count) keys left)")
        }
        return recorder.figures
    }
}
