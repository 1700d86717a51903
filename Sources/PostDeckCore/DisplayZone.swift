import FoundationEssentials

/// The IANA time zone in which a calendar is drawn and times are typed, plus the weekday
/// weeks start on. All day, week and month boundaries are computed here, from the zone's
/// own offsets, so they stay right across daylight-saving changes: the day clocks fall
/// back is 25 hours long, the day they spring forward 23.
///
/// Instants are `Date`s (UTC); local readings are `LocalDate` / `LocalDateTime`.
public struct DisplayZone: Hashable, Sendable {
    /// The IANA name in the database's spelling ("Europe/Berlin", "UTC").
    public let name: String
    /// The weekday weeks start on: Monday as in ISO 8601 unless the user prefers another.
    public let firstWeekday: Weekday
    /// The zone's offsets, from the system's tz database (see `ZoneRules`).
    let rules: ZoneRules

    /// The zone with this IANA name; matching ignores case and surrounding spaces.
    public init(named name: String, firstWeekday: Weekday = .monday) throws(ZoneError) {
        let trimmed = name.trimmingSpaces()
        guard !trimmed.isEmpty else { throw .unknownZone(name, suggestion: nil) }
        if let rules = ZoneRules.named(trimmed) {
            self.init(name: trimmed, rules: rules, firstWeekday: firstWeekday)
        } else if let canonical = ZoneNames.canonical(trimmed), let rules = ZoneRules.named(canonical) {
            self.init(name: canonical, rules: rules, firstWeekday: firstWeekday)
        } else {
            throw .unknownZone(name, suggestion: ZoneNames.suggestion(for: trimmed))
        }
    }

    private init(name: String, rules: ZoneRules, firstWeekday: Weekday) {
        self.name = name
        self.rules = rules
        self.firstWeekday = firstWeekday
    }

    /// Coordinated Universal Time, the last fallback of the zone rule.
    public static let utc = DisplayZone(name: "UTC", rules: .fixed(0), firstWeekday: .monday)

    /// The same zone with weeks starting on another weekday.
    public func withFirstWeekday(_ weekday: Weekday) -> DisplayZone {
        DisplayZone(name: name, rules: rules, firstWeekday: weekday)
    }

    // A zone is its name: the rules follow from it.
    public static func == (lhs: DisplayZone, rhs: DisplayZone) -> Bool {
        lhs.name == rhs.name && lhs.firstWeekday == rhs.firstWeekday
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(firstWeekday)
    }

    // MARK: Instants to local readings

    /// Seconds east of UTC in effect at `instant` (3,600 in Berlin in winter, -14,400 in New York in summer).
    public func offset(at instant: Date) -> Int {
        rules.offset(at: Int64(instant.timeIntervalSince1970.rounded(.down)))
    }

