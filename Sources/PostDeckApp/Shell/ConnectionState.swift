import FoundationEssentials
import PostDeckCore
import PostDeckStore

/// Which of the UI's database connections something is about: `primary` (`--db`) takes
/// every write; `reads` (`--read-db`) takes the panes' reads when one is given.
enum Link: Sendable, Equatable {
    case primary, reads
}

/// How the panes hear that the data changed.
enum RefreshMode: Equatable {
    /// The LISTEN connection is opening, or its first notification has not come back yet.
    case starting
    /// LISTEN on a connection of its own (`--listen-db`, else `--db`), proven by a probe
    /// notification sent through `--db`.
    case live
    /// No LISTEN could be had (a transaction pooler, a standby, no connection): a cheap
    /// change check (`ServerFacts.changeMark`) every `interval`, which the header says.
    case polling(Duration)
}

/// What the UI knows about its connections: for the header's label, read-only mode, the
/// replication lag and live refresh.
struct ConnectionState {
    /// `--read-only` on the command line.
    var requestedReadOnly = false
    /// `--read-db` was given: the panes read from another server than the one writes go to.
    var separateReads = false
    /// How often the change check runs when it is needed.
    var checkInterval: Duration = .seconds(5)
    var primaryLabel: ConnectionLabel?
    var primary: ServerFacts?
    var readsLabel: ConnectionLabel?
    var reads: ServerFacts?
    /// False while the `--read-db` connection is down.
    var readsOnline = true
    /// The agencies a manager manages; nil until read, and for a role that sees everything.
    var agencies: [ManagedAgency]?
    var refresh: RefreshMode = .starting
    /// The probe notification the LISTEN connection is waiting for.
    var probe: String?
    /// The request that sends it (its failure is the timeout's business, not the user's).
    var probeRequest: RequestID?
    /// The last change mark seen on the connection the panes read from.
    var lastChangeMark: String?

    /// A lag shown in the header must be above this many seconds.
    static let lagShownAbove = 5.0
    /// How long a LISTEN connection has to hear its probe before the UI falls back to polling.
    static let probeTimeout = Duration.seconds(3)

    /// What the connected role may do; nil until the primary's facts (and, for a manager,
    /// its agencies) are known.
    var access: Access? {
        guard let primary else { return nil }
        if primary.seesEverything { return Access(facts: primary, reach: .everything, requested: requestedReadOnly) }
        guard let agencies else { return nil }
        return Access(facts: primary, reach: .agencies(agencies), requested: requestedReadOnly)
    }

    /// Why nothing may be written at all (the header's `[R]`), or nil.
    var readOnlyReason: ReadOnlyReason? {
        if let reason = access?.readOnlyReason { return reason }
        if primary?.standby == true { return .standby }
        if primary?.readOnlySession == true { return .readOnlySession }
        return requestedReadOnly ? .requested : nil
    }

    /// Why a write to a client of `agency` would be refused, or nil.
    func writeRefusal(agency: AgencyID?) -> ReadOnlyReason? {
        access?.writeRefusal(agency: agency) ?? readOnlyReason
    }

    /// The facts of the connection the panes read from.
    var readFacts: ServerFacts? { separateReads ? reads : primary }

    /// Seconds the reads are behind, when that is worth showing.
    var shownLag: Double? {
        guard let lag = readFacts?.replicationLag, lag > Self.lagShownAbove else { return nil }
        return lag
    }

    /// Whether the change check has to run: no LISTEN, or reads from a standby whose replay
    /// (not the primary's commit) decides when new data can be read there.
    var needsChangeCheck: Bool {
        if case .polling = refresh { return true }
        return separateReads
    }
}
