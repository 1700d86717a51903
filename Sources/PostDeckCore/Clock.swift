import FoundationEssentials

/// The source of "now". Injected everywhere time matters so that "expires in 3 days"
/// and "today" can be tested with a clock the test controls.
public protocol Clock: Sendable {
    func now() -> Date
}

/// The real wall clock.
public struct SystemClock: Clock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that always reads the same instant.
public struct FixedClock: Clock {
    public let instant: Date
    public init(_ instant: Date) { self.instant = instant }
    public func now() -> Date { instant }
}
