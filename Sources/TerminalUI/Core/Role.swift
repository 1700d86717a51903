/// A semantic colour role. Cells carry roles, never colours: the backend resolves a
/// role through the current `Theme` when it draws. Raw values are the keys used in
/// theme files (`[roles]` table).
public enum Role: String, CaseIterable, Hashable, Sendable {
    case text, muted, border
    case borderFocus = "border.focus"
    case title, header, selection
    case statusBar = "status.bar"
    case statusKey = "status.key"
    case error, warning, success, info, accent
    case tabActive = "tab.active"
    case tabInactive = "tab.inactive"
    case postDraft = "post.draft"
    case postScheduled = "post.scheduled"
    case postPublishing = "post.publishing"
    case postPublished = "post.published"
    case postFailed = "post.failed"
    case postCancelled = "post.cancelled"
    case tokenExpired = "token.expired"
    case tokenExpiringSoon = "token.expiring_soon"
    case tokenHealthy = "token.healthy"
    case chart1 = "chart.1", chart2 = "chart.2", chart3 = "chart.3"
    case chart4 = "chart.4", chart5 = "chart.5", chart6 = "chart.6"
    /// Visible stand-ins for control characters and escape sequences (see `Sanitizer`).
    case placeholder
    case input
    case dialog
    /// Characters of a fuzzy match that matched the query.
    case match
    /// A focused button in a dialog.
    case buttonFocus = "button.focus"
    /// Key names in the help overlay and status bar hints outside the status bar.
    case key

    /// The role a theme falls back to, property by property, when it leaves this one
    /// (or some of its properties) undefined. `text` is the root.
    public var parent: Role? {
        switch self {
        case .text: nil
        case .muted, .border, .title, .header, .selection, .statusBar, .error, .warning,
             .success, .info, .accent, .placeholder, .input, .dialog, .key: .text
        case .borderFocus: .border
        case .statusKey: .statusBar
        case .tabActive: .title
        case .tabInactive: .muted
        case .postDraft, .postCancelled: .muted
        case .postScheduled: .info
        case .postPublishing, .tokenExpiringSoon: .warning
        case .postPublished, .tokenHealthy: .success
        case .postFailed, .tokenExpired: .error
        case .chart1, .chart2, .chart3, .chart4, .chart5, .chart6, .match: .accent
        case .buttonFocus: .selection
        }
    }

    /// The chart series roles, in order, for charts that colour one series each.
    public static let chartSeries: [Role] = [.chart1, .chart2, .chart3, .chart4, .chart5, .chart6]

    /// The one character that stands for this role in a buffer's style layer
    /// (`Buffer.styleLines()`, golden files). Legend:
    ///
    ///     .  text          m  muted          b  border        B  border.focus
    ///     t  title         h  header         s  selection     _  status.bar
    ///     k  status.key    e  error          w  warning       g  success
    ///     i  info          a  accent         T  tab.active    n  tab.inactive
    ///     d  post.draft    c  post.scheduled p  post.publishing
    ///     P  post.published F post.failed   x  post.cancelled
    ///     X  token.expired W token.expiring_soon  H token.healthy
    ///     1-6 chart.1-6    ?  placeholder    I  input         o  dialog
    ///     M  match         f  button.focus   K  key
    public var legendCode: Character {
        switch self {
        case .text: "."
        case .muted: "m"
        case .border: "b"
        case .borderFocus: "B"
        case .title: "t"
        case .header: "h"
        case .selection: "s"
        case .statusBar: "_"
        case .statusKey: "k"
        case .error: "e"
        case .warning: "w"
        case .success: "g"
        case .info: "i"
        case .accent: "a"
        case .tabActive: "T"
        case .tabInactive: "n"
        case .postDraft: "d"
        case .postScheduled: "c"
        case .postPublishing: "p"
        case .postPublished: "P"
        case .postFailed: "F"
        case .postCancelled: "x"
        case .tokenExpired: "X"
        case .tokenExpiringSoon: "W"
        case .tokenHealthy: "H"
        case .chart1: "1"
        case .chart2: "2"
        case .chart3: "3"
        case .chart4: "4"
        case .chart5: "5"
        case .chart6: "6"
        case .placeholder: "?"
        case .input: "I"
        case .dialog: "o"
        case .match: "M"
        case .buttonFocus: "f"
        case .key: "K"
        }
    }
}
