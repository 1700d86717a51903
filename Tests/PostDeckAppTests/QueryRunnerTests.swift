import Foundation
import Testing
import PostDeckStore
import PostDeckTestSupport
@testable import PostDeckApp

@Suite struct QueryRunnerTests {
    /// A request replaced in its slot is reported, so the runtime stops waiting for it (and
    /// the spinner, which ticks while anything is in flight, stops).
    @Test func aRequestReplacedInItsSlotIsReported() {
        let runner = QueryRunner<Int>(conninfo: "host=/nonexistent-postdeck dbname=x", statementTimeout: .seconds(1))
        func job(_ id: Int, _ slot: String) -> QueryRunner<Int>.Job {
            .init(id: RequestID(id), slot: slot, query: Query("SELECT 1") { _ in id }, onFailure: { _, _ in -1 })
        }
        func replaced(_ events: [QueryRunner<Int>.Event]) -> [RequestID] {
            events.compactMap { if case .replaced(let id) = $0 { id } else { nil } }
        }
        #expect(replaced(runner.enqueue(job(1, "table"))).isEmpty)
        #expect(replaced(runner.enqueue(job(2, "summary"))).isEmpty, "another slot is left alone")
        #expect(replaced(runner.enqueue(job(3, "table"))) == [RequestID(1)])
    }

    /// A refused login ends in `.loginRefused` with nothing scheduled: no retry until `reconnect()`.
    @Test func aRefusedLoginIsNotRetriedUntilReconnectIsAsked() throws {
        let user = PasswordCluster.uniqueUser("runner")
        let runner = QueryRunner<Int>(conninfo: try PasswordCluster.conninfo(user: user, password: "wrong"), statementTimeout: .seconds(1))
        func drive(_ first: [QueryRunner<Int>.Event]) -> [QueryRunner<Int>.Event] {
            var events = first
            for _ in 0..<1_000 {
                guard events.isEmpty, let wait = runner.pollRequest else { break }
                var descriptor = pollfd(fd: wait.fd, events: wait.events, revents: 0)
                _ = poll(&descriptor, 1, 1_000)
                events += runner.socketReady()
            }
            return events
        }
        let events = drive(runner.start())
        guard case .loginRefused(.loginRefused(let reason))? = events.first else {
            Issue.record("expected a refused login, got \(events)")
            return
        }
        #expect(reason.contains("password authentication failed"))
        #expect(runner.nextDeadline == nil, "no retry is scheduled")
        #expect(runner.pollRequest == nil, "nothing is waited for")
        #expect(runner.timerFired().isEmpty)
        #expect(try PasswordCluster.refusedLogins(of: user) == 1)

        let again = drive(runner.reconnect())
        guard case .loginRefused? = again.first else { Issue.record("\(again)"); return }
        #expect(try PasswordCluster.refusedLogins(of: user) == 2, "R tries once more")
    }
}
