/// A day of the week, numbered as ISO 8601 does (Monday 1 ... Sunday 7).
public enum Weekday: Int, CaseIterable, Sendable, Comparable, Codable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    /// Three-letter English name, as shown in calendar headings ("Mon").
    public var shortName: String {
        switch self {
        case .monday: "Mon"
        case .tuesday: "Tue"
        case .wednesday: "Wed"
        case .thursday: "Thu"
        case .friday: "Fri"
        case .saturday: "Sat"
        case .sunday: "Sun"
        }
    }

    /// How many days this weekday comes after `first` in a week that starts on `first` (0...6).
    public func position(inWeekStartingOn first: Weekday) -> Int {
        (rawValue - first.rawValue + 7) % 7
    }

    /// The seven weekdays in display order for a week starting on `first`.
    public static func week(startingOn first: Weekday) -> [Weekday] {
        (0..<7).map { Weekday(rawValue: (first.rawValue - 1 + $0) % 7 + 1)! }
    }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A calendar day in the proleptic Gregorian calendar, with no time zone attached:
/// "25 November 2026" as a manager reads it on a wall calendar. `DisplayZone` turns
/// it into the instants it spans.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A valid date, or nil for dates such as 2026-02-29 or month 13.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), (1...LocalDate.daysIn(year: year, month: month)).contains(day) else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `days` days after 1970-01-01 (negative for earlier dates).
    public init(daysSince1970 days: Int) {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// The days a user may type: 1900 to 9999. Year 0 does not exist in PostgreSQL, and the
    /// calendar's arithmetic (a range's end is the next day's midnight) needs room after the last.
    public static let supportedRange = LocalDate(year: 1900, month: 1, day: 1)!...LocalDate(year: 9999, month: 12, day: 30)!

    /// Parses `YYYY-MM-DD`; nil for anything else or an impossible date.
    public init?(parsing text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Days since 1970-01-01 (the inverse of `init(daysSince1970:)`).
    public var daysSince1970: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public var weekday: Weekday {
        // 1970-01-01 was a Thursday.
        Weekday(rawValue: ((daysSince1970 + 3) % 7 + 7) % 7 + 1)!
    }

    public func adding(days: Int) -> LocalDate { LocalDate(daysSince1970: daysSince1970 + days) }

    /// The same day `months` months later, clamped to the end of a shorter month
    /// (31 January plus one month is 28 or 29 February).
    public func adding(months: Int) -> LocalDate {
        let index = year * 12 + (month - 1) + months
        let newYear = index >= 0 ? index / 12 : (index - 11) / 12
        let newMonth = index - newYear * 12 + 1
        let newDay = min(day, LocalDate.daysIn(year: newYear, month: newMonth))
        return LocalDate(year: newYear, month: newMonth, day: newDay)!
    }

    public var firstOfMonth: LocalDate { LocalDate(year: year, month: month, day: 1)! }

    public var daysInMonth: Int { LocalDate.daysIn(year: year, month: month) }

    /// The first day of the week containing this date, for weeks starting on `first`.
    public func startOfWeek(startingOn first: Weekday = .monday) -> LocalDate {
        adding(days: -weekday.position(inWeekStartingOn: first))
    }

    /// `2026-11-25`.
    public var description: String {
        "\(LocalDate.pad(year, 4))-\(LocalDate.pad(month, 2))-\(LocalDate.pad(day, 2))"
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func pad(_ value: Int, _ width: Int) -> String { MetricFormat.zeroPadded(value, width: width) }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
