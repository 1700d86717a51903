import FoundationEssentials

/// Turns an import file into the changes that make the posts what the file says, judging
/// every row with exactly the composer's rules (`Scheduling.check` on the very change the
/// write path will get) before anything is written.
///
/// Identity: a row is the post its `id` names; else the post an earlier import of the same
/// client made for its `key`; else for `BATCH#N` (`ImportOptions.batch`, N the row number).
/// Each imported post keeps its key and a fingerprint of every part its row set
/// (`ImportMarker`). On a re-import:
/// - a row whose parts are all as last imported is left alone, whatever happened to the
///   post since (edited in the composer, moved on the calendar, published, cancelled);
/// - a changed part is compared with the post as it is now, and only what differs is
///   written; parts the file did not change keep the post's current values, so edits made
///   in postdeck since survive;
/// - a change to a post that is no longer a draft or scheduled is a problem of that row;
/// - a row whose post was deleted makes a new post.
public enum ImportPlanner {
    /// What the file refers to, for the store to look up: client names, post ids, and the
    /// import keys its rows would have.
    public static func lookups(_ file: ImportFile, options: ImportOptions) -> (clients: Set<String>, posts: Set<PostID>, keys: Set<String>) {
        var clients = Set<String>()
        var posts = Set<PostID>()
        var keys = Set<String>()
        if let client = options.client { clients.insert(client.trimmingSpaces()) }
        for row in file.rows {
            if let client = row[.client] { clients.insert(client.trimmingSpaces()) }
            if let id = row[.id].flatMap({ PostID($0.trimmingSpaces()) }) { posts.insert(id) }
            if row[.id] == nil { keys.insert(key(of: row, options: options)) }
        }
        return (clients, posts, keys)
    }

    /// A row's import key when it has no `id`: `key:` and its `key` cell, else `BATCH#N`.
    static func key(of row: ImportRow, options: ImportOptions) -> String {
        if let typed = row[.key] { return "key:" + typed.trimmingSpaces() }
        return "\(options.batch)#\(row.number)"
    }

    /// Plans every row. `progress` hears the rows done so far and how many there are.
    public static func plan(_ file: ImportFile, options: ImportOptions, context: ImportContext,
                            progress: ((_ done: Int, _ total: Int) -> Void)? = nil) -> ImportPlan {
        var planner = Run(file: file, options: options, context: context)
        for (index, row) in file.rows.enumerated() {
            planner.plan(row)
            if index % 250 == 249 { progress?(index + 1, file.rows.count) }
        }
        progress?(file.rows.count, file.rows.count)
        // The report reads top to bottom: the file's problems, then each row's in row order.
        planner.result.problems = planner.result.problems.inRowOrder
        planner.result.warnings = planner.result.warnings.inRowOrder
        planner.result.confirmations = planner.result.confirmations.inRowOrder
        return planner.result
    }

    /// One planning run: the plan so far and what the rows claimed.
    private struct Run {
        let file: ImportFile
        let columns: Set<ImportColumn>
        let options: ImportOptions
        let context: ImportContext
        var result: ImportPlan
        /// Which row claimed each post and each key, to refuse a second claim.
        var claimedPosts: [PostID: Int] = [:]
        var claimedKeys: [String: Int] = [:]
        var media: [String: Result<MediaInfo, MediaError>] = [:]
        var zones: [String: Result<DisplayZone, ZoneError>] = [:]

        init(file: ImportFile, options: ImportOptions, context: ImportContext) {
            self.file = file
            columns = Set(file.columns)
            self.options = options
            self.context = context
            result = ImportPlan(options: options, rowCount: file.rowCount)
            result.problems = file.problems
            if file.layout == .hootsuite {
                if options.client == nil { result.problems.append(ImportProblem(row: nil, column: nil as String?, "Hootsuite's file (date, message, link) needs --client")) }
                if options.accounts.isEmpty { result.problems.append(ImportProblem(row: nil, column: nil as String?, "Hootsuite's file (date, message, link) needs --account")) }
            }
        }

        mutating func problem(_ row: ImportRow, _ column: String?, _ message: String) {
            result.problems.append(ImportProblem(row: row.number, column: column, message))
        }

