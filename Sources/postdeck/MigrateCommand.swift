import ArgumentParser
import FoundationEssentials
import PostDeckStore

/// `postdeck migrate`: brings a database up to the schema this binary knows.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the schema migrations (the seed schema, then its fixes).",
        discussion: "A database where the seed schema was applied by hand is adopted: its tables are checked and kept.")

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Show which migrations are applied and which are pending; change nothing.")
    var status = false

    func run() throws {
        let connection = try database.connect()
        connection.statementTimeout = nil
        if status {
            var table = TextTable(columns: [.init(title: "VERSION", alignment: .right), .init(title: "NAME"),
                                            .init(title: "STATUS"), .init(title: "APPLIED")])
            for state in try Migrator.status(connection) {
                let status: String
                switch state.status {
                case .pending: status = "pending"
                case .applied: status = state.adopted ? "adopted" : "applied"
                case .checksumMismatch: status = "CHANGED SINCE APPLIED"
                case .unknown: status = "unknown to this postdeck"
                }
                table.rows.append([String(state.version), state.name, status, state.appliedAt.map(ISO8601.format) ?? "—"])
            }
            Output.result(table.render())
            return
        }
        try WriteGuard.requireOwner(connection, command: "migrate")
        try Migrator.migrate(connection) { Output.result($0 + "\n") }
    }
}
