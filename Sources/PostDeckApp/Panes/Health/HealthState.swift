import FoundationEssentials
import PostDeckCore
import PostDeckStore
import TerminalUI

/// The account-health pane: which accounts are about to stop publishing, and why.
struct HealthState {
    var accounts: [AccountHealth] = []
    var loaded = false
    var request: RequestID?
    var selected = 0
    var offset = 0
    /// The filter being typed (`/`), or nil when the filter line is closed.
    var editingFilter: String?
    var filter = ""
    var detail: HealthDetail?
    var error: String?

    /// The accounts the table shows: those matching the filter, worst first.
    var visible: [AccountHealth] {
        let needle = (editingFilter ?? filter).lowercased()
        guard !needle.isEmpty else { return accounts }
        return accounts.filter { account in
            [account.clientName, account.username ?? "", account.platform.rawValue, account.platform.displayName,
             account.tokenStatus.rawValue].contains { $0.lowercased().contains(needle) }
        }
    }

    var selectedAccount: AccountHealth? {
        let rows = visible
        return rows.indices.contains(selected) ? rows[selected] : nil
    }
}

/// The failures of one account, shown when it is opened.
struct HealthDetail {
    let account: AccountHealth
    var failures: AccountFailures?
    var request: RequestID?
    var scroll = 0
}

enum HealthMessage {
    case loaded(RequestID, [AccountHealth])
    case failuresLoaded(RequestID, AccountFailures)
    case activeChanged(RequestID, AccountID, Bool)
}

/// The health pane's part of `update`.
enum HealthPane {
    static let slot = "health.accounts"

    /// The pane's rows of the key table.
    static let keys: [KeyBinding] = [
        KeyBinding(["Enter"], .health, .open, "show the account's failures", hint: "failures"),
        KeyBinding(["A"], .health, .toggleActive, "activate or deactivate the account (asks first)", hint: "active"),
    ]

    /// Reads the accounts in scope (on start, on scope change, on reload, on NOTIFY).
    static func load(_ state: inout AppState) -> [Effect] {
        let id = state.nextRequest()
        state.health.request = id
        return [.query(id, slot: slot, HealthQueries.accounts(in: state.scope).map { .health(.loaded(id, $0)) })]
    }

    static func update(_ state: inout AppState, _ message: HealthMessage) -> [Effect] {
        switch message {
        case .loaded(let id, let accounts):
            guard id == state.health.request else { return [] }
            let keep = state.health.selectedAccount?.id
            state.health.accounts = accounts
            state.health.loaded = true
            state.health.error = nil
            // Keep the selection on the same account when rows move (live refresh).
            if let keep, let index = state.health.visible.firstIndex(where: { $0.id == keep }) {
                state.health.selected = index
            } else {
                state.health.selected = min(state.health.selected, max(0, state.health.visible.count - 1))
            }
            if let detail = state.health.detail, let fresh = accounts.first(where: { $0.id == detail.account.id }) {
                state.health.detail = HealthDetail(account: fresh, failures: detail.failures, request: detail.request, scroll: detail.scroll)
                return loadFailures(&state, fresh)
            }
            return []
        case .failuresLoaded(let id, let failures):
            guard state.health.detail?.request == id else { return [] }
            state.health.detail?.failures = failures
            return []
        case .activeChanged(_, let account, let active):
            state.note = StatusNote(text: "account \(active ? "activated" : "deactivated")", kind: .info)
            if let index = state.health.accounts.firstIndex(where: { $0.id == account }) {
                let old = state.health.accounts[index]
                state.health.accounts[index] = AccountHealth(
                    id: old.id, username: old.username, platform: old.platform, clientName: old.clientName,
                    clientID: old.clientID, active: active, tokenExpiresAt: old.tokenExpiresAt,
                    tokenStatus: old.tokenStatus, totalPosts: old.totalPosts, failedPosts: old.failedPosts)
            }
            return load(&state)
        }
    }

    /// Re-reads what the pane shows, keeping the selection.
    static func reload(_ state: inout AppState) -> [Effect] {
        var effects = load(&state)
        if let detail = state.health.detail { effects += loadFailures(&state, detail.account) }
        return effects
    }

