import FoundationEssentials

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

    /// What one slot holds before the threshold is applied: its posts and their median.
    public struct Slot: Sendable, Equatable {
        public let weekday: Weekday
        public let hour: Int
        public let count: Int
        public let median: Double?

        public init(weekday: Weekday, hour: Int, count: Int, median: Double?) {
            self.weekday = weekday
            self.hour = hour
            self.count = count
            self.median = median
        }
    }

    /// Bins `(instant, value)` pairs, for example each published post's time and engagement.
    public init(_ samples: [(instant: Date, value: Double)], zone: DisplayZone, minimumCount: Int = 3) {
        var values: [Weekday: [[Double]]] = Dictionary(uniqueKeysWithValues: Weekday.allCases.map {
            ($0, Array(repeating: [], count: 24))
        })
        for sample in samples {
            let local = zone.localDateTime(of: sample.instant)
            values[local.date.weekday]![local.hour].append(sample.value)
        }
        let slots = values.flatMap { weekday, hours in
            hours.enumerated().map { Slot(weekday: weekday, hour: $0, count: $1.count, median: MetricFormat.median($1)) }
        }
        self.init(slots: slots, zone: zone, minimumCount: minimumCount)
    }

    /// Slots binned elsewhere (by the database); slots not given are empty.
    public init(slots: [Slot], zone: DisplayZone, minimumCount: Int = 3) {
        self.zone = zone
        let threshold = max(1, minimumCount)
        self.minimumCount = threshold
        var cells: [Weekday: [Cell]] = Dictionary(uniqueKeysWithValues: Weekday.allCases.map { weekday in
            (weekday, (0..<24).map { Cell(weekday: weekday, hour: $0, count: 0, state: .empty) })
        })
        for slot in slots where (0..<24).contains(slot.hour) {
            let state: Cell.State
            if slot.count == 0 { state = .empty } else if slot.count < threshold { state = .tooFew } else {
                state = slot.median.map(Cell.State.value) ?? .tooFew
            }
            cells[slot.weekday]![slot.hour] = Cell(weekday: slot.weekday, hour: slot.hour, count: slot.count, state: state)
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
}
