import FoundationEssentials
import PostDeckCore
import PostDeckStore

/// The command line's read-only mode: before a write command writes anything, it says in
/// one line why it would write nothing (a standby, a read-only session, a role that may only
/// read the client's agency) and exits 1. The database enforces the same rules; this only
/// says so first, and in words.
enum WriteGuard {
    /// Before anything is looked up: a session that can write nothing (a standby, a read-only
    /// transaction) says so first, whatever the arguments name. Returns what the session may
    /// do, for `require(_:agency:)`.
    @discardableResult
    static func requireWritable(_ connection: Connection) throws -> Access {
        let access = try Access.load(connection)
        if let reason = access.readOnlyReason { throw UserFacingError(message: reason.description) }
        return access
    }

    /// For a write to the rows of a client of `agency`.
    static func require(_ access: Access, agency: AgencyID?) throws {
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
