import FoundationEssentials
import Glibc
import TerminalUI
import TerminalUINCurses

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
    /// Applies a frame of the app whose keys are read in `context` (the pane's key table).
    /// A terminal needs only the cells; a headless screen keeps the context so that an
    /// in-process test can name keys by their action.
    func draw(_ buffer: Buffer, context: KeyContext)
    /// Draws from now on with `theme`'s colours (`:theme NAME`).
    func apply(theme: Theme)
}

extension TerminalScreen {
    public func draw(_ buffer: Buffer, context: KeyContext) { draw(buffer) }
    /// A screen without colours (the memory backend) has nothing to change.
    public func apply(theme: Theme) {}
}

extension NCursesBackend: TerminalScreen {
    public func apply(theme: Theme) { self.theme = theme }
}
