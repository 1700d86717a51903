/// Selection and scroll position of a list or table, kept by the pane between frames.
/// Rendering records how many rows were visible (`viewport`), so page moves made
/// in `update` between frames use the real page size.
public struct SelectionState: Equatable, Sendable {
    /// Index of the selected row, nil when nothing is selected (or there are no rows).
    public var selected: Int?
    /// Index of the first visible row.
    public var offset: Int
    /// Rows visible in the last render (0 before the first).
    public var viewport: Int

    public init(selected: Int? = nil, offset: Int = 0, viewport: Int = 0) {
        self.selected = selected
        self.offset = max(0, offset)
        self.viewport = max(0, viewport)
    }

    /// Moves the selection by `delta` rows, clamped to `0..<count`; selects the first
    /// row when nothing was selected.
    public mutating func select(next delta: Int, count: Int) {
        guard count > 0 else { selected = nil; offset = 0; return }
        let current = selected ?? (delta >= 0 ? -1 : count)
        selected = min(count - 1, max(0, current + delta))
        keepVisible()
    }

    public mutating func selectFirst(count: Int) {
        selected = count > 0 ? 0 : nil
        keepVisible()
    }

    public mutating func selectLast(count: Int) {
        selected = count > 0 ? count - 1 : nil
        keepVisible()
    }

    /// A page down (`pageDown`), or a half page with `half` (Ctrl-d).
    public mutating func pageDown(count: Int, half: Bool = false) {
        select(next: pageSize(half: half), count: count)
    }

    public mutating func pageUp(count: Int, half: Bool = false) {
        select(next: -pageSize(half: half), count: count)
    }

    /// Keeps the selection valid after the rows changed (a reload, a filter).
    public mutating func clamp(count: Int) {
        if let s = selected { selected = count > 0 ? min(s, count - 1) : nil }
        offset = min(offset, max(0, count - 1))
        keepVisible()
    }

    private func pageSize(half: Bool) -> Int {
        let page = max(1, viewport)
        return half ? max(1, page / 2) : page
    }

    /// Scrolls as little as possible so the selected row lies inside the viewport.
    public mutating func keepVisible() {
        guard let s = selected, viewport > 0 else { return }
        if s < offset { offset = s } else if s >= offset + viewport { offset = s - viewport + 1 }
    }

    /// Records the viewport for `rows` visible rows and `count` rows in all, and fixes
    /// the offset so the selection is visible and no space is wasted at the end.
    public mutating func layout(visibleRows rows: Int, count: Int) {
        viewport = max(0, rows)
        offset = min(offset, max(0, count - viewport))
        keepVisible()
        offset = max(0, offset)
    }
}

/// Selection state of a `Table`.
public typealias TableState = SelectionState
/// Selection state of a `List`.
public typealias ListState = SelectionState
