/// The days a month view shows: whole weeks from the week containing the 1st, with the
/// previous and next month's days filling the first and last rows. Pure calendar
/// arithmetic; `DisplayZone.range(of:)` gives the instants a query needs for it.
public struct MonthGrid: Hashable, Sendable {
    /// How many week rows the grid has.
    public enum Rows: Sendable, Hashable {
        /// Always six rows, so the layout never jumps between months.
        case six
        /// As many rows as the month needs: four (a 28-day February starting on the first
        /// weekday), five or six.
        case fitted
    }

    /// The first day of the month shown.
    public let month: LocalDate
    public let firstWeekday: Weekday
    /// Every day shown, row by row, a multiple of seven long.
    public let days: [LocalDate]

    public init(month date: LocalDate, firstWeekday: Weekday = .monday, rows: Rows = .six) {
        let first = date.firstOfMonth
        let leading = first.weekday.position(inWeekStartingOn: firstWeekday)
        let needed = (leading + first.daysInMonth + 6) / 7
        let rowCount = rows == .six ? 6 : needed
        let start = first.adding(days: -leading)
        self.month = first
        self.firstWeekday = firstWeekday
        self.days = (0..<(rowCount * 7)).map { start.adding(days: $0) }
    }

    /// The days split into rows of seven.
    public var weeks: [[LocalDate]] {
        stride(from: 0, to: days.count, by: 7).map { Array(days[$0..<$0 + 7]) }
    }

    /// Column headings in display order ("Mon" ... "Sun" for ISO weeks).
    public var weekdays: [Weekday] { Weekday.week(startingOn: firstWeekday) }

    /// True for days of the month itself, false for the leading and trailing days.
    public func isInMonth(_ day: LocalDate) -> Bool {
        day.year == month.year && day.month == month.month
    }

    /// "November 2026".
    public var title: String { "\(MonthGrid.monthNames[month.month - 1]) \(month.year)" }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]
}
