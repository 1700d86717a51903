/// Why typed text is not a time postdeck schedules at. Each description is the one line a
/// user sees, saying what was wrong and what is accepted; examples are relative (`tomorrow
/// 09:30`, `+2h`) or patterns (`YYYY-MM-DD HH:MM`), so they never name a past date.
public enum TimeExpressionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Nothing was typed.
    case empty
    /// A word that is no part of a time ("tmorrow"), with a likely intended word.
    case unrecognized(String, suggestion: String?)
    /// A date with slashes or dots, as spreadsheets and some locales write them: month and
    /// day (or a two-digit year) could be read more than one way.
    case spreadsheetDate(String)
    /// A number such as 45640: a spreadsheet's serial day number where a date was.
    case spreadsheetSerial(String)
    /// A number alone ("9", "0930"): is 9 morning or evening?
    case bareNumber(String)
    /// A date whose year has two digits ("26-12-15").
    case twoDigitYear(String)
    /// A date the calendar does not have ("2026-02-30", "13-01").
    case noSuchDate(String)
    /// A time of day the clock does not have ("25:00", "13pm", "10:60").
    case noSuchTime(String)
    /// A day without a time of day ("tomorrow").
    case missingTime(String)
    /// An offset that is not a whole number with a unit ("+2", "+1.5h", "+2x").
    case malformedOffset(String)
    /// An offset into the past ("-2h").
    case negativeOffset(String)
    /// An offset of nothing ("+0m").
    case zeroOffset(String)
    /// An offset beyond ten years ("+99999d").
    case offsetTooLarge(String)
    /// Two days in one time ("tomorrow fri 10:00").
    case twoDays(String, String)
    /// Two times of day in one time ("10am 14:00").
    case twoTimes(String, String)
    /// A UTC offset without the full date it belongs to ("fri 10:00z").
    case offsetNeedsDate(String)

    static let accepted = "for example tomorrow 09:30, fri 10am, +2h or YYYY-MM-DD HH:MM"

    public var description: String {
        switch self {
        case .empty:
            "type a time, \(Self.accepted)"
        case .unrecognized(let word, let suggestion):
            "\"\(word)\" is not part of a time\(suggestion.map { " (did you mean \"\($0)\"?)" } ?? ""); \(Self.accepted)"
        case .spreadsheetDate(let text):
            "\"\(text)\" could be read more than one way (month or day first, a short year), so it is not guessed: "
                + "type YYYY-MM-DD HH:MM, or MM-DD HH:MM for the next such day (12-15 10:00 is 15 December)"
        case .spreadsheetSerial(let text):
            "\"\(text)\" looks like a spreadsheet's serial day number, not a date: type the date itself, YYYY-MM-DD HH:MM"
        case .bareNumber(let text):
            "\"\(text)\" alone is not a time of day: write hours and minutes with a colon (09:30, 21:00) or am/pm (9am, 9pm)"
        case .twoDigitYear(let text):
            "\"\(text)\" has a two-digit year: write the year in full, YYYY-MM-DD HH:MM, or MM-DD HH:MM for the next such day"
        case .noSuchDate(let text):
            "\"\(text)\" is not a day of the calendar: dates are YYYY-MM-DD or MM-DD, month first (12-15 is 15 December)"
        case .noSuchTime(let text):
            "\"\(text)\" is not a time of day: use 00:00 to 23:59, or 1 to 12 with am/pm (9am, 12pm is noon)"
        case .missingTime(let day):
            "\"\(day)\" needs a time of day too, for example \(day) 09:30 or \(day) 5pm"
        case .malformedOffset(let text):
            "\"\(text)\" is not an offset: use a whole number and a unit, +90m (minutes), +2h (hours), +1d (days) or +1w (weeks)"
        case .negativeOffset(let text):
            "\"\(text)\" is in the past: offsets count forward from now, for example +2h"
        case .zeroOffset(let text):
            "\"\(text)\" is now: an offset is at least a minute, for example +15m"
        case .offsetTooLarge(let text):
            "\"\(text)\" is too far ahead: offsets go up to ten years (+3650d); type a date, YYYY-MM-DD HH:MM"
        case .twoDays(let first, let second):
            "\"\(first)\" and \"\(second)\" are two days: say one, for example \(second) 10:00"
        case .twoTimes(let first, let second):
            "\"\(first)\" and \"\(second)\" are two times of day: say one, for example tomorrow \(second)"
        case .offsetNeedsDate(let text):
            "a UTC offset (\"\(text)\") needs the full date it belongs to: YYYY-MM-DDTHH:MMZ or YYYY-MM-DD HH:MM+01:00"
        }
    }
}
