import Foundation
import PostDeckStore

/// A hot standby of a private primary, for tests: the primary is a `LocalCluster` of its own
/// (`wal_level = replica` is the default), the standby is made with `pg_basebackup -R` and
/// started on a socket directory of its own. `stop()` stops both and removes their files.
public final class StandbyPair: Sendable {
    public let primary: LocalCluster
    public let directory: String
    public let socketDirectory: String

    public static func start() throws -> StandbyPair {
        let primary = try LocalCluster.start()
        let directory = try ServerTools.temporaryDirectory("pdk-sb-")
        let socket = try ServerTools.temporaryDirectory("pdk-ss-")
        let pair = StandbyPair(primary: primary, directory: directory, socketDirectory: socket)
        do {
            try ServerTools.run([ServerTools.program("pg_basebackup", beside: primary.binaries), "-h", primary.socketDirectory, "-p", "5432", "-U", "postgres",
                                 "-D", directory + "/data", "-R", "-X", "stream", "--no-sync"], log: directory + "/commands.log")
            try ServerTools.run([primary.binaries + "/pg_ctl", "start", "-w", "-t", "30", "-D", directory + "/data", "-l", directory + "/server.log",
                                 "-o", "-c listen_addresses='' -k \(socket) -c fsync=off"], log: directory + "/commands.log")
        } catch {
            pair.stop()
            throw error
        }
        return pair
    }

    private init(primary: LocalCluster, directory: String, socketDirectory: String) {
        self.primary = primary
        self.directory = directory
        self.socketDirectory = socketDirectory
    }

    public func primaryConninfo(_ database: String = "postgres") -> String { primary.conninfo(database: database) }
    public func standbyConninfo(_ database: String = "postgres") -> String { "host=\(socketDirectory) port=5432 user=postgres dbname=\(database)" }

    /// Waits until the standby has replayed everything the primary has written so far.
    public func waitForReplay(_ database: String = "postgres", timeout: Duration = .seconds(30)) throws {
        let target = try Connection(conninfo: primaryConninfo(database)).execute("SELECT pg_current_wal_lsn()::text AS lsn")
            .first?.decode("lsn", as: String.self) ?? "0/0"
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let standby = try? Connection(conninfo: standbyConninfo(database)),
               try standby.execute("SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done", [target]).first?.decode("done", as: Bool.self) == true {
                return
            }
            usleep(50_000)
        }
        throw StoreError.invalid("the standby did not replay up to \(target) in time")
    }

    public func stop() {
        if FileManager.default.fileExists(atPath: directory + "/data/postmaster.pid") {
            _ = try? ServerTools.run([primary.binaries + "/pg_ctl", "stop", "-D", directory + "/data", "-m", "immediate", "-w"],
                                     log: directory + "/commands.log")
        }
        primary.stop()
        try? FileManager.default.removeItem(atPath: directory)
        try? FileManager.default.removeItem(atPath: socketDirectory)
    }
}

/// A real PgBouncer (Debian's `pgbouncer`) in transaction pooling mode in front of one
/// server, on a Unix socket of its own, `auth_type = trust` for the roles given.
public final class PgBouncer: Sendable {
    public let directory: String
    public static let port = 6432

    public static var binary: String? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "") + ":/usr/sbin:/usr/local/sbin"
        return path.split(separator: ":").map { "\($0)/pgbouncer" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts in front of the server at `socketDirectory` (port 5432) for these roles.
    public static func start(serverSocket: String, roles: [String]) throws -> PgBouncer {
        guard let binary else { throw StoreError.invalid("pgbouncer is not installed (apt-get install pgbouncer)") }
        let directory = try ServerTools.temporaryDirectory("pdk-pgb-")
        let bouncer = PgBouncer(directory: directory)
        let users = (["postgres"] + roles).map { "\"\($0)\" \"\"" }.joined(separator: "\n") + "\n"
        let ini = """
            [databases]
            * = host=\(serverSocket) port=5432
            [pgbouncer]
            listen_addr =
            listen_port = \(port)
            unix_socket_dir = \(directory)
            auth_type = trust
            auth_file = \(directory)/users.txt
            pool_mode = transaction
            default_pool_size = 4
            max_client_conn = 200
            ignore_startup_parameters = extra_float_digits
            logfile = \(directory)/pgbouncer.log
            pidfile = \(directory)/pgbouncer.pid

            """
        try users.write(toFile: directory + "/users.txt", atomically: true, encoding: .utf8)
        try ini.write(toFile: directory + "/pgbouncer.ini", atomically: true, encoding: .utf8)
        ServerTools.handToPostgres(directory + "/users.txt")
        ServerTools.handToPostgres(directory + "/pgbouncer.ini")
        do {
            try ServerTools.run([binary, "-d", directory + "/pgbouncer.ini"], log: directory + "/commands.log")
            let deadline = ContinuousClock.now + .seconds(10)
            while !FileManager.default.fileExists(atPath: "\(directory)/.s.PGSQL.\(port)") {
                guard ContinuousClock.now < deadline else { throw StoreError.invalid("pgbouncer did not start") }
                usleep(20_000)
            }
        } catch {
            bouncer.stop()
            throw error
        }
        return bouncer
    }

    private init(directory: String) { self.directory = directory }

    public func conninfo(database: String, user: String = "postgres") -> String {
        "host=\(directory) port=\(Self.port) user=\(user) dbname=\(database)"
    }

    /// Stops the pgbouncer this object started (by the pid it wrote) and removes its files.
    public func stop() {
        if let text = try? String(contentsOfFile: directory + "/pgbouncer.pid", encoding: .utf8),
           let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
            kill(pid, SIGINT)
            let deadline = ContinuousClock.now + .seconds(5)
            while kill(pid, 0) == 0 && ContinuousClock.now < deadline { usleep(20_000) }
        }
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// Running server programs as the `postgres` OS user when the tests run as root.
enum ServerTools {
    static var asRoot: Bool { geteuid() == 0 }

    static func run(_ command: [String], log: String) throws {
        if asRoot, !FileManager.default.fileExists(atPath: log) {
            _ = FileManager.default.createFile(atPath: log, contents: nil)
            handToPostgres(log)
        }
        try Subprocess.run(asRoot ? ["runuser", "-u", "postgres", "--"] + command : command, outputPath: log)
    }

    /// A server program from the directory of `pg_ctl` (following a symlink such as
    /// /usr/local/bin/pg_ctl to the version's bin directory).
    static func program(_ name: String, beside binaries: String) -> String {
        let direct = binaries + "/" + name
        if FileManager.default.isExecutableFile(atPath: direct) { return direct }
        return URL(fileURLWithPath: binaries + "/pg_ctl").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent(name).path
    }

    static func temporaryDirectory(_ prefix: String) throws -> String {
        var template = Array("/tmp/\(prefix)XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw StoreError.invalid("cannot create a temporary directory") }
        let path = String(cString: made)
        handToPostgres(path)
        return path
    }

    static func handToPostgres(_ path: String) {
        guard asRoot, let entry = getpwnam("postgres") else { return }
        _ = chown(path, entry.pointee.pw_uid, entry.pointee.pw_gid)
    }
}
