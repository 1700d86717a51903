import FoundationEssentials
import Glibc
import PostDeckCore

/// A private PostgreSQL server in a directory of its own, reachable only through a Unix
/// socket: what `postdeck demo` runs on and what the test suite starts for itself.
///
/// Postgres refuses to run as root, so as root the directory is handed to the `postgres`
/// OS user and the server binaries run through `runuser`.
public final class LocalCluster: Sendable {
    /// Holds `data/` (the cluster) and `server.log`.
    public let directory: String
    /// Where the server's socket lives: a short path, since socket paths must stay under 107 bytes.
    public let socketDirectory: String
    public let binaries: String
    private let keep: Bool
    private let runAsPostgresUser: Bool
    /// The `postgres` role's password when the cluster asks for one (SCRAM); nil trusts every local login.
    public let password: String?
    private let settings: [String: String]

    public enum Failure: Error, CustomStringConvertible {
        case noServerBinaries
        case command(String)
        public var description: String {
            switch self {
            case .noServerBinaries:
                "cannot find the PostgreSQL server programs (initdb, pg_ctl): install the `postgresql` package, put its bin directory on PATH, or pass --db to use an existing database"
            case .command(let message): "cannot start a private PostgreSQL: \(message)"
            }
        }
    }

    /// Creates (or, for a kept directory that already holds one, reuses) a cluster and starts it.
    /// - Parameters:
    ///   - keepAt: a directory to keep the cluster in after `stop()`; nil makes a temporary
    ///     one that `stop()` removes.
    ///   - password: makes every login need this password (`scram-sha-256`) instead of trusting it.
    ///   - settings: server settings for this start (`shared_buffers`: `2GB`, `log_connections`: `on`).
    public static func start(keepAt: String? = nil, password: String? = nil, settings: [String: String] = [:]) throws -> LocalCluster {
        guard let binaries = findBinaries() else { throw Failure.noServerBinaries }
        let asRoot = geteuid() == 0
        let directory: String
        if let keepAt {
            directory = URL(fileURLWithPath: keepAt).standardizedFileURL.path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } else {
            // TMPDIR decides where the data goes; the socket stays under /tmp, where its path is short.
            let parent = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
            directory = try makeTemporaryDirectory(prefix: "postdeck-", in: parent)
        }
        let socketDirectory = try makeTemporaryDirectory(prefix: "pdk-")
        let cluster = LocalCluster(directory: directory, socketDirectory: socketDirectory, binaries: binaries,
                                   keep: keepAt != nil, runAsPostgresUser: asRoot, password: password, settings: settings)
        do {
            try cluster.initializeAndStart()
        } catch {
            cluster.stop()
            throw error
        }
        return cluster
    }

    private init(directory: String, socketDirectory: String, binaries: String, keep: Bool, runAsPostgresUser: Bool,
                 password: String?, settings: [String: String]) {
        self.directory = directory
        self.socketDirectory = socketDirectory
        self.binaries = binaries
        self.keep = keep
        self.runAsPostgresUser = runAsPostgresUser
        self.password = password
        self.settings = settings
    }

    private var dataDirectory: String { directory + "/data" }
    /// The server's log (with `log_connections=on`, one line per login attempt).
    public var logPath: String { directory + "/server.log" }

    /// A key=value conninfo for one database of this cluster (with the password, if it has one).
    public func conninfo(database: String = "postgres") -> String {
        "host=\(socketDirectory) port=5432 user=postgres dbname=\(database)" + (password.map { " password=\($0)" } ?? "")
    }

