import FoundationEssentials

/// A half-open span of instants [start, end): the range a query asks for when it wants
/// a day, week or month in a display zone. Adjacent ranges share a boundary and never
/// overlap, so a post at exactly midnight belongs to exactly one day.
public struct TimeRange: Hashable, Sendable, CustomStringConvertible {
    public let start: Date
    public let end: Date

    public init(start: Date, end: Date) {
        precondition(start <= end, "a time range cannot end before it starts")
        self.start = start
        self.end = end
    }

    public func contains(_ instant: Date) -> Bool { start <= instant && instant < end }

    /// Length in seconds: 86,400 for most days, 82,800 or 90,000 on days clocks change.
    public var duration: TimeInterval { end.timeIntervalSince(start) }

    /// `[2026-11-24T23:00:00Z, 2026-11-25T23:00:00Z)`.
    public var description: String {
        "[\(DisplayZone.iso8601UTC(start)), \(DisplayZone.iso8601UTC(end)))"
    }
}
