import FoundationEssentials
import PostDeckCore

/// One row of migration 7's `postdeck_agency_managers`: a role that manages an agency.
public struct AgencyManager: Sendable, Equatable {
    public let role: String
    public let agencyID: AgencyID
    public let agencyName: String
    public let readOnly: Bool
    public let grantedAt: Date
    public let grantedBy: String
    /// False once the role was dropped (the row stays until revoked; it grants nothing).
    public let roleExists: Bool
}

/// What `grant` changed.
public enum GrantOutcome: Sendable, Equatable {
    case granted
    /// The role already managed the agency; only `read_only` may have changed.
    case changed(wasReadOnly: Bool)
}

/// Who manages which agency: `postdeck access grant|revoke|list`, run by the tables' owner.
/// A grant adds the role to a group role (`postdeck_writer` or `postdeck_reader`, which
/// hold the privileges migration 7 granted) and records the agency; the role itself, with
/// its login and password, is the administrator's to create.
public enum AgencyManagers {
    public static let writerGroup = "postdeck_writer"
    public static let readerGroup = "postdeck_reader"

    /// Every grant, by agency and role.
    public static func list(_ connection: Connection) throws -> [AgencyManager] {
        try requireMigration(connection)
        return try connection.execute("""
            SELECT m.role_name::text AS role, m.agency_id, a.name::text AS agency_name, m.read_only,
                   m.granted_at, m.granted_by::text AS granted_by, r.oid IS NOT NULL AS role_exists
            FROM postdeck_agency_managers m
            JOIN agencies a ON a.id = m.agency_id
            LEFT JOIN pg_roles r ON r.rolname = m.role_name
            ORDER BY lower(a.name), a.id, m.role_name
            """).rows.map { row in
            AgencyManager(role: try row.decode("role"), agencyID: try row.decode("agency_id"),
                          agencyName: try row.decode("agency_name"), readOnly: try row.decode("read_only"),
                          grantedAt: try row.decode("granted_at"), grantedBy: try row.decode("granted_by"),
                          roleExists: try row.decode("role_exists"))
        }
    }

    /// Lets `role` manage `agency` (a name or a uuid), reading and writing or only reading.
    /// Granting again changes only whether it may write. Returns the agency's name.
    public static func grant(_ connection: Connection, role: String, agency: String, readOnly: Bool) throws -> (agency: String, outcome: GrantOutcome) {
        try requireOwner(connection)
        return try connection.transaction { db in
            let (agencyID, agencyName) = try resolveAgency(db, agency)
            try checkGrantable(db, role: role)
            let group = readOnly ? readerGroup : writerGroup
            if try db.execute("SELECT pg_has_role($1::name, $2::name, 'MEMBER') AS member", [role, group]).first?.decode("member", as: Bool.self) != true {
                do {
                    try db.execute(try quoted(db, "GRANT %I TO %I", group, role))
                } catch StoreError.server(let error) where error.sqlState == "42501" {
                    throw StoreError.invalid("cannot add role \(role) to \(group): \(error.message); the role running `postdeck access` needs CREATEROLE (or ADMIN OPTION on \(group))")
                }
            }
            // Row-level security adds a subplan per row to the planner's estimates, so plans of
            // a few milliseconds cross jit_above_cost and spend 0.3-5 s compiling. Managers run
            // short statements: JIT off for the role, in this database only.
            try db.execute(try quoted(db, "ALTER ROLE %I IN DATABASE %I SET jit = off", role, try currentDatabase(db)))
            let previous = try db.execute("""
                SELECT read_only FROM postdeck_agency_managers WHERE role_name = $1::text AND agency_id = $2::uuid
                """, [role, agencyID]).first.map { try $0.decode("read_only", as: Bool.self) }
            try db.execute("""
                INSERT INTO postdeck_agency_managers (role_name, agency_id, read_only) VALUES ($1::text, $2::uuid, $3::bool)
                ON CONFLICT (role_name, agency_id) DO UPDATE
                SET read_only = EXCLUDED.read_only, granted_at = now(), granted_by = current_user
                """, [role, agencyID, readOnly])
            return (agencyName, previous.map { .changed(wasReadOnly: $0) } ?? .granted)
        }
    }

    /// Ends `role`'s management of `agency`; returns the agency's name and whether there was
    /// anything to end. The role stays in its group role: groups belong to the whole cluster
    /// and the role may manage agencies of another database; without a row here it sees and
    /// changes nothing in this one.
    public static func revoke(_ connection: Connection, role: String, agency: String) throws -> (agency: String, revoked: Bool) {
        try requireOwner(connection)
        return try connection.transaction { db in
            let (agencyID, agencyName) = try resolveAgency(db, agency)
            let removed = try db.execute("""
                DELETE FROM postdeck_agency_managers WHERE role_name = $1::text AND agency_id = $2::uuid
                """, [role, agencyID]).rowsAffected
            let remaining = try db.execute("SELECT count(*) AS n FROM postdeck_agency_managers WHERE role_name = $1::text", [role])
                .first?.decode("n", as: Int.self) ?? 0
            if removed > 0, remaining == 0, try db.execute("SELECT 1 FROM pg_roles WHERE rolname = $1::text", [role]).first != nil {
                try db.execute(try quoted(db, "ALTER ROLE %I IN DATABASE %I RESET jit", role, try currentDatabase(db)))
            }
            return (agencyName, removed > 0)
        }
    }

