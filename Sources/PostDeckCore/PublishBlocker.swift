import FoundationEssentials
import Glibc

/// Why a post cannot go out on one account, decided before any network is called: the
/// worker fails such a post_platform at once, with a message that names the account and
/// the token, instead of sending a request the network is sure to refuse.
public enum PublishBlocker: Sendable, Equatable {
    case accountInactive
    case tokenMissing
    case tokenExpired(at: Date)

    /// The blocker for an account in this state, or nil when it may publish. A token without
    /// an expiry never expires; with several token rows, the caller passes the one that
    /// lasts longest (as `account_health` does).
    public static func check(accountActive: Bool, hasToken: Bool, tokenExpiresAt: Date?, now: Date) -> PublishBlocker? {
        if !accountActive { return .accountInactive }
        if !hasToken { return .tokenMissing }
        if let tokenExpiresAt, tokenExpiresAt <= now { return .tokenExpired(at: tokenExpiresAt) }
        return nil
    }

    /// The line stored as the post_platform's `error_message`, e.g.
    /// `not sent: the access token of @acme on Instagram expired 2026-11-20 09:00 UTC; reconnect the account`.
    public func message(username: String?, platform: Platform) -> String {
        let account = "\(username.map { $0.hasPrefix("@") ? $0 : "@" + $0 } ?? "the account") on \(platform.displayName)"
        return switch self {
        case .accountInactive: "not sent: \(account) is inactive; activate it to publish"
        case .tokenMissing: "not sent: \(account) has no access token; reconnect the account"
        case .tokenExpired(let at): "not sent: the access token of \(account) expired \(Self.utc(at)); reconnect the account"
        }
    }

    private static func utc(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let pad = MetricFormat.zeroPadded
        return "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2)) "
            + "\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)) UTC"
    }
}
