import FoundationEssentials

/// One account as the fixed `account_health` view reports it: can it still publish, and
/// how often has publishing failed?
public struct AccountHealth: Sendable, Equatable, Identifiable {
    public let id: AccountID
    public let username: String?
    public let platform: Platform
    public let clientName: String
    public let clientID: ClientID
    public let active: Bool
    public let tokenExpiresAt: Date?
    public let tokenStatus: TokenStatus
    public let totalPosts: Int
    public let failedPosts: Int

    public init(id: AccountID, username: String?, platform: Platform, clientName: String, clientID: ClientID,
                active: Bool, tokenExpiresAt: Date?, tokenStatus: TokenStatus, totalPosts: Int, failedPosts: Int) {
        self.id = id
        self.username = username
        self.platform = platform
        self.clientName = clientName
        self.clientID = clientID
        self.active = active
        self.tokenExpiresAt = tokenExpiresAt
        self.tokenStatus = tokenStatus
        self.totalPosts = totalPosts
        self.failedPosts = failedPosts
    }

    /// Failed post_platforms over all of them; nil when the account never published.
    public var failureRate: Double? {
        totalPosts == 0 ? nil : Double(failedPosts) / Double(totalPosts)
    }

    /// True when the token is fine, so the account needs no attention for its token.
    public var needsAttention: Bool { tokenStatus != .healthy || failedPosts > 0 }

    /// Worst first: expired, then expiring soon (soonest first), then by failed posts,
    /// then by failure rate, then by client and username so the order is stable.
    public static func worstFirst(_ lhs: AccountHealth, _ rhs: AccountHealth) -> Bool {
        if lhs.tokenStatus.severity != rhs.tokenStatus.severity { return lhs.tokenStatus.severity < rhs.tokenStatus.severity }
        if lhs.tokenStatus == .expiringSoon, let l = lhs.tokenExpiresAt, let r = rhs.tokenExpiresAt, l != r { return l < r }
        if lhs.failedPosts != rhs.failedPosts { return lhs.failedPosts > rhs.failedPosts }
        if (lhs.failureRate ?? 0) != (rhs.failureRate ?? 0) { return (lhs.failureRate ?? 0) > (rhs.failureRate ?? 0) }
        if lhs.clientName != rhs.clientName { return lhs.clientName < rhs.clientName }
        if (lhs.username ?? "") != (rhs.username ?? "") { return (lhs.username ?? "") < (rhs.username ?? "") }
        return lhs.id < rhs.id
    }
}

/// Counts for the health pane's summary line.
public struct HealthSummary: Sendable, Equatable {
    public let expired: Int
    public let expiringSoon: Int
    public let withFailures: Int
    public let total: Int

    public init(_ accounts: [AccountHealth]) {
        expired = accounts.filter { $0.tokenStatus == .expired }.count
        expiringSoon = accounts.filter { $0.tokenStatus == .expiringSoon }.count
        withFailures = accounts.filter { $0.failedPosts > 0 }.count
        total = accounts.count
    }

    /// `3 expired · 2 expiring · 4 accounts with failures`
    public var line: String {
        var parts = ["\(expired) expired", "\(expiringSoon) expiring"]
        parts.append("\(withFailures) account\(withFailures == 1 ? "" : "s") with failures")
        return parts.joined(separator: " · ") + " · \(total) account\(total == 1 ? "" : "s")"
    }
}

extension AccountHealth {
    /// "expired 3 days ago", "expires in 2 days", "no expiry", or "no token" for an account
    /// that has no token row at all (which the view reports as expired).
    public func expiryWords(now: Date) -> String {
        if tokenExpiresAt == nil && tokenStatus == .expired { return "no token" }
        return RelativeTime.expiry(tokenExpiresAt, now: now)
    }

    /// The same in a few characters, for narrow columns.
    public func compactExpiry(now: Date) -> String {
        guard tokenExpiresAt != nil else { return tokenStatus == .expired ? "no token" : "never" }
        return RelativeTime.compactExpiry(tokenExpiresAt, now: now)
    }
}
