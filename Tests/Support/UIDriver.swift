import Foundation
import PostDeckApp
import PostDeckCore
import TerminalUI

/// The real UI, in this process: `Application.run(_:on:)` on a `HeadlessScreen`, in a thread
/// of its own, against a real test database. A test drives it the way a user would (keys
/// in, screen out) and reads like the session it checks:
///
///     let ui = try UIDriver.start(database: database, timeZone: "UTC")
///     defer { ui.close() }
///     try ui.press(.showCalendar).press(.calendarAgenda).waitFor(text: "Spring launch")
///     try ui.press(.reschedule).press(key: .ctrl("u")).type("2030-01-01 09:30").press(key: .enter)
///         .waitFor(text: "moved to")
///
/// - Keys are named by their action (`press(.reschedule)`), resolved through the key table
///   for the pane on screen, so a test never hard-codes a binding; `press(key:)` and `type`
///   send raw keys and text.
/// - A wait looks only at frames drawn after the loop read every key pressed so far, so it
///   can never be satisfied by the screen from before those keys. It blocks on a condition
///   variable until a frame matches or the timeout passes, and then fails showing the
///   last screen. Nothing sleeps.
/// - Each driver has its own home, state and config folders in a temp folder (removed by
///   `close()`), its own clock (`LaunchOptions.clock`) and no signal handlers.
///
/// What only a real terminal shows (signals, restoring the terminal, escape sequences,
/// resizes) stays with the tmux tests in `EndToEndTests`.
public final class UIDriver {
    /// Why a driver step failed, with the screen as it was.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    /// Long enough for a loaded machine; a passing wait returns as soon as its frame is drawn.
    public static let defaultTimeout: Duration = .seconds(30)

    /// The temp folder holding `home/`, `state/` (session, log, recovery files) and `config/`.
    public let directory: String
    private let keyboard: HeadlessKeyboard
    private let frames: FrameBoard
    /// Keys pressed so far; a frame counts once the loop has read this many.
    private var pressed = 0
    private var closed = false

