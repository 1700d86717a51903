/// The direction a layout splits along.
public enum Axis: Sendable, Hashable {
    /// Side by side: splits the width into columns.
    case horizontal
    /// Stacked: splits the height into rows.
    case vertical
}

/// How much of the split length one part asks for.
public enum Constraint: Sendable, Hashable {
    /// Exactly this many cells (less only when the space runs out).
    case fixed(Int)
    /// This percentage (0–100) of the length left after spacing.
    case percentage(Int)
    /// At least this many cells; grows like `fill(1)` when nothing else fills.
    case min(Int)
    /// A share of what is left, proportional to the weight.
    case fill(Int)
}

/// Splits `rect` along `axis` into one rectangle per constraint, in order, separated
/// by `spacing` cells. Modelled on ratatui's `Layout`, but simple and total: it never
/// underflows and never returns a negative size, whatever the rect (0x0 and 1x1
/// included), and the parts always lie inside `rect` without overlapping.
///
/// Sizing: fixed and min parts get their size, percentages get their share (rounded
/// so that percentages adding up to 100 cover the length exactly), then what is left
/// goes to fill parts by weight (or, with no fill parts, to min parts). When the
/// length is too short, percentages shrink first, then fixed parts, then min parts,
/// each class from its last part backwards.
public func split(_ rect: Rect, _ axis: Axis, _ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
    let count = constraints.count
    guard count > 0 else { return [] }
    let length = axis == .horizontal ? rect.width : rect.height
    let gap = max(0, spacing)
    let totalGaps = min(length, gap * (count - 1))
    let available = length - totalGaps
    let sizes = Layout.sizes(for: constraints, length: available)

    var rects: [Rect] = []
    rects.reserveCapacity(count)
    var offset = 0
    for (index, size) in sizes.enumerated() {
        let start = min(offset, length)
        let clamped = min(size, length - start)
        rects.append(axis == .horizontal
            ? Rect(x: rect.x + start, y: rect.y, width: clamped, height: rect.height)
            : Rect(x: rect.x, y: rect.y + start, width: rect.width, height: clamped))
        offset = start + clamped
        if index < count - 1 { offset = min(length, offset + gap) }
    }
    return rects
}

/// Namespace for the sizing arithmetic behind `split`.
public enum Layout {
    /// Sizes along one axis for `constraints` sharing `length` cells. The sum never
    /// exceeds `length`, and equals it whenever a fill part is present.
    public static func sizes(for constraints: [Constraint], length: Int) -> [Int] {
        let length = max(0, length)
        var sizes = [Int](repeating: 0, count: constraints.count)

        // Percentages: cumulative rounding so 50/50 or 33/33/34 cover exactly.
        var cumulative = 0, previousEdge = 0
        for (i, c) in constraints.enumerated() {
            switch c {
            case .fixed(let n): sizes[i] = max(0, n)
            case .min(let n): sizes[i] = max(0, n)
            case .percentage(let p):
                cumulative += Swift.min(100, Swift.max(0, p))
                let edge = length * Swift.min(cumulative, 100) / 100
                sizes[i] = max(0, edge - previousEdge)
                previousEdge = edge
            case .fill: sizes[i] = 0
            }
        }

        var total = sizes.reduce(0, +)
        if total > length {
            shrink(&sizes, constraints, by: total - length)
            return sizes
        }

        // Distribute the rest to fills by weight, else to mins equally.
        var leftover = length - total
        var weights = constraints.map { c -> Int in if case .fill(let w) = c { max(0, w) } else { 0 } }
        let hasFill = constraints.contains { if case .fill = $0 { true } else { false } }
        if hasFill, weights.allSatisfy({ $0 == 0 }) {
            weights = constraints.map { if case .fill = $0 { 1 } else { 0 } }
        }
        if !hasFill {
            weights = constraints.map { if case .min = $0 { 1 } else { 0 } }
        }
        let weightSum = weights.reduce(0, +)
        guard weightSum > 0, leftover > 0 else { return sizes }
        var given = 0, runningWeight = 0
        for i in sizes.indices where weights[i] > 0 {
            runningWeight += weights[i]
            let edge = leftover * runningWeight / weightSum
            sizes[i] += edge - given
            given = edge
        }
        leftover -= given
        total = sizes.reduce(0, +)
        assert(leftover == 0 && total == length)
        return sizes
    }

    private static func shrink(_ sizes: inout [Int], _ constraints: [Constraint], by excess: Int) {
        var excess = excess
        let classes: [(Constraint) -> Bool] = [
            { if case .percentage = $0 { true } else { false } },
            { if case .fixed = $0 { true } else { false } },
            { if case .min = $0 { true } else { false } },
        ]
        for belongs in classes where excess > 0 {
            for i in sizes.indices.reversed() where excess > 0 && belongs(constraints[i]) {
                let cut = Swift.min(sizes[i], excess)
                sizes[i] -= cut
                excess -= cut
            }
        }
    }
}
