import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// POSTs each post's `PublishDocument` to the agency's integration and reads
/// `{"platform_post_id": …}` from a 2xx answer.
///
/// The HTTP client is the system's: Foundation's `URLSession` (libcurl underneath on Linux),
/// which ships with the toolchain, keeps connections alive, speaks TLS and HTTP/2, and costs
/// no build time. It lives in the `postdeck-worker` program only: linked into the UI binary
/// it would add about 7 MB and 14 ms to every start (docs/WORKER.md).
///
/// How answers map: 2xx published; 429 and 5xx (and 408) retry, honouring `Retry-After`;
/// other 4xx (and 3xx that were not followed) refused with the body's `error` or first line;
/// a network error or timeout retry. Every request carries the document's idempotency key in
/// an `Idempotency-Key` header, so a receiver can tell a retry from a new post.
public final class WebhookPublisher: Publisher {
    public let name = "webhook"
    private let url: URL
    private let session: URLSession
    private let headers: [String: String]

    /// - Parameters:
    ///   - timeout: seconds a request may take, connection included.
    ///   - bearerToken: sent as `Authorization: Bearer …` when given (`POSTDECK_WEBHOOK_TOKEN`).
    public init(url: URL, timeout: Double, concurrency: Int, bearerToken: String? = nil) {
        self.url = url
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.httpMaximumConnectionsPerHost = max(1, concurrency)
        configuration.httpCookieAcceptPolicy = .never
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration)
        var headers = ["Content-Type": "application/json", "Accept": "application/json",
                       "User-Agent": "postdeck-worker/\(WorkerVersion.current)"]
        if let bearerToken, !bearerToken.isEmpty { headers["Authorization"] = "Bearer \(bearerToken)" }
        self.headers = headers
    }

    deinit { session.finishTasksAndInvalidate() }

    public func publish(_ document: PublishDocument) async -> PublishResponse {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = document.json()
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.setValue(document.idempotencyKey, forHTTPHeaderField: "Idempotency-Key")
        do {
            let (body, response) = try await session.data(for: request)
            guard let http = response as? HTTPURLResponse else {
                return .retry(error: "webhook: not an HTTP answer", retryAfter: nil, code: nil)
            }
            return Self.interpret(status: http.statusCode, retryAfter: http.value(forHTTPHeaderField: "Retry-After"), body: body)
        } catch {
            return .retry(error: "webhook: \(Self.describe(error))", retryAfter: nil, code: nil)
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

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? URLError else { return String(describing: error) }
        return switch error.code {
        case .timedOut: "timed out"
        case .cannotConnectToHost: "cannot connect to \(error.failingURL?.host ?? "the host")"
        case .cannotFindHost, .dnsLookupFailed: "cannot find host \(error.failingURL?.host ?? "")"
        case .networkConnectionLost: "the connection was lost"
        case .notConnectedToInternet: "no network"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
             .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot: "TLS failed (\(error.code.rawValue))"
        default: "network error \(error.code.rawValue)"
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