        mutating func plan(_ row: ImportRow) {
            // The client.
            var client: ClientSummary?
            let clientPlace = row[.client] != nil ? "client" : "--client"
            if let text = row[.client] ?? options.client {
                switch context.clients[text.trimmingSpaces()] {
                case .success(let found)?: client = found
                case .failure(let error)?: problem(row, clientPlace, error.message); return
                case nil: problem(row, clientPlace, "no client \"\(text)\""); return
                }
            }

            // Which post the row is.
            var existing: ImportExistingPost?
            var post: PostID?
            let key: String
            if let idText = row[.id] {
                guard let id = PostID(idText.trimmingSpaces()) else {
                    problem(row, "id", "\"\(idText)\" is not a post id (a UUID, as export writes it)"); return
                }
                existing = context.posts[id]
                if let owner = existing?.snapshot.clientID {
                    if let client, client.id != owner {
                        let name = context.clientsByID[owner]?.name ?? owner.description
                        problem(row, "id", "post \(id) is a post of \(name), not of \(client.name)"); return
                    }
                    client = client ?? context.clientsByID[owner]
                }
                post = id
                key = id.description
            } else {
                key = ImportPlanner.key(of: row, options: options)
            }
            guard let client else { problem(row, "client", "which client? add a client column or pass --client"); return }
            guard let choices = context.choices[client.id] else { problem(row, "client", "no accounts were read for \(client.name)"); return }
            if post == nil, let made = context.keys[client.id]?[key] {
                existing = context.posts[made]
                post = made
            }
            let id = post ?? PostID.random()
            if let other = claimedKeys["\(client.id) \(key)"] {
                problem(row, row[.key] != nil ? "key" : "id", "row \(other) has the same \(row[.key] != nil ? "key" : "id")"); return
            }
            if let other = claimedPosts[id] { problem(row, nil, "row \(other) is the same post"); return }
            claimedKeys["\(client.id) \(key)"] = row.number
            claimedPosts[id] = row.number

            // The zone its times are in.
            let zoneName = row[.timezone] ?? options.zone
            let zoneKey = "\(zoneName ?? "")|\(client.timeZone ?? "")"
            let zone = zones[zoneKey] ?? Result { () throws(ZoneError) in
                try ZoneChoice.forPost(explicit: zoneName, clientZone: client.timeZone, userZone: options.userZone,
                                       environmentTZ: options.environmentTZ).zone
            }
            zones[zoneKey] = zone
            var reader = ImportRowReader(row: row, columns: columns, options: options, client: client, choices: choices,
                                         zone: (try? zone.get()) ?? .utc, now: context.now, current: existing?.snapshot, inspected: media)
            if case .failure(let error) = zone { problem(row, reader.place(.timezone), error.description); return }

            let parts = reader.rawParts()
            let marker = ImportMarker(key: key, post: id,
                                      fields: Dictionary(uniqueKeysWithValues: parts.map { ($0.key.rawValue, ImportMarker.fingerprint($0.value)) }))
            if let existing {
                let previous = existing.marker?.fields ?? [:]
                let changed = ImportField.allCases.filter { parts[$0] != nil && previous[$0.rawValue] != marker.fields[$0.rawValue] }
                planUpdate(row, existing.snapshot, changed: changed, marker: marker, client: client, choices: choices, reader: &reader)
            } else {
                planCreate(row, id, marker: marker, client: client, choices: choices, reader: &reader)
            }
            media = reader.inspected
            result.problems += reader.problems
        }

        // MARK: A new post

        mutating func planCreate(_ row: ImportRow, _ id: PostID, marker: ImportMarker, client: ClientSummary,
                                 choices: ComposerChoices, reader: inout ImportRowReader) {
            let accounts = reader.accounts()
            let time: (status: PostStatus, time: Date?)? = columns.contains(.date) || columns.contains(.status)
                ? reader.time() : (PostStatus.draft, nil)
            let template = reader.template()
            let campaign = reader.campaign()
            let media = reader.media()
            guard let accounts, let time, let template, let campaign, let media else { return }
            if time.status != .draft && time.status != .scheduled {
                reader.problem(.status, "a new post is imported as draft or scheduled, not \(time.status.rawValue)")
                return
            }
            guard let content = reader.content(template: template, time: time.time) else { return }
            var variations: [Platform: String] = [:]
            for platform in Platform.allCases {
                if let text = reader.variation(platform, template: template, time: time.time) { variations[platform] = text }
            }
            var edit = PostEdit(text: .set(content), settings: .set(reader.settings(template: template)),
                                addedAccounts: accounts, addedMedia: media.added)
            if !variations.isEmpty { edit.variations = .set(variations) }
            if let campaign { edit.campaign = .set(campaign) }
            if let template = template.id { edit.template = .set(template) }
            let change: PostChange
            if time.status == .scheduled, let at = time.time {
                change = .createScheduled(client: client.id, edit, at: at)
            } else {
                if let at = time.time { edit.time = .set(at) }
                change = .create(client: client.id, edit)
            }
            guard judge(row, change, nil, choices: choices, zone: reader.zone, reader: reader) else { return }
            result.rows.append(ImportPlannedRow(row: row.number, client: client, post: id, action: .create, status: time.status,
                                                time: time.time, zone: reader.zone, writes: [ImportWrite(post: id, change: change, expected: nil)],
                                                marker: marker, changed: []))
        }

