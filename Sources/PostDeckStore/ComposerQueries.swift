import FoundationEssentials
import PostDeckCore

/// What the composer offers for a client. Its writes go through `PostWrites`.
public enum ComposerQueries {
    /// The client's accounts (active first, then by platform and name) with their token
    /// state, its campaigns (by start date) and its active templates (by name).
    public static func choices(for client: ClientID) -> Query<ComposerChoices> {
        Query("""
            SELECT 'account' AS kind, a.id::text AS id, a.platform::text AS platform, a.username AS name,
                   coalesce(h.token_status, 'expired') AS status, h.token_expires_at AS at,
                   NULL::text AS start_date, NULL::text AS end_date, NULL::text AS content,
                   NULL::text AS variations, NULL::text AS settings, a.active IS TRUE AS active
            FROM accounts a LEFT JOIN account_health h ON h.account_id = a.id
            WHERE a.client_id = $1::uuid
            UNION ALL
            SELECT 'campaign', c.id::text, NULL, c.name, c.status::text, NULL,
                   c.start_date::text, c.end_date::text, NULL, NULL, NULL, true
            FROM campaigns c
            WHERE c.client_id = $1::uuid
            UNION ALL
            SELECT 'template', t.id::text, NULL, t.name, NULL, NULL, NULL, NULL, t.template_content,
                   coalesce(t.platform_variations, '{}')::text, coalesce(t.default_settings, '{}')::text, true
            FROM post_templates t
            WHERE t.client_id = $1::uuid AND t.active IS NOT FALSE
            """, [client]) { result in
            var accounts: [ComposerAccount] = [], campaigns: [ComposerCampaign] = [], templates: [ComposerTemplate] = []
            for row in result.rows {
                let id = try row.decode("id", as: String.self)
                switch try row.decode("kind", as: String.self) {
                case "account":
                    guard let accountID = AccountID(id), let platform = Platform(rawValue: try row.decode("platform")) else { continue }
                    accounts.append(ComposerAccount(
                        id: accountID, platform: platform, username: try row.decode("name"),
                        tokenStatus: TokenStatus(rawValue: try row.decode("status")) ?? .expired,
                        tokenExpiresAt: try row.decode("at"), active: try row.decode("active")))
                case "campaign":
                    guard let campaignID = CampaignID(id) else { continue }
                    campaigns.append(ComposerCampaign(
                        id: campaignID, name: try row.decode("name"),
                        status: CampaignStatus(rawValue: try row.decode("status")) ?? .draft,
                        startDate: try row.decode("start_date", as: String?.self).flatMap { LocalDate(parsing: $0) },
                        endDate: try row.decode("end_date", as: String?.self).flatMap { LocalDate(parsing: $0) }))
                default:
                    guard let templateID = TemplateID(id) else { continue }
                    templates.append(ComposerTemplate(
                        id: templateID, name: try row.decode("name"), content: try row.decode("content"),
                        variations: decodeVariations(try row.decode("variations")),
                        settings: decodeSettings(try row.decode("settings"))))
                }
            }
            accounts.sort { ($0.active ? 0 : 1, $0.platform, ($0.username ?? "").lowercased()) < ($1.active ? 0 : 1, $1.platform, ($1.username ?? "").lowercased()) }
            campaigns.sort { ($0.startDate ?? LocalDate(daysSince1970: 0), $0.name) < ($1.startDate ?? LocalDate(daysSince1970: 0), $1.name) }
            templates.sort { $0.name.lowercased() < $1.name.lowercased() }
            return ComposerChoices(accounts: accounts, campaigns: campaigns, templates: templates)
        }
    }

    /// `content_variations` / `platform_variations`: platform name → text; other keys and
    /// non-text values are ignored.
    static func decodeVariations(_ json: String) -> [Platform: String] {
        // A text, or nil for any other JSON value (JSONDecoder, not JSONSerialization: see Text+Essentials.swift).
        struct TextValue: Decodable {
            let text: String?
            init(from decoder: any Decoder) throws { text = try? decoder.singleValueContainer().decode(String.self) }
        }
        guard let object = try? JSONDecoder().decode([String: TextValue].self, from: Data(json.utf8)) else { return [:] }
        var result: [Platform: String] = [:]
        for (key, value) in object {
            if let platform = Platform(rawValue: key), let text = value.text { result[platform] = text }
        }
        return result
    }

    static func decodeSettings(_ json: String) -> PostSettings {
        (try? JSONDecoder().decode(PostSettings.self, from: Data(json.utf8))) ?? PostSettings()
    }
}
