/// One step of the schema: its SQL runs once, in its own transaction, and is recorded in
/// `postdeck_schema_migrations` with the checksum of its text, so that a migration edited
/// after it was applied is noticed instead of silently diverging.
public struct Migration: Sendable, Identifiable {
    public let version: Int
    public let name: String
    /// Statements separated by semicolons, without `BEGIN`/`COMMIT` (the migrator owns the transaction).
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    public var id: Int { version }

    /// SHA-256 of the SQL text, as 64 lowercase hex digits.
    public var checksum: String { SHA256.hex(sql) }

    /// `migration 2 (fixes)`, as messages name it.
    public var label: String { "migration \(version) (\(name))" }
}

/// Every migration this build knows, oldest first. Append only: never edit or reorder one
/// that has shipped (the checksum check refuses it), add a new one instead.
public enum Migrations {
    public static let all: [Migration] = [seedSchema, fixes, calendarIndexes, performanceIndex, writePath, agencyScale,
                                          rowLevelSecurity, worker, importPosts, laterTablesUnderRowSecurity]

    /// The newest version this build knows.
    public static var latestVersion: Int { all.last?.version ?? 0 }
}
