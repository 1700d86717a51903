/// An agency that a database role manages (migration 7's `postdeck_agency_managers`),
/// and whether the role may only look at it.
public struct ManagedAgency: Sendable, Equatable {
    public let id: AgencyID
    public let name: String
    public let readOnly: Bool

    public init(id: AgencyID, name: String, readOnly: Bool) {
        self.id = id
        self.name = name
        self.readOnly = readOnly
    }
}

/// Why postdeck will write nothing (or nothing for one agency). Its description is the one
/// line the status bar and the command line show.
public enum ReadOnlyReason: Sendable, Equatable, CustomStringConvertible {
    /// The server is a hot standby (`pg_is_in_recovery()`).
    case standby
    /// The session is read-only (`default_transaction_read_only`, set for the role, the
    /// database or the connection).
    case readOnlySession
    /// The user asked for it (`--read-only`).
    case requested
    /// The role manages these agencies, all of them read-only.
    case reader(role: String, agencies: [String])
    /// The role manages no agency of this database, so it sees and changes nothing.
    case noAgency(role: String)

    public var description: String {
        switch self {
        case .standby: "read-only: connected to a standby"
        case .readOnlySession: "read-only: the session is read-only (default_transaction_read_only)"
        case .requested: "read-only: started with --read-only"
        case .reader(let role, let agencies): "read-only: role \(role) may only read \(Self.list(agencies))"
        case .noAgency(let role): "read-only: role \(role) manages no agency in this database"
        }
    }

    /// `A`, `A and B`, `A, B and C`, `A, B and 3 more`.
    public static func list(_ names: [String]) -> String {
        switch names.count {
        case 0: return "nothing"
        case 1: return names[0]
        case 2, 3: return names.dropLast().joined(separator: ", ") + " and " + names.last!
        default: return names.prefix(2).joined(separator: ", ") + " and \(names.count - 2) more"
        }
    }
}

/// What one connected role may do: the rule behind read-only mode, for the UI and the
/// command line alike. Isolation itself is the database's (row-level security); this only
/// explains, before trying, why a write would change nothing.
public struct Access: Sendable, Equatable {
    /// Which agencies the role reaches.
    public enum Reach: Sendable, Equatable {
        /// The tables' owner, a superuser or a role with BYPASSRLS (or a database without
        /// migration 7): every agency, every write.
        case everything
        /// A manager: these agencies, each writable or not.
        case agencies([ManagedAgency])
    }

    public let role: String
    public let reach: Reach
    public let standby: Bool
    public let readOnlySession: Bool
    /// `--read-only` on the command line.
    public let requested: Bool

    public init(role: String, reach: Reach, standby: Bool, readOnlySession: Bool, requested: Bool) {
        self.role = role
        self.reach = reach
        self.standby = standby
        self.readOnlySession = readOnlySession
        self.requested = requested
    }

    /// Why nothing at all may be written, or nil when something may.
    public var readOnlyReason: ReadOnlyReason? {
        if standby { return .standby }
        if readOnlySession { return .readOnlySession }
        if requested { return .requested }
        guard case .agencies(let agencies) = reach else { return nil }
        if agencies.isEmpty { return .noAgency(role: role) }
        if agencies.allSatisfy(\.readOnly) { return .reader(role: role, agencies: agencies.map(\.name)) }
        return nil
    }

    /// Why a write to a client of `agency` would be refused, or nil when it may go ahead.
    /// With no agency known, only the reasons that hold for every agency count.
    public func writeRefusal(agency: AgencyID?) -> ReadOnlyReason? {
        if let reason = readOnlyReason { return reason }
        guard let agency, case .agencies(let agencies) = reach else { return nil }
        // An agency the role does not manage is invisible to it: the database refuses that.
        guard let managed = agencies.first(where: { $0.id == agency }), managed.readOnly else { return nil }
        return .reader(role: role, agencies: [managed.name])
    }

    /// The agencies a manager sees, for the header: nil for the owner.
    public var agencyNames: [String]? {
        guard case .agencies(let agencies) = reach else { return nil }
        return agencies.map(\.name)
    }
}