    /// The wall-clock reading at `instant` in this zone (seconds truncated).
    public func localDateTime(of instant: Date) -> LocalDateTime {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down))
        return LocalDateTime(secondsSince1970AsUTC: seconds + offset(at: instant))
    }

    /// The calendar day `instant` falls on in this zone.
    public func localDate(of instant: Date) -> LocalDate { localDateTime(of: instant).date }

    // MARK: Local readings to instants

    /// Which instant a wall-clock reading names: exactly one, none (it falls in the gap
    /// when clocks spring forward) or two (it happens twice when clocks fall back).
    public func resolve(_ local: LocalDateTime) -> LocalTimeResolution {
        let asUTC = local.secondsSince1970AsUTC
        // Offsets a day either side bracket any single transition near this reading.
        let before = offset(at: Date(seconds: asUTC - 86_400))
        let after = offset(at: Date(seconds: asUTC + 86_400))
        let candidates = Set([before, after]).sorted(by: >).compactMap { candidateOffset -> Date? in
            let instant = Date(seconds: asUTC - candidateOffset)
            return offset(at: instant) == candidateOffset ? instant : nil
        }
        if candidates.count == 1 { return .exact(candidates[0]) }
        let transition = firstInstant(withOffset: after, from: asUTC - 86_400, to: asUTC + 86_400)
        switch candidates.count {
        case 0:
            return .nonexistent(LocalTimeGap(
                local: local, transition: transition, offsetBefore: before, offsetAfter: after, zone: self))
        default:
            // Larger offset first: the earlier instant is the reading before clocks fell back.
            return .ambiguous(LocalTimeOverlap(
                local: local, earlier: candidates[0], later: candidates[1], transition: transition,
                offsetEarlier: before, offsetLater: after, zone: self))
        }
    }

    /// The one instant a wall-clock reading names; throws, explaining, when the reading
    /// does not exist or happens twice, so the caller can ask instead of guessing.
    public func instant(for local: LocalDateTime) throws(LocalTimeError) -> Date {
        switch resolve(local) {
        case .exact(let instant): instant
        case .nonexistent(let gap): throw .nonexistent(gap)
        case .ambiguous(let overlap): throw .ambiguous(overlap)
        }
    }

    /// The first instant with `target` offset in (lower, upper], by bisection on whole seconds.
    private func firstInstant(withOffset target: Int, from lower: Int, to upper: Int) -> Date {
        var low = lower, high = upper
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if offset(at: Date(seconds: middle)) == target { high = middle } else { low = middle }
        }
        return Date(seconds: high)
    }

    // MARK: Boundaries

    /// The first instant of a calendar day in this zone: local midnight, or the moment
    /// the clocks jump to if midnight is skipped, or the first of two midnights.
    public func startOfDay(_ date: LocalDate) -> Date {
        switch resolve(LocalDateTime(date: date, hour: 0, minute: 0)!) {
        case .exact(let instant): instant
        case .nonexistent(let gap): gap.transition
        case .ambiguous(let overlap): overlap.earlier
        }
    }

    /// The instants of one calendar day: [its start, the next day's start).
    public func range(of date: LocalDate) -> TimeRange {
        range(from: date, through: date)
    }

    /// The instants from the start of `first` to the end of `last` (inclusive days).
    public func range(from first: LocalDate, through last: LocalDate) -> TimeRange {
        TimeRange(start: startOfDay(first), end: startOfDay(last.adding(days: 1)))
    }

    public func startOfDay(containing instant: Date) -> Date { startOfDay(localDate(of: instant)) }

    public func startOfWeek(containing instant: Date) -> Date {
        startOfDay(localDate(of: instant).startOfWeek(startingOn: firstWeekday))
    }

    public func startOfMonth(containing instant: Date) -> Date {
        startOfDay(localDate(of: instant).firstOfMonth)
    }

    public func dayRange(containing instant: Date) -> TimeRange { range(of: localDate(of: instant)) }

    public func weekRange(containing instant: Date) -> TimeRange { weekRange(of: localDate(of: instant)) }

    public func monthRange(containing instant: Date) -> TimeRange { monthRange(of: localDate(of: instant)) }

    /// The seven days of the week containing `date`, as instants.
    public func weekRange(of date: LocalDate) -> TimeRange {
        let first = date.startOfWeek(startingOn: firstWeekday)
        return range(from: first, through: first.adding(days: 6))
    }

    /// The whole month containing `date`, as instants.
    public func monthRange(of date: LocalDate) -> TimeRange {
        let first = date.firstOfMonth
        return range(from: first, through: first.adding(days: first.daysInMonth - 1))
    }

    /// The instants of every day a month grid shows, leading and trailing days included.
    public func range(of grid: MonthGrid) -> TimeRange {
        range(from: grid.days[0], through: grid.days[grid.days.count - 1])
    }

    /// The month grid for the month containing `date`, starting weeks on this zone's first weekday.
    public func monthGrid(for date: LocalDate, rows: MonthGrid.Rows = .six) -> MonthGrid {
        MonthGrid(month: date, firstWeekday: firstWeekday, rows: rows)
    }
}

extension Date {
    init(seconds: Int) { self.init(timeIntervalSince1970: TimeInterval(seconds)) }
}
