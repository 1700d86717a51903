import FoundationEssentials
import Synchronization

/// A time zone's offset from UTC at any instant, read from the system's IANA database: the
/// compiled TZif files of the `tzdata` package (`/usr/share/zoneinfo`, or `$TZDIR`).
///
/// postdeck reads them itself instead of asking Foundation's `TimeZone`, which on Linux
/// goes through ICU: loading ICU's zone data costs several megabytes of memory and
/// milliseconds of start-up, for what is a table lookup. The TZif format is RFC 8536; its
/// transitions run to 2037, and the POSIX TZ rule in its footer (`PosixZoneRule`) continues
/// them for later instants.
struct ZoneRules: Sendable {
    /// Instants (seconds since 1970, UTC) at which the offset changes, ascending.
    let transitions: [Int64]
    /// The offset (seconds east of UTC) in effect from each transition on.
    let offsets: [Int32]
    /// The offset before the first transition.
    let initialOffset: Int32
    /// The rule for instants after the last transition (nil: the last offset stays).
    let rule: PosixZoneRule?

    /// A zone that is always `seconds` east of UTC.
    static func fixed(_ seconds: Int) -> ZoneRules {
        ZoneRules(transitions: [], offsets: [], initialOffset: Int32(seconds), rule: nil)
    }

    /// Seconds east of UTC in effect at `instant` (seconds since 1970).
    func offset(at instant: Int64) -> Int {
        guard let first = transitions.first, instant >= first else { return Int(initialOffset) }
        if instant >= transitions[transitions.count - 1], let rule { return rule.offset(at: instant) }
        // The last transition at or before the instant.
        var low = 0, high = transitions.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if transitions[middle] <= instant { low = middle } else { high = middle - 1 }
        }
        return Int(offsets[low])
    }

    // MARK: Loading

    /// Where the compiled zone files are.
    static var directory: String {
        let configured = ProcessInfo.processInfo.environment["TZDIR"] ?? ""
        return configured.isEmpty ? "/usr/share/zoneinfo" : configured
    }

    private static let cache = Mutex<[String: ZoneRules]>([:])

    /// The rules of the zone with this exact IANA name, or nil when the database has no such
    /// zone (or no database is installed). Each zone is read once per process.
    static func named(_ name: String) -> ZoneRules? {
        // A name is a path below the database: nothing may climb out of it.
        guard !name.isEmpty, !name.hasPrefix("/"), !name.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }),
              name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "/_-+".contains($0)) })
        else { return nil }
        if let known = cache.withLock({ $0[name] }) { return known }
        guard let bytes = try? Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)),
              let rules = parse(Array(bytes)) else {
            return ["UTC", "Etc/UTC", "GMT", "Etc/GMT", "Zulu"].contains(name) ? .fixed(0) : nil
        }
        cache.withLock { $0[name] = rules }
        return rules
    }

    /// Parses a TZif file of version 2 or later (its 64-bit block and footer); nil for
    /// anything else.
    static func parse(_ bytes: [UInt8]) -> ZoneRules? {
        var reader = ByteReader(bytes: bytes)
        guard let first = reader.header(), first.version >= 2 else { return nil }
        // Skip the 32-bit block: it repeats the data with times that end in 2038.
        guard reader.skip(first.count * 5 + first.typeCount * 6 + first.charCount + first.leapCount * 8
                          + first.standardCount + first.utcCount),
              let header = reader.header() else { return nil }
        var times: [Int64] = []
        for _ in 0..<header.count {
            guard let time = reader.int64() else { return nil }
            times.append(time)
        }
        var indices: [Int] = []
        for _ in 0..<header.count {
            guard let index = reader.byte() else { return nil }
            indices.append(Int(index))
        }
        var types: [Int32] = []
        for _ in 0..<header.typeCount {
            guard let offset = reader.int32(), reader.skip(2) else { return nil }
            types.append(offset)
        }
        guard !types.isEmpty, indices.allSatisfy({ $0 < types.count }),
              reader.skip(header.charCount + header.leapCount * 12 + header.standardCount + header.utcCount)
        else { return nil }
        // The footer: the POSIX rule between two newlines.
        let footer = String(decoding: bytes[reader.position...].filter { $0 != 0x0A }, as: UTF8.self)
        return ZoneRules(transitions: times, offsets: indices.map { types[$0] }, initialOffset: types[0],
                         rule: footer.isEmpty ? nil : PosixZoneRule(footer))
    }

    /// Big-endian reads over the file's bytes.
    private struct ByteReader {
        let bytes: [UInt8]
        var position = 0

        struct Header {
            let version: Int
            let utcCount, standardCount, leapCount, count, typeCount, charCount: Int
        }

        mutating func header() -> Header? {
            guard position + 44 <= bytes.count, Array(bytes[position..<position + 4]) == Array("TZif".utf8) else { return nil }
            let versionByte = bytes[position + 4]
            let version = versionByte == 0 ? 1 : Int(versionByte) - 0x30
            position += 20
            var counts: [Int] = []
            for _ in 0..<6 {
                guard let count = int32(), count >= 0 else { return nil }
                counts.append(Int(count))
            }
            return Header(version: version, utcCount: counts[0], standardCount: counts[1], leapCount: counts[2],
                          count: counts[3], typeCount: counts[4], charCount: counts[5])
        }

        mutating func skip(_ count: Int) -> Bool {
            guard count >= 0, position + count <= bytes.count else { return false }
            position += count
            return true
        }

        mutating func byte() -> UInt8? {
            guard position < bytes.count else { return nil }
            defer { position += 1 }
            return bytes[position]
        }

        mutating func int32() -> Int32? {
            guard position + 4 <= bytes.count else { return nil }
            defer { position += 4 }
            return bytes[position..<position + 4].reduce(0) { $0 << 8 | Int32($1) }
        }

        mutating func int64() -> Int64? {
            guard position + 8 <= bytes.count else { return nil }
            defer { position += 8 }
            return bytes[position..<position + 8].reduce(0) { $0 << 8 | Int64($1) }
        }
    }
}

