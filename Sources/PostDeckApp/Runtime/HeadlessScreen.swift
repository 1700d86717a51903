import FoundationEssentials
import Glibc
import Synchronization
import TerminalUI

/// A terminal in memory: keys come from a `HeadlessKeyboard`, frames land in a
/// `MemoryBackend` and are handed to `onFrame` as they are flushed. Runs the real runtime
/// loop, so measurements and tests taken through it include the loop, the queries and the
/// rendering. Everything but its keyboard belongs to the thread that runs the loop.
public final class HeadlessScreen: TerminalScreen {
    public let memory: MemoryBackend
    /// Where keys come from; other threads press keys through it.
    public let keyboard: HeadlessKeyboard
    /// Called on the loop's thread after every flushed frame, with the screen as drawn and
    /// the key context it was drawn in.
    public var onFrame: ((_ screen: Buffer, _ context: KeyContext) -> Void)?
    /// The key context of the last frame drawn.
    public private(set) var context: KeyContext = .global

    public init(width: Int, height: Int, keyboard: HeadlessKeyboard = HeadlessKeyboard()) {
        memory = MemoryBackend(width: width, height: height)
        self.keyboard = keyboard
    }

    /// Queues a key as if it had been typed; the loop wakes up for it.
    public func press(_ key: Key) { keyboard.press(key) }

    public var inputFD: Int32 { keyboard.inputFD }
    public var isUTF8: Bool { true }
    public var size: (width: Int, height: Int) { memory.size }
    public func readKey(timeoutMilliseconds: Int) -> KeyRead { keyboard.next() }

    public func draw(_ buffer: Buffer) { memory.draw(buffer) }
    public func draw(_ buffer: Buffer, context: KeyContext) {
        self.context = context
        memory.draw(buffer)
    }
    public func flush() {
        memory.flush()
        onFrame?(memory.screen, context)
    }
    public func invalidate() { memory.invalidate() }
    public func updateSize() -> (width: Int, height: Int) { memory.size }
    public func suspend() {}
    public func resume() {}
}

/// The keys of a `HeadlessScreen`: a queue that any thread fills and the loop's thread
/// empties, and a pipe whose read end the loop polls, so a key pressed from another thread
/// wakes it. Each key is queued before its wake-up byte is written, so the loop never
/// sleeps while a key waits.
///
/// The state is behind a mutex; the descriptors are set once in `init`, and
/// `read(2)`/`write(2)` on a pipe are safe from any thread.
public final class HeadlessKeyboard: Sendable {
    private struct State {
        var keys: [Key] = []
        var read = 0
        var gone = false
    }

    private let state = Mutex(State())
    private let wakeRead: Int32
    private let wakeWrite: Int32

    public init() {
        var ends: [Int32] = [-1, -1]
        _ = pipe(&ends)
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        wakeRead = ends[0]
        wakeWrite = ends[1]
    }

    deinit {
        close(wakeRead)
        close(wakeWrite)
    }

    /// Queues a key as if it had been typed.
    public func press(_ key: Key) {
        state.withLock { $0.keys.append(key) }
        wake()
    }

    /// Ends the session as a terminal going away would: once the queued keys are read,
    /// the loop reads `.terminalGone` and exits.
    public func hangUp() {
        state.withLock { $0.gone = true }
        wake()
    }

    /// How many keys the loop has read so far. A frame drawn after the loop read N keys
    /// shows what those N keys did.
    public var keysRead: Int { state.withLock { $0.read } }

    /// The descriptor the loop polls: readable when a key (or the hang-up) may be waiting.
    public var inputFD: Int32 { wakeRead }

    /// The next key, `.timeout` when none waits, `.terminalGone` after `hangUp`. Never blocks.
    public func next() -> KeyRead {
        var byte: UInt8 = 0
        _ = read(wakeRead, &byte, 1)
        return state.withLock { state in
            if !state.keys.isEmpty {
                state.read += 1
                return .key(state.keys.removeFirst())
            }
            return state.gone ? .terminalGone : .timeout
        }
    }

    private func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }
}
