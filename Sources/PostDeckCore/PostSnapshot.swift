import FoundationEssentials

/// A post exactly as stored: its row, the accounts it goes out on (`post_platforms`) and
/// its attachments (`media_files`). Every write returns the post before and after it, so
/// undo and redo can put back exactly what a write changed.
public struct PostSnapshot: Hashable, Sendable {
    /// One account the post goes out on.
    public struct Target: Hashable, Sendable {
        public let id: PostPlatformID
        public let accountID: AccountID
        public let status: PlatformPostStatus
        public let errorMessage: String?

        public init(id: PostPlatformID, accountID: AccountID, status: PlatformPostStatus, errorMessage: String? = nil) {
            self.id = id
            self.accountID = accountID
            self.status = status
            self.errorMessage = errorMessage
        }
    }

    public let id: PostID
    public let clientID: ClientID
    public let status: PostStatus
    /// Exactly as stored, byte for byte.
    public let content: String
    public let variations: [Platform: String]
    public let settings: PostSettings
    public let campaignID: CampaignID?
    public let templateID: TemplateID?
    /// The time it goes out (scheduled) or is planned for (a dated draft).
    public let scheduledAt: Date?
    public let publishedAt: Date?
    public let targets: [Target]
    public let media: [StoredMedia]
    /// The optimistic-concurrency token of the row.
    public let updatedAt: Date
    /// The database's own form of this state (JSON), handed back verbatim to restore it:
    /// no value passes through a Swift type on the way, so nothing is rounded or dropped.
    public let storedForm: String

    public init(id: PostID, clientID: ClientID, status: PostStatus, content: String, variations: [Platform: String] = [:],
                settings: PostSettings = PostSettings(), campaignID: CampaignID? = nil, templateID: TemplateID? = nil,
                scheduledAt: Date? = nil, publishedAt: Date? = nil, targets: [Target] = [], media: [StoredMedia] = [],
                updatedAt: Date, storedForm: String = "{}") {
        self.id = id
        self.clientID = clientID
        self.status = status
        self.content = content
        self.variations = variations
        self.settings = settings
        self.campaignID = campaignID
        self.templateID = templateID
        self.scheduledAt = scheduledAt
        self.publishedAt = publishedAt
        self.targets = targets
        self.media = media
        self.updatedAt = updatedAt
        self.storedForm = storedForm
    }

    public var accountIDs: [AccountID] { targets.map(\.accountID) }

    /// The parts the network rules check.
    public var draftContent: DraftContent {
        DraftContent(text: content, variations: variations, firstComment: settings.firstComment,
                     media: media.compactMap(\.info))
    }
}

/// A `media_files` row: a file attached to a post. Its path may be anywhere (`s3://…`, a
/// path on another machine): the row is the truth, whether or not this machine can read it.
public struct StoredMedia: Hashable, Sendable, Identifiable {
    public let id: MediaID
    public let path: String
    public let fileName: String
    public let mimeType: String
    public let mediaType: MediaType?
    public let byteSize: Int64
    public let width: Int?
    public let height: Int?
    public let durationSeconds: Int?

    public init(id: MediaID, path: String, fileName: String, mimeType: String, mediaType: MediaType?, byteSize: Int64,
                width: Int? = nil, height: Int? = nil, durationSeconds: Int? = nil) {
        self.id = id
        self.path = path
        self.fileName = fileName
        self.mimeType = mimeType
        self.mediaType = mediaType
        self.byteSize = byteSize
        self.width = width
        self.height = height
        self.durationSeconds = durationSeconds
    }

    /// What the network rules need, from the stored metadata; nil when the stored MIME type
    /// names no format postdeck knows (the rules cannot check such a file).
    public var info: MediaInfo? {
        guard let format = MediaFormat.allCases.first(where: { $0.mimeType == mimeType.lowercased() }) else { return nil }
        return MediaInfo(path: path, format: format, byteSize: byteSize, width: width, height: height,
                         durationSeconds: durationSeconds.map(Double.init))
    }

    /// True when the path names a file on another system (`s3://`, `https://`, …).
    public var isRemote: Bool { path.contains("://") }
}
