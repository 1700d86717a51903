import ArgumentParser
import FoundationEssentials
import PostDeckApp
import PostDeckCore
import PostDeckStore

/// What `post draft` and `post schedule` share: the post's parts, resolved against the
/// database, checked with the composer's rules, and written with the composer's one statement.
struct PostWriteOptions: ParsableArguments {
    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("The client (a name or an id).", valueName: "NAME|UUID"))
    var client: String

    @Option(name: .customLong("account"), help: ArgumentHelp("An account of the client (username or id); repeat for several.", valueName: "USERNAME|UUID"))
    var accounts: [String] = []

    @Option(help: ArgumentHelp("When to publish, in the client's zone (or --tz).", valueName: "YYYY-MM-DD HH:MM"))
    var at: String?

    @Option(help: ArgumentHelp("The zone --at is read in (default: the client's, else TZ, else UTC).", valueName: "ZONE"))
    var tz: String?

    @Option(help: ArgumentHelp("An active or draft campaign of the client.", valueName: "NAME|UUID"))
    var campaign: String?

    @Option(help: ArgumentHelp("An active template of the client; its placeholders are filled.", valueName: "NAME|UUID"))
    var template: String?

    @Option(name: .customLong("media"), help: ArgumentHelp("A file to attach; repeat for several.", valueName: "PATH"))
    var media: [String] = []

    @Option(help: "The text of the post.")
    var content: String?

    @Option(help: ArgumentHelp("Read the text from a file, or - for standard input.", valueName: "PATH|-"))
    var contentFile: String?

    @Option(help: "Output format: text (the post id) or json.")
    var format: PostOutputFormat = .text

    func validate() throws {
        if (content == nil) == (contentFile == nil) { throw ValidationError("give the text with exactly one of --content or --content-file") }
        if accounts.isEmpty { throw ValidationError("give at least one --account") }
    }

    func text() throws -> String {
        if let content { return content }
        guard let contentFile else { return "" }
        if contentFile == "-" { return StandardStreams.readInput() }
        guard let data = FileManager.default.contents(atPath: contentFile) else {
            throw UserFacingError(message: "cannot read \(contentFile)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Resolves, checks and writes; prints the post id (or JSON). Problems exit 1, listed per network.
    func run(schedule: Bool) throws {
        if schedule && at == nil { throw ValidationError("post schedule needs --at \"YYYY-MM-DD HH:MM\"") }
        let connection = try database.connect()
        try Migrator.requireCurrent(connection)
        let chosenClient = try ClientQueries.resolve(client, among: connection.run(ClientQueries.all()))
        let choices = try connection.run(ComposerQueries.choices(for: chosenClient.id))
        var problems: [String] = []

        var chosenAccounts: [ComposerAccount] = []
        for name in accounts {
            let wanted = name.hasPrefix("@") ? String(name.dropFirst()).lowercased() : name.lowercased()
            if let match = choices.accounts.first(where: { $0.id.description == wanted || ($0.username ?? "").lowercased() == wanted }) {
                if !chosenAccounts.contains(match) { chosenAccounts.append(match) }
            } else {
                problems.append("no active account \"\(name)\" of \(chosenClient.name)")
            }
        }
        let zone: DisplayZone
        do { zone = try DisplayZone(named: tz ?? chosenClient.timeZone ?? ProcessInfo.processInfo.environment["TZ"] ?? "UTC") }
        catch { throw UserFacingError(message: error.description) }
        var instant: Date?
        if let at {
            do { instant = try zone.instant(for: LocalDateTime(parsing: at)) }
            catch let error as LocalDateTimeError { problems.append(error.description) }
            catch let error as LocalTimeError { problems.append(error.description) }
            if let instant, instant <= Date() { problems.append("\(at) \(zone.name) is in the past") }
        }
        var campaignID: CampaignID?
        if let campaign {
            if let match = choices.campaigns.first(where: { $0.id.description == campaign.lowercased() || $0.name.lowercased() == campaign.lowercased() }) {
                campaignID = match.id
                if let instant, !match.covers(zone.localDate(of: instant)) {
                    StandardStreams.error("postdeck: warning: the time is outside campaign \(match.name)\n")
                }
            } else { problems.append("no active or draft campaign \"\(campaign)\" of \(chosenClient.name)") }
        }
        var text = try self.text()
        var variations: [Platform: String] = [:]
        var settings = PostSettings()
        var templateID: TemplateID?
        if let template {
            if let match = choices.templates.first(where: { $0.id.description == template.lowercased() || $0.name.lowercased() == template.lowercased() }) {
                templateID = match.id
                let values = TemplateFiller.standardValues(clientName: chosenClient.name, platform: nil, at: instant ?? Date(), in: zone)
                let filled = TemplateFiller.fill(text.isEmpty ? match.content : text, with: values)
                if !filled.missing.isEmpty { problems.append("template placeholders without a value: \(filled.missing.joined(separator: ", "))") }
                text = filled.text
                variations = match.variations.mapValues { TemplateFiller.fill($0, with: values).text }
                settings = match.settings
            } else { problems.append("no active template \"\(template)\" of \(chosenClient.name)") }
        }
        var files: [MediaInfo] = []
        for path in media {
            do { files.append(try MediaSniffer.inspect(path: path)) } catch { problems.append("cannot attach \(path): \(error.description)") }
        }
        let draft = PostDraft(clientID: chosenClient.id, content: text, variations: variations, settings: settings,
                              accountIDs: chosenAccounts.map(\.id), campaignID: campaignID, templateID: templateID, media: files)
        let config = RulesConfig.load(environment: ProcessInfo.processInfo.environment)
        if let problem = config.problem { StandardStreams.error("postdeck: warning: \(problem)\n") }
        let rules = config.rules
        for platform in Array(Set(chosenAccounts.map(\.platform))).sorted() {
            // As in the composer: network errors block scheduling; a draft is saved with them.
            for issue in rules.validate(draft.draftContent, for: platform) {
                if issue.severity == .error && schedule { problems.append(issue.message) }
                else { StandardStreams.error("postdeck: warning: \(issue.message)\n") }
            }
        }
        for account in chosenAccounts where account.tokenStatus == .expired {
            StandardStreams.error("postdeck: warning: \(account.platform.displayName) \(account.label): token expired or missing\n")
        }
        if !problems.isEmpty {
            StandardStreams.error("postdeck: not written:\n" + problems.map { "  - \($0)\n" }.joined())
            throw ExitStatus(code: 1)
        }
        let outcome = try connection.run(schedule ? ComposerQueries.schedule(draft, at: instant!) : ComposerQueries.saveDraft(draft))
        guard case .saved(let post) = outcome else { throw UserFacingError(message: "the post changed while it was written; nothing was saved") }
        switch format {
        case .text: print(post.id.description)
        case .json:
            print(JSONOutput.array([[("post_id", .string(post.id.description)), ("status", .string(post.status.rawValue)),
                                     ("scheduled_at", .date(post.scheduledAt)), ("client_id", .string(post.clientID.description)),
                                     ("account_ids", .string(post.accountIDs.map(\.description).joined(separator: ",")))]]),
                  terminator: "")
        }
    }
}

enum PostOutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
