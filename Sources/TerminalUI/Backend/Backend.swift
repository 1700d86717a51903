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
/// sizes differ or there is no old frame. The right half of a wide character is never
/// listed (it is drawn with its left half).
func changedCells(from old: Buffer?, to new: Buffer) -> [(x: Int, y: Int, cell: Cell)] {
    var changes: [(x: Int, y: Int, cell: Cell)] = []
    let full = old == nil || old!.width != new.width || old!.height != new.height
    for y in 0..<new.height {
        for x in 0..<new.width {
            let cell = new[x, y]
            if cell.isContinuation {
                // A continuation that replaced a narrow cell needs its left half redrawn.
                if !full, old![x, y] != cell, x > 0, old![x - 1, y] == new[x - 1, y] {
                    changes.append((x - 1, y, new[x - 1, y]))
                }
                continue
            }
            if full || old![x, y] != cell { changes.append((x, y, cell)) }
        }
    }
    return changes
}
