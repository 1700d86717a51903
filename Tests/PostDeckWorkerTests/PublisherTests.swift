import Foundation
import Testing
import PostDeckCore
import PostDeckStore
@testable import PostDeckWorker

/// How each publisher turns what it hears into an outcome, without a database.
@Suite struct PublisherTests {
    private func data(_ text: String) -> Data { Data(text.utf8) }

    @Test func aWebhooks2xxIsPublishedWithTheIdItGave() {
        #expect(WebhookPublisher.interpret(status: 201, retryAfter: nil, body: data(#"{"platform_post_id": "urn:li:share:1", "permalink": "https://x/1"}"#))
                == .published(platformPostID: "urn:li:share:1", permalink: "https://x/1", code: 201))
        #expect(WebhookPublisher.interpret(status: 200, retryAfter: nil, body: data(#"{"platform_post_id": 1789}"#))
                == .published(platformPostID: "1789", permalink: nil, code: 200))
        #expect(WebhookPublisher.interpret(status: 204, retryAfter: nil, body: data(""))
                == .published(platformPostID: nil, permalink: nil, code: 204), "accepted without an id is still accepted: never resend")
    }

    @Test func throttlingAndServerErrorsAreRetriedHonouringRetryAfter() {
        let now = Date(timeIntervalSince1970: 1_764_072_000)  // 2025-11-25 12:00:00 UTC
        #expect(WebhookPublisher.interpret(status: 429, retryAfter: "120", body: data(#"{"error": "slow down"}"#), now: now)
                == .retry(error: "HTTP 429: slow down", retryAfter: 120, code: 429))
        #expect(WebhookPublisher.interpret(status: 503, retryAfter: "Tue, 25 Nov 2025 12:01:30 GMT", body: data("<html>busy</html>"), now: now)
                == .retry(error: "HTTP 503: <html>busy</html>", retryAfter: 90, code: 503))
        #expect(WebhookPublisher.interpret(status: 500, retryAfter: nil, body: data(#"{"error": "boom", "retry_after": 7}"#), now: now)
                == .retry(error: "HTTP 500: boom", retryAfter: 7, code: 500))
    }

    @Test func otherClientErrorsAreRefusedAtOnceWithTheReceiversMessage() {
        #expect(WebhookPublisher.interpret(status: 422, retryAfter: nil, body: data(#"{"error": "caption too long"}"#))
                == .refused(error: "HTTP 422: caption too long", code: 422))
        #expect(WebhookPublisher.interpret(status: 401, retryAfter: nil, body: data("token revoked\nsecond line"))
                == .refused(error: "HTTP 401: token revoked", code: 401))
    }

    @Test func aNetworkErrorIsRetried() async {
        // Port 9 on loopback: nothing listens, the connection is refused.
        let publisher = WebhookPublisher(url: URL(string: "http://127.0.0.1:9/publish")!, timeout: 5, concurrency: 1)
        let response = await publisher.publish(Self.document)
        guard case .retry(let error, nil, nil) = response else {
            Issue.record("expected a retry, got \(response)")
            return
        }
        #expect(error.hasPrefix("webhook: "))
    }

    @Test func aCommandGetsTheDocumentOnStdinAndItsExitStatusDecides() async throws {
        let directory = NSTemporaryDirectory() + "pdk-command-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let script = directory + "/publish.sh"
        try Self.writeProgram(to: script, """
            #!/bin/sh
            cat > "\(directory)/received-$POSTDECK_PLATFORM.json"
            case "$POSTDECK_PLATFORM" in
              linkedin) echo '{"platform_post_id": "urn:li:share:42", "permalink": "https://li/42"}' ;;
              instagram) echo 'ig-7' ;;
              tiktok) echo '{"error": "upload quota reached", "retry_after": 60}'; exit 75 ;;
              facebook) echo 'page not found' >&2; exit 3 ;;
            esac
            """)
        let publisher = CommandPublisher(program: script, timeout: 10)

        #expect(await publisher.publish(Self.document(on: .linkedin)) == .published(platformPostID: "urn:li:share:42", permalink: "https://li/42", code: 0))
        #expect(await publisher.publish(Self.document(on: .instagram)) == .published(platformPostID: "ig-7", permalink: nil, code: 0))
        #expect(await publisher.publish(Self.document(on: .tiktok)) == .retry(error: "command exited 75: upload quota reached", retryAfter: 60, code: 75))
        #expect(await publisher.publish(Self.document(on: .facebook)) == .refused(error: "command exited 3: page not found", code: 3))
        let received = try JSONDecoder().decode(PublishDocument.self, from: Data(contentsOf: URL(fileURLWithPath: directory + "/received-linkedin.json")))
        #expect(received == Self.document(on: .linkedin))
    }

    @Test func aCommandThatNeverFinishesIsKilledAtTheTimeoutAndRetried() async throws {
        // `yes` ignores its input and writes forever: only the timeout ends it.
        #expect(await CommandPublisher(program: "/usr/bin/yes", timeout: 0.3).publish(Self.document)
                == .retry(error: "command: timed out after 0.3 s and was killed", retryAfter: nil, code: nil))
        // `false` exits 1 at once, without reading its input: a refusal, and no SIGPIPE for us.
        #expect(await CommandPublisher(program: "/bin/false", timeout: 5).publish(Self.document) == .refused(error: "command exited 1", code: 1))
    }

    @Test func theSandboxTellsTheSameStoryForTheSameSeed() {
        let documents = (0..<200).map { _ in Self.document(on: Platform.allCases.randomElement()!, postPlatformID: .random()) }
        let first = SandboxPublisher(seed: 42).decide
        let again = SandboxPublisher(seed: 42).decide
        let other = SandboxPublisher(seed: 43).decide
        #expect(documents.allSatisfy { first($0) == again($0) })
        #expect(documents.contains { first($0) != other($0) })
        let outcomes = documents.map { first($0).response.outcome }
        #expect(outcomes.filter { $0 == .published }.count > 150, "mostly published")
        #expect(outcomes.contains(.retry), "now and then throttled or unavailable")
        let latencies = documents.map { first($0).latency }
        #expect(latencies.allSatisfy { (0.3...2.5).contains($0) })
    }

    /// Writes an executable script through a close-on-exec descriptor: a program other tests
    /// start meanwhile must not inherit it open for writing ("text file busy" on exec).
    static func writeProgram(to path: String, _ text: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        guard bytes.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == bytes.count else { throw CocoaError(.fileWriteUnknown) }
    }

    static let document = document(on: .instagram)

    static func document(on platform: Platform, postPlatformID: PostPlatformID = PostPlatformID(UUID(uuidString: "e1000000-0000-4000-8000-000000000001")!)) -> PublishDocument {
        let job = ClaimedJob(id: JobID(UUID(uuidString: "f1000000-0000-4000-8000-000000000001")!),
                             postID: PostID(UUID(uuidString: "b1000000-0000-4000-8000-000000000001")!), attempt: 1, maxAttempts: 3,
                             clientID: ClientID(UUID(uuidString: "c1000000-0000-4000-8000-000000000001")!), clientName: "Acme",
                             scheduledAt: Date(timeIntervalSince1970: 1_764_072_000), settings: PostSettings(firstComment: "first!"),
                             media: [], targets: [])
        let target = PublishTarget(postPlatformID: postPlatformID, accountID: AccountID(UUID(uuidString: "a1000000-0000-4000-8000-000000000001")!),
                                   platform: platform, platformAccountID: "1", username: "acme", displayName: "Acme",
                                   accountActive: true, hasToken: true, tokenExpiresAt: nil, text: "Hello on \(platform.displayName)")
        return PublishDocument(job: job, target: target, idempotencyKey: "\(postPlatformID):\(job.id)")
    }
}