    /// A `postgresql://` URI for the same database, for `DATABASE_URL` and psql.
    public func url(database: String = "postgres") -> String {
        // Every byte but ASCII letters and digits percent-encoded (the socket path's slashes).
        let host = socketDirectory.utf8.map { byte in
            (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
                ? String(UnicodeScalar(byte)) : "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
        }.joined()
        return "postgresql://postgres@\(host):5432/\(database)"
    }

    /// Creates an empty database (names are ours, never user input).
    public func createDatabase(_ name: String) throws {
        let connection = try Connection(conninfo: conninfo())
        try connection.execute("CREATE DATABASE \"\(name)\"")
    }

    /// Stops the server (fast shutdown) and removes the temporary directories. Safe to call twice.
    public func stop() {
        stopServer()
        if !keep { try? FileManager.default.removeItem(atPath: directory) }
        try? FileManager.default.removeItem(atPath: socketDirectory)
    }

    /// Stops the server, then leaves removing the directories to a detached `rm -rf` and
    /// returns at once. For the test suite: its cluster holds a database per test, tens of
    /// thousands of files, and unlinking them took most of a minute on this machine's disk.
    public func stopRemovingInBackground() {
        stopServer()
        let paths = (keep ? [] : [directory]) + [socketDirectory]
        if (try? Subprocess.start(["rm", "-rf"] + paths)) == nil {
            for path in paths { try? FileManager.default.removeItem(atPath: path) }
        }
    }

    private func stopServer() {
        if FileManager.default.fileExists(atPath: dataDirectory + "/postmaster.pid") {
            _ = try? run(["pg_ctl", "stop", "-D", dataDirectory, "-m", "fast", "-w", "-t", "10"], check: false)
        }
    }

    private func initializeAndStart() throws {
        if runAsPostgresUser {
            for path in [directory, socketDirectory] { _ = chown(path, Self.postgresUser.uid, Self.postgresUser.gid) }
        }
        if !FileManager.default.fileExists(atPath: dataDirectory + "/PG_VERSION") {
            var initdb = ["initdb", "--no-sync", "-U", "postgres", "-E", "UTF8", "--locale=C", "-D", dataDirectory]
            if let password {
                let file = directory + "/password"
                try password.write(toFile: file, atomically: true, encoding: .utf8)
                if runAsPostgresUser { _ = chown(file, Self.postgresUser.uid, Self.postgresUser.gid) }
                initdb += ["-A", "scram-sha-256", "--pwfile=\(file)"]
            } else {
                initdb += ["-A", "trust"]
            }
            try run(initdb)
        }
        let options = "-c listen_addresses='' -k \(socketDirectory) -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            + settings.sorted { $0.key < $1.key }.map { " -c \($0.key)=\($0.value)" }.joined()
        try run(["pg_ctl", "start", "-w", "-t", "30", "-D", dataDirectory, "-l", logPath, "-o", options])
    }

    @discardableResult
    private func run(_ arguments: [String], check: Bool = true) throws -> Int32 {
        var command = [binaries + "/" + arguments[0]] + arguments.dropFirst()
        if runAsPostgresUser { command = ["runuser", "-u", "postgres", "--"] + command }
        let output = directory + "/commands.log"
        if runAsPostgresUser, !FileManager.default.fileExists(atPath: output) {
            _ = FileManager.default.createFile(atPath: output, contents: nil)
            _ = chown(output, Self.postgresUser.uid, Self.postgresUser.gid)
        }
        do {
            return try Subprocess.run(command, outputPath: output, check: check)
        } catch {
            throw Failure.command(String(describing: error))
        }
    }

    private static var postgresUser: (uid: uid_t, gid: gid_t) {
        guard let entry = getpwnam("postgres") else { return (0, 0) }
        return (entry.pointee.pw_uid, entry.pointee.pw_gid)
    }

    /// PATH, then `pg_config --bindir`, then the newest `/usr/lib/postgresql/*/bin`.
    static func findBinaries() -> String? {
        let fileManager = FileManager.default
        func hasServer(_ directory: String) -> Bool {
            fileManager.isExecutableFile(atPath: directory + "/initdb") && fileManager.isExecutableFile(atPath: directory + "/pg_ctl")
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for directory in path.split(separator: ":").map(String.init) where hasServer(directory) {
            // A symlink to initdb alone (as some images have) is no good without pg_ctl beside it.
            return directory
        }
        if let bindir = Subprocess.output(["pg_config", "--bindir"])?.trimmingSpacesAndNewlines(),
           hasServer(bindir) {
            return bindir
        }
        let versions = (try? fileManager.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        for version in versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) }) {
            let directory = "/usr/lib/postgresql/\(version)/bin"
            if hasServer(directory) { return directory }
        }
        return nil
    }

    private static func makeTemporaryDirectory(prefix: String, in parent: String = "/tmp") throws -> String {
        var template = Array("\(parent.hasSuffix("/") ? String(parent.dropLast()) : parent)/\(prefix)XXXXXX".utf8CString)
        guard let result = mkdtemp(&template) else {
            throw Failure.command("cannot create a temporary directory: \(String(cString: strerror(errno)))")
        }
        return String(cString: result)
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
