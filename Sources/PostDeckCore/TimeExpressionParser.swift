import FoundationEssentials

/// The grammar behind `TimeExpression.parse`: an offset (`+2h`, `in 90 minutes`), or at most
/// one day and exactly one time of day in either order, with `at`, `on` and commas ignored.
///
///     day   = today | tomorrow | [next] WEEKDAY | YYYY-MM-DD | MM-DD
///           | MONTH DAY [YEAR] | DAY MONTH [YEAR]
///     time  = H:MM[:SS] | H[:MM](am|pm) | noon | midnight   (+ Z or ±HH:MM after a YYYY-MM-DD)
struct TimeExpressionParser {
    let now: Date
    let zone: DisplayZone
    let today: LocalDate

    init(now: Date, zone: DisplayZone) {
        self.now = now
        self.zone = zone
        self.today = zone.localDate(of: now)
    }

    /// A day as said: taken as is, or the next one that fits.
    enum Day: Equatable {
        /// `today`, `tomorrow`, `dec 15 2027`.
        case fixed(LocalDate)
        /// `2026-12-15`: a full date, the only day a UTC offset may follow.
        case iso(LocalDate)
        case weekday(Weekday, next: Bool)
        case monthDay(month: Int, day: Int)
    }

    /// A time of day, with the UTC offset it was typed with, if any.
    struct TimeOfDay: Equatable {
        let hour: Int, minute: Int, second: Int
        var offset: Int?
    }

    func parse(_ text: String) throws(TimeExpressionError) -> TimeExpression {
        let typed = text.trimmingSpacesAndNewlines()
        guard !typed.isEmpty else { throw .empty }
        let lowered = typed.lowercased()
        if lowered.hasPrefix("+") { return .instant(try offset(String(lowered.dropFirst()), typed: typed)) }
        if lowered.hasPrefix("in ") { return .instant(try offset(String(lowered.dropFirst(3)), typed: typed)) }
        if lowered.hasPrefix("-"), lowered.dropFirst().first?.isASCIIDigit == true {
            _ = try offset(String(lowered.dropFirst()), typed: typed)
            throw .negativeOffset(typed)
        }

        let words = Self.words(lowered)
        guard !words.isEmpty else { throw .unrecognized(typed, suggestion: nil) }
        var days: [(Day, String)] = []
        var clocks: [(TimeOfDay, String)] = []
        var index = 0
        while index < words.count {
            let word = words[index]
            let following = index + 1 < words.count ? words[index + 1] : nil
            if word == "next" {
                guard let following, let weekday = Self.weekdays[following] else {
                    throw .unrecognized(following.map { "next \($0)" } ?? word, suggestion: nil)
                }
                days.append((.weekday(weekday, next: true), "next \(following)"))
                index += 2
            } else if let (day, used) = try monthAndDay(words, at: index) {
                days.append((day, words[index..<index + used].joined(separator: " ")))
                index += used
            } else if let day = try day(word) {
                days.append((day, word))
                index += 1
            } else if let clock = try Self.clock(word) {
                clocks.append((clock, word))
                index += 1
            } else {
                try Self.refuseMangled(word)
                throw .unrecognized(word, suggestion: Self.suggestion(for: word))
            }
        }
        if days.count > 1 { throw .twoDays(days[0].1, days[1].1) }
        if clocks.count > 1 { throw .twoTimes(clocks[0].1, clocks[1].1) }
        guard let (clock, clockText) = clocks.first else {
            if let (_, dayText) = days.first { throw .missingTime(dayText) }
            throw .unrecognized(typed, suggestion: nil)
        }
        if let offset = clock.offset {
            guard case .iso(let date)? = days.first?.0 else { throw .offsetNeedsDate(clockText) }
            return .instant(Date(seconds: reading(date, clock).secondsSince1970AsUTC - offset))
        }
        return .wallClock(reading(days.first?.0, clock))
    }

    // MARK: Choosing the reading

    private func reading(_ date: LocalDate, _ clock: TimeOfDay) -> LocalDateTime {
        LocalDateTime(date: date, hour: clock.hour, minute: clock.minute, second: clock.second)!
    }

