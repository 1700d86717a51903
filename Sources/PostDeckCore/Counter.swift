/// A used/limit pair for the composer's counters ("2,215/2,200"), with the colour state
/// it turns: ok, warning from 90 % of the limit, error above the limit.
public struct Counter: Hashable, Sendable {
    public enum State: Sendable, Hashable { case ok, warning, error }

    /// What is being counted.
    public enum Kind: String, Sendable, Hashable {
        case caption, firstComment = "first comment", hashtags, mentions, media
    }

    public let kind: Kind
    public let used: Int
    public let limit: Int

    public init(_ kind: Kind, used: Int, limit: Int) {
        self.kind = kind
        self.used = used
        self.limit = limit
    }

    /// Error above the limit; warning at 90 % or more of it (exactly at the limit is a warning,
    /// not an error); ok below.
    public var state: State {
        if used > limit { return .error }
        if used * 10 >= limit * 9 { return .warning }
        return .ok
    }

    /// "2,215/2,200".
    public var text: String { "\(MetricFormat.grouped(used))/\(MetricFormat.grouped(limit))" }

    /// How many are left; negative when over.
    public var remaining: Int { limit - used }
}
