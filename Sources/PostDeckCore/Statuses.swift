/// The lifecycle of a post: the `post_status` enum of the schema.
public enum PostStatus: String, CaseIterable, Sendable, Codable {
    case draft, scheduled, publishing, published, failed, cancelled

    /// Only posts that have not started publishing can be edited or moved.
    public var isEditable: Bool { self == .draft || self == .scheduled }
}

/// The state of one post on one account: the `platform_post_status` enum.
public enum PlatformPostStatus: String, CaseIterable, Sendable, Codable {
    case pending, processing, published, failed, deleted
}

/// Whether an account's token still lets it publish, as the fixed `account_health` view reports it.
public enum TokenStatus: String, CaseIterable, Sendable, Codable {
    case expired
    case expiringSoon = "expiring_soon"
    case healthy

    /// Worst first: the order in which the health pane lists accounts.
    public var severity: Int {
        switch self {
        case .expired: 0
        case .expiringSoon: 1
        case .healthy: 2
        }
    }

    /// Reads a state as a user types it: the view's values (`expired`, `expiring_soon`,
    /// `healthy`) or the word the health pane shows (`expiring`), in any case, with `-` or
    /// a space for `_`.
    public init?(parsing text: some StringProtocol) {
        let name = text.trimmingSpaces().lowercased()
            .replacing("-", with: "_").replacing(" ", with: "_")
        if name == "expiring" { self = .expiringSoon; return }
        self.init(rawValue: name)
    }
}

/// The `campaign_status` enum.
public enum CampaignStatus: String, CaseIterable, Sendable, Codable {
    case draft, active, paused, completed, cancelled
}

/// The `job_status` enum of `scheduled_jobs`.
public enum JobStatus: String, CaseIterable, Sendable, Codable {
    case pending, processing, completed, failed, cancelled
}

/// The `media_type` enum of `media_files`.
public enum MediaType: String, CaseIterable, Sendable, Codable {
    case image, video, gif, document
}
