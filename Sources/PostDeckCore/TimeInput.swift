import FoundationEssentials

/// Reading a time a person typed, in a zone: the one clock-change policy of every entry
/// point (composer, calendar prompt and moves, `--at`, import).
///
/// - A local time the clocks skip (02:30 when they jump from 02:00 to 03:00) is refused,
///   with the time it most likely means suggested (03:30); it is never moved silently.
/// - A local time that happens twice (clocks go back) must be picked: `.earlier` or
///   `.later`. The UI asks; the command line needs `--earlier` or `--later`.
public enum TimeInput {
    /// Which of two equal wall-clock readings is meant when clocks go back.
    public enum Pick: Hashable, Sendable { case earlier, later }

    /// Why a typed time names no single instant.
    public enum Problem: Error, Hashable, Sendable, CustomStringConvertible {
        case malformed(String)
        case doesNotExist(LocalTimeGap)
        case happensTwice(LocalTimeOverlap)

        public var description: String {
            switch self {
            case .malformed(let message): message
            case .doesNotExist(let gap): gap.message
            case .happensTwice(let overlap): overlap.message
            }
        }
    }

    /// The instant `text` names in `zone`, read as people say times (`TimeExpression`:
    /// `tomorrow 09:30`, `fri 10am`, `+2h`, `12-15 10:00`, `2026-12-15 10:00`, …).
    public static func read(_ text: String, in zone: DisplayZone, now: Date, pick: Pick? = nil) -> Result<Date, Problem> {
        let expression: TimeExpression
        do { expression = try TimeExpression.parse(text, now: now, zone: zone) } catch {
            return .failure(.malformed(error.description))
        }
        switch expression {
        case .instant(let instant): return .success(instant)
        case .wallClock(let local): return resolve(local, in: zone, pick: pick)
        }
    }

    /// The instant a wall-clock reading names in `zone`, under the policy above.
    public static func resolve(_ local: LocalDateTime, in zone: DisplayZone, pick: Pick?) -> Result<Date, Problem> {
        switch zone.resolve(local) {
        case .exact(let instant): .success(instant)
        case .nonexistent(let gap): .failure(.doesNotExist(gap))
        case .ambiguous(let overlap):
            switch pick {
            case .earlier: .success(overlap.earlier)
            case .later: .success(overlap.later)
            case nil: .failure(.happensTwice(overlap))
            }
        }
    }
}
