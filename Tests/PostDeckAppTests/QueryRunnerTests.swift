import Foundation
import Testing
import PostDeckStore
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
}
