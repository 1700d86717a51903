import FoundationEssentials

/// How an instant is written in a display zone. English names, fixed layout, no locale
/// lookups: the same input always prints the same text, which golden tests rely on.
public enum InstantStyle: Sendable, CaseIterable {
    /// "Tue 25 Nov 14:30"
    case dayAndTime
    /// "14:30"
    case time
    /// "Tue 25 Nov"
    case day
    /// "2026-11-25"
    case date
    /// "2026-11-25 14:30", the form the scheduler accepts back.
    case dateTime
    /// "2026-11-25T14:30:00+01:00", ISO 8601 with the zone's offset at that instant.
    case iso8601
}

extension DisplayZone {
    /// Three-letter English month names, January first.
    public static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `instant` as read on a wall clock in this zone.
    public func format(_ instant: Date, _ style: InstantStyle) -> String {
        let local = localDateTime(of: instant)
        let date = local.date
        switch style {
        case .dayAndTime:
            return "\(DisplayZone.dayText(date)) \(local.clockText)"
        case .time:
            return local.clockText
        case .day:
            return DisplayZone.dayText(date)
        case .date:
            return date.description
        case .dateTime:
            return "\(date) \(local.clockText)"
        case .iso8601:
            let offset = offset(at: instant)
            return "\(date)T\(local.clockText):\(LocalDate.pad(local.second, 2))"
                + DisplayZone.offsetText(offset).dropFirst(3)
        }
    }

    /// How a prompt reads a typed time back: on the wall clock here, with the offset in
    /// effect then, and in UTC with its full date (which also says the year).
    public func preview(_ instant: Date) -> TimePreview {
        TimePreview(local: "\(format(instant, .dayAndTime)) \(offsetText(at: instant))",
                    utc: "\(DisplayZone.utc.format(instant, .dateTime)) UTC")
    }

    /// "UTC+01:00", "UTC-04:00", "UTC+10:30": the offset in effect at `instant`, for the header.
    public func offsetText(at instant: Date) -> String { DisplayZone.offsetText(offset(at: instant)) }

    /// "2026-11-25T13:30:00Z": an instant in UTC, as JSON output and logs carry it.
    public static func iso8601UTC(_ instant: Date) -> String {
        let local = LocalDateTime(secondsSince1970AsUTC: Int(instant.timeIntervalSince1970.rounded(.down)))
        return "\(local.date)T\(local.clockText):\(LocalDate.pad(local.second, 2))Z"
    }

    /// "UTC+05:30" for 19,800 seconds; seconds beyond whole minutes (old local mean times) are dropped.
    static func offsetText(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let minutes = seconds.magnitude / 60
        return "UTC\(sign)\(LocalDate.pad(Int(minutes / 60), 2)):\(LocalDate.pad(Int(minutes % 60), 2))"
    }

    /// "Tue 25 Nov".
    static func dayText(_ date: LocalDate) -> String {
        "\(date.weekday.shortName) \(date.day) \(monthNames[date.month - 1])"
    }
}

/// A typed time read back for a prompt's preview line,
/// `= Mon 14 Dec 10:45 UTC-08:00 = 2026-12-14 18:45 UTC`; the parts are kept apart so a
/// view can colour them.
public struct TimePreview: Hashable, Sendable, CustomStringConvertible {
    /// "Mon 14 Dec 10:45 UTC-08:00": the display zone's wall clock and offset.
    public let local: String
    /// "2026-12-14 18:45 UTC".
    public let utc: String

    /// "= Mon 14 Dec 10:45 UTC-08:00 = 2026-12-14 18:45 UTC".
    public var description: String { "= \(local) = \(utc)" }
}
