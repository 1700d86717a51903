import FoundationEssentials

/// An account of the client, with its token state from the fixed `account_health` view
/// (tokens themselves are never read). Only active accounts can be chosen; inactive ones are
/// listed so a post that already goes out on one shows it.
public struct ComposerAccount: Hashable, Sendable {
    public let id: AccountID
    public let platform: Platform
    public let username: String?
    public let tokenStatus: TokenStatus
    public let tokenExpiresAt: Date?
    public let active: Bool

    public init(id: AccountID, platform: Platform, username: String?, tokenStatus: TokenStatus, tokenExpiresAt: Date?,
                active: Bool = true) {
        self.id = id
        self.platform = platform
        self.username = username
        self.tokenStatus = tokenStatus
        self.tokenExpiresAt = tokenExpiresAt
        self.active = active
    }

    /// "@name" or the id when the account has no username.
    public var label: String { username.map { $0.hasPrefix("@") ? $0 : "@" + $0 } ?? id.description }
}

/// A campaign of the client, with its dates. Posts are put in active or draft campaigns;
/// the others are listed so a post that belongs to one shows its name.
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

/// What a post of one client can be made of: its accounts, campaigns and active templates.
public struct ComposerChoices: Hashable, Sendable {
    /// Every account of the client, active ones first.
    public let allAccounts: [ComposerAccount]
    /// Every campaign of the client.
    public let allCampaigns: [ComposerCampaign]
    public let templates: [ComposerTemplate]

    public init(accounts: [ComposerAccount], campaigns: [ComposerCampaign], templates: [ComposerTemplate]) {
        allAccounts = accounts
        allCampaigns = campaigns
        self.templates = templates
    }

    /// The accounts a post can be given: the active ones.
    public var accounts: [ComposerAccount] { allAccounts.filter(\.active) }
    /// The campaigns a post can be put in: active or draft.
    public var campaigns: [ComposerCampaign] { allCampaigns.filter { $0.status == .active || $0.status == .draft } }

    public func account(_ id: AccountID) -> ComposerAccount? { allAccounts.first { $0.id == id } }
    public func campaign(_ id: CampaignID?) -> ComposerCampaign? { allCampaigns.first { $0.id == id } }
}
