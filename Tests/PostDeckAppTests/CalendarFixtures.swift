import Foundation
import PostDeckCore
import PostDeckStore
@testable import PostDeckApp

/// Posts for calendar tests on the fixed clock (2026-11-25 12:00 UTC): a crowded Wednesday
/// 25 November with every status, CJK and emoji excerpts, a failed publish and expired
/// tokens; New York's clock change on Sunday 1 November (two posts at 01:30); Berlin's on
/// Sunday 25 October; a Tokyo client; unscheduled drafts.
enum CalendarFixtures {
    static func utc(_ text: String) -> Date {
        let parts = text.split(separator: " ")
        return try! DisplayZone.utc.instant(for: LocalDateTime(parsing: "\(parts[0]) \(parts[1])"))
    }

    static func target(_ n: Int, _ platform: Platform, _ username: String, _ status: PlatformPostStatus = .pending,
                       token: Bool = true) -> CalendarPost.Target {
        CalendarPost.Target(accountID: Fixtures.id(100 + n), platform: platform, username: username, status: status, tokenUsable: token)
    }

    static func post(_ n: Int, _ client: ClientID, _ status: PostStatus, _ time: String?, _ excerpt: String,
                     _ targets: [CalendarPost.Target], published: Bool = false) -> CalendarPost {
        let summary = Fixtures.clients.first { $0.id == client }!
        let instant = time.map(utc)
        return CalendarPost(id: Fixtures.id(500 + n), clientID: client, clientName: summary.name, clientTimeZone: summary.timeZone,
                            status: status, excerpt: excerpt, scheduledAt: instant, publishedAt: published ? instant : nil,
                            updatedAt: Fixtures.now.addingTimeInterval(-3_600), campaignID: nil, targets: targets)
    }

    static let acmeIG = target(1, .instagram, "acme.outdoor")
    static let acmeIN = target(2, .linkedin, "acme-outdoor", token: false)
    static let globexFB = target(3, .facebook, "GlobexBank", token: false)
    static let globexTT = target(4, .tiktok, "@globex")
    static let sakuraIG = target(5, .instagram, "sakura_sabo 🍵")