    /// The day said, or the first candidate whose reading is still ahead of now.
    private func reading(_ day: Day?, _ clock: TimeOfDay) -> LocalDateTime {
        let candidates: [LocalDate]
        switch day {
        case .fixed(let date), .iso(let date):
            return reading(date, clock)
        case .weekday(let weekday, next: true):
            let date = (1...7).map { today.adding(days: $0) }.first { $0.weekday == weekday }!
            return reading(date, clock)
        case .weekday(let weekday, next: false):
            candidates = (0...7).map { today.adding(days: $0) }.filter { $0.weekday == weekday }
        case .monthDay(let month, let day):
            // Eight years always hold a 29 February.
            candidates = (0...8).compactMap { LocalDate(year: today.year + $0, month: month, day: day) }
        case nil:
            candidates = [today, today.adding(days: 1)]
        }
        let readings = candidates.map { reading($0, clock) }
        return readings.first(where: isAhead) ?? readings[readings.count - 1]
    }

    /// True when some instant the reading names is after now: for a reading that happens
    /// twice, the second; for one that clocks jump over, where it would have been.
    private func isAhead(_ local: LocalDateTime) -> Bool {
        switch zone.resolve(local) {
        case .exact(let instant): instant > now
        case .nonexistent(let gap): gap.shiftedForward > now
        case .ambiguous(let overlap): overlap.later > now
        }
    }

    // MARK: Offsets

    static let units: [String: Int] = [
        "m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60,
        "h": 3_600, "hr": 3_600, "hrs": 3_600, "hour": 3_600, "hours": 3_600,
        "d": 86_400, "day": 86_400, "days": 86_400,
        "w": 604_800, "wk": 604_800, "week": 604_800, "weeks": 604_800,
    ]

    /// Now plus `text` (`2h`, `1h30m`, `90 minutes`), rounded down to the whole minute.
    private func offset(_ text: String, typed: String) throws(TimeExpressionError) -> Date {
        var seconds = 0
        var rest = Substring(text.filter { !$0.isWhitespace })
        guard !rest.isEmpty else { throw .malformedOffset(typed) }
        while !rest.isEmpty {
            let digits = rest.prefix(while: \.isASCIIDigit)
            rest = rest.dropFirst(digits.count)
            let unit = rest.prefix(while: \.isLetter)
            rest = rest.dropFirst(unit.count)
            guard !digits.isEmpty, let factor = Self.units[String(unit)] else { throw .malformedOffset(typed) }
            guard digits.count <= 7, let amount = Int(digits) else { throw .offsetTooLarge(typed) }
            seconds += amount * factor
        }
        guard seconds <= 3_650 * 86_400 else { throw .offsetTooLarge(typed) }
        guard seconds >= 60 else { throw .zeroOffset(typed) }
        let target = Int((now.timeIntervalSince1970 + Double(seconds)).rounded(.down))
        return Date(seconds: target - ((target % 60) + 60) % 60)
    }

    // MARK: Words

    /// The words of `text` (lower-cased): split at spaces and commas, a `T` between an ISO
    /// date and its time split off, `am`/`pm`/`utc` joined to the time before them, and
    /// the filler words `at` and `on` dropped.
    static func words(_ text: String) -> [String] {
        let plain = text.replacing("a.m.", with: "am").replacing("p.m.", with: "pm")
        var words: [String] = []
        for piece in plain.split(whereSeparator: { $0.isWhitespace || $0 == "," }).map(String.init) {
            let characters = Array(piece)
            if characters.count > 11, characters[10] == "t", isoDate(String(characters[0..<10])) != nil {
                words += [String(characters[0..<10]), String(characters[11...])]
            } else if ["am", "pm", "z", "utc", "gmt"].contains(piece) || (piece.first == "+" || piece.first == "-") && piece.contains(":"),
                      let last = words.last, last.first?.isASCIIDigit == true {
                words[words.count - 1] = last + (["utc", "gmt"].contains(piece) ? "z" : piece)
            } else if !["at", "on", "@"].contains(piece) {
                words.append(piece)
            }
        }
        return words
    }

