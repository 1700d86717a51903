import Foundation
import PostDeckStore

/// A fresh database for one test, in a server shared by the whole test process.
///
/// The server is a private cluster that the first test starts (and an `atexit` handler
/// stops and removes), unless `POSTDECK_TEST_DATABASE` (a key=value conninfo) names a server where we may
/// create databases.
/// Each test gets its own database, so tests run in parallel and never see each other's rows.
public struct TestDatabase: Sendable {
    public let name: String
    public let conninfo: String

    /// Creates an empty database and returns where it is: for the tests of the migrations
    /// themselves. Every other test starts from `migrated()`.
    public static func make() throws -> TestDatabase {
        try create(from: nil)
    }

    /// Creates a database with every migration applied, as a copy of a template that the
    /// first caller in this process migrates (`CREATE DATABASE … TEMPLATE …`): a copy takes a
    /// fraction of the time a migration run takes.
    public static func migrated() throws -> TestDatabase {
        try create(from: MigratedTemplate.shared.get())
    }

    private static func create(from template: String?) throws -> TestDatabase {
        let server = try TestServer.shared.get()
        let name = "t_\(UInt64.random(in: 0...UInt64.max))"
        let admin = try Connection(conninfo: server.adminConninfo)
        try admin.execute("CREATE DATABASE \(name)" + (template.map { " TEMPLATE \($0)" } ?? ""))
        return TestDatabase(name: name, conninfo: server.conninfo(name))
    }

    /// A new connection to this database.
    public func connect() throws -> Connection {
        try Connection(conninfo: conninfo)
    }

    /// The `postgresql://` URL of this database, for tools and subprocesses.
    public var url: String {
        (try? TestServer.shared.get())?.cluster?.url(database: name) ?? conninfo
    }

    /// The private cluster's server binaries, for tests that restart the server.
    public static var cluster: LocalCluster? { (try? TestServer.shared.get())?.cluster }
}

/// The database every `TestDatabase.migrated()` copies: migrated once per process, on first
/// use (a `static let` is initialised exactly once, even when tests race for it).
///
/// `CREATE DATABASE … TEMPLATE` refuses a template that any session is connected to, so once
/// migrated the template takes no connections at all (`ALLOW_CONNECTIONS false`); copies
/// made at the same time only share a lock on it and need no serialising.
enum MigratedTemplate {
    static let shared: Result<String, Error> = Result {
        let template = try TestDatabase.make()
        do {
            let db = try template.connect()
            try Migrator.migrate(db) { _ in }
        }
        let admin = try Connection(conninfo: TestServer.shared.get().adminConninfo)
        try admin.execute("ALTER DATABASE \(template.name) WITH ALLOW_CONNECTIONS false")
        return template.name
    }
}

/// The server behind every `TestDatabase`.
struct TestServer: Sendable {
    let adminConninfo: String
    let cluster: LocalCluster?

    func conninfo(_ database: String) -> String {
        // In a key=value conninfo the last setting of a keyword wins.
        cluster?.conninfo(database: database) ?? "\(adminConninfo) dbname=\(database)"
    }

    /// Started at most once per process, on first use.
    static let shared: Result<TestServer, Error> = start()

    private static func start() -> Result<TestServer, Error> {
        let environment = ProcessInfo.processInfo.environment
        if let conninfo = environment["POSTDECK_TEST_DATABASE"], !conninfo.isEmpty {
            return .success(TestServer(adminConninfo: conninfo, cluster: nil))
        }
        return Result {
            let cluster = try LocalCluster.start()
            // The server stops before the process ends; its files go in the background.
            atexit { (try? TestServer.shared.get())?.cluster?.stopRemovingInBackground() }
            return TestServer(adminConninfo: cluster.conninfo(), cluster: cluster)
        }
    }
}
