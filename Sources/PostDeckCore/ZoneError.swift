import FoundationEssentials

/// A time zone name that is not in the IANA database.
public enum ZoneError: Error, Hashable, Sendable, CustomStringConvertible {
    case unknownZone(String, suggestion: String?)

    public var description: String {
        switch self {
        case .unknownZone(let name, let suggestion):
            let hint = suggestion.map { "; did you mean \($0)?" }
                ?? " (use an IANA name such as Europe/Berlin, America/New_York or UTC)"
            return "unknown time zone \"\(name)\"\(hint)"
        }
    }
}

/// Lookups over the IANA names this system knows, for forgiving matching and suggestions.
enum ZoneNames {
    /// Every zone and link name of the tz database (its `tzdata.zi` summary), and UTC.
    static let known: [String] = {
        let summary = (try? String(contentsOfFile: ZoneRules.directory + "/tzdata.zi", encoding: .utf8)) ?? ""
        var names: [String] = []
        for line in summary.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.first == "Z", fields.count > 1 { names.append(String(fields[1])) }
            if fields.first == "L", fields.count > 2 { names.append(String(fields[2])) }
        }
        return names + ["UTC"]
    }()

    /// The known name equal to `name` ignoring case ("europe/berlin" is "Europe/Berlin").
    static func canonical(_ name: String) -> String? {
        let lowered = name.lowercased()
        return known.first { $0.lowercased() == lowered }
    }

    /// A likely intended name: a zone whose city is `name` ("Berlin", "new york"), or one
    /// within a few typos ("Europe/Berln").
    static func suggestion(for name: String) -> String? {
        let wanted = name.lowercased().replacing(" ", with: "_")
        if let byCity = known.first(where: { $0.lowercased().split(separator: "/").last.map(String.init) == wanted }) {
            return byCity
        }
        let scored = known.map { ($0, editDistance(wanted, $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 3 else { return nil }
        return best.0
    }

    /// Levenshtein distance over characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            previous = current
        }
        return previous[b.count]
    }
}