    // MARK: Checks

    /// Refuses a session that cannot change the grants: a standby, a read-only session, a
    /// database without migration 7, or a role other than the owner.
    static func requireOwner(_ connection: Connection) throws {
        try requireMigration(connection)
        let access = try Access.load(connection)
        if let reason = access.readOnlyReason { throw StoreError.invalid(reason.description) }
        let allowed = try connection.execute("""
            SELECT has_table_privilege('public.postdeck_agency_managers', 'INSERT, DELETE') AS allowed
            """).first?.decode("allowed", as: Bool.self) ?? false
        if !allowed {
            throw StoreError.invalid("postdeck access is the owner's: role \(access.role) may not change who manages which agency")
        }
    }

    private static func requireMigration(_ connection: Connection) throws {
        let present = try connection.execute("SELECT to_regclass('public.postdeck_agency_managers') IS NOT NULL AS present")
            .first?.decode("present", as: Bool.self) ?? false
        if !present { throw StoreError.invalid("this database has no agency managers yet: run `postdeck migrate` (migration 7)") }
    }

    /// A role that exists and that row-level security applies to.
    private static func checkGrantable(_ db: Connection, role: String) throws {
        let version = try db.execute("SELECT current_setting('server_version_num')::int AS version").first?.decode("version", as: Int.self) ?? 0
        if version < 150000 {
            throw StoreError.invalid("managers need PostgreSQL 15 or newer (the views must run as the caller, security_invoker); this server is \(version / 10000)")
        }
        guard let row = try db.execute("""
            SELECT r.rolsuper, r.rolbypassrls,
                   pg_has_role(r.oid, (SELECT c.relowner FROM pg_class c WHERE c.oid = 'public.posts'::regclass), 'USAGE') AS owner
            FROM pg_roles r WHERE r.rolname = $1::text
            """, [role]).first else {
            throw StoreError.invalid("role \(role) does not exist: create it first (CREATE ROLE \(role) LOGIN PASSWORD '…'), then grant it an agency")
        }
        if try row.decode("rolsuper", as: Bool.self) || row.decode("rolbypassrls", as: Bool.self) {
            throw StoreError.invalid("role \(role) is a superuser or has BYPASSRLS: row-level security never applies to it, so it would see every agency; grant agencies to a role without those attributes")
        }
        if try row.decode("owner", as: Bool.self) {
            throw StoreError.invalid("role \(role) owns the tables (or is a member of their owner): it sees every agency; grant agencies to a role of its own")
        }
    }

    /// An agency by uuid or by name (case-insensitive); a name shared by two agencies asks
    /// for the uuid.
    static func resolveAgency(_ db: Connection, _ text: String) throws -> (AgencyID, String) {
        let trimmed = text.trimmingSpaces()
        if let id = AgencyID(trimmed) {
            guard let row = try db.execute("SELECT name::text AS name FROM agencies WHERE id = $1::uuid", [id]).first else {
                throw StoreError.invalid("no agency has id \(id)")
            }
            return (id, try row.decode("name"))
        }
        let all = try db.execute("SELECT id, name::text AS name FROM agencies ORDER BY name, id").rows.map {
            (try $0.decode("id", as: AgencyID.self), try $0.decode("name", as: String.self))
        }
        let matches = all.filter { $0.1.lowercased() == trimmed.lowercased() }
        if matches.count == 1 { return matches[0] }
        if matches.count > 1 {
            throw StoreError.invalid("\(matches.count) agencies are named \"\(trimmed)\": pass the id of one of \(matches.map(\.0.description).joined(separator: ", "))")
        }
        let near = NearMatch.rank(trimmed, among: all.map(\.1)).prefix(3)
        let suggestion = near.isEmpty ? "" : "; did you mean " + near.map { "\"\($0)\"" }.joined(separator: ", ") + "?"
        throw StoreError.invalid("no agency named \"\(trimmed)\"\(suggestion)")
    }

    private static func currentDatabase(_ db: Connection) throws -> String {
        try db.execute("SELECT current_database()::text AS name").first?.decode("name") ?? ""
    }

    /// A statement with identifiers quoted by the server (`format('%I')`): role names cannot
    /// be bound as parameters.
    private static func quoted(_ db: Connection, _ template: String, _ identifiers: String...) throws -> String {
        let placeholders = identifiers.indices.map { "$\($0 + 2)::text" }.joined(separator: ", ")
        guard let row = try db.execute("SELECT format($1::text, \(placeholders)) AS sql", [template] + identifiers).first else {
            throw StoreError.invalid("the server did not quote \(identifiers.joined(separator: ", "))")
        }
        return try row.decode("sql")
    }
}
