import FoundationEssentials

/// Reads the parts of one import row as the values a post change is made of, with the
/// composer's rules for each (`AccountMatch`, `TimeInput`, `TemplateFiller`,
/// `MediaSniffer`), and notes every problem with its row and column. A part that cannot be
/// read is nil; the row is then not written (nor is anything else).
struct ImportRowReader {
    let row: ImportRow
    let columns: Set<ImportColumn>
    let options: ImportOptions
    let client: ClientSummary
    let choices: ComposerChoices
    let zone: DisplayZone
    let now: Date
    /// The post the row updates, if it exists.
    let current: PostSnapshot?
    /// Files already inspected in this import, by resolved path.
    var inspected: [String: Result<MediaInfo, MediaError>]
    private(set) var problems: [ImportProblem] = []

    init(row: ImportRow, columns: Set<ImportColumn>, options: ImportOptions, client: ClientSummary, choices: ComposerChoices,
         zone: DisplayZone, now: Date, current: PostSnapshot?, inspected: [String: Result<MediaInfo, MediaError>]) {
        self.row = row
        self.columns = columns
        self.options = options
        self.client = client
        self.choices = choices
        self.zone = zone
        self.now = now
        self.current = current
        self.inspected = inspected
    }

    /// The name a problem is reported under: the column, or the option that stood in for it.
    func place(_ column: ImportColumn) -> String {
        guard !columns.contains(column) || row[column] == nil else { return column.rawValue }
        switch column {
        case .client where options.client != nil: return "--client"
        case .accounts where !options.accounts.isEmpty: return "--account"
        case .timezone where options.zone != nil: return "--tz"
        default: return column.rawValue
        }
    }

    mutating func problem(_ column: ImportColumn?, _ message: String) {
        problems.append(ImportProblem(row: row.number, column: column.map(place), message))
    }

    private func trimmed(_ column: ImportColumn) -> String {
        (row.cells[column] ?? "").trimmingSpacesAndNewlines()
    }

    /// Words of a list cell: split at spaces, commas and line breaks.
    private static func words(_ text: String) -> [String] {
        text.split { $0 == "," || $0.isWhitespace }.map(String.init)
    }

    // MARK: The raw text of each part, for fingerprints

    /// The parts the file gives (a column, or the option that stands in for it), each with
    /// the text it was read from: what decides whether a part changed since the last import.
    func rawParts() -> [ImportField: String] {
        var parts: [ImportField: String] = [:]
        let separator = "\u{1F}"
        let contentEmpty = (row.cells[.content] ?? "").isEmpty
        let template = contentEmpty ? trimmed(.template) : ""
        if columns.contains(.accounts) || !options.accounts.isEmpty {
            parts[.accounts] = row[.accounts] ?? options.accounts.joined(separator: " ")
        }
        if columns.contains(.date) || columns.contains(.status) {
            parts[.time] = [row.cells[.date] ?? "", row[.timezone] ?? options.zone ?? "", row.cells[.pick] ?? "",
                            row.cells[.status] ?? "", options.dateOrder?.rawValue ?? ""].joined(separator: separator)
        }
        if columns.contains(.content) { parts[.content] = (row.cells[.content] ?? "") + separator + template }
        for platform in Platform.allCases where columns.contains(.content(for: platform)) {
            let cell = row.cells[.content(for: platform)] ?? ""
            parts[.variation(platform)] = cell + separator + (cell.isEmpty ? template : "")
        }
        if columns.contains(.media) { parts[.media] = row.cells[.media] ?? "" }
        if columns.contains(.campaign) { parts[.campaign] = row.cells[.campaign] ?? "" }
        if columns.contains(.template) { parts[.template] = row.cells[.template] ?? "" }
        for (column, field) in [(ImportColumn.firstComment, ImportField.firstComment), (.hashtags, .hashtags), (.mentions, .mentions)]
        where columns.contains(column) {
            let cell = row.cells[column] ?? ""
            parts[field] = cell + separator + (cell.isEmpty ? template : "")
        }
        return parts
    }

    // MARK: Parts

