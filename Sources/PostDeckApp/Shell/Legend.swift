import PostDeckCore
import TerminalUI

/// What a pane's symbols and short column names mean, for the `?` overlay. The glyphs come
/// from the functions that draw them, so the legend always shows what the pane shows (the
/// ASCII ones on a terminal without UTF-8).
enum Legend {
    static func sections(for pane: Pane, symbols: Symbols) -> [HelpOverlay.Section] {
        switch pane {
        case .calendar:
            let statuses = PostStatus.allCases.map { (key: CalendarView.glyph($0, symbols), description: "\(meaning($0))") }
            return [HelpOverlay.Section("Symbols", rows: statuses + [
                (key: "!", description: "red: a network of the post failed, or its account's token expired"),
                (key: "09:30", description: "a time in red: the post needs attention (a failure or a token)"),
                (key: "in ig tt fb", description: "LinkedIn, Instagram, TikTok, Facebook (in+2: three networks)"),
            ])]
        case .health:
            let tokens = TokenStatus.allCases.map { (key: HealthView.glyph($0, symbols), description: meaning($0)) }
            return [HelpOverlay.Section("Symbols and columns", rows: tokens + [
                (key: "NET", description: "the network: in LinkedIn, ig Instagram, tt TikTok, fb Facebook"),
                (key: "EXPIRY", description: "when the token stops working (a red time has passed)"),
                (key: "POSTS", description: "posts on the account"),
                (key: "FAILED", description: "posts that failed to publish on it"),
                (key: "RATE", description: "failed ÷ posts, red from 20%"),
            ])]
        case .performance:
            return [HelpOverlay.Section("Columns", rows: [
                (key: "NET 2/3", description: "networks published of the networks the post went to (yellow: some missing)"),
                (key: "LIK", description: "likes, over all its networks"),
                (key: "COM", description: "comments"),
                (key: "SHR", description: "shares"),
                (key: "VWS", description: "views"),
                (key: "ENG", description: "engagement: likes + comments + shares"),
                (key: "/1K", description: "engagement per 1,000 views (— without views)"),
                (key: "12.3k", description: "thousands (k), millions (M), billions (B)"),
            ])]
        case .composer:
            return [HelpOverlay.Section("Symbols", rows: [
                (key: symbols == .ascii ? "x" : "✖", description: "a problem that stops scheduling (or a token that expired)"),
                (key: "!", description: "a warning: the post can be saved and scheduled"),
            ])]
        }
    }

    private static func meaning(_ status: PostStatus) -> String {
        switch status {
        case .draft: "draft"
        case .scheduled: "scheduled"
        case .publishing: "publishing now"
        case .published: "published"
        case .failed: "failed to publish"
        case .cancelled: "cancelled"
        }
    }

    private static func meaning(_ status: TokenStatus) -> String {
        switch status {
        case .expired: "token expired: the account cannot publish"
        case .expiringSoon: "token expiring soon"
        case .healthy: "token healthy"
        }
    }
}
