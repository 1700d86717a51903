/// Where frames go. A backend remembers the last frame it drew and writes only the
/// cells that changed; `invalidate()` forgets it so the next frame is drawn in full
/// (after Ctrl-l, a resize or a suspend).
public protocol Backend: AnyObject {
    /// The current screen size in cells.
    var size: (width: Int, height: Int) { get }
    /// Applies `buffer` as the next frame, writing only changed cells.
    func draw(_ buffer: Buffer)
    /// Makes the drawn frame visible.
    func flush()
    /// Forces the next `draw` to repaint every cell.
    func invalidate()
}

/// The result of asking the terminal for input.
public enum KeyRead: Equatable, Sendable {
    case key(Key)
    /// Nothing arrived in time.
    case timeout
    /// The terminal is gone (hang-up, EOF, EIO): the program should exit.
    case terminalGone
}

/// The cells of `new` that differ from `old`, in row-major order; every cell when the
/// sizes differ or there is no old frame. Continuation cells of a wide cluster are never
/// listed (a cluster is drawn whole from its first cell); when only a continuation
/// changed (it replaced a narrow cell), the cluster's first cell is listed instead.
package func changedCells(from old: Buffer?, to new: Buffer) -> [(x: Int, y: Int, cell: Cell)] {
    var changes: [(x: Int, y: Int, cell: Cell)] = []
    let width = new.width
    new.cells.withUnsafeBufferPointer { newCells in
        guard let old, old.width == new.width, old.height == new.height else {
            for i in newCells.indices where !newCells[i].isContinuation { changes.append((i % width, i / width, newCells[i])) }
            return
        }
        old.cells.withUnsafeBufferPointer { oldCells in
            for y in 0..<new.height {
                let row = y * width
                var lastLead = -1
                for x in 0..<width {
                    let i = row + x
                    if newCells[i].isContinuation {
                        if oldCells[i] != newCells[i], lastLead >= 0, oldCells[row + lastLead] == newCells[row + lastLead],
                           changes.last.map({ $0.x != lastLead || $0.y != y }) ?? true {
                            changes.append((lastLead, y, newCells[row + lastLead]))
                        }
                        continue
                    }
                    lastLead = x
                    if oldCells[i] != newCells[i] { changes.append((x, y, newCells[i])) }
                }
            }
        }
    }
    return changes
}
