import FoundationEssentials

/// A time as a manager types it when scheduling — `tomorrow 09:30`, `14:00`, `fri 10am`,
/// `next monday 9:00`, `12-15 10:00`, `2026-12-15 10:00`, `noon`, `+2h` — read relative to
/// now in a display zone.
///
/// Everything said on a wall clock stays a wall-clock reading (`wallClock`), to be resolved
/// in the zone with `resolve(in:)`, so the one clock-change policy applies to typed times
/// as to every other: a reading that does not exist is refused with the next valid time
/// suggested, one that happens twice must be chosen (earlier or later). Offsets (`+2h`,
/// `in 90 minutes`) are elapsed time and so name an `instant`, as does an ISO 8601 time
/// with its UTC offset (`2026-12-15T10:00Z`).
///
/// How the readings are chosen:
/// - A time without a day is the next one after now: today if today's is still ahead
///   (either of a doubled reading counts), else tomorrow.
/// - A weekday (`fri 10am`) is the next such day whose reading is still ahead, today
///   included; `next fri` is the first Friday after today, never today.
/// - A day without a year (`12-15`, `dec 15`) is its next occurrence whose reading is still
///   ahead (`02-29` waits for the next leap year).
/// - `today`, `tomorrow` and full dates are taken as said, even when already past: the
///   caller refuses a past time, with the preview showing it.
/// - Offsets are rounded down to the whole minute (`+2h` at 10:00:30 is 12:00:00).
///
/// What a spreadsheet may have done to a date (`12/15/2026`, `15.12.26`, a serial day number
/// such as `45640`) is refused, never guessed; so is a bare hour (`9`: am or pm?).
public enum TimeExpression: Hashable, Sendable {
    /// A wall-clock reading in the display zone, not yet an instant.
    case wallClock(LocalDateTime)
    /// An exact instant: now plus an offset, or a time typed with its UTC offset.
    case instant(Date)

    /// Reads `text` as typed at `now` by someone whose wall clock is `zone`.
    public static func parse(_ text: String, now: Date, zone: DisplayZone) throws(TimeExpressionError) -> TimeExpression {
        try TimeExpressionParser(now: now, zone: zone).parse(text)
    }

    /// Which instant the expression names in `zone`: for a wall-clock reading exactly one,
    /// none (clocks jump over it) or two (clocks go back over it), as `DisplayZone.resolve`.
    public func resolve(in zone: DisplayZone) -> LocalTimeResolution {
        switch self {
        case .wallClock(let local): zone.resolve(local)
        case .instant(let instant): .exact(instant)
        }
    }

    /// Inputs to show as examples in a prompt's placeholder or help, each naming a time
    /// after `now` in `zone`: `tomorrow 09:30`, `fri 10am` (two days ahead), `+2h`, and the
    /// 15th of next month at 10:00 as `MM-DD` and as a full date.
    public static func examples(now: Date, zone: DisplayZone) -> [String] {
        let today = zone.localDate(of: now)
        let weekday = today.adding(days: 2).weekday.shortName.lowercased()
        let nextMonth = today.adding(months: 1)
        let fifteenth = LocalDate(year: nextMonth.year, month: nextMonth.month, day: 15)!
        let monthDay = "\(LocalDate.pad(fifteenth.month, 2))-\(LocalDate.pad(fifteenth.day, 2))"
        return ["tomorrow 09:30", "\(weekday) 10am", "+2h", "\(monthDay) 10:00", "\(fifteenth) 10:00"]
    }
}
