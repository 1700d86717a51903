import FoundationEssentials

/// A wall-clock reading ("2026-11-25 14:30") with no time zone attached: what a manager
/// types when scheduling. `DisplayZone.resolve(_:)` says which instant, if any, it names.
public struct LocalDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let date: LocalDate
    public let hour: Int
    public let minute: Int
    public let second: Int

    /// A valid reading, or nil when the hour, minute or second is out of range.
    public init?(date: LocalDate, hour: Int, minute: Int, second: Int = 0) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { return nil }
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// Parses `YYYY-MM-DD HH:MM` (a `T` instead of the space is accepted too).
    public init(parsing text: String) throws(LocalDateTimeError) {
        let trimmed = text.trimmingSpaces()
        let halves = trimmed.split(whereSeparator: { $0 == " " || $0 == "T" })
        guard halves.count == 2, let date = LocalDate(parsing: halves[0]) else {
            throw .malformed(text)
        }
        let clock = halves[1].split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 2, clock.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCIIDigit) }),
              let hour = Int(clock[0]), let minute = Int(clock[1]),
              let value = LocalDateTime(date: date, hour: hour, minute: minute)
        else { throw .malformed(text) }
        self = value
    }

    /// Seconds since 1970-01-01 00:00:00 if this reading were in UTC.
    var secondsSince1970AsUTC: Int {
        date.daysSince1970 * 86_400 + hour * 3_600 + minute * 60 + second
    }

    init(secondsSince1970AsUTC seconds: Int) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        self.date = LocalDate(daysSince1970: days)
        self.hour = rest / 3_600
        self.minute = rest % 3_600 / 60
        self.second = rest % 60
    }

    /// `2026-11-25 14:30` (seconds are shown only when not zero).
    public var description: String {
        let base = "\(date) \(LocalDate.pad(hour, 2)):\(LocalDate.pad(minute, 2))"
        return second == 0 ? base : base + ":\(LocalDate.pad(second, 2))"
    }

    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
        lhs.secondsSince1970AsUTC < rhs.secondsSince1970AsUTC
    }
}

/// Why typed text is not a date and time.
public enum LocalDateTimeError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformed(String)

    public var description: String {
        switch self {
        case .malformed(let text):
            "\"\(text)\" is not a date and time (expected YYYY-MM-DD HH:MM, for example 2026-11-25 14:30)"
        }
    }
}
