import Foundation

/// POSTs each post's `PublishDocument` to the agency's integration and reads
/// `{"platform_post_id": …}` from a 2xx answer.
///
/// The HTTP client is the system's: libcurl (`CurlClient`), which keeps connections alive,
/// speaks TLS and HTTP/2 and costs no build time. It lives in the `postdeck-worker` program
/// only; the UI binary does not load it.
///
/// How answers map: 2xx published; 429 and 5xx (and 408) retry, honouring `Retry-After`;
/// other 4xx (and 3xx, which are not followed: a POST is not replayed elsewhere) refused with
/// the body's `error` or first line; a network error or timeout retry. Every request carries
/// the document's idempotency key in an `Idempotency-Key` header, so a receiver can tell a
/// retry from a new post.
public final class WebhookPublisher: Publisher {
    public let name = "webhook"
    private let url: String
    private let client: CurlClient
    private let headers: [String]

    /// - Parameters:
    ///   - timeout: seconds a request may take, connection included.
    ///   - concurrency: requests in flight at most (the worker's `--concurrency`).
    ///   - bearerToken: sent as `Authorization: Bearer …` when given (`POSTDECK_WEBHOOK_TOKEN`).
    public init(url: URL, timeout: Double, concurrency: Int, bearerToken: String? = nil) {
        self.url = url.absoluteString
        client = CurlClient(connections: concurrency, timeout: timeout, userAgent: "postdeck-worker/\(WorkerVersion.current)")
        var headers = ["Content-Type: application/json", "Accept: application/json"]
        if let bearerToken, !bearerToken.isEmpty { headers.append("Authorization: Bearer \(bearerToken)") }
        self.headers = headers
    }

    deinit { client.shutdown() }

    public func publish(_ document: PublishDocument) async -> PublishResponse {
        let answer = await client.post(url: url, body: Array(document.json()),
                                       headers: headers + ["Idempotency-Key: \(document.idempotencyKey)"])
        switch answer {
        case .success(let answer):
            return Self.interpret(status: answer.status, retryAfter: answer.headers["retry-after"], body: Data(answer.body))
        case .failure(let failure):
            return .retry(error: "webhook: \(failure.message)", retryAfter: nil, code: nil)
        }
    }

    /// The response for an HTTP answer (a pure function, tested on its own).
    static func interpret(status: Int, retryAfter header: String?, body: Data, now: Date = Date()) -> PublishResponse {
        let answer = PublishAnswer.parse(body)
        let message = answer?.error ?? (answer == nil ? PublishAnswer.excerpt(body) : nil)
        let detail = message.map { ": \($0)" } ?? ""
        switch status {
        case 200..<300:
            return .published(platformPostID: answer?.platformPostID, permalink: answer?.permalink, code: status)
        case 429, 408, 500..<600:
            let retryAfter = header.flatMap { RetryAfter.seconds($0, now: now) } ?? answer?.retryAfter
            return .retry(error: "HTTP \(status)\(detail)", retryAfter: retryAfter, code: status)
        default:
            return .refused(error: "HTTP \(status)\(detail)", code: status)
        }
    }
}

/// `Retry-After` as seconds: a number of seconds or an HTTP date.
enum RetryAfter {
    static func seconds(_ value: String, now: Date) -> Double? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}
