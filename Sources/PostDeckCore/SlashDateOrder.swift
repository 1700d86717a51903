/// How a file writes dates with slashes, when its author says so: `dmy` (31/12/2027) or
/// `mdy` (12/31/2027), the choice Hootsuite's bulk upload asks for. Without it such dates
/// are refused (`TimeExpression` never guesses); with it, a date with a four-digit year is
/// rewritten as `YYYY-MM-DD` and read like any other. Two-digit years stay refused.
public enum SlashDateOrder: String, CaseIterable, Sendable, Hashable {
    case dmy, mdy

    /// `text` with a leading `D/M/YYYY` (or `M/D/YYYY`) written as `YYYY-MM-DD`; unchanged
    /// when it does not start with such a date.
    public func rewrite(_ text: String) -> String {
        let trimmed = text.drop { $0 == " " }
        let dateEnd = trimmed.firstIndex { $0 == " " || $0 == "T" } ?? trimmed.endIndex
        let parts = trimmed[..<dateEnd].split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2].count == 4, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let first = Int(parts[0]), let second = Int(parts[1]), let year = Int(parts[2]) else { return text }
        let (month, day) = self == .dmy ? (second, first) : (first, second)
        let date = "\(year)-\(LocalDate.pad(month, 2))-\(LocalDate.pad(day, 2))"
        return date + trimmed[dateEnd...]
    }
}
