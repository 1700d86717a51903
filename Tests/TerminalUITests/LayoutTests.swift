import Testing
@testable import TerminalUI

@Suite struct LayoutTests {
    /// Properties every split must have, whatever the input.
    func checkInvariants(_ rect: Rect, _ axis: Axis, _ constraints: [Constraint], spacing: Int,
                         _ parts: [Rect]) {
        #expect(parts.count == constraints.count)
        var previousEnd = axis == .horizontal ? rect.x : rect.y
        for part in parts {
            #expect(part.width >= 0 && part.height >= 0)
            let start = axis == .horizontal ? part.x : part.y
            let end = axis == .horizontal ? part.right : part.bottom
            #expect(start >= previousEnd, "overlap in \(parts) for \(constraints) in \(rect)")
            #expect(end <= (axis == .horizontal ? rect.right : rect.bottom), "\(parts) outside \(rect)")
            if axis == .horizontal { #expect(part.y == rect.y && part.height == rect.height) }
            else { #expect(part.x == rect.x && part.width == rect.width) }
            previousEnd = end
        }
    }

    @Test func everySizeAndConstraintMixKeepsInvariants() {
        let pool: [Constraint] = [.fixed(0), .fixed(1), .fixed(3), .fixed(10), .fixed(-4), .percentage(0),
                                  .percentage(25), .percentage(50), .percentage(100), .percentage(150),
                                  .min(0), .min(2), .min(20), .fill(1), .fill(3), .fill(0)]
        var rng = SeededRandom(seed: 7)
        for length in 0...200 {
            for _ in 0..<20 {
                let constraints = (0..<(1 + rng.next(upTo: 5))).map { _ in pool[rng.next(upTo: pool.count)] }
                let spacing = rng.next(upTo: 3)
                let rect = Rect(x: rng.next(upTo: 5), y: 3, width: length, height: 2)
                checkInvariants(rect, .horizontal, constraints, spacing: spacing,
                                split(rect, .horizontal, constraints, spacing: spacing))
                let tall = Rect(x: 1, y: rng.next(upTo: 5), width: 4, height: length)
                checkInvariants(tall, .vertical, constraints, spacing: spacing,
                                split(tall, .vertical, constraints, spacing: spacing))
            }
        }
    }

    @Test func aFillPartMakesTheSplitCoverTheLengthExactly() {
        for length in 0...200 {
            for constraints: [Constraint] in [[.fixed(1), .fill(1), .fixed(1)], [.percentage(30), .fill(2), .fill(1)],
                                              [.min(5), .fill(1)], [.fill(1), .fill(1), .fill(1)]] {
                let sizes = Layout.sizes(for: constraints, length: length)
                #expect(sizes.reduce(0, +) == length, "\(constraints) at \(length): \(sizes)")
            }
        }
    }

    @Test func fixedPartsGetTheirSizeWhenItFits() {
        for length in 2...200 {
            let parts = split(Rect(width: length, height: 1), .horizontal, [.fixed(1), .fill(1), .fixed(1)])
            #expect(parts[0].width == 1 && parts[2].width == 1)
            #expect(parts[2].right == length)
        }
    }

    @Test func percentagesThatAddUpTo100CoverExactly() {
        for length in 0...200 {
            #expect(Layout.sizes(for: [.percentage(50), .percentage(50)], length: length).reduce(0, +) == length)
            #expect(Layout.sizes(for: [.percentage(33), .percentage(33), .percentage(34)], length: length).reduce(0, +) == length)
            let thirds = Layout.sizes(for: [.percentage(50), .percentage(50)], length: length)
            #expect(abs(thirds[0] - thirds[1]) <= 1)
        }
    }

    @Test func fillWeightsShareTheRestProportionally() {
        #expect(Layout.sizes(for: [.fill(1), .fill(3)], length: 100) == [25, 75])
        #expect(Layout.sizes(for: [.fixed(10), .fill(1), .fill(1)], length: 31) == [10, 10, 11])
    }

    @Test func minGrowsOnlyWithoutFillParts() {
        #expect(Layout.sizes(for: [.min(5), .fixed(3)], length: 20) == [17, 3])
        #expect(Layout.sizes(for: [.min(5), .fill(1)], length: 20) == [5, 15])
    }

    @Test func shortLengthsShrinkPercentagesThenFixedThenMin() {
        #expect(Layout.sizes(for: [.min(4), .fixed(4), .percentage(50)], length: 6) == [4, 2, 0])
        #expect(Layout.sizes(for: [.fixed(1), .fill(1), .fixed(1)], length: 1) == [1, 0, 0])
        #expect(Layout.sizes(for: [.fixed(5)], length: 0) == [0])
    }

    @Test func spacingSeparatesPartsAndNeverOverflows() {
        let parts = split(Rect(width: 10, height: 1), .horizontal, [.fill(1), .fill(1)], spacing: 2)
        #expect(parts.map(\.width) == [4, 4])
        #expect(parts[1].x == 6)
        let tiny = split(Rect(width: 1, height: 1), .horizontal, [.fill(1), .fill(1), .fill(1)], spacing: 5)
        #expect(tiny.allSatisfy { $0.right <= 1 })
        #expect(split(.zero, .vertical, [.fixed(3), .fill(1)]).allSatisfy { $0.isEmpty })
        #expect(split(Rect(width: 5, height: 5), .vertical, []).isEmpty)
    }
}

@Suite struct RectTests {
    @Test func sizesNeverGoNegative() {
        var r = Rect(x: 0, y: 0, width: -3, height: 2)
        #expect(r.width == 0)
        r.height -= 10
        #expect(r.height == 0)
        #expect(Rect(width: 3, height: 3).inset(by: 5).isEmpty)
        #expect(Rect(width: 3, height: 3).inset(by: 5).x <= 3)
    }

    @Test func insetSplitAndCenter() {
        let r = Rect(x: 2, y: 1, width: 10, height: 6)
        #expect(r.inset(by: 1) == Rect(x: 3, y: 2, width: 8, height: 4))
        #expect(r.splitTop(2).rest == Rect(x: 2, y: 3, width: 10, height: 4))
        #expect(r.splitBottom(1).bottom == Rect(x: 2, y: 6, width: 10, height: 1))
        #expect(r.splitRight(4).right == Rect(x: 8, y: 1, width: 4, height: 6))
        #expect(r.splitLeft(40).left == r)
        #expect(r.centered(width: 4, height: 2) == Rect(x: 5, y: 3, width: 4, height: 2))
        #expect(r.centered(width: 40, height: 20) == r)
    }

    @Test func intersectionAndClamp() {
        let a = Rect(x: 0, y: 0, width: 5, height: 5)
        #expect(a.intersection(Rect(x: 3, y: 3, width: 5, height: 5)) == Rect(x: 3, y: 3, width: 2, height: 2))
        #expect(a.intersection(Rect(x: 9, y: 9, width: 1, height: 1)).isEmpty)
        #expect(Rect(x: 4, y: 4, width: 3, height: 3).clamped(to: a) == Rect(x: 2, y: 2, width: 3, height: 3))
    }
}
