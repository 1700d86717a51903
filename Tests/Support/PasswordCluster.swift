import Foundation
import PostDeckStore

/// A second private cluster for login tests: every login needs a password (SCRAM), and the
/// server logs each attempt (`log_connections=on`), so a test can count the logins a client
/// made. Started once per test process, on first use; stopped at exit.
public enum PasswordCluster {
    public static let password = "correct horse"

    public static let shared: Result<LocalCluster, Error> = Result {
        let cluster = try LocalCluster.start(password: password, settings: ["log_connections": "on"])
        atexit { (try? PasswordCluster.shared.get())?.stop() }
        return cluster
    }

    /// A conninfo for `user` with `password` (no password at all when nil). libpq's own
    /// password sources are switched off, so only what is written here is tried.
    public static func conninfo(user: String, password: String?, database: String = "postgres") throws -> String {
        let cluster = try shared.get()
        return "host=\(cluster.socketDirectory) port=5432 user=\(user) dbname=\(database) passfile=/nonexistent"
            + (password.map { " password='\($0)'" } ?? "")
    }

    /// A user name no other test uses, so that its lines in the log are this test's alone.
    public static func uniqueUser(_ prefix: String) -> String {
        "\(prefix)_\(UInt32.random(in: 0...UInt32.max))"
    }

    /// How many times the server refused `user`'s password so far.
    public static func refusedLogins(of user: String) throws -> Int {
        let log = (try? String(contentsOfFile: try shared.get().logPath, encoding: .utf8)) ?? ""
        return log.components(separatedBy: "password authentication failed for user \"\(user)\"").count - 1
    }
}
