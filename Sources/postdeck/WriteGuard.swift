import FoundationEssentials
import PostDeckCore
import PostDeckStore

/// The command line's read-only mode: before a write command writes anything, it says in
/// one line why it would write nothing (a standby, a read-only session, a role that may only
/// read the client's agency) and exits 1. The database enforces the same rules; this only
/// says so first, and in words.
enum WriteGuard {
    /// For a write to `client`'s rows.
    /// Before anything is looked up: a session that can write nothing (a standby, a read-only
    /// transaction) says so first, whatever the arguments name.
    static func requireWritable(_ connection: Connection) throws {
        if let reason = try Access.load(connection).readOnlyReason { throw UserFacingError(message: reason.description) }
    }

    static func require(_ connection: Connection, client: ClientID) throws {
        let access = try Access.load(connection)
        let agency: AgencyID? = try connection.execute("SELECT agency_id FROM clients WHERE id = $1::uuid", [client])
            .first?.decode("agency_id")
        if let reason = access.writeRefusal(agency: agency) { throw UserFacingError(message: reason.description) }
    }

    /// For a command that writes every agency's tables or the schema (`seed`, `migrate`): it
    /// needs the tables' owner (or a superuser) on a primary.
    static func requireOwner(_ connection: Connection, command: String) throws {
        let access = try Access.load(connection)
        if let reason = access.readOnlyReason { throw UserFacingError(message: reason.description) }
        if case .agencies(let agencies) = access.reach {
            throw UserFacingError(message: "postdeck \(command) needs the tables' owner: role \(access.role) manages \(ReadOnlyReason.list(agencies.map(\.name))) only")
        }
    }
}
