import Foundation
import PostDeckCore
@testable import PostDeckApp

/// Fixed data and a fixed clock for pane tests: the same screen on every run.
enum Fixtures {
    /// 2026-11-25 12:00:00 UTC.
    static let now = Date(timeIntervalSince1970: 1_795_608_000)

    static func id<Tag>(_ n: Int) -> Identifier<Tag> {
        Identifier(String(format: "00000000-0000-4000-8000-%012d", n))!
    }

    static let acme: ClientID = id(1)
    static let globex: ClientID = id(2)
    static let sakura: ClientID = id(3)

    static let clients = [
        ClientSummary(id: acme, name: "Acme Outdoor", agencyName: "Northwind Social", timeZone: "America/New_York"),
        ClientSummary(id: globex, name: "Globex Bank", agencyName: "Northwind Social", timeZone: "Europe/Berlin"),
        ClientSummary(id: sakura, name: "さくら茶房", agencyName: "Blue Harbor", timeZone: "Asia/Tokyo"),
    ]

    static func account(_ n: Int, _ client: ClientID, _ clientName: String, _ platform: Platform, _ username: String?,
                        expires: TimeInterval?, status: TokenStatus, total: Int, failed: Int, active: Bool = true) -> AccountHealth {
        AccountHealth(id: id(100 + n), username: username, platform: platform, clientName: clientName, clientID: client,
                      active: active, tokenExpiresAt: expires.map { now.addingTimeInterval($0) }, tokenStatus: status,
                      totalPosts: total, failedPosts: failed)
    }

    static let day: TimeInterval = 86_400

    static let accounts: [AccountHealth] = [
        account(1, acme, "Acme Outdoor", .instagram, "acme.outdoor", expires: -3 * day, status: .expired, total: 40, failed: 6),
        account(2, acme, "Acme Outdoor", .linkedin, "acme-outdoor", expires: 2 * day, status: .expiringSoon, total: 25, failed: 0),
        account(3, globex, "Globex Bank", .facebook, "GlobexBank", expires: nil, status: .expired, total: 12, failed: 12),
        account(4, globex, "Globex Bank", .tiktok, "@globex", expires: 90 * day, status: .healthy, total: 30, failed: 3),
        account(5, sakura, "さくら茶房", .instagram, "sakura_sabo 🍵", expires: nil, status: .healthy, total: 18, failed: 0),
        account(6, sakura, "さくら茶房", .tiktok, "evil\u{1b}]52;c;aGk=\u{07}\u{202e}gnp.exe", expires: 5 * 3600, status: .expiringSoon,
                total: 4, failed: 1, active: false),
    ].sorted(by: AccountHealth.worstFirst)

    /// A state with everything loaded, as after start-up against the fixture data.
    static func loadedState(width: Int = 120, height: Int = 40) -> AppState {
        var state = AppState(databaseLabel: "demo", now: now)
        state.width = width
        state.height = height
        state.link = .connected
        state.clients = clients
        state.loadedPanes = [.health]
        let effects = HealthPane.load(&state)
        _ = effects
        _ = App.update(&state, .health(.loaded(state.health.request!, accounts)))
        return state
    }
}

extension Array where Element == Effect {
    /// The effects besides the status note's expiry timer (which every new note starts).
    var besidesNoteTimer: [Effect] {
        filter { if case .after(_, "note", _) = $0 { false } else { true } }
    }
}
