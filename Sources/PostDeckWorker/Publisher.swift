import Foundation
import PostDeckCore
import PostDeckStore

/// Sends one post to one account somewhere: the agency's own integration (`webhook`,
/// `command`) or nowhere (`sandbox`). A publisher only talks to the outside world; the
/// worker records everything before and after.
public protocol Publisher: Sendable {
    /// `webhook`, `command` or `sandbox`: stored with each delivery and in `platform_data`.
    var name: String { get }
    func publish(_ document: PublishDocument) async -> PublishResponse
}

/// How a send ended, as a publisher reports it.
public enum PublishResponse: Sendable, Equatable {
    /// The network accepted the post. `code` is the HTTP status or exit status.
    case published(platformPostID: String?, permalink: String?, code: Int?)
    /// Try again later: a network error, a timeout, HTTP 429 or 5xx. `retryAfter` in seconds.
    case retry(error: String, retryAfter: Double?, code: Int?)
    /// Refused for good: HTTP 4xx other than 429, or the command said so.
    case refused(error: String, code: Int?)

    var outcome: DeliveryOutcome {
        switch self {
        case .published: .published
        case .retry: .retry
        case .refused: .failed
        }
    }
}

/// The JSON document sent for one post on one account: the contract between postdeck and an
/// agency's integration (docs/WORKER.md has an example). Keys are snake_case; absent values
/// are `null` or empty arrays, never missing.
public struct PublishDocument: Sendable, Equatable, Codable {
    public struct Account: Sendable, Equatable, Codable {
        public let id: String
        public let platformAccountID: String
        public let username: String?
        public let displayName: String?

        enum CodingKeys: String, CodingKey {
            case id, username
            case platformAccountID = "platform_account_id", displayName = "display_name"
        }
    }

    public struct Client: Sendable, Equatable, Codable {
        public let id: String
        public let name: String
    }

    public struct Media: Sendable, Equatable, Codable {
        /// The version made for this network when there is one, else the original.
        public let path: String
        public let filename: String
        public let mimeType: String
        public let mediaType: String
        public let width: Int?
        public let height: Int?
        public let durationSeconds: Int?
        public let altText: String?

        enum CodingKeys: String, CodingKey {
            case path, filename, width, height
            case mimeType = "mime_type", mediaType = "media_type", durationSeconds = "duration_seconds", altText = "alt_text"
        }
    }

    /// The same for every attempt of one job: a receiver that already accepted this key
    /// must answer with the same `platform_post_id` instead of posting again.
    public let idempotencyKey: String
    public let attempt: Int
    public let jobID: String
    public let postID: String
    public let postPlatformID: String
    /// `linkedin`, `instagram`, `tiktok` or `facebook`.
    public let platform: String
    public let account: Account
    public let client: Client
    /// The network's own text (`content_variations`), else the post's content.
    public let text: String
    public let media: [Media]
    public let firstComment: String?
    public let hashtags: [String]
    public let mentions: [String]
    /// When the post was meant to go out, ISO 8601 in UTC.
    public let scheduledAt: String?

    enum CodingKeys: String, CodingKey {
        case attempt, platform, account, client, text, media, hashtags, mentions
        case idempotencyKey = "idempotency_key", jobID = "job_id", postID = "post_id", postPlatformID = "post_platform_id"
        case firstComment = "first_comment", scheduledAt = "scheduled_at"
    }

    public init(job: ClaimedJob, target: PublishTarget, idempotencyKey: String) {
        self.idempotencyKey = idempotencyKey
        attempt = job.attempt
        jobID = job.id.description
        postID = job.postID.description
        postPlatformID = target.postPlatformID.description
        platform = target.platform.rawValue
        account = Account(id: target.accountID.description, platformAccountID: target.platformAccountID,
                          username: target.username, displayName: target.displayName)
        client = Client(id: job.clientID.description, name: job.clientName)
        text = target.text
        media = job.media.map {
            Media(path: $0.path(for: target.platform), filename: $0.filename, mimeType: $0.mimeType,
                  mediaType: $0.mediaType.rawValue, width: $0.width, height: $0.height,
                  durationSeconds: $0.durationSeconds, altText: $0.altText)
        }
        firstComment = job.settings.firstComment.flatMap { $0.isEmpty ? nil : $0 }
        hashtags = job.settings.hashtags
        mentions = job.settings.mentions
        scheduledAt = job.scheduledAt.map(Self.iso8601)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(idempotencyKey, forKey: .idempotencyKey)
        try container.encode(attempt, forKey: .attempt)
        try container.encode(jobID, forKey: .jobID)
        try container.encode(postID, forKey: .postID)
        try container.encode(postPlatformID, forKey: .postPlatformID)
        try container.encode(platform, forKey: .platform)
        try container.encode(account, forKey: .account)
        try container.encode(client, forKey: .client)
        try container.encode(text, forKey: .text)
        try container.encode(media, forKey: .media)
        try container.encode(firstComment, forKey: .firstComment)
        try container.encode(hashtags, forKey: .hashtags)
        try container.encode(mentions, forKey: .mentions)
        try container.encode(scheduledAt, forKey: .scheduledAt)
    }

    /// The document as JSON bytes, keys sorted (so equal documents are equal bytes).
    public func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data("{}".utf8)
    }

    static func iso8601(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }
}

/// What a webhook or command answers: `{"platform_post_id": "…", "permalink": "…"}` on
/// success, `{"error": "…", "retry_after": 60}` otherwise (every key optional).
struct PublishAnswer: Decodable {
    let platformPostID: String?
    let permalink: String?
    let error: String?
    let retryAfter: Double?

    enum CodingKeys: String, CodingKey {
        case permalink, error
        case platformPostID = "platform_post_id", retryAfter = "retry_after"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // A numeric id is taken as its digits; anything else unreadable is ignored.
        if let text = try? container.decodeIfPresent(String.self, forKey: .platformPostID) {
            platformPostID = text
        } else if let number = try? container.decodeIfPresent(Int64.self, forKey: .platformPostID) {
            platformPostID = String(number)
        } else {
            platformPostID = nil
        }
        permalink = try? container.decodeIfPresent(String.self, forKey: .permalink)
        error = try? container.decodeIfPresent(String.self, forKey: .error)
        retryAfter = try? container.decodeIfPresent(Double.self, forKey: .retryAfter)
    }

    /// Parses a body; nil when it is not a JSON object.
    static func parse(_ data: Data) -> PublishAnswer? {
        guard data.first(where: { !$0.isWhitespace }) == UInt8(ascii: "{") else { return nil }
        return try? JSONDecoder().decode(PublishAnswer.self, from: data)
    }

    /// The first line of a body that is not JSON, trimmed to 300 characters, for messages.
    static func excerpt(_ data: Data) -> String? {
        let text = String(decoding: data.prefix(2000), as: UTF8.self)
        let line = text.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return line.isEmpty ? nil : String(line.prefix(300))
    }
}

private extension UInt8 {
    var isWhitespace: Bool { self == 32 || self == 9 || self == 10 || self == 13 }
}
