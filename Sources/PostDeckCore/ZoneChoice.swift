import FoundationEssentials

/// Which display zone is in force and why: the rule of the calendar, agenda and
/// scheduler, as one pure function of the places a zone can come from.
///
/// The rule, first match wins:
/// 1. the client's zone (`clients.preferences->>'timezone'`) when exactly one client is in scope,
/// 2. `--tz ZONE` on the command line,
/// 3. the `TZ` environment variable,
/// 4. the config file,
/// 5. UTC.
///
/// A bad `--tz` is the user's typo and is an error. A bad name anywhere else (client data,
/// a POSIX-style `TZ` such as `CET-1CEST`, the config) is skipped and reported in `ignored`,
/// so the program still starts and can say what it skipped.
public struct ZoneChoice: Hashable, Sendable {
    /// Where a zone name came from.
    public enum Source: String, Hashable, Sendable {
        case client
        case commandLine = "--tz"
        case environment = "TZ"
        case config
        case fallback = "default"
    }

    /// A zone name that was set but could not be used.
    public struct Ignored: Hashable, Sendable {
        public let source: Source
        public let error: ZoneError
    }

    public let zone: DisplayZone
    public let source: Source
    public let ignored: [Ignored]

    /// Applies the rule. Pass `clientZone` only when exactly one client is in scope;
    /// empty strings count as unset.
    public static func choose(
        clientZone: String?, commandLine: String?, environmentTZ: String?, config: String?,
        firstWeekday: Weekday = .monday
    ) throws(ZoneError) -> ZoneChoice {
        let explicit = try commandLine.flatMap(nonEmpty).map { name throws(ZoneError) in
            try DisplayZone(named: name, firstWeekday: firstWeekday)
        }
        var ignored: [Ignored] = []
        func attempt(_ name: String?, _ source: Source) -> DisplayZone? {
            guard let name = name.flatMap(nonEmpty) else { return nil }
            do {
                return try DisplayZone(named: name, firstWeekday: firstWeekday)
            } catch {
                ignored.append(Ignored(source: source, error: error))
                return nil
            }
        }
        if let zone = attempt(clientZone, .client) {
            return ZoneChoice(zone: zone, source: .client, ignored: ignored)
        }
        if let explicit {
            return ZoneChoice(zone: explicit, source: .commandLine, ignored: ignored)
        }
        if let zone = attempt(environmentTZ.map(zoneName(fromTZ:)), .environment) {
            return ZoneChoice(zone: zone, source: .environment, ignored: ignored)
        }
        if let zone = attempt(config, .config) {
            return ZoneChoice(zone: zone, source: .config, ignored: ignored)
        }
        return ZoneChoice(zone: DisplayZone.utc.withFirstWeekday(firstWeekday), source: .fallback, ignored: ignored)
    }

    /// `TZ` may carry a leading colon (`:Europe/Berlin`) or a zoneinfo path
    /// (`/usr/share/zoneinfo/Europe/Berlin`); both name the IANA zone after it.
    static func zoneName(fromTZ value: String) -> String {
        var name = Substring(value)
        if name.hasPrefix(":") { name = name.dropFirst() }
        if let range = name.firstRange(of: "zoneinfo/") { name = name[range.upperBound...] }
        return String(name)
    }

    private static func nonEmpty(_ text: String) -> String? {
        text.allSatisfy(\.isWhitespace) ? nil : text
    }
}

extension ZoneChoice {
    /// The zone a post's times are typed and shown in, the one rule of every entry point:
    /// a zone given with the time itself (`--tz` on a command that takes `--at`, or an
    /// import's `timezone` column) wins; then the post's client's zone; then the user's
    /// (`--tz` of the UI, `TZ`, UTC).
    public static func forPost(explicit: String?, clientZone: String?, userZone: String?,
                               environmentTZ: String?) throws(ZoneError) -> ZoneChoice {
        if let explicit, !explicit.allSatisfy(\.isWhitespace) {
            return try choose(clientZone: nil, commandLine: explicit, environmentTZ: nil, config: nil)
        }
        do {
            return try choose(clientZone: clientZone, commandLine: userZone, environmentTZ: environmentTZ, config: nil)
        } catch {
            // A bad user zone must not stop a post from being shown: skip it.
            return try choose(clientZone: clientZone, commandLine: nil, environmentTZ: environmentTZ, config: nil)
        }
    }
}
