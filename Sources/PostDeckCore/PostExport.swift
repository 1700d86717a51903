import FoundationEssentials

/// A post as a row of the import format, so that an export imports back into the same
/// posts: the `id` names the post, times are written in the client's zone with the zone
/// named (and `pick` filled when clocks went back over that time), accounts, campaigns and
/// templates by names that read back to the very same ones (else by id), and every text
/// exactly as stored.
public enum PostExport {
    /// The columns of an export, in order.
    public static let columns: [ImportColumn] = [
        .id, .client, .accounts, .date, .timezone, .pick, .status, .content,
        .contentLinkedIn, .contentInstagram, .contentTikTok, .contentFacebook,
        .media, .campaign, .template, .firstComment, .hashtags, .mentions,
    ]

    /// The row of `post`; `clients` is every client (a name two clients share is written as the id).
    public static func row(_ post: PostSnapshot, client: ClientSummary, clients: [ClientSummary], choices: ComposerChoices,
                           zone: DisplayZone) -> [ImportColumn: String] {
        let sharedName = clients.count(where: { $0.name.lowercased() == client.name.lowercased() }) > 1
        var cells: [ImportColumn: String] = [
            .id: post.id.description,
            .client: sharedName || ClientID(client.name) != nil ? client.id.description : client.name,
            .accounts: post.accountIDs.map { accountName($0, among: choices.allAccounts) }.joined(separator: " "),
            .timezone: zone.name,
            .status: post.status.rawValue,
            .content: post.content,
            .media: post.media.map(\.path).joined(separator: ";"),
            .campaign: post.campaignID.map { campaignName($0, among: choices.allCampaigns) } ?? "",
            .template: post.templateID.map { templateName($0, among: choices.templates) } ?? "",
            .firstComment: post.settings.firstComment ?? "",
            .hashtags: post.settings.hashtags.joined(separator: " "),
            .mentions: post.settings.mentions.joined(separator: " "),
        ]
        for platform in Platform.allCases { cells[.content(for: platform)] = post.variations[platform] ?? "" }
        if let time = post.scheduledAt {
            let local = zone.localDateTime(of: time)
            cells[.date] = local.description
            if case .ambiguous(let overlap) = zone.resolve(local) {
                cells[.pick] = overlap.earlier.timeIntervalSince1970 == time.timeIntervalSince1970.rounded(.down) ? "earlier" : "later"
            }
        }
        return cells
    }

    /// `platform:username` when it names exactly this account, else the id.
    static func accountName(_ id: AccountID, among accounts: [ComposerAccount]) -> String {
        guard let account = accounts.first(where: { $0.id == id }), let username = account.username, !username.isEmpty,
              !username.contains(where: { $0.isWhitespace || $0 == "," }) else { return id.description }
        let name = "\(account.platform.rawValue):\(username)"
        if case .success(let match) = AccountMatch.resolve(name, among: accounts), match.id == id { return name }
        return id.description
    }

    /// The campaign's name when no other campaign of the client has it, else its id.
    static func campaignName(_ id: CampaignID, among campaigns: [ComposerCampaign]) -> String {
        guard let campaign = campaigns.first(where: { $0.id == id }),
              campaigns.count(where: { $0.name.lowercased() == campaign.name.lowercased() }) == 1 else { return id.description }
        return campaign.name
    }

    /// The template's name when it is active and no other has it, else its id.
    static func templateName(_ id: TemplateID, among templates: [ComposerTemplate]) -> String {
        guard let template = templates.first(where: { $0.id == id }),
              templates.count(where: { $0.name.lowercased() == template.name.lowercased() }) == 1 else { return id.description }
        return template.name
    }
}
