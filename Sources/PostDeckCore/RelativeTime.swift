import FoundationEssentials

/// An instant described relative to "now" in the words a manager reads at a glance:
/// "expires in 2 days", "expired 3 hours ago", or "-3d" where a column is narrow.
///
/// Rounding: the distance is truncated to the largest whole unit that fits, so the
/// words never overstate the time left before an expiry (47 hours 59 minutes left is
/// "47 hours", not "2 days"). Units are elapsed time, not calendar days, which keeps
/// the words independent of any time zone:
///
/// | distance            | words                          | compact |
/// |---------------------|--------------------------------|---------|
/// | under 1 minute, past | "just now"                    | `now`   |
/// | under 1 minute, ahead | "in under a minute"          | `<1m`   |
/// | under 60 minutes    | "in 12 minutes" / "12 minutes ago" | `12m` / `-12m` |
/// | under 48 hours      | "in 5 hours" / "5 hours ago"   | `5h` / `-5h` |
/// | 48 hours and more   | "in 2 days" / "3 days ago"     | `2d` / `-3d` |
///
/// Hours run up to 48 so that the last two days before an expiry, when precision
/// matters most, read in hours. An instant equal to now counts as past: a token whose
/// expiry is now can no longer publish.
public struct RelativeTime: Equatable, Sendable {
    /// The unit a distance is expressed in.
    public enum Unit: Sendable, Equatable {
        case minute, hour, day

        var seconds: Int {
            switch self {
            case .minute: 60
            case .hour: 3_600
            case .day: 86_400
            }
        }

        var word: String {
            switch self {
            case .minute: "minute"
            case .hour: "hour"
            case .day: "day"
            }
        }

        var letter: String {
            switch self {
            case .minute: "m"
            case .hour: "h"
            case .day: "d"
            }
        }
    }

    /// Whole seconds from now to the instant: negative in the past, positive ahead.
    /// Fractions of a second are dropped toward the past.
    public let seconds: Int

    /// Describes `instant` as seen from `now`.
    public init(_ instant: Date, relativeTo now: Date) {
        seconds = Int((instant.timeIntervalSince1970 - now.timeIntervalSince1970).rounded(.down))
    }

    /// Describes an event that has happened (a row's `updated_at`, a publish) as seen from
    /// `now`: never ahead, even when the clock that stamped it (the database server's, or the
    /// moment a write came back) is slightly ahead of `now`, so it reads "just now", never
    /// "in under a minute".
    public init(past instant: Date, relativeTo now: Date) {
        self.init(min(instant, now), relativeTo: now)
    }

    /// Describes `instant` as seen from the clock's current reading.
    public init(_ instant: Date, clock: some Clock) {
        self.init(instant, relativeTo: clock.now())
    }

    /// True when the instant is now or earlier.
    public var isPast: Bool { seconds <= 0 }

    /// The truncated amount and its unit, or nil when the distance is under a minute.
    public var magnitude: (amount: Int, unit: Unit)? {
        let distance = seconds.magnitude
        guard distance >= 60 else { return nil }
        let unit: Unit = distance < 3_600 ? .minute : distance < 48 * 3_600 ? .hour : .day
        return (Int(distance) / unit.seconds, unit)
    }

    /// "3 days ago", "in 5 hours", "just now", "in under a minute".
    public var words: String {
        guard let (amount, unit) = magnitude else {
            return isPast ? "just now" : "in under a minute"
        }
        let span = "\(amount) \(unit.word)\(amount == 1 ? "" : "s")"
        return isPast ? "\(span) ago" : "in \(span)"
    }

    /// A short form for narrow columns: "-3d", "2d", "5h", "-12m", "now", "<1m".
    public var compact: String {
        guard let (amount, unit) = magnitude else { return isPast ? "now" : "<1m" }
        return "\(isPast ? "-" : "")\(amount)\(unit.letter)"
    }

    /// The words for a token expiry: "expired 3 days ago", "expires in 2 days",
    /// "expired just now", and "no expiry" when the token has no expiry date.
    public static func expiry(_ expiresAt: Date?, now: Date) -> String {
        guard let expiresAt else { return "no expiry" }
        let relative = RelativeTime(expiresAt, relativeTo: now)
        return relative.isPast ? "expired \(relative.words)" : "expires \(relative.words)"
    }

    /// The compact form of an expiry for narrow columns; "none" when there is no expiry date.
    public static func compactExpiry(_ expiresAt: Date?, now: Date) -> String {
        guard let expiresAt else { return "none" }
        return RelativeTime(expiresAt, relativeTo: now).compact
    }
}