    /// The accounts, each an id, `platform:username` or a username only one of the client's
    /// active accounts has. An account the post already goes out on may be named even
    /// when it is inactive now (an export of it imports back).
    mutating func accounts() -> [AccountID]? {
        var found: [AccountID] = []
        var failed = false
        let kept = choices.allAccounts.filter { current?.accountIDs.contains($0.id) == true }
        for typed in Self.words(row[.accounts] ?? options.accounts.joined(separator: " ")) {
            switch AccountMatch.resolve(typed, among: choices.accounts) {
            case .success(let account):
                if !found.contains(account.id) { found.append(account.id) }
            case .failure(let error):
                if case .success(let account) = AccountMatch.resolve(typed, among: kept) {
                    if !found.contains(account.id) { found.append(account.id) }
                } else {
                    problem(.accounts, "\(error.description) of \(client.name)")
                    failed = true
                }
            }
        }
        return failed ? nil : found
    }

    /// When and whether the post goes out: the status (`draft` or `scheduled`; others only
    /// as the post already is) and the time read in the row's zone under the clock-change
    /// policy (`pick` chooses between two equal readings).
    mutating func time() -> (status: PostStatus, time: Date?)? {
        let dateText = trimmed(.date)
        let statusText = trimmed(.status).lowercased()
        let pickText = trimmed(.pick).lowercased()
        var ok = true
        var pick: TimeInput.Pick?
        switch pickText {
        case "": break
        case "earlier": pick = .earlier
        case "later": pick = .later
        default: problem(.pick, "\"\(pickText)\" is neither earlier nor later"); ok = false
        }
        var status: PostStatus = dateText.isEmpty ? .draft : .scheduled
        if !statusText.isEmpty {
            if let named = PostStatus(rawValue: statusText) {
                status = named
            } else {
                problem(.status, "\"\(statusText)\" is not a status: use draft or scheduled")
                ok = false
            }
        }
        var instant: Date?
        if !dateText.isEmpty {
            let text = options.dateOrder?.rewrite(dateText) ?? dateText
            switch TimeInput.read(text, in: zone, now: now, pick: pick) {
            case .success(let value):
                instant = value
            case .failure(.happensTwice(let overlap)):
                problem(.date, overlap.message + "; write earlier or later in the pick column"); ok = false
            case .failure(.malformed(let message)) where dateText.contains("/") && options.dateOrder == nil:
                problem(.date, message + " (if the whole file writes day/month/year or month/day/year, say which with --date-order dmy or mdy)")
                ok = false
            case .failure(let failure):
                problem(.date, failure.description); ok = false
            }
        } else if status == .scheduled {
            problem(.date, "a scheduled post needs a date (or status draft)"); ok = false
        }
        return ok ? (status, instant) : nil
    }

    /// The template the row names: none, one of the client's active templates, or the
    /// post's own (named by its id, which `export` writes when the template is inactive).
    enum TemplateChoice: Equatable {
        case none
        case template(ComposerTemplate)
        case kept(TemplateID)

        var id: TemplateID? {
            switch self {
            case .none: nil
            case .template(let template): template.id
            case .kept(let id): id
            }
        }
    }

    mutating func template() -> TemplateChoice? {
        let typed = trimmed(.template)
        if typed.isEmpty { return TemplateChoice.none }
        let wanted = typed.lowercased()
        let matches = choices.templates.filter { $0.id.description == wanted || $0.name.lowercased() == wanted }
        if matches.count == 1 { return .template(matches[0]) }
        if let id = current?.templateID, id.description == wanted { return .kept(id) }
        if matches.isEmpty {
            problem(.template, "no active template \"\(typed)\" of \(client.name)")
        } else {
            problem(.template, "\(matches.count) templates are named \"\(typed)\": give the id of one of "
                        + matches.map(\.id.description).joined(separator: ", "))
        }
        return nil
    }

    /// The campaign: `.some(nil)` for none, `.some(id)` for one of the client's (active or draft
    /// for a new choice), nil when the cell names none of them (the problem is noted).
    mutating func campaign() -> CampaignID?? {
        let typed = trimmed(.campaign)
        if typed.isEmpty { return .some(nil) }
        let wanted = typed.lowercased()
        let matches = choices.allCampaigns.filter { $0.id.description == wanted || $0.name.lowercased() == wanted }
        guard matches.count == 1 else {
            if matches.isEmpty {
                problem(.campaign, "no campaign \"\(typed)\" of \(client.name)")
            } else {
                problem(.campaign, "\(matches.count) campaigns are named \"\(typed)\": give the id of one of "
                            + matches.map(\.id.description).joined(separator: ", "))
            }
            return nil
        }
        let campaign = matches[0]
        if campaign.id != current?.campaignID, campaign.status != .active, campaign.status != .draft {
            problem(.campaign, "campaign \(campaign.name) is \(campaign.status.rawValue); posts go in active or draft campaigns")
            return nil
        }
        return .some(campaign.id)
    }

