import FoundationEssentials
import PostDeckCore

/// Where a connection went, as libpq reports it after connecting: for a multi-host
/// conninfo (`host=a,b`) the host it chose. Never a password.
public struct ConnectionLabel: Sendable, Equatable, CustomStringConvertible {
    public let user: String
    public let host: String
    public let port: String
    public let database: String

    public init(user: String, host: String, port: String, database: String) {
        self.user = user
        self.host = host
        self.port = port
        self.database = database
    }

    /// `user@host:port/database`.
    public var description: String { "\(user)@\(endpoint)/\(database)" }

    /// `host:port`.
    public var endpoint: String { "\(host):\(port)" }
}

/// What one connection is, read in one cheap statement when it opens and again on an
/// interval where the UI needs it: which role it runs as, whether it may write at all,
/// how far a standby lags, and a mark that changes whenever a transaction that wrote
/// anything ends (the change check that stands in for LISTEN where LISTEN cannot work).
public struct ServerFacts: Sendable, Equatable {
    /// `current_user`.
    public let role: String
    /// A hot standby (`pg_is_in_recovery()`).
    public let standby: Bool
    /// The session's transactions are read-only (`default_transaction_read_only`).
    public let readOnlySession: Bool
    /// Superuser, BYPASSRLS, a member of the tables' owner, or a database without
    /// migration 7: row-level security hides nothing from this role.
    public let seesEverything: Bool
    /// Seconds the standby's replay is behind what it received, when it is a standby that
    /// has not replayed everything; 0 when caught up; nil on a primary.
    public let replicationLag: Double?
    /// `pg_current_snapshot()` as text: it changes when a transaction that was given an id
    /// (one that wrote) starts or ends, on a primary as on a standby (by replay), and never
    /// for reads. Cluster-wide, so other databases' writes change it too.
    public let changeMark: String

    public init(role: String, standby: Bool, readOnlySession: Bool, seesEverything: Bool,
                replicationLag: Double?, changeMark: String) {
        self.role = role
        self.standby = standby
        self.readOnlySession = readOnlySession
        self.seesEverything = seesEverything
        self.replicationLag = replicationLag
        self.changeMark = changeMark
    }

    /// Reads the facts; safe on any database, migrated or not, primary or standby, direct
    /// or through a transaction pooler (it keeps no session state).
    public static let query = Query<ServerFacts>("""
        SELECT current_user::text AS role,
               pg_is_in_recovery() AS standby,
               current_setting('transaction_read_only') = 'on' AS read_only_session,
               coalesce(r.rolsuper OR r.rolbypassrls
                        OR to_regprocedure('public.postdeck_access(name)') IS NULL
                        OR pg_has_role(current_user, (SELECT c.relowner FROM pg_class c
                                                      WHERE c.oid = to_regclass('public.posts')), 'USAGE'),
                        false) AS sees_everything,
               CASE WHEN pg_is_in_recovery() THEN
                   CASE WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0
                        ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 END
               END AS lag_seconds,
               pg_current_snapshot()::text AS change_mark
        FROM pg_roles r WHERE r.rolname = current_user
        """) { result in
        guard let row = result.first else { throw StoreError.invalid("the server did not describe the session") }
        return ServerFacts(
            role: try row.decode("role"), standby: try row.decode("standby"),
            readOnlySession: try row.decode("read_only_session"), seesEverything: try row.decode("sees_everything"),
            replicationLag: try row.decode("lag_seconds"), changeMark: try row.decode("change_mark"))
    }

    /// The agencies the connected role manages (migration 7's `postdeck_access`), by name.
    /// Only for a role that does not see everything (the function exists then).
    public static let managedAgencies = Query<[ManagedAgency]>("""
        SELECT agency_id, agency_name, read_only FROM postdeck_access(current_user) ORDER BY agency_name, agency_id
        """) { result in
        try result.rows.map { row in
            ManagedAgency(id: try row.decode("agency_id"), name: try row.decode("agency_name"), readOnly: try row.decode("read_only"))
        }
    }
}

extension Access {
    /// What the role of `connection` may do, read now (two small statements).
    public static func load(_ connection: Connection, requested: Bool = false) throws -> Access {
        let facts = try connection.run(ServerFacts.query)
        let reach: Reach = facts.seesEverything ? .everything : .agencies(try connection.run(ServerFacts.managedAgencies))
        return Access(facts: facts, reach: reach, requested: requested)
    }

    public init(facts: ServerFacts, reach: Reach, requested: Bool) {
        self.init(role: facts.role, reach: reach, standby: facts.standby, readOnlySession: facts.readOnlySession,
                  requested: requested)
    }
}