/// A POSIX TZ rule as TZif footers carry it: `CET-1CEST,M3.5.0,M10.5.0/3` (standard time
/// one hour east of UTC, summer time from the last Sunday of March at 02:00 to the last
/// Sunday of October at 03:00), `<+0530>-5:30` (a fixed offset), `<+1030>-10:30<+11>-11,M10.1.0,M4.1.0`
/// (a half-hour shift). Offsets in the string count west of UTC; ours count east.
struct PosixZoneRule: Sendable {
    /// When a year's change happens: a day of the year and a local time (which may be
    /// negative or past 24 hours, RFC 8536's extension).
    enum Day: Sendable {
        /// `Jn`: day 1...365, February 29 never counted.
        case julian(Int)
        /// `n`: day 0...365, February 29 counted in leap years.
        case zeroBased(Int)
        /// `Mm.w.d`: weekday `d` (0 is Sunday) of week `w` (5: the last) of month `m`.
        case monthWeek(month: Int, week: Int, weekday: Int)
    }

    let standardOffset: Int
    /// Summer time's offset and when it starts and ends, if the zone has it.
    let daylight: (offset: Int, start: Day, startTime: Int, end: Day, endTime: Int)?

    /// Nil when the text is not a rule this parser understands (the zone then keeps its
    /// last transition's offset).
    init?(_ text: String) {
        var scanner = Scanner(Array(text.utf8))
        guard scanner.name(), let standard = scanner.offset() else { return nil }
        standardOffset = -standard
        guard !scanner.atEnd else { daylight = nil; return }
        guard scanner.name() else { return nil }
        var summer = standardOffset + 3_600
        if !scanner.atEnd, scanner.peek != UInt8(ascii: ",") {
            guard let given = scanner.offset() else { return nil }
            summer = -given
        }
        guard scanner.consume(","), let start = scanner.day() else { return nil }
        let startTime = scanner.consume("/") ? scanner.offset() : 7_200
        guard let startTime, scanner.consume(","), let end = scanner.day() else { return nil }
        let endTime = scanner.consume("/") ? scanner.offset() : 7_200
        guard let endTime, scanner.atEnd else { return nil }
        daylight = (summer, start, startTime, end, endTime)
    }