    /// Starts the UI on `database` in a `width` x `height` screen.
    /// - Parameters:
    ///   - timeZone: the `--tz` option (the display zone when no single client is in scope).
    ///   - clock: the UI's now.
    ///   - configure: writes files into the driver's folders (a `config/postdeck/config.toml`,
    ///     a recovery file in `state/postdeck/drafts`) before the UI starts.
    public static func start(database: TestDatabase, width: Int = 120, height: Int = 40, timeZone: String? = nil,
                             clock: any PostDeckCore.Clock = SystemClock(),
                             configure: (_ directory: String) throws -> Void = { _ in }) throws -> UIDriver {
        var template = Array(URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("pdk-ui-XXXXXX").path.utf8CString)
        guard let made = mkdtemp(&template) else { throw Failure(description: "cannot create a temp folder for the UI") }
        let directory = String(cString: made)
        do {
            try FileManager.default.createDirectory(atPath: directory + "/home", withIntermediateDirectories: true)
            try configure(directory)
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
        let environment = ["HOME": directory + "/home", "XDG_STATE_HOME": directory + "/state",
                           "XDG_CONFIG_HOME": directory + "/config"]
        let options = LaunchOptions(conninfo: database.conninfo, signals: SignalPipe(signals: []),
                                    timeZone: timeZone, environment: environment, clock: clock)
        return UIDriver(directory: directory, options: options, width: width, height: height)
    }

    private init(directory: String, options: LaunchOptions, width: Int, height: Int) {
        self.directory = directory
        keyboard = HeadlessKeyboard()
        frames = FrameBoard()
        let keyboard = self.keyboard, frames = self.frames
        let loop = Thread {
            let screen = HeadlessScreen(width: width, height: height, keyboard: keyboard)
            screen.onFrame = { buffer, context in
                frames.post(lines: buffer.textLines(), context: context, keysRead: keyboard.keysRead)
            }
            Application.run(options, on: screen)
            frames.end()
        }
        loop.name = "postdeck UI"
        loop.stackSize = 8 << 20
        loop.start()
    }

    deinit { close() }

    // MARK: Keys

    /// Presses a key that performs `action` in the pane on screen (once the keys pressed
    /// before it are handled). Of several keys it takes one that is not a plain character
    /// (`Ctrl-c` rather than `q`), since a pane taking text would type the character.
    /// Fails when no key performs `action` there.
    @discardableResult
    public func press(_ action: Action) throws -> UIDriver {
        let frame = try settledFrame(waitingFor: "the screen before \(action)", timeout: Self.defaultTimeout) { _ in true }
        let keys = Keymap.keys(for: action, in: frame.context)
        guard let key = keys.first(where: { if case .char = $0 { false } else { true } }) ?? keys.first else {
            throw Failure(description: "no key performs \(action) in the \(frame.context.rawValue) context; the screen was:\n\(frame.text)")
        }
        return press(key: key)
    }

    /// Presses one key as it is, whatever it is bound to.
    @discardableResult
    public func press(key: Key) -> UIDriver {
        pressed += 1
        keyboard.press(key)
        return self
    }

    /// Types `text` one character at a time (a line break is Enter, a tab is Tab).
    @discardableResult
    public func type(_ text: String) -> UIDriver {
        for character in text {
            switch character {
            case "\n", "\r\n": press(key: .enter)
            case "\t": press(key: .tab)
            default: press(key: .char(character))
            }
        }
        return self
    }

    // MARK: Screen

    /// The last frame drawn, one string per row. Keys just pressed may not show in it yet:
    /// wait for what they do first.
    public var screen: ScreenText { frames.latest?.screen ?? ScreenText(lines: []) }

    /// Waits until a frame drawn after the keys pressed so far shows `text`.
    @discardableResult
    public func waitFor(text: String, timeout: Duration = UIDriver.defaultTimeout) throws -> UIDriver {
        try waitUntil("\"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    /// Waits until a frame drawn after the keys pressed so far satisfies `condition`;
    /// `what` names the wait in the failure message.
    @discardableResult
    public func waitUntil(_ what: String, timeout: Duration = UIDriver.defaultTimeout,
                          _ condition: (ScreenText) -> Bool) throws -> UIDriver {
        _ = try settledFrame(waitingFor: what, timeout: timeout, condition)
        return self
    }

    /// Quits as a user does (the quit key) and waits for the loop to end. Fails when it does
    /// not end (a question is open, for example), showing the screen.
    public func quit(timeout: Duration = UIDriver.defaultTimeout) throws {
        try press(.quit)
        guard frames.waitForEnd(timeout: timeout) else {
            throw Failure(description: "the UI did not end after the quit key; the screen was:\n\(screen.text)")
        }
    }

    /// Ends the UI whatever it shows, as a terminal that goes away would, and waits for the
    /// loop to end. The driver's folder stays (for the recovery files, say) until `close()`.
    public func hangUp(timeout: Duration = UIDriver.defaultTimeout) throws {
        keyboard.hangUp()
        guard frames.waitForEnd(timeout: timeout) else {
            throw Failure(description: "the UI did not end after a hang-up; the screen was:\n\(screen.text)")
        }
    }

    /// Ends the UI if it still runs (as `hangUp`), waits for its thread and removes the
    /// driver's folder. Safe to call more than once; `deinit` calls it.
    public func close() {
        guard !closed else { return }
        closed = true
        // A loop that does not end keeps its folder: the thread may still write there.
        guard (try? hangUp(timeout: .seconds(60))) != nil else { return }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The first frame drawn after every pressed key was read that satisfies `condition`.
    private func settledFrame(waitingFor what: String, timeout: Duration,
                              _ condition: (ScreenText) -> Bool) throws -> FrameBoard.Frame {
        switch frames.wait(keysRead: pressed, timeout: timeout, condition) {
        case .matched(let frame):
            return frame
        case .ended(let last):
            throw Failure(description: "the UI ended while waiting for \(what); the screen was:\n\(last?.text ?? "(nothing drawn)")")
        case .timedOut(let last):
            throw Failure(description: "timed out after \(timeout) waiting for \(what); the screen was:\n\(last?.text ?? "(nothing drawn)")")
        }
    }
}

/// A frame's text, one string per row (wide characters once, as on screen).
public struct ScreenText: Sendable, CustomStringConvertible {
    public let lines: [String]

    /// Whether one row holds `text` (text that wraps onto the next row does not count).
    public func contains(_ text: String) -> Bool { lines.contains { $0.contains(text) } }

    /// The first row that holds `text`.
    public func line(containing text: String) -> String? { lines.first { $0.contains(text) } }

    /// The rows joined with line breaks.
    public var text: String { lines.joined(separator: "\n") }
    public var description: String { text }
}

/// Frames handed over from the UI's thread to the test's. The recent ones are kept, so a
/// wait sees every frame drawn while it waited, even when the test's thread was slow to
/// wake: a message that showed for a moment is not missed.
///
/// `@unchecked Sendable`: every stored property is read and written only while `condition`
/// is locked.
private final class FrameBoard: @unchecked Sendable {
    struct Frame {
        /// 0 for the first frame drawn, then counting up.
        let number: Int
        let screen: ScreenText
        let context: KeyContext
        /// Keys the loop had read when it drew this frame.
        let keysRead: Int
        var text: String { screen.text }
    }

    enum Outcome {
        case matched(Frame)
        case ended(last: Frame?)
        case timedOut(last: Frame?)
    }

    /// How many recent frames are kept for waits that have not looked at them yet.
    private static let kept = 256
    private let condition = NSCondition()
    private var recent: [Frame] = []
    private var ended = false

    var latest: Frame? {
        condition.lock()
        defer { condition.unlock() }
        return recent.last
    }

    /// Called on the UI's thread after each frame.
    func post(lines: [String], context: KeyContext, keysRead: Int) {
        condition.lock()
        recent.append(Frame(number: (recent.last?.number ?? -1) + 1, screen: ScreenText(lines: lines), context: context, keysRead: keysRead))
        if recent.count > Self.kept { recent.removeFirst(recent.count - Self.kept) }
        condition.broadcast()
        condition.unlock()
    }

    /// Called on the UI's thread when `Application.run` returns.
    func end() {
        condition.lock()
        ended = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for a frame drawn after `keysRead` keys were read that satisfies `matches`:
    /// the screen as it is now, then each frame drawn after it, in order.
    func wait(keysRead: Int, timeout: Duration, _ matches: (ScreenText) -> Bool) -> Outcome {
        let deadline = Date().addingTimeInterval(Self.seconds(timeout))
        condition.lock()
        defer { condition.unlock() }
        var looked = (recent.last?.number ?? 0) - 1
        while true {
            for frame in recent where frame.number > looked {
                looked = frame.number
                if frame.keysRead >= keysRead, matches(frame.screen) { return .matched(frame) }
            }
            if ended { return .ended(last: recent.last) }
            if !condition.wait(until: deadline) { return .timedOut(last: recent.last) }
        }
    }

    /// Waits until the UI's thread has left `Application.run`; false on a timeout.
    func waitForEnd(timeout: Duration) -> Bool {
        let deadline = Date().addingTimeInterval(Self.seconds(timeout))
        condition.lock()
        defer { condition.unlock() }
        while !ended {
            if !condition.wait(until: deadline) { return ended }
        }
        return true
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