    static let posts: [CalendarPost] = [
        // The crowded Wednesday, 25 November (times in UTC).
        post(1, Fixtures.acme, .published, "2026-11-25 08:05", "Spring launch 🌸 — new trail shoes are here! #acme",
             [target(1, .instagram, "acme.outdoor", .published)], published: true),
        post(2, Fixtures.globex, .failed, "2026-11-25 09:30", "Zinsen rauf, Gebühren runter: das neue Girokonto",
             [target(3, .facebook, "GlobexBank", .failed, token: false)]),
        post(3, Fixtures.sakura, .publishing, "2026-11-25 11:58", "限定セール開催中！抹茶ラテ半額 🍵",
             [target(5, .instagram, "sakura_sabo 🍵", .processing)]),
        post(4, Fixtures.acme, .scheduled, "2026-11-25 14:00", "Trail report: the Blue Ridge loop in 5 photos 📸",
             [acmeIG, acmeIN]),
        post(5, Fixtures.globex, .draft, "2026-11-25 15:15", "Entwurf: Adventskalender-Gewinnspiel 🎄", [globexTT]),
        post(6, Fixtures.acme, .cancelled, "2026-11-25 16:45", "Black Friday teaser (pulled)", [acmeIG]),
        post(7, Fixtures.sakura, .scheduled, "2026-11-25 22:30", "冬の新作ほうじ茶、明日発売", [sakuraIG]),
        post(8, Fixtures.globex, .published, "2026-11-25 07:10", "Marktkommentar November", [target(4, .tiktok, "@globex", .published),
             target(3, .facebook, "GlobexBank", .failed, token: false)], published: true),
        // The rest of November.
        post(10, Fixtures.acme, .scheduled, "2026-11-27 13:00", "Black Friday: 30% off everything 🛍️", [acmeIG, acmeIN,
             target(6, .tiktok, "acme.tt"), target(7, .facebook, "AcmeOutdoor")]),
        post(11, Fixtures.globex, .scheduled, "2026-11-30 08:00", "Wochenstart mit Globex", [globexTT]),
        post(12, Fixtures.sakura, .published, "2026-11-18 01:00", "抹茶の日 🍵", [target(5, .instagram, "sakura_sabo 🍵", .published)],
             published: true),
        post(13, Fixtures.acme, .failed, "2026-11-20 17:00", "Gear check: what's in our pack?",
             [target(1, .instagram, "acme.outdoor", .failed)]),
        // New York's clock change: 01:30 EDT and 01:30 EST on Sunday 1 November, and the week around it.
        post(20, Fixtures.acme, .published, "2026-11-01 05:30", "First 01:30: before the clocks go back",
             [target(1, .instagram, "acme.outdoor", .published)], published: true),
        post(21, Fixtures.acme, .published, "2026-11-01 06:30", "Second 01:30: after the clocks went back",
             [target(1, .instagram, "acme.outdoor", .published)], published: true),
        post(22, Fixtures.acme, .published, "2026-11-02 04:30", "Sunday 23:30, the last half hour of a 25-hour day",
             [target(1, .instagram, "acme.outdoor", .published)], published: true),
        post(23, Fixtures.acme, .published, "2026-10-28 13:00", "Midweek trail tip", [target(1, .instagram, "acme.outdoor", .published)],
             published: true),
        // Berlin's clock change: 02:30 CET on Sunday 25 October (after the change).
        post(30, Fixtures.globex, .published, "2026-10-25 01:30", "02:30 MEZ, nach der Zeitumstellung",
             [target(4, .tiktok, "@globex", .published)], published: true),
        post(31, Fixtures.globex, .published, "2026-10-24 22:30", "Sonntag 00:30 MESZ, vor der Zeitumstellung", [target(4, .tiktok, "@globex", .published)],
             published: true),
        // Unscheduled drafts.
        post(40, Fixtures.acme, .draft, nil, "Idea: winter camping checklist ⛺", [acmeIG]),
        post(41, Fixtures.sakura, .draft, nil, "アイデア：桜の季節の限定ブレンド", []),
    ]

    /// What the database would answer for `range` in `scope`.
    static func page(_ scope: Scope, _ range: TimeRange?) -> CalendarQueries.Page {
        let inScope = posts.filter { scope.clientID == nil || $0.clientID == scope.clientID }
        let dated = inScope.filter { $0.time != nil && (range?.contains($0.time!) ?? true) }.sorted { $0.time! < $1.time! }
        return CalendarQueries.Page(posts: dated, unscheduled: inScope.filter { $0.time == nil })
    }

    /// The calendar pane loaded on fixed data, as after start-up.
    static func state(width: Int = 120, height: Int = 40, scope: Scope = .allClients, tz: String? = "Europe/Berlin",
                      day: LocalDate? = nil, mode: CalendarMode = .month) -> AppState {
        var state = AppState(databaseLabel: "demo", now: Fixtures.now)
        state.width = width
        state.height = height
        state.link = .connected
        state.clients = Fixtures.clients
        state.pane = .calendar
        state.scope = scope
        state.zoneSettings = ZoneSettings(commandLine: tz, environmentTZ: nil)
        state.calendar.mode = mode
        state.calendar.day = day
        _ = CalendarPane.load(&state)
        answer(&state)
        return state
    }

    /// Answers the pending calendar read with the fixture data.
    static func answer(_ state: inout AppState) {
        guard let id = state.calendar.request, let day = state.calendar.day else { return }
        let range = state.calendar.neededRange(for: day)
        _ = App.update(&state, .calendar(.loaded(id, range, page(state.scope, range))))
    }
}
