import FoundationEssentials
import PostDeckCore
import PostDeckStore
import TerminalUI

/// The four panes, in `Tab` order.
public enum Pane: String, CaseIterable, Sendable, Codable {
    case calendar, composer, health, performance

    var context: KeyContext {
        switch self {
        case .calendar: .calendar
        case .composer: .composer
        case .health: .health
        case .performance: .performance
        }
    }

    var title: String {
        switch self {
        case .calendar: "Calendar"
        case .composer: "Composer"
        case .health: "Health"
        case .performance: "Performance"
        }
    }
}

/// Where the database link stands, as the header shows it.
enum LinkStatus: Equatable {
    case connecting
    case connected
    case reconnecting(String)
    /// The login was refused; the reason, shown until the user presses `R`.
    case refused(String)
}

/// A modal layer over the pane; it takes the keys while it is open.
enum Overlay: Equatable {
    case help(scroll: Int)
    case palette(TextInputState, ListState)
    case clientPicker(TextInputState, ListState)
    /// The performance table's columns to sort by (`s`), the current one selected.
    case sortPicker(TextInputState, ListState)
    /// `yes` is true when the "Yes" button has the focus (it starts on "No").
    case confirm(Confirmation, yes: Bool)
    /// The report or preview of `:import` (`AppState.importing`), with its question.
    case importReview
}

/// A question that needs a yes before anything is written.
struct Confirmation: Equatable {
    let title: String
    let question: String
    let onYes: ConfirmedAction
    /// What "No" does besides closing (nothing when nil).
    var onNo: ConfirmedAction? = nil
}

enum ConfirmedAction: Equatable {
    case setActive(AccountID, Bool)
    /// Publish a failed post on one account again (guarded by the post's stamp as shown).
    case retryPublish(PostID, AccountID, stamp: Date)
    /// Export the performance table over the file at this absolute path.
    case overwriteExport(String)
    /// A checked write that needed a yes (cancelling, scheduling on an expired token).
    case write(PostWriteRequest)
    /// Undo a write whose undoing deletes a post.
    case undo
    case leaveComposer(ComposerPane.LeaveIntent)
    case restoreRecovery(String)
    case setAsideRecovery(String)
}

/// A line in the status bar that says what just happened.
struct StatusNote: Equatable {
    enum Kind { case info, error }
    let text: String
    let kind: Kind

    static let reloading = StatusNote(text: "reloading…", kind: .info)
}

/// Everything the screen shows. Only `update` changes it; `view` only reads it.
struct AppState {
    var pane: Pane = .health
    var scope: Scope = .allClients
    var clients: [ClientSummary] = []
    var databaseLabel: String
    /// True when the label was given (as for `demo`) rather than read from the connection.
    var labelFixed = false
    var link: LinkStatus = .connecting
    /// Roles, hosts, read-only mode, lag and how live refresh works.
    var connections = ConnectionState()
    var note: StatusNote?
    /// Requests sent and not yet answered, with when they started (for the spinner).
    var inFlight: [RequestID: ContinuousClock.Instant] = [:]
    var spinnerFrame = 0
    var overlay: Overlay?
    var width = 80
    var height = 24
    var now: Date
    /// Panes shown at least once, whose data is loaded and kept fresh.
    var loadedPanes: Set<Pane> = []
    var health = HealthState()
    var calendar = CalendarState()
    /// `--tz` and `TZ`, for the display zone when no single client is in scope.
    var zoneSettings = ZoneSettings()
    /// The launch environment's `HOME`: what a typed `~/` means.
    var homeDirectory: String?
    var composer = ComposerState()
    /// The publishing rules the composer validates against: the standard table with the
    /// config file's `[rules.<network>]` overrides (`RulesConfig`).
    var rules = PlatformRules.standard
    /// Recovery files found at start, offered one at a time.
    var recoveries: [ComposerRecovery] = []
    var performance = PerformanceState()
    /// This session's writes of posts, for undo and redo.
    var history = WriteHistory()
    /// The one write of a post in flight.
    var writeInFlight: InFlightWrite?
    /// The `:import` under way, if any.
    var importing: ImportFlow?
    var quitRequested = false
    /// The themes `:theme` can switch to (found at start), and the one in use.
    var themeNames: [String] = []
    var themeName: String?

    /// The visible pane shows what it read from the database: where start-up ends.
    var visiblePaneHasData: Bool {
        switch pane {
        case .health: health.loaded
        case .calendar: calendar.loaded
        case .performance: performance.loaded
        case .composer: !clients.isEmpty
        }
    }
    private var lastRequest = 0

    init(databaseLabel: String, now: Date) {
        self.databaseLabel = databaseLabel
        self.now = now
    }

    /// A new, never-used request id.
    mutating func nextRequest() -> RequestID {
        lastRequest += 1
        return RequestID(lastRequest)
    }

    /// Where keys are read now: an open overlay, panel or question first, else the pane.
    var keyContext: KeyContext {
        switch overlay {
        case .help: return .help
        case .confirm: return .dialog
        case .importReview: return .importReview
        case .palette, .clientPicker, .sortPicker: return .picker
        case nil: break
        }
        if pane == .calendar, calendar.filterPanel != nil { return .filterPanel }
        if pane == .composer, composer.conflict != nil { return .conflict }
        return pane.context
    }

    var scopeTitle: String {
        guard let id = scope.clientID else { return "all clients" }
        guard let client = clients.first(where: { $0.id == id }) else { return "one client" }
        let shared = clients.filter { $0.name == client.name }.count > 1
        return shared ? "\(client.name) (\(client.agencyName))" : client.name
    }
}
