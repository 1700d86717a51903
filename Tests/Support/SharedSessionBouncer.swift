import Foundation
import PostDeckStore

/// A PgBouncer of a test's own in transaction mode, in front of one test database, with a
/// single server connection, so that every client's statements share one server session:
/// anything a statement leaves in the session shows up in the next client's.
///
/// PgBouncer refuses to run as root, so as root it runs as the `postgres` OS user (like
/// the test cluster).
public final class SharedSessionBouncer: Sendable {
    public let directory: String
    public let port = 6432

    /// A conninfo for the database through the pooler.
    public let conninfo: String

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public static func start(for database: TestDatabase) throws -> SharedSessionBouncer {
        guard let cluster = TestDatabase.cluster else {
            throw Failure(description: "PgBouncer tests need the private test cluster (POSTDECK_TEST_DATABASE is set)")
        }
        guard let program = ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer", "/usr/local/bin/pgbouncer"]
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Failure(description: "pgbouncer is not installed (apt-get install pgbouncer)")
        }
        var template = Array("/tmp/pgb-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw Failure(description: "cannot create a directory for pgbouncer") }
        let directory = String(cString: made)
        let bouncer = SharedSessionBouncer(directory: directory, database: database.name)
        try """
            [databases]
            \(database.name) = host=\(cluster.socketDirectory) port=5432 user=postgres dbname=\(database.name)

            [pgbouncer]
            unix_socket_dir = \(directory)
            listen_port = \(bouncer.port)
            auth_type = any
            pool_mode = transaction
            default_pool_size = 1
            max_client_conn = 20
            logfile = \(directory)/pgbouncer.log
            pidfile = \(directory)/pgbouncer.pid
            """.write(toFile: directory + "/pgbouncer.ini", atomically: true, encoding: .utf8)
        var command = [program, "-d", directory + "/pgbouncer.ini"]
        if geteuid() == 0, let user = getpwnam("postgres") {
            _ = chown(directory, user.pointee.pw_uid, user.pointee.pw_gid)
            _ = chown(directory + "/pgbouncer.ini", user.pointee.pw_uid, user.pointee.pw_gid)
            command = ["runuser", "-u", "postgres", "--"] + command
        }
        try Subprocess.run(command, outputPath: directory + "/start.log")
        let socket = "\(directory)/.s.PGSQL.\(bouncer.port)"
        let deadline = ContinuousClock.now + .seconds(10)
        while !FileManager.default.fileExists(atPath: socket) {
            guard ContinuousClock.now < deadline else {
                bouncer.stop()
                throw Failure(description: "pgbouncer did not open \(socket)")
            }
            usleep(10_000)
        }
        // The socket file appears when it is bound, a moment before PgBouncer accepts on it
        // (a connection then is refused): ready means a statement went through.
        while (try? Connection(conninfo: bouncer.conninfo).execute("SELECT 1")) == nil {
            guard ContinuousClock.now < deadline else {
                bouncer.stop()
                throw Failure(description: "pgbouncer did not accept connections on \(socket)")
            }
            usleep(10_000)
        }
        return bouncer
    }

    private init(directory: String, database: String) {
        self.directory = directory
        conninfo = "host=\(directory) port=\(port) user=postgres dbname=\(database)"
    }

    /// Stops the pooler and removes its directory.
    public func stop() {
        if let text = try? String(contentsOfFile: directory + "/pgbouncer.pid", encoding: .utf8),
           let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0 {
            kill(pid, SIGTERM)
            let deadline = ContinuousClock.now + .seconds(5)
            while kill(pid, 0) == 0 && ContinuousClock.now < deadline { usleep(10_000) }
        }
        try? FileManager.default.removeItem(atPath: directory)
    }
}