    /// The client in scope changed: start from the top.
    static func scopeChanged(_ state: inout AppState) -> [Effect] {
        state.health.selected = 0
        state.health.offset = 0
        state.health.detail = nil
        return load(&state)
    }

    /// Keys taken before the key table while the filter line is open; nil lets them through.
    static func capture(_ state: inout AppState, _ key: Key) -> [Effect]? {
        state.health.editingFilter == nil ? nil : editFilter(&state, key)
    }

    static func loadFailures(_ state: inout AppState, _ account: AccountHealth) -> [Effect] {
        let id = state.nextRequest()
        state.health.detail?.request = id
        return [.query(id, slot: "health.failures", HealthQueries.failures(of: account.id).map { .health(.failuresLoaded(id, $0)) })]
    }

    /// Keys typed into the filter line while it is open.
    static func editFilter(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard var text = state.health.editingFilter else { return [] }
        switch key {
        case .enter:
            state.health.filter = text
            state.health.editingFilter = nil
        case .escape:
            state.health.filter = ""
            state.health.editingFilter = nil
        case .backspace:
            if text.isEmpty { state.health.editingFilter = nil } else { text.removeLast(); state.health.editingFilter = text }
        case .ctrl("u"):
            state.health.editingFilter = ""
        case .ctrl("w"):
            let trimmed = text.reversed().drop(while: { $0 == " " }).drop(while: { $0 != " " })
            state.health.editingFilter = String(trimmed.reversed())
        case .char(let character):
            text.append(character)
            state.health.editingFilter = text
        case .paste(let pasted):
            state.health.editingFilter = text + Sanitizer.singleLine(pasted)
        default:
            return []
        }
        state.health.selected = 0
        state.health.offset = 0
        return []
    }

    static func perform(_ state: inout AppState, _ action: Action) -> [Effect]? {
        let count = state.health.visible.count
        let page = max(1, (state.height - 8) / 2)
        if state.health.detail != nil {
            switch action {
            case .back: state.health.detail = nil; return []
            case .moveDown: state.health.detail?.scroll += 1; return []
            case .moveUp:
                let scroll = state.health.detail?.scroll ?? 0
                state.health.detail?.scroll = max(0, scroll - 1)
                return []
            case .top: state.health.detail?.scroll = 0; return []
            case .open: return []
            case .toggleActive: break
            default: return nil
            }
        }
        switch action {
        // The table holds only the accounts that match the search: n and N step through them,
        // stopping at the ends as in the calendar and the performance table.
        case .moveDown, .nextMatch: state.health.selected = min(count - 1, state.health.selected + 1)
        case .moveUp, .previousMatch: state.health.selected = max(0, state.health.selected - 1)
        case .top: state.health.selected = 0
        case .bottom: state.health.selected = max(0, count - 1)
        case .halfPageDown: state.health.selected = min(count - 1, state.health.selected + page)
        case .halfPageUp: state.health.selected = max(0, state.health.selected - page)
        case .filter: state.health.editingFilter = state.health.filter
        case .back:
            if !state.health.filter.isEmpty { state.health.filter = ""; state.health.selected = 0 }
        case .open:
            guard let account = state.health.selectedAccount else { return [] }
            state.health.detail = HealthDetail(account: account)
            return loadFailures(&state, account)
        case .toggleActive:
            guard let account = state.health.detail?.account ?? state.health.selectedAccount else { return [] }
            let name = Sanitizer.singleLine(account.username ?? account.id.description)
            state.overlay = .confirm(Confirmation(
                title: account.active ? "Deactivate account" : "Activate account",
                question: "\(account.active ? "Deactivate" : "Activate") \(account.platform.displayName) account \(name) of \(Sanitizer.singleLine(account.clientName))?",
                onYes: .setActive(account.id, !account.active)), yes: false)
        default:
            return nil
        }
        state.health.selected = max(0, min(state.health.selected, count - 1))
        return []
    }

    static func confirmSetActive(_ state: inout AppState, _ account: AccountID, _ active: Bool) -> [Effect] {
        let id = state.nextRequest()
        return [.query(id, slot: "health.write.\(account)", HealthQueries.setActive(account, to: active).map { .health(.activeChanged(id, account, $0)) })]
    }
}
