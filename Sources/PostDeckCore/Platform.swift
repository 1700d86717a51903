/// A social network the agency publishes to: the `platform_type` enum of the schema.
public enum Platform: String, CaseIterable, Sendable, Codable, Comparable {
    case linkedin, instagram, tiktok, facebook

    /// Two-letter mark used where space is tight (calendar cells, table columns).
    public var mark: String {
        switch self {
        case .linkedin: "in"
        case .instagram: "ig"
        case .tiktok: "tt"
        case .facebook: "fb"
        }
    }

    /// The network's own spelling, for headings and messages.
    public var displayName: String {
        switch self {
        case .linkedin: "LinkedIn"
        case .instagram: "Instagram"
        case .tiktok: "TikTok"
        case .facebook: "Facebook"
        }
    }

    public static func < (lhs: Platform, rhs: Platform) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
