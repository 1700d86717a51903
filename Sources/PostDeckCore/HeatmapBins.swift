import Foundation

/// Posts binned by weekday and hour of the day in a display zone, for the best-time
/// heatmap: each cell holds how many posts went out in that slot and the median of their
/// value (engagement). Weekday and hour are read on the zone's wall clock at each post's
/// own instant, so daylight-saving changes put every post in the slot its audience saw.
///
/// A cell with fewer posts than `minimumCount` has no median: it is "too few", which the
/// heatmap shows differently from a slot with no posts and from a low median.
public struct HeatmapBins: Sendable {
    /// One slot of the week.
    public struct Cell: Hashable, Sendable {
        public enum State: Hashable, Sendable {
            case empty
            case tooFew
            case value(Double)
        }

        public let weekday: Weekday
        /// 0 to 23, local wall-clock hour.
        public let hour: Int
        public let count: Int
        public let state: State

        /// The median value when enough posts back it, otherwise nil.
        public var median: Double? {
            if case .value(let median) = state { median } else { nil }
        }
    }

    public let zone: DisplayZone
    public let minimumCount: Int
    private let cells: [Weekday: [Cell]]

    /// Bins `(instant, value)` pairs, for example each published post's time and engagement.
    public init(_ samples: [(instant: Date, value: Double)], zone: DisplayZone, minimumCount: Int = 3) {
        var values: [Weekday: [[Double]]] = Dictionary(uniqueKeysWithValues: Weekday.allCases.map {
            ($0, Array(repeating: [], count: 24))
        })
        for sample in samples {
            let local = zone.localDateTime(of: sample.instant)
            values[local.date.weekday]![local.hour].append(sample.value)
        }
        self.zone = zone
        let threshold = max(1, minimumCount)
        self.minimumCount = threshold
        var cells: [Weekday: [Cell]] = [:]
        for (weekday, hours) in values {
            cells[weekday] = hours.enumerated().map { hour, slot in
                Cell(weekday: weekday, hour: hour, count: slot.count, state: HeatmapBins.state(slot, threshold))
            }
        }
        self.cells = cells
    }

    public subscript(weekday: Weekday, hour: Int) -> Cell { cells[weekday]![hour] }

    /// Seven rows of 24 cells, weeks starting on the zone's first weekday.
    public var rows: [[Cell]] { Weekday.week(startingOn: zone.firstWeekday).map { cells[$0]! } }

    /// The largest median over all cells with enough posts, for scaling the legend.
    public var highestMedian: Double? { cells.values.joined().compactMap(\.median).max() }

    /// Total posts binned.
    public var totalCount: Int { cells.values.joined().reduce(0) { $0 + $1.count } }

    private static func state(_ slot: [Double], _ threshold: Int) -> Cell.State {
        if slot.isEmpty { return .empty }
        guard slot.count >= threshold, let median = MetricFormat.median(slot) else { return .tooFew }
        return .value(median)
    }
}
