import FoundationEssentials

/// One post as the calendar and `postdeck agenda` show it: when it goes out (or went out),
/// for whom, on which accounts, and whether something needs a manager's attention.
public struct CalendarPost: Sendable, Equatable, Identifiable {
    /// One account the post goes out on (a `post_platforms` row).
    public struct Target: Sendable, Equatable {
        public let accountID: AccountID
        public let platform: Platform
        public let username: String?
        public let status: PlatformPostStatus
        /// False when the account has no token row, or its token has expired (or will have
        /// by the time the post goes out).
        public let tokenUsable: Bool

        public init(accountID: AccountID, platform: Platform, username: String?, status: PlatformPostStatus, tokenUsable: Bool) {
            self.accountID = accountID
            self.platform = platform
            self.username = username
            self.status = status
            self.tokenUsable = tokenUsable
        }
    }

    public let id: PostID
    public let clientID: ClientID
    public let clientName: String
    /// The client's IANA zone (`preferences->>'timezone'`), if any.
    public let clientTimeZone: String?
    public var status: PostStatus
    /// The start of the content, for one-line excerpts.
    public let excerpt: String
    public var scheduledAt: Date?
    public let publishedAt: Date?
    /// The optimistic-concurrency token every write of this post is guarded by.
    public var updatedAt: Date
    public let campaignID: CampaignID?
    public let targets: [Target]

    public init(id: PostID, clientID: ClientID, clientName: String, clientTimeZone: String?, status: PostStatus,
                excerpt: String, scheduledAt: Date?, publishedAt: Date?, updatedAt: Date, campaignID: CampaignID?,
                targets: [Target]) {
        self.id = id
        self.clientID = clientID
        self.clientName = clientName
        self.clientTimeZone = clientTimeZone
        self.status = status
        self.excerpt = excerpt
        self.scheduledAt = scheduledAt
        self.publishedAt = publishedAt
        self.updatedAt = updatedAt
        self.campaignID = campaignID
        self.targets = targets
    }

    /// When the post goes out or went out (`coalesce(published_at, scheduled_at)`); nil for
    /// an unscheduled draft.
    public var time: Date? { publishedAt ?? scheduledAt }

    /// The networks it goes out on, each once, in the usual order.
    public var platforms: [Platform] { Array(Set(targets.map(\.platform))).sorted() }

    /// Some account of the post failed to publish it.
    public var hasFailure: Bool { status == .failed || targets.contains { $0.status == .failed } }

    /// Some account it is still meant to go out on cannot publish: no token, or an expired one.
    public var hasTokenProblem: Bool {
        switch status {
        case .draft, .scheduled, .publishing, .failed: targets.contains { !$0.tokenUsable }
        case .published, .cancelled: false
        }
    }

    /// Worth standing out in a calendar cell.
    public var needsAttention: Bool { hasFailure || hasTokenProblem }
}

/// What the calendar narrows posts to, besides the client in scope. Empty sets and nil
/// values mean "any".
public struct CalendarFilter: Sendable, Hashable {
    public var platforms: Set<Platform>
    public var statuses: Set<PostStatus>
    public var account: AccountID?
    public var campaign: CampaignID?
    /// Case-insensitive substring of the content.
    public var text: String

    public init(platforms: Set<Platform> = [], statuses: Set<PostStatus> = [], account: AccountID? = nil,
                campaign: CampaignID? = nil, text: String = "") {
        self.platforms = platforms
        self.statuses = statuses
        self.account = account
        self.campaign = campaign
        self.text = text
    }

    public var isEmpty: Bool {
        platforms.isEmpty && statuses.isEmpty && account == nil && campaign == nil && text.isEmpty
    }
}
