import Foundation
@testable import PostDeckCore

/// Two clients as the store would describe them to the import planner: Acme Outdoor in New
/// York with an account on every network (one username on two of them, Facebook's token
/// expired), campaigns and templates; Globex in Berlin.
enum ImportFixtures {
    static func id<Tag>(_ n: Int) -> Identifier<Tag> {
        Identifier(UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", n))!)
    }

    static let acme = ClientSummary(id: id(1), name: "Acme Outdoor", agencyName: "North", timeZone: "America/New_York")
    static let globex = ClientSummary(id: id(2), name: "Globex", agencyName: "North", timeZone: "Europe/Berlin")

    static let instagram: AccountID = id(101)
    static let facebook: AccountID = id(102)
    static let linkedin: AccountID = id(103)
    static let tiktok: AccountID = id(104)
    static let globexLinkedIn: AccountID = id(201)

    static let acmeChoices = ComposerChoices(
        accounts: [
            ComposerAccount(id: instagram, platform: .instagram, username: "acme.outdoor", tokenStatus: .healthy, tokenExpiresAt: nil),
            ComposerAccount(id: facebook, platform: .facebook, username: "acme.outdoor", tokenStatus: .expired, tokenExpiresAt: nil),
            ComposerAccount(id: linkedin, platform: .linkedin, username: "acme-outdoor", tokenStatus: .healthy, tokenExpiresAt: nil),
            ComposerAccount(id: tiktok, platform: .tiktok, username: "acmetok", tokenStatus: .healthy, tokenExpiresAt: nil),
        ],
        campaigns: [
            ComposerCampaign(id: id(301), name: "Winter trails", status: .active, startDate: day("2027-12-01"), endDate: day("2027-12-31")),
            ComposerCampaign(id: id(302), name: "Summer 2026", status: .completed, startDate: day("2026-06-01"), endDate: day("2026-08-31")),
        ],
        templates: [
            ComposerTemplate(id: id(401), name: "Weekly tip", content: "Tip for {{client_name}}: {{tip}}", variations: [:],
                             settings: PostSettings()),
            ComposerTemplate(id: id(402), name: "Launch", content: "New at {{client_name}} on {{day}}",
                             variations: [.linkedin: "{{client_name}} launches on {{date}}"], settings: PostSettings(hashtags: ["#launch"])),
        ])

    static let globexChoices = ComposerChoices(
        accounts: [ComposerAccount(id: globexLinkedIn, platform: .linkedin, username: "globex", tokenStatus: .healthy, tokenExpiresAt: nil)],
        campaigns: [], templates: [])

    /// Thursday 20 May 2027, noon UTC.
    static let now = instant("2027-05-20T12:00:00Z")

    static func context(posts: [ImportExistingPost] = []) -> ImportContext {
        var keys: [ClientID: [String: PostID]] = [:]
        for post in posts {
            if let marker = post.marker { keys[post.snapshot.clientID, default: [:]][marker.key] = post.snapshot.id }
        }
        return ImportContext(
            now: now, rules: .standard,
            clients: ["Acme Outdoor": .success(acme), "Globex": .success(globex),
                      "Nobody": .failure(ImportLookupError("no client named \"Nobody\""))],
            clientsByID: [acme.id: acme, globex.id: globex], choices: [acme.id: acmeChoices, globex.id: globexChoices],
            posts: Dictionary(uniqueKeysWithValues: posts.map { ($0.snapshot.id, $0) }), keys: keys)
    }

    static func plan(_ csv: String, options: ImportOptions = ImportOptions(source: "june.csv", environmentTZ: "UTC"),
                     posts: [ImportExistingPost] = []) -> ImportPlan {
        ImportPlanner.plan(ImportFile.read(Array(csv.utf8)), options: options, context: context(posts: posts))
    }

    /// The posts a clean plan's writes would leave, with the markers they carry: what a
    /// re-import finds (as the store reads them back).
    static func written(_ plan: ImportPlan, updatedAt: Date = now) -> [ImportExistingPost] {
        plan.rows.compactMap { row -> ImportExistingPost? in
            guard let write = row.writes.last, let edit = write.change.edit else { return nil }
            let status: PostStatus
            let time: Date?
            switch write.change {
            case .createScheduled(_, _, let at): (status, time) = (.scheduled, at)
            default: (status, time) = (.draft, edit.time.newValue ?? nil)
            }
            let snapshot = PostSnapshot(
                id: row.post, clientID: row.client.id, status: status, content: edit.text.newValue ?? "",
                variations: edit.variations.newValue ?? [:], settings: edit.settings.newValue ?? PostSettings(),
                campaignID: edit.campaign.newValue ?? nil, templateID: edit.template.newValue ?? nil, scheduledAt: time,
                targets: edit.addedAccounts.map { PostSnapshot.Target(id: .random(), accountID: $0, status: .pending) },
                updatedAt: updatedAt)
            return ImportExistingPost(snapshot: snapshot, marker: row.marker)
        }
    }
}

extension ImportPlan {
    /// The problems as (row, column) pairs, for comparing with what a test expects.
    var places: [String] { problems.map(\.place) }

    func problem(row: Int, column: String? = nil) -> ImportProblem? {
        problems.first { $0.row == row && (column == nil || $0.column == column) }
    }
}
