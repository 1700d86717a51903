import FoundationEssentials
import PostDeckCore

/// An account the composer can publish to: active, of the client, with its token state
/// from the fixed `account_health` view (tokens themselves are never read).
public struct ComposerAccount: Hashable, Sendable {
    public let id: AccountID
    public let platform: Platform
    public let username: String?
    public let tokenStatus: TokenStatus
    public let tokenExpiresAt: Date?

    public init(id: AccountID, platform: Platform, username: String?, tokenStatus: TokenStatus, tokenExpiresAt: Date?) {
        self.id = id
        self.platform = platform
        self.username = username
        self.tokenStatus = tokenStatus
        self.tokenExpiresAt = tokenExpiresAt
    }

    /// "@name" or the id when the account has no username.
    public var label: String { username.map { $0.hasPrefix("@") ? $0 : "@" + $0 } ?? id.description }
}

/// A campaign a post can belong to (active or draft), with its dates.
public struct ComposerCampaign: Hashable, Sendable {
    public let id: CampaignID
    public let name: String
    public let status: CampaignStatus
    public let startDate: LocalDate?
    public let endDate: LocalDate?

    public init(id: CampaignID, name: String, status: CampaignStatus, startDate: LocalDate?, endDate: LocalDate?) {
        self.id = id
        self.name = name
        self.status = status
        self.startDate = startDate
        self.endDate = endDate
    }

    /// True when `day` falls within the campaign's dates (an open end counts as no limit).
    public func covers(_ day: LocalDate) -> Bool {
        if let startDate, day < startDate { return false }
        if let endDate, day > endDate { return false }
        return true
    }
}

/// An active template: text with `{{placeholders}}`, per-network variations and default settings.
public struct ComposerTemplate: Hashable, Sendable {
    public let id: TemplateID
    public let name: String
    public let content: String
    public let variations: [Platform: String]
    public let settings: PostSettings

    public init(id: TemplateID, name: String, content: String, variations: [Platform: String], settings: PostSettings) {
        self.id = id
        self.name = name
        self.content = content
        self.variations = variations
        self.settings = settings
    }
}

/// What the composer offers for one client.
public struct ComposerChoices: Hashable, Sendable {
    public let accounts: [ComposerAccount]
    public let campaigns: [ComposerCampaign]
    public let templates: [ComposerTemplate]

    public init(accounts: [ComposerAccount], campaigns: [ComposerCampaign], templates: [ComposerTemplate]) {
        self.accounts = accounts
        self.campaigns = campaigns
        self.templates = templates
    }
}

/// The composer's part of `posts.post_settings`: hashtags, mentions and the first comment.
/// Other keys written by other tools are kept when a post is saved.
public struct PostSettings: Hashable, Sendable, Codable {
    public var hashtags: [String]
    public var mentions: [String]
    public var firstComment: String?

    public init(hashtags: [String] = [], mentions: [String] = [], firstComment: String? = nil) {
        self.hashtags = hashtags
        self.mentions = mentions
        self.firstComment = firstComment
    }

    enum CodingKeys: String, CodingKey {
        case hashtags, mentions
        case firstComment = "first_comment"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        hashtags = (try? container.decodeIfPresent([String].self, forKey: .hashtags)) ?? []
        mentions = (try? container.decodeIfPresent([String].self, forKey: .mentions)) ?? []
        firstComment = try? container.decodeIfPresent(String.self, forKey: .firstComment)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if !hashtags.isEmpty { try container.encode(hashtags, forKey: .hashtags) }
        if !mentions.isEmpty { try container.encode(mentions, forKey: .mentions) }
        if let firstComment, !firstComment.isEmpty { try container.encode(firstComment, forKey: .firstComment) }
    }
}

/// Everything the composer writes for one post. The id is chosen before the first write,
/// so a retried or repeated save updates the same row instead of adding another.
public struct PostDraft: Hashable, Sendable {
    public var id: PostID
    public var clientID: ClientID
    public var content: String
    public var variations: [Platform: String]
    public var settings: PostSettings
    public var accountIDs: [AccountID]
    public var campaignID: CampaignID?
    public var templateID: TemplateID?
    public var media: [MediaInfo]
    /// The `updated_at` read with the post; nil for a post never saved. A save whose value
    /// no longer matches changes nothing (someone else edited the post).
    public var expectedUpdatedAt: Date?

    public init(id: PostID = .random(), clientID: ClientID, content: String, variations: [Platform: String] = [:],
                settings: PostSettings = PostSettings(), accountIDs: [AccountID], campaignID: CampaignID? = nil,
                templateID: TemplateID? = nil, media: [MediaInfo] = [], expectedUpdatedAt: Date? = nil) {
        self.id = id
        self.clientID = clientID
        self.content = content
        self.variations = variations
        self.settings = settings
        self.accountIDs = accountIDs
        self.campaignID = campaignID
        self.templateID = templateID
        self.media = media
        self.expectedUpdatedAt = expectedUpdatedAt
    }

    /// The parts the network rules check.
    public var draftContent: DraftContent {
        DraftContent(text: content, variations: variations, firstComment: settings.firstComment, media: media)
    }
}

/// A post as stored, read back after a save or when opened.
public struct StoredPost: Hashable, Sendable {
    public let id: PostID
    public let clientID: ClientID
    public let status: PostStatus
    public let content: String
    public let variations: [Platform: String]
    public let settings: PostSettings
    public let accountIDs: [AccountID]
    public let campaignID: CampaignID?
    public let templateID: TemplateID?
    public let mediaPaths: [String]
    public let scheduledAt: Date?
    public let updatedAt: Date

    public init(id: PostID, clientID: ClientID, status: PostStatus, content: String, variations: [Platform: String],
                settings: PostSettings, accountIDs: [AccountID], campaignID: CampaignID?, templateID: TemplateID?,
                mediaPaths: [String], scheduledAt: Date?, updatedAt: Date) {
        self.id = id
        self.clientID = clientID
        self.status = status
        self.content = content
        self.variations = variations
        self.settings = settings
        self.accountIDs = accountIDs
        self.campaignID = campaignID
        self.templateID = templateID
        self.mediaPaths = mediaPaths
        self.scheduledAt = scheduledAt
        self.updatedAt = updatedAt
    }
}

/// What a save did.
public enum SaveOutcome: Hashable, Sendable {
    /// Written; the post as it now stands.
    case saved(StoredPost)
    /// Nothing written: the post changed since it was read (or can no longer be edited).
    /// `current` is the post as it stands, to show beside the user's version.
    case conflict(current: StoredPost)
}
