import PostDeckCore

/// Everything the generator writes that a person would read: names, captions, hashtags,
/// error messages. The SQL picks from these pools with a seeded hash, so the pools are the
/// only place to change what the demo says. Sent to the server once per statement as one
/// `jsonb` parameter.
struct DemoContent: Encodable, Sendable {
    struct Agency: Encodable, Sendable {
        let k: Int
        let name: String
        let email: String
        let plan: String
        let timezone: String
    }

    /// A hand-written client. The first ones are the demo set; at scale they lead a crowd
    /// of generated clients.
    struct Client: Encodable, Sendable {
        let k: Int
        let name: String
        let industry: String
        let timezone: String
        let agency: Int
        let handle: String
        let platforms: [Platform]
        /// Per platform: `username`, `display_name` or `active` replacing the derived ones.
        var overrides: [String: AccountOverride] = [:]
    }

    struct AccountOverride: Encodable, Sendable {
        var username: String?
        var displayName: String?
        var active: Bool?

        enum CodingKeys: String, CodingKey {
            case username, displayName = "display_name", active
        }
    }

    /// What a business in one industry posts about.
    struct Industry: Encodable, Sendable {
        let captions: [String]
        let hashtags: [String]
        let products: [String]
        /// Second words of generated client names ("Bakery", "Dental Group").
        let nouns: [String]
    }

    struct Template: Encodable, Sendable {
        let name: String
        let content: String
        let linkedin: String
        let tiktok: String
        let hashtags: [String]
    }

    /// A post the demo always has, whatever the seed: the cases a manager (and a test)
    /// must be able to find. `n` is the post number it replaces; `minutes` is relative to now.
    struct ShowcasePost: Encodable, Sendable {
        let n: Int
        let client: Int
        let minutes: Int
        let status: String
        let platform: String?
        let platforms: Int?
        let content: String?
    }

    let agencies: [Agency]
    let clients: [Client]
    let industries: [String: Industry]
    let namePrefixes: [String]
    let timezones: [String]
    let templates: [Template]
    let campaignNames: [String]
    let campaignGoals: [String]
    let errors: [String: [String]]
    let mentions: [String]
    let linkedinClosings: [String]
    let originalFilenames: [String: [String]]
    let altTexts: [String]

    static let standard = DemoContent(
        agencies: DemoCatalog.agencies,
        clients: DemoCatalog.clients,
        industries: DemoCaptions.industries,
        namePrefixes: DemoCatalog.namePrefixes,
        timezones: DemoCatalog.timezones,
        templates: DemoCatalog.templates,
        campaignNames: DemoCatalog.campaignNames,
        campaignGoals: ["awareness", "engagement", "traffic", "leads", "sales", "hiring"],
        errors: DemoCatalog.errors,
        mentions: DemoCatalog.mentions,
        linkedinClosings: DemoCatalog.linkedinClosings,
        originalFilenames: DemoCatalog.originalFilenames,
        altTexts: DemoCatalog.altTexts)
}