        // MARK: An existing post

        mutating func planUpdate(_ row: ImportRow, _ post: PostSnapshot, changed: [ImportField], marker: ImportMarker,
                                 client: ClientSummary, choices: ComposerChoices, reader: inout ImportRowReader) {
            func unchanged() {
                result.rows.append(ImportPlannedRow(row: row.number, client: client, post: post.id, action: .unchanged, status: post.status,
                                                    time: post.scheduledAt, zone: reader.zone, writes: [], marker: marker, changed: []))
            }
            guard !changed.isEmpty else { return unchanged() }
            let wants = Set(changed)
            var edit = PostEdit()
            var settings = post.settings
            var variations = post.variations
            var target: (status: PostStatus, time: Date?) = (post.status, post.scheduledAt)
            var ok = true

            // Read only the parts that changed in the file.
            let time: (status: PostStatus, time: Date?)? = wants.contains(.time) ? reader.time() : (post.status, post.scheduledAt)
            // The template matters to the parts it can fill (text, networks' texts, settings).
            let needsTemplate = !wants.isDisjoint(with: [.template, .content, .firstComment, .hashtags, .mentions])
                || Platform.allCases.contains { wants.contains(.variation($0)) }
            let template: ImportRowReader.TemplateChoice? = needsTemplate ? reader.template() : ImportRowReader.TemplateChoice.none
            if time == nil || template == nil { ok = false }
            if let time { target = time }
            if wants.contains(.accounts) {
                if let accounts = reader.accounts() {
                    edit.addedAccounts = accounts.filter { !post.accountIDs.contains($0) }
                    edit.removedAccounts = post.accountIDs.filter { !accounts.contains($0) }
                } else { ok = false }
            }
            if wants.contains(.media) {
                if let media = reader.media() {
                    edit.addedMedia = media.added
                    edit.removedMedia = post.media.map(\.id).filter { !media.kept.contains($0) }
                } else { ok = false }
            }
            if wants.contains(.campaign) {
                if let campaign = reader.campaign() {
                    if campaign != post.campaignID { edit.campaign = .set(campaign) }
                } else { ok = false }
            }
            if let template {
                if wants.contains(.template), template.id != post.templateID { edit.template = .set(template.id) }
                if wants.contains(.content) {
                    if let content = reader.content(template: template, time: target.time) {
                        if content != post.content { edit.text = .set(content) }
                    } else { ok = false }
                }
                for platform in Platform.allCases where wants.contains(.variation(platform)) {
                    variations[platform] = reader.variation(platform, template: template, time: target.time)
                }
                let fromRow = reader.settings(template: template)
                if wants.contains(.firstComment) { settings.firstComment = fromRow.firstComment }
                if wants.contains(.hashtags) { settings.hashtags = fromRow.hashtags }
                if wants.contains(.mentions) { settings.mentions = fromRow.mentions }
            }
            guard ok else { return }
            if variations != post.variations { edit.variations = .set(variations) }
            let statusChanges = target.status != post.status
            let timeChanges = !Self.sameSecond(target.time, post.scheduledAt)
            if edit.isEmpty && settings == post.settings && !statusChanges && !timeChanges { return unchanged() }
            // What differs from the post as it is, for the report.
            var differing: [ImportField] = []
            if !edit.addedAccounts.isEmpty || !edit.removedAccounts.isEmpty { differing.append(.accounts) }
            if statusChanges || timeChanges { differing.append(.time) }
            if !edit.text.isKept { differing.append(.content) }
            differing += Platform.allCases.filter { variations[$0] != post.variations[$0] }.map(ImportField.variation)
            if !edit.addedMedia.isEmpty || !edit.removedMedia.isEmpty { differing.append(.media) }
            if !edit.campaign.isKept { differing.append(.campaign) }
            if !edit.template.isKept { differing.append(.template) }
            if settings.firstComment != post.settings.firstComment { differing.append(.firstComment) }
            if settings.hashtags != post.settings.hashtags { differing.append(.hashtags) }
            if settings.mentions != post.settings.mentions { differing.append(.mentions) }

            guard post.status.isEditable else {
                let when = (post.publishedAt ?? post.scheduledAt).map { " (\(reader.zone.format($0, .dayAndTime)))" } ?? ""
                problem(row, nil, "the post is \(post.status.rawValue)\(when) and can no longer change; put the row back as it was, or remove it")
                return
            }
            if statusChanges, target.status != .draft, target.status != .scheduled {
                problem(row, reader.place(.status), "an import makes a post draft or scheduled, not \(target.status.rawValue)")
                return
            }
            // The marker travels with the settings: every write of an import row sets them.
            edit.settings = .set(settings)
            var changes: [PostChange] = []
            switch (post.status, target.status) {
            case (.draft, .scheduled):
                guard let at = target.time else { return }
                changes = [.schedule(edit, at: at)]
            case (.scheduled, .draft):
                if timeChanges { edit.time = .set(target.time) }
                changes = [.unschedule, .save(edit)]
            default:
                if timeChanges { edit.time = .set(target.time) }
                changes = [.save(edit)]
            }
            var judged = post
            var writes: [ImportWrite] = []
            for (index, change) in changes.enumerated() {
                guard judge(row, change, judged, choices: choices, zone: reader.zone, reader: reader) else { return }
                writes.append(ImportWrite(post: post.id, change: change, expected: index == 0 ? post.updatedAt : nil, chained: index > 0))
                if case .unschedule = change { judged = judged.with(status: .draft) }
            }
            result.rows.append(ImportPlannedRow(row: row.number, client: client, post: post.id, action: .update, status: target.status,
                                                time: target.time, zone: reader.zone, writes: writes, marker: marker, changed: differing))
        }

