import FoundationEssentials

/// What a wall-clock reading names in a zone. Daylight-saving changes make some readings
/// name no instant and some name two; the scheduler must say so rather than guess.
public enum LocalTimeResolution: Hashable, Sendable {
    case exact(Date)
    case nonexistent(LocalTimeGap)
    case ambiguous(LocalTimeOverlap)
}

/// A reading that falls in the hour (or half hour) skipped when clocks spring forward.
public struct LocalTimeGap: Hashable, Sendable {
    public let local: LocalDateTime
    /// The instant the clocks jumped.
    public let transition: Date
    public let offsetBefore: Int
    public let offsetAfter: Int
    public let zone: DisplayZone

    /// The instant the reading would name had the clocks not moved: shown after the jump
    /// as the typed time plus the length of the gap (02:30 becomes 03:30). A suggestion, never applied silently.
    public var shiftedForward: Date {
        Date(seconds: local.secondsSince1970AsUTC - offsetBefore)
    }

    /// "2026-03-08 02:30 does not exist in America/New_York: clocks jump from 02:00 to 03:00 (03:30 is the same moment an hour on)".
    public var message: String {
        let from = LocalDateTime(secondsSince1970AsUTC: Int(transition.timeIntervalSince1970) + offsetBefore)
        let to = zone.localDateTime(of: transition)
        let suggestion = zone.format(shiftedForward, .time)
        return "\(local) does not exist in \(zone.name): clocks jump from \(from.clockText) to \(to.clockText); "
            + "did you mean \(suggestion)?"
    }
}

/// A reading that happens twice because clocks fall back: once before the change
/// (`earlier`) and once after (`later`).
public struct LocalTimeOverlap: Hashable, Sendable {
    public let local: LocalDateTime
    public let earlier: Date
    public let later: Date
    /// The instant the clocks went back.
    public let transition: Date
    public let offsetEarlier: Int
    public let offsetLater: Int
    public let zone: DisplayZone

    /// "2026-11-01 01:30 happens twice in America/New_York (clocks go back from 02:00 to 01:00): at UTC-04:00 or at UTC-05:00".
    public var message: String {
        let from = LocalDateTime(secondsSince1970AsUTC: Int(transition.timeIntervalSince1970) + offsetEarlier)
        let to = zone.localDateTime(of: transition)
        return "\(local) happens twice in \(zone.name) (clocks go back from \(from.clockText) to \(to.clockText)): "
            + "choose \(DisplayZone.offsetText(offsetEarlier)) (first) or \(DisplayZone.offsetText(offsetLater)) (second)"
    }
}

/// Why a typed local time cannot be scheduled as it stands.
public enum LocalTimeError: Error, Hashable, Sendable, CustomStringConvertible {
    case nonexistent(LocalTimeGap)
    case ambiguous(LocalTimeOverlap)

    public var description: String {
        switch self {
        case .nonexistent(let gap): gap.message
        case .ambiguous(let overlap): overlap.message
        }
    }
}

extension LocalDateTime {
    /// "02:00".
    var clockText: String { "\(LocalDate.pad(hour, 2)):\(LocalDate.pad(minute, 2))" }
}
