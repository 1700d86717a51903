import TerminalUI

// postdeck's own colour roles: a post's status and an account token's health. They live
// here, not in the widget library, and fall back to its generic roles (`post.failed` to
// `error`), so a theme that names none of them still draws them sensibly. Legend in
// golden files:
//
//     d  post.draft      c  post.scheduled  p  post.publishing
//     P  post.published  F  post.failed     x  post.cancelled
//     X  token.expired   W  token.expiring_soon  H  token.healthy
extension Role {
    public static let postDraft = Role("post.draft", legend: "d", parent: .muted)
    public static let postScheduled = Role("post.scheduled", legend: "c", parent: .info)
    public static let postPublishing = Role("post.publishing", legend: "p", parent: .warning)
    public static let postPublished = Role("post.published", legend: "P", parent: .success)
    public static let postFailed = Role("post.failed", legend: "F", parent: .error)
    public static let postCancelled = Role("post.cancelled", legend: "x", parent: .muted)
    public static let tokenExpired = Role("token.expired", legend: "X", parent: .error)
    public static let tokenExpiringSoon = Role("token.expiring_soon", legend: "W", parent: .warning)
    public static let tokenHealthy = Role("token.healthy", legend: "H", parent: .success)
}

extension RoleCatalog {
    /// Every role a postdeck theme may name: the widget library's and postdeck's own.
    public static let postdeck = RoleCatalog.widgets.adding([
        .postDraft, .postScheduled, .postPublishing, .postPublished, .postFailed, .postCancelled,
        .tokenExpired, .tokenExpiringSoon, .tokenHealthy,
    ])
}
