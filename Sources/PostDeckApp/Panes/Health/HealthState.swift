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

/// The failures of one account, shown when it is opened: a list (the shared selection
/// model) and, under it, the selected failure's whole error text.
struct HealthDetail {
    let account: AccountHealth
    var failures: AccountFailures?
    var request: RequestID?
    var list = ListState()
    /// The worker's record of the selected failure's post (its job and sends), once read.
    var attempts: (post: PostID, value: PublishAttempts)?
    var attemptsRequest: RequestID?

    init(account: AccountHealth, failures: AccountFailures? = nil, request: RequestID? = nil, list: ListState = ListState()) {
        self.account = account
        self.failures = failures
        self.request = request
        self.list = list
    }

    /// The attempts of the selected failure's post, when they are the ones read.
    var selectedAttempts: PublishAttempts? {
        guard let post = selectedFailure?.postID, let attempts, attempts.post == post else { return nil }
        return attempts.value
    }

    var rows: [AccountFailures.Failure] { failures?.failures ?? [] }

    var selectedFailure: AccountFailures.Failure? {
        guard let index = list.selected, rows.indices.contains(index) else { return nil }
        return rows[index]
    }
}

enum HealthMessage {
    case loaded(RequestID, [AccountHealth])
    case failuresLoaded(RequestID, AccountFailures)
    case attemptsLoaded(RequestID, PostID, PublishAttempts)
    case activeChanged(RequestID, AccountID, Bool)
    /// The answer to a retry: the new publish job, or why none was queued.
    case retried(RequestID, excerpt: String, Result<JobID, PublishRetryRefusal>)
}

/// The health pane's part of `update`.
enum HealthPane {
    static let slot = "health.accounts"

    /// The pane's rows of the key table.
    static let keys: [KeyBinding] = [
        KeyBinding(["Enter"], .health, .open, "failures; on a failure, its calendar day", hint: "failures"),
        KeyBinding(["e"], .health, .editPost, "a failure's post in the composer"),
        KeyBinding(["r"], .health, .retryPublish, "retry a failure: publish again (asks first)"),
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
                state.health.detail = HealthDetail(account: fresh, failures: detail.failures, request: detail.request, list: detail.list)
                return loadFailures(&state, fresh)
            }
            return []
        case .failuresLoaded(let id, let failures):
            guard var detail = state.health.detail, detail.request == id else { return [] }
            // Keep the selection on the same post when the list is read again.
            let keep = detail.selectedFailure?.postID
            detail.failures = failures
            if let keep, let index = failures.failures.firstIndex(where: { $0.postID == keep }) {
                detail.list.selected = index
            } else if detail.list.selected == nil {
                detail.list.selectFirst(count: failures.failures.count)
            }
            detail.list.clamp(count: failures.failures.count)
            detail.attempts = nil
            state.health.detail = detail
            return loadAttempts(&state)
        case .attemptsLoaded(let id, let post, let attempts):
            guard state.health.detail?.attemptsRequest == id else { return [] }
            state.health.detail?.attempts = (post, attempts)
            return []
        case .retried(_, let excerpt, let outcome):
            switch outcome {
            case .success:
                state.note = StatusNote(text: "“\(excerpt)” queued to publish again (its publish job is pending)", kind: .info)
            case .failure(let refusal):
                state.note = StatusNote(text: "not retried: \(refusal.description)", kind: .error)
            }
            return reload(&state)
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
        if var detail = state.health.detail {
            let rows = detail.rows.count
            detail.list.viewport = HealthView.detailLayout(detail, area: detailArea(state)).list.height
            switch action {
            case .back: state.health.detail = nil; return []
            case .moveDown: detail.list.select(next: 1, count: rows)
            case .moveUp: detail.list.select(next: -1, count: rows)
            case .top: detail.list.selectFirst(count: rows)
            case .bottom: detail.list.selectLast(count: rows)
            case .halfPageDown: detail.list.pageDown(count: rows, half: true)
            case .halfPageUp: detail.list.pageUp(count: rows, half: true)
            case .open, .editPost, .retryPublish:
                guard let failure = detail.selectedFailure else {
                    state.note = StatusNote(text: "no failure selected", kind: .info)
                    return []
                }
                switch action {
                case .open: return CalendarPane.reveal(&state, post: failure.postID, at: failure.postTime ?? failure.at)
                case .editPost: return ComposerPane.edit(&state, failure.postID)
                default: return askRetry(&state, failure, account: detail.account)
                }
            case .toggleActive: break
            default: return nil
            }
            if action != .toggleActive { state.health.detail = detail; return loadAttempts(&state) }
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
        case .editPost, .retryPublish:
            state.note = StatusNote(text: "open an account's failures (Enter) and select one first", kind: .info)
            return []
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

    /// Reads the worker's record of the selected failure's post, unless it is the one shown.
    static func loadAttempts(_ state: inout AppState) -> [Effect] {
        guard let detail = state.health.detail, let post = detail.selectedFailure?.postID,
              detail.attempts?.post != post || detail.attemptsRequest == nil else { return [] }
        let id = state.nextRequest()
        state.health.detail?.attemptsRequest = id
        return [.query(id, slot: "health.attempts", PublishHistoryQueries.attempts(of: post).map { .health(.attemptsLoaded(id, post, $0)) })]
    }

    /// The rows the failure list and the error text share under the summary line.
    static func detailArea(_ state: AppState) -> Rect {
        Rect(x: 0, y: 2, width: state.width, height: max(0, state.height - 3))
    }

    /// `r` on a failure: asks, naming the post and the account, before anything is written.
    static func askRetry(_ state: inout AppState, _ failure: AccountFailures.Failure, account: AccountHealth) -> [Effect] {
        let name = Sanitizer.singleLine(account.username ?? account.id.description)
        state.overlay = .confirm(Confirmation(
            title: "Retry publishing",
            question: "Publish “\(excerpt(failure))” on \(account.platform.displayName) \(name) again? Its error is cleared "
                + "and its publish job goes back to pending, due now.",
            onYes: .retryPublish(failure.postID, account.id, stamp: failure.stamp)), yes: false)
        return []
    }

    /// The retry, once confirmed: the one store function the CLI uses too, guarded by the
    /// post's stamp as the list showed it.
    static func confirmRetry(_ state: inout AppState, _ post: PostID, _ account: AccountID, stamp: Date) -> [Effect] {
        let id = state.nextRequest()
        let words = state.health.detail?.rows.first(where: { $0.postID == post }).map(excerpt) ?? post.description
        return [.query(id, slot: "health.retry", PublishHistoryQueries.retry(post: post, account: account, stamp: stamp)
            .map { .health(.retried(id, excerpt: words, $0)) })]
    }

    private static func excerpt(_ failure: AccountFailures.Failure) -> String {
        let words = Sanitizer.singleLine(failure.content)
        return words.count > 30 ? String(words.prefix(29)) + "…" : words
    }

    static func confirmSetActive(_ state: inout AppState, _ account: AccountID, _ active: Bool) -> [Effect] {
        let id = state.nextRequest()
        return [.query(id, slot: "health.write.\(account)", HealthQueries.setActive(account, to: active).map { .health(.activeChanged(id, account, $0)) })]
    }
}
