/// A point on the screen, in columns (`x`) and rows (`y`) from the top-left corner.
public struct Point: Hashable, Sendable {
    public var x: Int
    public var y: Int

    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}

/// A rectangle of cells. Width and height are never negative: every operation that
/// would shrink a side below zero yields an empty rectangle instead, so layout code
/// can subtract freely at tiny terminal sizes.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int { didSet { if width < 0 { width = 0 } } }
    public var height: Int { didSet { if height < 0 { height = 0 } } }

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// A rectangle at the origin.
    public init(width: Int, height: Int) {
        self.init(x: 0, y: 0, width: width, height: height)
    }

    public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

    public var isEmpty: Bool { width == 0 || height == 0 }
    /// Number of cells covered.
    public var area: Int { width * height }
    /// One past the last column.
    public var right: Int { x + width }
    /// One past the last row.
    public var bottom: Int { y + height }

    public var description: String { "(\(x),\(y) \(width)x\(height))" }

    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < right && py >= y && py < bottom
    }

    /// Shrinks every side by `margin` (an empty rect when too small).
    public func inset(by margin: Int) -> Rect {
        inset(top: margin, left: margin, bottom: margin, right: margin)
    }

    /// Shrinks left and right by `horizontal`, top and bottom by `vertical`.
    public func inset(horizontal: Int, vertical: Int) -> Rect {
        inset(top: vertical, left: horizontal, bottom: vertical, right: horizontal)
    }

    /// Shrinks each side independently; the origin never moves past the far edge.
    public func inset(top: Int, left: Int, bottom: Int, right: Int) -> Rect {
        let l = min(max(0, left), width), t = min(max(0, top), height)
        return Rect(x: x + l, y: y + t,
                    width: width - l - max(0, right),
                    height: height - t - max(0, bottom))
    }

    /// The overlap of two rectangles (empty, positioned inside `self`, when they do not overlap).
    public func intersection(_ other: Rect) -> Rect {
        let nx = min(max(x, other.x), right), ny = min(max(y, other.y), bottom)
        let nr = max(nx, min(right, other.right)), nb = max(ny, min(bottom, other.bottom))
        return Rect(x: nx, y: ny, width: nr - nx, height: nb - ny)
    }

    /// This rectangle moved and shrunk to lie inside `bounds`.
    public func clamped(to bounds: Rect) -> Rect {
        let w = min(width, bounds.width), h = min(height, bounds.height)
        let nx = min(max(x, bounds.x), bounds.right - w)
        let ny = min(max(y, bounds.y), bounds.bottom - h)
        return Rect(x: nx, y: ny, width: w, height: h)
    }

    /// A rectangle of at most the given size, centred in this one.
    public func centered(width w: Int, height h: Int) -> Rect {
        let cw = min(max(0, w), width), ch = min(max(0, h), height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }

    /// The single row at offset `index` from the top (empty when outside).
    public func row(_ index: Int) -> Rect {
        guard index >= 0, index < height else { return Rect(x: x, y: y, width: width, height: 0) }
        return Rect(x: x, y: y + index, width: width, height: 1)
    }

    /// Splits off `count` rows at the top: (top, rest).
    public func splitTop(_ count: Int) -> (top: Rect, rest: Rect) {
        let n = min(max(0, count), height)
        return (Rect(x: x, y: y, width: width, height: n),
                Rect(x: x, y: y + n, width: width, height: height - n))
    }

    /// Splits off `count` rows at the bottom: (rest, bottom).
    public func splitBottom(_ count: Int) -> (rest: Rect, bottom: Rect) {
        let n = min(max(0, count), height)
        return (Rect(x: x, y: y, width: width, height: height - n),
                Rect(x: x, y: bottom - n, width: width, height: n))
    }

    /// Splits off `count` columns at the left: (left, rest).
    public func splitLeft(_ count: Int) -> (left: Rect, rest: Rect) {
        let n = min(max(0, count), width)
        return (Rect(x: x, y: y, width: n, height: height),
                Rect(x: x + n, y: y, width: width - n, height: height))
    }

    /// Splits off `count` columns at the right: (rest, right).
    public func splitRight(_ count: Int) -> (rest: Rect, right: Rect) {
        let n = min(max(0, count), width)
        return (Rect(x: x, y: y, width: width - n, height: height),
                Rect(x: right - n, y: y, width: n, height: height))
    }
}
