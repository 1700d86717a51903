import FoundationEssentials
import PostDeckCore

/// A publish job a worker claimed (`processing`, its post `publishing`), with everything
/// its sends need. Only the post_platforms still `pending` are targets: a published one is
/// never sent again.
public struct ClaimedJob: Sendable, Equatable {
    public let id: JobID
    public let postID: PostID
    /// This attempt's number, counting from 1 (`scheduled_jobs.attempts` after the claim).
    public let attempt: Int
    public let maxAttempts: Int
    public let clientID: ClientID
    public let clientName: String
    public let scheduledAt: Date?
    public let settings: PostSettings
    public let media: [PublishMedia]
    public let targets: [PublishTarget]

    public init(id: JobID, postID: PostID, attempt: Int, maxAttempts: Int, clientID: ClientID, clientName: String,
                scheduledAt: Date?, settings: PostSettings, media: [PublishMedia], targets: [PublishTarget]) {
        self.id = id
        self.postID = postID
        self.attempt = attempt
        self.maxAttempts = maxAttempts
        self.clientID = clientID
        self.clientName = clientName
        self.scheduledAt = scheduledAt
        self.settings = settings
        self.media = media
        self.targets = targets
    }
}

/// One post on one account: a post_platform to send, with the account's state (its token
/// only as "there is one" and its expiry; the token itself is never read).
public struct PublishTarget: Sendable, Equatable {
    public let postPlatformID: PostPlatformID
    public let accountID: AccountID
    public let platform: Platform
    public let platformAccountID: String
    public let username: String?
    public let displayName: String?
    public let accountActive: Bool
    public let hasToken: Bool
    public let tokenExpiresAt: Date?
    /// The network's own text: its `content_variations` entry, else the post's content.
    public let text: String

    public init(postPlatformID: PostPlatformID, accountID: AccountID, platform: Platform, platformAccountID: String,
                username: String?, displayName: String?, accountActive: Bool, hasToken: Bool, tokenExpiresAt: Date?,
                text: String) {
        self.postPlatformID = postPlatformID
        self.accountID = accountID
        self.platform = platform
        self.platformAccountID = platformAccountID
        self.username = username
        self.displayName = displayName
        self.accountActive = accountActive
        self.hasToken = hasToken
        self.tokenExpiresAt = tokenExpiresAt
        self.text = text
    }

    /// Why this target cannot be sent at `now`, or nil.
    public func blocker(now: Date) -> PublishBlocker? {
        PublishBlocker.check(accountActive: accountActive, hasToken: hasToken, tokenExpiresAt: tokenExpiresAt, now: now)
    }
}

/// A media file of a post, with the per-network versions `platform_versions` names.
public struct PublishMedia: Sendable, Equatable, Codable {
    public let path: String
    public let filename: String
    public let mimeType: String
    public let mediaType: MediaType
    public let width: Int?
    public let height: Int?
    public let durationSeconds: Int?
    public let altText: String?
    /// Network name to the path of a version made for it.
    public let platformPaths: [String: String]

    public init(path: String, filename: String, mimeType: String, mediaType: MediaType, width: Int?, height: Int?,
                durationSeconds: Int?, altText: String?, platformPaths: [String: String]) {
        self.path = path
        self.filename = filename
        self.mimeType = mimeType
        self.mediaType = mediaType
        self.width = width
        self.height = height
        self.durationSeconds = durationSeconds
        self.altText = altText
        self.platformPaths = platformPaths
    }

    /// The version made for `platform`, else the original.
    public func path(for platform: Platform) -> String { platformPaths[platform.rawValue] ?? path }

    enum CodingKeys: String, CodingKey {
        case path, filename, width, height
        case mimeType = "mime_type", mediaType = "media_type", durationSeconds = "duration"
        case altText = "alt_text", platformPaths = "platform_paths"
    }
}

/// How one send ended, as recorded in `postdeck_deliveries.outcome`.
public enum DeliveryOutcome: String, Sendable, Equatable, Codable, CaseIterable {
    /// The network accepted the post.
    case published
    /// A retryable error (network error, timeout, HTTP 429 or 5xx): the post_platform goes
    /// back to `pending` and the job is tried again later.
    case retry
    /// The network refused it for good (HTTP 4xx other than 429, or the command said so).
    case failed
    /// Not sent: the account is inactive or its token is missing or expired.
    case blocked
    /// The worker died between "about to send" and the answer: nobody knows whether the
    /// network accepted it, so it is failed rather than sent twice.
    case unknown
}

/// What a worker asks the store to record when a send ends.
public struct SendResult: Sendable, Equatable {
    public let deliveryID: Int
    public let postPlatformID: PostPlatformID
    public let jobID: JobID
    public let outcome: DeliveryOutcome
    /// The HTTP status or the command's exit status, when there was one.
    public let code: Int?
    public let platformPostID: String?
    public let permalink: String?
    public let error: String?

    public init(deliveryID: Int, postPlatformID: PostPlatformID, jobID: JobID, outcome: DeliveryOutcome, code: Int?,
                platformPostID: String?, permalink: String?, error: String?) {
        self.deliveryID = deliveryID
        self.postPlatformID = postPlatformID
        self.jobID = jobID
        self.outcome = outcome
        self.code = code
        self.platformPostID = platformPostID
        self.permalink = permalink
        self.error = error
    }
}

/// How a job ended one attempt: settle it, or try again after `retryDelay` seconds.
public struct JobAttemptEnd: Sendable, Equatable {
    public let jobID: JobID
    /// Seconds until the next attempt, when some post_platform hit a retryable error.
    public let retryDelay: Double?
    /// The last error of the attempt, stored in `scheduled_jobs.error_message`.
    public let error: String?

    public init(jobID: JobID, retryDelay: Double?, error: String?) {
        self.jobID = jobID
        self.retryDelay = retryDelay
        self.error = error
    }
}

/// A job as it stands after an attempt ended (or was rescued).
public struct SettledJob: Sendable, Equatable {
    public let jobID: JobID
    public let postID: PostID?
    public let jobStatus: JobStatus
    /// The post's status after the statement, nil when the post is gone.
    public let postStatus: PostStatus?
    /// When the next attempt is due, for a job going back to `pending`.
    public let nextAttemptAt: Date?

    public init(jobID: JobID, postID: PostID?, jobStatus: JobStatus, postStatus: PostStatus?, nextAttemptAt: Date?) {
        self.jobID = jobID
        self.postID = postID
        self.jobStatus = jobStatus
        self.postStatus = postStatus
        self.nextAttemptAt = nextAttemptAt
    }
}

/// When the queue next needs a worker's attention, in seconds from the database's now
/// (negative: overdue). Computed on the server so that clocks of different machines never matter.
public struct QueueTimes: Sendable, Equatable {
    /// The earliest pending publish job.
    public let nextDueIn: Double?
    /// The earliest moment another worker's claim may be found expired, or a job left
    /// `processing` without a claim may be rescued.
    public let nextRescueIn: Double?
    /// Publish jobs in `processing`, by any worker.
    public let processing: Int

    public init(nextDueIn: Double?, nextRescueIn: Double?, processing: Int) {
        self.nextDueIn = nextDueIn
        self.nextRescueIn = nextRescueIn
        self.processing = processing
    }
}