    /// The values a template's placeholders are filled with.
    private func templateValues(at time: Date?) -> [String: String] {
        TemplateFiller.standardValues(clientName: client.name, platform: nil, at: time ?? now, in: zone)
    }

    /// The text: the cell exactly as written; an empty cell with a template takes the
    /// template's text, its placeholders filled.
    mutating func content(template: TemplateChoice, time: Date?) -> String? {
        let cell = row.cells[.content] ?? ""
        guard cell.isEmpty, case .template(let chosen) = template else { return cell }
        let filled = TemplateFiller.fill(chosen.content, with: templateValues(at: time))
        if !filled.missing.isEmpty {
            problem(.template, "placeholders without a value: \(filled.missing.joined(separator: ", ")); write the text in the content column")
            return nil
        }
        return filled.text
    }

    /// One network's text: the cell, or the template's variation when the row takes the
    /// template's text; nil when there is none (the network gets the main text).
    func variation(_ platform: Platform, template: TemplateChoice, time: Date?) -> String? {
        let cell = row.cells[.content(for: platform)] ?? ""
        if !cell.isEmpty { return cell }
        guard (row.cells[.content] ?? "").isEmpty, case .template(let chosen) = template,
              let text = chosen.variations[platform] else { return nil }
        return TemplateFiller.fill(text, with: templateValues(at: time)).text
    }

    /// Hashtags, mentions and the first comment, from their cells, else (when the row
    /// takes a template's text) the template's.
    func settings(template: TemplateChoice) -> PostSettings {
        let fromTemplate: PostSettings? = if (row.cells[.content] ?? "").isEmpty, case .template(let chosen) = template {
            chosen.settings
        } else { nil }
        let hashtags = Self.words(row.cells[.hashtags] ?? "")
        let mentions = Self.words(row.cells[.mentions] ?? "")
        let comment = row.cells[.firstComment] ?? ""
        return PostSettings(hashtags: hashtags.isEmpty ? fromTemplate?.hashtags ?? [] : hashtags,
                            mentions: mentions.isEmpty ? fromTemplate?.mentions ?? [] : mentions,
                            firstComment: comment.isEmpty ? fromTemplate?.firstComment : comment)
    }

    /// The attachments: paths separated by `;`. A path the post already has stays as it is
    /// (remote ones included); a new one must be a file here, recognised by its bytes.
    mutating func media() -> (kept: [MediaID], added: [NewMedia])? {
        var kept: [MediaID] = []
        var added: [NewMedia] = []
        var ok = true
        let stored = current?.media ?? []
        for typed in (row.cells[.media] ?? "").split(separator: ";").map({ $0.trimmingSpaces() }) where !typed.isEmpty {
            let path = resolve(typed)
            if let existing = stored.first(where: { $0.path == typed || $0.path == path }) {
                if !kept.contains(existing.id) { kept.append(existing.id) }
                continue
            }
            if typed.contains("://") {
                problem(.media, "\(typed) is not a file on this machine: postdeck attaches files it can read "
                            + "(their type and size are checked by their bytes); a stored remote file stays attached when its path is listed")
                ok = false
                continue
            }
            let inspection = inspected[path] ?? Result { () throws(MediaError) in try MediaSniffer.inspect(path: path) }
            inspected[path] = inspection
            switch inspection {
            case .success(let info):
                if !added.contains(where: { $0.info.path == info.path }) { added.append(NewMedia(info: info)) }
            case .failure(let error):
                problem(.media, error.description); ok = false
            }
        }
        return ok ? (kept, added) : nil
    }

    /// A media path as written, made absolute: `~/` is the home folder, a relative path is
    /// read from the import file's folder.
    private func resolve(_ typed: String) -> String {
        let expanded = PathCompletion.expandHome(typed, home: options.home)
        if expanded.hasPrefix("/") { return expanded }
        let base = options.baseDirectory.hasSuffix("/") ? options.baseDirectory : options.baseDirectory + "/"
        return base + expanded
    }
}
