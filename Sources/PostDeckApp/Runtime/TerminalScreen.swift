import FoundationEssentials
import Glibc
import TerminalUI

/// What the runtime needs from a terminal: a backend to draw on, keys to read and a
/// descriptor to `poll()`. The real one is ncurses; `HeadlessScreen` serves benchmarks
/// and in-process tests with the memory backend.
public protocol TerminalScreen: Backend {
    var inputFD: Int32 { get }
    var isUTF8: Bool { get }
    func readKey(timeoutMilliseconds: Int) -> KeyRead
    @discardableResult func updateSize() -> (width: Int, height: Int)
    func suspend()
    func resume()
}

extension NCursesBackend: TerminalScreen {}

/// A terminal in memory: keys are queued by `press`, frames land in a `MemoryBackend`
/// and are handed to `onFrame` as they are flushed. Runs the real runtime loop, so
/// measurements taken through it include the loop, the queries and the rendering.
public final class HeadlessScreen: TerminalScreen {
    public let memory: MemoryBackend
    /// Called after every flushed frame with the screen as drawn.
    public var onFrame: ((Buffer) -> Void)?
    private var keys: [Key] = []
    private let wake: [Int32]

    public init(width: Int, height: Int) {
        memory = MemoryBackend(width: width, height: height)
        var ends: [Int32] = [-1, -1]
        _ = pipe(&ends)
        _ = fcntl(ends[0], F_SETFL, fcntl(ends[0], F_GETFL) | O_NONBLOCK)
        wake = ends
    }

    deinit {
        close(wake[0])
        close(wake[1])
    }

    /// Queues a key as if it had been typed; the loop wakes up for it.
    public func press(_ key: Key) {
        keys.append(key)
        var byte: UInt8 = 1
        _ = write(wake[1], &byte, 1)
    }

    public var inputFD: Int32 { wake[0] }
    public var isUTF8: Bool { true }
    public var size: (width: Int, height: Int) { memory.size }

    public func readKey(timeoutMilliseconds: Int) -> KeyRead {
        var byte: UInt8 = 0
        _ = read(wake[0], &byte, 1)
        return keys.isEmpty ? .timeout : .key(keys.removeFirst())
    }

    public func draw(_ buffer: Buffer) { memory.draw(buffer) }
    public func flush() {
        memory.flush()
        onFrame?(memory.screen)
    }
    public func invalidate() { memory.invalidate() }
    public func updateSize() -> (width: Int, height: Int) { memory.size }
    public func suspend() {}
    public func resume() {}
}
