import Foundation
import Testing
import PostDeckStore
import PostDeckTestSupport

/// A wrong password in the UI against a server that counts logins (`log_connections=on`):
/// the UI says what failed and waits for `R`; it never retries on its own.
@Suite(.serialized) struct RefusedLoginEndToEndTests {
    @Test func aRefusedLoginIsAttemptedAtMostTwiceAndAgainOnlyOnR() throws {
        let user = PasswordCluster.uniqueUser("manager")
        let conninfo = try PasswordCluster.conninfo(user: user, password: "wrong")
        let ui = try TerminalSession.start(["--db", conninfo], width: 120, height: 30)
        defer { ui.close() }
        let screen = try ui.waitFor("press R to try again")
        #expect(screen.contains("password authentication failed for user"), "the UI says what failed:\n\(screen)")
        #expect(screen.contains("offline"))

        // The old loop retried after 0.25, 0.5, 1 and 2 s (and its listener after 0.5, 1, 2 s):
        // watch the server's log for longer than that.
        let watchedUntil = ContinuousClock.now + .seconds(4)
        var attempts = try PasswordCluster.refusedLogins(of: user)
        while ContinuousClock.now < watchedUntil {
            attempts = try PasswordCluster.refusedLogins(of: user)
            if attempts > 2 { break }
            usleep(100_000)
        }
        #expect((1...2).contains(attempts), "a refused login was attempted \(attempts) times")

        ui.press("R")
        let before = attempts
        try ui.waitUntil("R to log in once more") { _ in ((try? PasswordCluster.refusedLogins(of: user)) ?? 0) > before }
        try ui.waitFor("press R to try again")
        #expect(try PasswordCluster.refusedLogins(of: user) <= before + 2)
        ui.press("q")
        #expect(try ui.waitForExit() == 0)
    }

    @Test func aCommandWithAWrongPasswordSaysCheckTheLoginInOneLineAndAHint() throws {
        let user = PasswordCluster.uniqueUser("cron")
        let run = try CommandLineTests.postdeck(["health", "--db", try PasswordCluster.conninfo(user: user, password: "wrong")])
        #expect(run.status == 1)
        let lines = run.output.split(separator: "\n")
        #expect(lines.count == 2, "\(run.output)")
        #expect(lines.first?.hasPrefix("postdeck: the database refused the login: password authentication failed for user") == true)
        #expect(lines.last?.contains("~/.pgpass") == true)
        #expect(try PasswordCluster.refusedLogins(of: user) == 1)
    }
}