    static let weekdays: [String: Weekday] = [
        "mon": .monday, "monday": .monday, "tue": .tuesday, "tues": .tuesday, "tuesday": .tuesday,
        "wed": .wednesday, "weds": .wednesday, "wednesday": .wednesday,
        "thu": .thursday, "thur": .thursday, "thurs": .thursday, "thursday": .thursday,
        "fri": .friday, "friday": .friday, "sat": .saturday, "saturday": .saturday, "sun": .sunday, "sunday": .sunday,
    ]

    static let months: [String: Int] = [
        "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
        "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
        "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
    ]

    /// The words worth suggesting for a typo.
    static let vocabulary = ["today", "tomorrow", "next", "noon", "midnight"]
        + ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        + ["january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december"]

    static func suggestion(for word: String) -> String? {
        guard word.count >= 3, word.allSatisfy(\.isLetter) else { return nil }
        let scored = vocabulary.map { ($0, ZoneNames.editDistance(word, $0)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 2, best.0 != word else { return nil }
        return best.0
    }

    /// A single-word day: `today`, `tomorrow`, a weekday, `YYYY-MM-DD`, `MM-DD`.
    private func day(_ word: String) throws(TimeExpressionError) -> Day? {
        switch word {
        case "today": return .fixed(today)
        case "tomorrow", "tmrw": return .fixed(today.adding(days: 1))
        default: break
        }
        if let weekday = Self.weekdays[word] { return .weekday(weekday, next: false) }
        let parts = word.split(separator: "-", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        if parts.count == 3 {
            if parts[0].count == 4, parts[1].count <= 2, parts[2].count <= 2 {
                guard let date = Self.isoDate(word) else { throw .noSuchDate(word) }
                return .iso(date)
            }
            if parts[2].count == 4 { throw .spreadsheetDate(word) }
            if parts[0].count <= 2 { throw .twoDigitYear(word) }
            throw .noSuchDate(word)
        }
        guard parts[0].count <= 2, parts[1].count <= 2, let month = Int(parts[0]), let day = Int(parts[1]),
              (1...12).contains(month), (1...LocalDate.daysIn(year: 2000, month: month)).contains(day)
        else { throw .noSuchDate(word) }
        return .monthDay(month: month, day: day)
    }

    /// `YYYY-MM-DD` (months and days may have one digit); nil when not a date.
    static func isoDate(_ word: String) -> LocalDate? {
        let parts = word.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        return LocalDate(year: year, month: month, day: day)
    }

    /// `dec 15`, `december 15th 2027`, `15 dec`: the day and how many words it took.
    private func monthAndDay(_ words: [String], at index: Int) throws(TimeExpressionError) -> (Day, Int)? {
        let word = words[index]
        let next = index + 1 < words.count ? words[index + 1] : nil
        let month: Int, day: Int
        if let named = Self.months[word] {
            guard let next, let number = Self.dayNumber(next) else { throw .noSuchDate(word) }
            (month, day) = (named, number)
        } else if let number = Self.dayNumber(word), let next, let named = Self.months[next] {
            (month, day) = (named, number)
        } else {
            return nil
        }
        let text = "\(words[index]) \(words[index + 1])"
        guard (1...LocalDate.daysIn(year: 2000, month: month)).contains(day) else { throw .noSuchDate(text) }
        if index + 2 < words.count, words[index + 2].count == 4, let year = Int(words[index + 2]),
           (today.year - 1...today.year + 100).contains(year) {
            guard let date = LocalDate(year: year, month: month, day: day) else { throw .noSuchDate("\(text) \(year)") }
            return (.fixed(date), 3)
        }
        return (.monthDay(month: month, day: day), 2)
    }

    /// `15`, `15th`, `1st`: a day of the month (one or two digits, checked against the month later).
    static func dayNumber(_ word: String) -> Int? {
        var digits = Substring(word)
        for suffix in ["st", "nd", "rd", "th"] where digits.hasSuffix(suffix) { digits = digits.dropLast(2) }
        guard (1...2).contains(digits.count), digits.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int(digits)
    }

    /// `9:30`, `09:30:15`, `10am`, `10:30pm`, `noon`, `midnight`, each possibly with `z` or
    /// `+01:00` after it; nil when the word is no time at all, an error when it is a wrong one.
    static func clock(_ word: String) throws(TimeExpressionError) -> TimeOfDay? {
        switch word {
        case "noon": return TimeOfDay(hour: 12, minute: 0, second: 0)
        case "midnight": return TimeOfDay(hour: 0, minute: 0, second: 0)
        default: break
        }
        var body = Substring(word)
        var offset: Int?
        if body.hasSuffix("z"), body.count > 1 {
            body = body.dropLast()
            offset = 0
        } else if body.contains(":"), let sign = body.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            guard let seconds = utcOffset(body[sign...]) else { throw .noSuchTime(word) }
            body = body[..<sign]
            offset = seconds
        }
        var meridiem: String?
        if body.hasSuffix("am") || body.hasSuffix("pm") {
            meridiem = String(body.suffix(2))
            body = body.dropLast(2)
        }
        guard body.contains(":") || (meridiem != nil && !body.isEmpty) else { return nil }
        guard body.first?.isASCIIDigit == true else { return nil }
        let parts = body.split(separator: ":", omittingEmptySubsequences: false)
        var fields: [Int] = []
        for (position, part) in parts.enumerated() {
            // Fractions of a second (`10:00:00.000Z`, as JSON output carries times) are dropped.
            let whole = position == 2 ? part.prefix(while: { $0 != "." }) : part
            let fraction = part.dropFirst(whole.count)
            guard whole.allSatisfy(\.isASCIIDigit), position == 0 ? (1...2).contains(whole.count) : whole.count == 2,
                  fraction.isEmpty || fraction.dropFirst().allSatisfy(\.isASCIIDigit),
                  let value = Int(whole) else { throw .noSuchTime(word) }
            fields.append(value)
        }
        guard fields.count <= 3 else { throw .noSuchTime(word) }
        var hour = fields[0]
        let minute = fields.count > 1 ? fields[1] : 0
        let second = fields.count > 2 ? fields[2] : 0
        if let meridiem {
            guard (1...12).contains(hour) else { throw .noSuchTime(word) }
            hour = hour % 12 + (meridiem == "pm" ? 12 : 0)
        }
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { throw .noSuchTime(word) }
        return TimeOfDay(hour: hour, minute: minute, second: second, offset: offset)
    }

    /// `+01:00`, `-0530`, `+09`: seconds east of UTC.
    static func utcOffset(_ text: Substring) -> Int? {
        let sign = text.first == "-" ? -1 : 1
        let digits = text.dropFirst().filter { $0 != ":" }
        guard [2, 4].contains(digits.count), digits.allSatisfy(\.isASCIIDigit),
              let hours = Int(digits.prefix(2)), let minutes = Int(digits.dropFirst(2).isEmpty ? "0" : String(digits.dropFirst(2))),
              hours <= 14, minutes <= 59 else { return nil }
        return sign * (hours * 3_600 + minutes * 60)
    }

    /// Throws for what a spreadsheet or a locale makes of a date: `12/15/2026`, `15.12.26`,
    /// a serial day number (`45640`, `45640.5`), or a number that could be either hour.
    static func refuseMangled(_ word: String) throws(TimeExpressionError) {
        let digitsAnd: (Character) -> Bool = { $0.isASCIIDigit || $0 == "/" || $0 == "." || $0 == "-" }
        guard word.first?.isASCIIDigit == true, word.allSatisfy(digitsAnd) else { return }
        if word.contains("/") { throw .spreadsheetDate(word) }
        if word.contains("-") { throw .noSuchDate(word) }
        let parts = word.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 1 || (parts.count == 2 && parts[0].count >= 5) {
            if parts[0].count >= 5 { throw .spreadsheetSerial(word) }
            throw .bareNumber(word)
        }
        if parts.count >= 2 { throw .spreadsheetDate(word) }
    }
}
