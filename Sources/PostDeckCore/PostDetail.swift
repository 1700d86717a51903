import FoundationEssentials

/// Everything about one post that its detail view shows: the full content, per-network
/// variations, each account's publishing state, media, campaign, template and publish job.
public struct PostDetail: Sendable, Equatable {
    public struct Account: Sendable, Equatable {
        public let accountID: AccountID
        public let platform: Platform
        public let username: String?
        public let status: PlatformPostStatus
        public let platformPostID: String?
        public let errorMessage: String?
        public let publishedAt: Date?
        public let tokenStatus: TokenStatus

        public init(accountID: AccountID, platform: Platform, username: String?, status: PlatformPostStatus,
                    platformPostID: String?, errorMessage: String?, publishedAt: Date?, tokenStatus: TokenStatus) {
            self.accountID = accountID
            self.platform = platform
            self.username = username
            self.status = status
            self.platformPostID = platformPostID
            self.errorMessage = errorMessage
            self.publishedAt = publishedAt
            self.tokenStatus = tokenStatus
        }
    }

    public struct Media: Sendable, Equatable {
        public let filename: String
        public let mediaType: MediaType
        public let mimeType: String
        public let fileSize: Int
        public let durationSeconds: Int?

        public init(filename: String, mediaType: MediaType, mimeType: String, fileSize: Int, durationSeconds: Int?) {
            self.filename = filename
            self.mediaType = mediaType
            self.mimeType = mimeType
            self.fileSize = fileSize
            self.durationSeconds = durationSeconds
        }
    }

    /// The post's publish job (`scheduled_jobs`, `job_type = 'post_publish'`), the newest one.
    public struct Job: Sendable, Equatable {
        public let status: JobStatus
        public let scheduledFor: Date
        public let attempts: Int
        public let maxAttempts: Int
        public let errorMessage: String?

        public init(status: JobStatus, scheduledFor: Date, attempts: Int, maxAttempts: Int, errorMessage: String?) {
            self.status = status
            self.scheduledFor = scheduledFor
            self.attempts = attempts
            self.maxAttempts = maxAttempts
            self.errorMessage = errorMessage
        }
    }

    /// One entry of `content_variations`: usually a network's own caption.
    public struct Variation: Sendable, Equatable {
        public let key: String
        public let text: String
        public init(key: String, text: String) {
            self.key = key
            self.text = text
        }
    }

    public let id: PostID
    public let clientID: ClientID
    public let clientName: String
    public let status: PostStatus
    public let content: String
    /// Network (or other key) to its text, sorted by key (`content_variations`).
    public let variations: [Variation]
    public let settings: String?
    public let scheduledAt: Date?
    public let publishedAt: Date?
    public let createdAt: Date?
    public let updatedAt: Date
    public let campaignName: String?
    public let templateName: String?
    public let accounts: [Account]
    public let media: [Media]
    public let job: Job?

    public init(id: PostID, clientID: ClientID, clientName: String, status: PostStatus, content: String,
                variations: [Variation], settings: String?, scheduledAt: Date?, publishedAt: Date?,
                createdAt: Date?, updatedAt: Date, campaignName: String?, templateName: String?,
                accounts: [Account], media: [Media], job: Job?) {
        self.id = id
        self.clientID = clientID
        self.clientName = clientName
        self.status = status
        self.content = content
        self.variations = variations
        self.settings = settings
        self.scheduledAt = scheduledAt
        self.publishedAt = publishedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.campaignName = campaignName
        self.templateName = templateName
        self.accounts = accounts
        self.media = media
        self.job = job
    }
}