    /// Seconds east of UTC at `instant`.
    func offset(at instant: Int64) -> Int {
        guard let daylight else { return standardOffset }
        let year = LocalDate(daysSince1970: Int(floorDivide(instant, 86_400))).year
        // The changes of the years around the instant, as UTC instants; the last one
        // before it decides.
        var changes: [(at: Int64, offset: Int)] = []
        for candidate in (year - 1)...(year + 1) {
            let start = Int64(Self.days(daylight.start, in: candidate) * 86_400 + daylight.startTime - standardOffset)
            let end = Int64(Self.days(daylight.end, in: candidate) * 86_400 + daylight.endTime - daylight.offset)
            changes.append((start, daylight.offset))
            changes.append((end, standardOffset))
        }
        changes.sort { $0.at < $1.at }
        return changes.last { $0.at <= instant }?.offset ?? standardOffset
    }

    /// Days since 1970 of a rule's day in `year`.
    static func days(_ day: Day, in year: Int) -> Int {
        let january1 = LocalDate(year: year, month: 1, day: 1)!.daysSince1970
        switch day {
        case .julian(let n):
            return january1 + n - 1 + (LocalDate.isLeap(year) && n >= 60 ? 1 : 0)
        case .zeroBased(let n):
            return january1 + n
        case .monthWeek(let month, let week, let weekday):
            let first = LocalDate(year: year, month: month, day: 1)!
            // 1970-01-01 was a Thursday (4 with Sunday as 0).
            let firstWeekday = ((first.daysSince1970 + 4) % 7 + 7) % 7
            var day = 1 + (weekday - firstWeekday + 7) % 7 + (week - 1) * 7
            while day > LocalDate.daysIn(year: year, month: month) { day -= 7 }
            return first.daysSince1970 + day - 1
        }
    }

    private func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : (value - divisor + 1) / divisor
    }

    /// Reads the parts of a TZ string.
    private struct Scanner {
        let bytes: [UInt8]
        var position = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { position >= bytes.count }
        var peek: UInt8? { atEnd ? nil : bytes[position] }

        mutating func consume(_ character: Character) -> Bool {
            guard peek == character.asciiValue else { return false }
            position += 1
            return true
        }

        /// `CET` or `<+0530>`.
        mutating func name() -> Bool {
            if consume("<") {
                while let byte = peek, byte != UInt8(ascii: ">") { position += 1 }
                return consume(">")
            }
            let start = position
            while let byte = peek, (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) { position += 1 }
            return position - start >= 3
        }

        /// `[+-]hh[:mm[:ss]]` in seconds (hours up to 167).
        mutating func offset() -> Int? {
            var sign = 1
            if consume("-") { sign = -1 } else { _ = consume("+") }
            guard let hours = number(), hours <= 167 else { return nil }
            var seconds = hours * 3_600
            if consume(":") {
                guard let minutes = number() else { return nil }
                seconds += minutes * 60
                if consume(":") {
                    guard let rest = number() else { return nil }
                    seconds += rest
                }
            }
            return sign * seconds
        }

        /// `Jn`, `n` or `Mm.w.d`.
        mutating func day() -> Day? {
            if consume("J") { return number().map(Day.julian) }
            if consume("M") {
                guard let month = number(), consume("."), let week = number(), consume("."), let weekday = number(),
                      (1...12).contains(month), (1...5).contains(week), (0...6).contains(weekday) else { return nil }
                return .monthWeek(month: month, week: week, weekday: weekday)
            }
            return number().map(Day.zeroBased)
        }

        mutating func number() -> Int? {
            var value: Int?
            while let byte = peek, byte >= 48, byte <= 57 {
                value = (value ?? 0) * 10 + Int(byte - 48)
                position += 1
            }
            return value
        }
    }
}