        /// Two times are the same when they fall in the same second (an export writes seconds).
        static func sameSecond(_ a: Date?, _ b: Date?) -> Bool {
            switch (a, b) {
            case (nil, nil): true
            case (let a?, let b?): a.timeIntervalSince1970.rounded(.down) == b.timeIntervalSince1970.rounded(.down)
            default: false
            }
        }

        // MARK: Judging

        /// Runs the scheduling model on `change`; errors are problems of the row, the rest
        /// are warnings (or, for a yes the UI asks, confirmations). True when it may be written.
        mutating func judge(_ row: ImportRow, _ change: PostChange, _ post: PostSnapshot?, choices: ComposerChoices,
                            zone: DisplayZone, reader: ImportRowReader) -> Bool {
            let context = SchedulingContext(now: self.context.now, rules: self.context.rules, choices: choices, zone: zone)
            let issues = Scheduling.check(change, to: post, in: context)
            let variations = change.edit?.variations.newValue ?? post?.variations ?? [:]
            for issue in issues {
                let problem = ImportProblem(row: row.number, column: Self.column(of: issue, variations: variations).map(reader.place),
                                            issue.description)
                switch issue.severity {
                case .error: result.problems.append(problem)
                case .confirm: result.confirmations.append(problem)
                case .warning: result.warnings.append(problem)
                }
            }
            return issues.allowsWrite
        }

        /// The column an issue of the scheduling model is about.
        static func column(of issue: SchedulingIssue, variations: [Platform: String]) -> ImportColumn? {
            switch issue.kind {
            case .noAccounts, .unknownAccount, .inactiveAccount, .tokenUnusable: return .accounts
            case .noTime, .timeInPast, .plannedTimeInPast, .outsideCampaign: return .date
            case .network(let rule):
                switch rule.field {
                case .caption, .hashtags, .mentions: return variations[rule.platform] != nil ? .content(for: rule.platform) : .content
                case .firstComment: return .firstComment
                case .media: return .media
                }
            case .text(let error):
                switch error {
                case .nul(let field?, _), .tooLong(let field, _, _):
                    switch field {
                    case .content: return .content
                    case .variation(let platform): return .content(for: platform)
                    case .firstComment: return .firstComment
                    case .hashtags: return .hashtags
                    case .mentions: return .mentions
                    }
                default: return .content
                }
            case .notFound, .notEditable, .notScheduled: return nil
            }
        }
    }
}

extension PostSnapshot {
    /// The same post with another status (to judge the second write of an unschedule-and-save).
    func with(status: PostStatus) -> PostSnapshot {
        PostSnapshot(id: id, clientID: clientID, status: status, content: content, variations: variations, settings: settings,
                     campaignID: campaignID, templateID: templateID, scheduledAt: scheduledAt, publishedAt: publishedAt,
                     targets: targets, media: media, updatedAt: updatedAt, storedForm: storedForm)
    }
}
