/// A backend that draws into memory: the screen is a `Buffer`. For tests and
/// benchmarks; it counts the cells each frame wrote so diffing can be checked.
public final class MemoryBackend: Backend {
    public private(set) var screen: Buffer
    /// Cells written by the last `draw`.
    public private(set) var cellsWrittenLastFrame = 0
    /// Cells written since creation.
    public private(set) var totalCellsWritten = 0
    /// Number of `flush` calls.
    public private(set) var flushCount = 0
    private var previous: Buffer?

    public init(width: Int, height: Int) {
        screen = Buffer(width: width, height: height)
    }

    public var size: (width: Int, height: Int) { (screen.width, screen.height) }

    /// Changes the screen size, as a terminal resize would; the next frame is drawn in full.
    public func resize(width: Int, height: Int) {
        screen = Buffer(width: width, height: height)
        previous = nil
    }

    public func draw(_ buffer: Buffer) {
        let changes = changedCells(from: previous, to: buffer)
        if screen.width != buffer.width || screen.height != buffer.height {
            screen = Buffer(width: buffer.width, height: buffer.height)
        }
        for change in changes { screen[change.x, change.y] = change.cell }
        screen.cursor = buffer.cursor
        cellsWrittenLastFrame = changes.count
        totalCellsWritten += changes.count
        previous = buffer
    }

    public func flush() { flushCount += 1 }

    public func invalidate() { previous = nil }
}
