import Foundation
import Logging
import LocalEndpoint
import PostDeckCore
import PostDeckStore
import PostDeckTestSupport
import PostDeckWorker

/// A worker's world for one test: its own database with `PublishScenario`'s accounts, and a
/// local HTTP endpoint playing the networks, answering as the test's script says.
struct WorkerHarness {
    let database: TestDatabase
    let db: Connection
    let endpoint: LocalEndpoint

    init(script: @escaping LocalEndpoint.Script) throws {
        database = try TestDatabase.make()
        db = try database.connect()
        try PublishScenario.install(on: db)
        endpoint = try LocalEndpoint(script: script)
    }

    /// A webhook worker posting to the endpoint, quick to retry.
    func worker(concurrency: Int = 4, backoff: Double = 0.05, exitWhenIdle: Bool = true, limits: RateLimits = RateLimits(),
                timeout: Double = 10) -> Worker {
        var options = WorkerOptions(conninfo: database.conninfo)
        options.concurrency = concurrency
        options.backoff = RetryBackoff(base: backoff)
        options.exitWhenIdle = exitWhenIdle
        options.limits = limits
        let publisher = WebhookPublisher(url: URL(string: endpoint.url("/publish"))!, timeout: timeout, concurrency: concurrency)
        return Worker(options: options, publisher: publisher, log: Self.quiet)
    }

    /// The documents the endpoint received, in arrival order.
    var documents: [PublishDocument] {
        endpoint.requests.compactMap { try? JSONDecoder().decode(PublishDocument.self, from: Data($0.body)) }
    }

    /// Polls `condition` every 20 ms until it holds; throws after `timeout`.
    func waitUntil(_ what: String, timeout: Duration = .seconds(20), _ condition: () throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while try !condition() {
            if ContinuousClock.now >= deadline { throw Timeout(waitingFor: what) }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    struct Timeout: Error, CustomStringConvertible {
        let waitingFor: String
        var description: String { "timed out waiting for \(waitingFor)" }
    }

    /// Logs nothing: the tests read the database and the endpoint instead.
    static let quiet = Logger(label: "postdeck-worker-test") { _ in SwiftLogNoOpLogHandler() }

    /// A 2xx answer with a platform post id made from the document.
    static func accepted(_ request: LocalEndpoint.Request, delay: Duration? = nil) -> LocalEndpoint.Response {
        let document = try? JSONDecoder().decode(PublishDocument.self, from: Data(request.body))
        let id = "\(document?.platform ?? "x")-\(document?.postPlatformID.prefix(8) ?? "?")"
        return .json(#"{"platform_post_id": "\#(id)", "permalink": "https://example.com/\#(id)"}"#, delay: delay)
    }
}
