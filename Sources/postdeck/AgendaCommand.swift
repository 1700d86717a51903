import ArgumentParser
import FoundationEssentials
import PostDeckCore
import PostDeckStore

/// `postdeck agenda`: the calendar's range query for scripts: posts in a range of days,
/// ordered by when they go out (or went out), in the display zone and in UTC.
struct AgendaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agenda",
        abstract: "List the posts of a range of days, by time, in the display zone and in UTC.",
        discussion: """
            Days run from local midnight to local midnight in the zone: --tz, else the client's (with --client), else TZ, else UTC. \
            The table names each post by its short id (8 hex digits, more where two ids start alike), which \
            `postdeck post reschedule` and `post cancel` take; JSON and CSV carry the whole id and text, JSON each network's text too.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Only this client (a name or an id).", valueName: "NAME|UUID"))
    var client: String?

    @Option(help: ArgumentHelp("First day, YYYY-MM-DD (default: today in the zone).", valueName: "DATE"))
    var from: String?

    @Option(help: ArgumentHelp("Last day, YYYY-MM-DD (instead of --days).", valueName: "DATE"))
    var to: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("How many days from --from (1 to 366).", valueName: "N"))
    var days: Int = 7

    @Option(help: ArgumentHelp("Time zone of the days and the times shown (an IANA name).", valueName: "ZONE"))
    var tz: String?

    @Option(help: ArgumentHelp("Only these post states, comma-separated: draft, scheduled, publishing, published, failed, cancelled.",
                               valueName: "LIST"))
    var status: String?

    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    func validate() throws {
        if let from { _ = try Self.date(from, option: "--from") }
        if let to { _ = try Self.date(to, option: "--to") }
        try requireRange(days, 1...366, option: "--days", unit: "days")
        if let tz { do { _ = try DisplayZone(named: tz) } catch { throw ValidationError(error.description) } }
        _ = try statuses()
    }

    /// A typed day, `YYYY-MM-DD`, within the years postdeck and the database both handle.
    static func date(_ text: String, option: String) throws -> LocalDate {
        guard let date = LocalDate(parsing: text) else { throw ValidationError("\(option) \"\(text)\" is not a date (YYYY-MM-DD)") }
        guard LocalDate.supportedRange.contains(date) else {
            throw ValidationError("\(option) \(text) is outside the dates postdeck handles (\(LocalDate.supportedRange.lowerBound) to \(LocalDate.supportedRange.upperBound))")
        }
        return date
    }

    private func statuses() throws -> Set<PostStatus> { try StatusList.parse(status) }

    func run() throws {
        let connection = try database.connect()
        try Migrator.requireCurrent(connection)
        var scope = Scope.allClients
        var clientZone: String?
        if let client {
            let chosen = try ClientQueries.resolve(client, on: connection)
            scope = .client(chosen.id)
            clientZone = chosen.timeZone
        }
        let zone = try CommandZone.choose(tz: tz, clientZone: clientZone).zone
        let first = try from.map { try Self.date($0, option: "--from") } ?? zone.localDate(of: Date())
        let last = try to.map { try Self.date($0, option: "--to") } ?? first.adding(days: days - 1)
        guard first <= last else { throw UserFacingError(message: "--to \(last) is before --from \(first)") }
        guard LocalDate.supportedRange.contains(last) else {
            throw UserFacingError(message: "--days \(days) from \(first) runs past \(LocalDate.supportedRange.upperBound), the last date postdeck handles")
        }
        let range = zone.range(from: first, through: last)
        let page = try connection.run(CalendarQueries.page(in: scope, range: range, filter: CalendarFilter(statuses: try statuses()),
                                                           unscheduledLimit: 0))
        let ids = page.posts.map(\.id)
        let shortIDs = format == .table && !ids.isEmpty ? try connection.run(PostQueries.shortIDs(ids)) : [:]
        let texts = format != .table && !ids.isEmpty ? try connection.run(PostQueries.texts(ids)) : [:]
        Output.result(Self.render(page.posts, zone: zone, format: format, shortIDs: shortIDs, texts: texts))
    }

    static func accountsText(_ post: CalendarPost) -> [String] {
        post.targets.map { "\($0.platform.rawValue):\($0.username ?? $0.accountID.description)" }
    }

    /// The posts in `format`. The table names each post by its short id (`shortIDs`, else its
    /// first eight digits); JSON and CSV carry the whole text (`texts`, else the excerpt), and
    /// JSON the text that goes out on each network.
    static func render(_ posts: [CalendarPost], zone: DisplayZone, format: OutputFormat,
                       shortIDs: [PostID: String] = [:], texts: [PostID: DraftContent] = [:]) -> String {
        func text(_ post: CalendarPost) -> String { texts[post.id]?.text ?? post.excerpt }
        switch format {
        case .json:
            return JSONOutput.array(posts.map { post in
                [("post_id", .string(post.id.description)), ("client_id", .string(post.clientID.description)),
                 ("client_name", .string(post.clientName)), ("status", .string(post.status.rawValue)),
                 ("scheduled_at", .date(post.scheduledAt)), ("published_at", .date(post.publishedAt)),
                 ("time", .date(post.time)), ("local_time", .string(post.time.map { zone.format($0, .iso8601) })),
                 ("time_zone", .string(zone.name)),
                 ("platforms", .list(post.platforms.map { .string($0.rawValue) })),
                 ("accounts", .list(post.targets.map { target in
                     .object([("account_id", .string(target.accountID.description)), ("platform", .string(target.platform.rawValue)),
                              ("username", .string(target.username)), ("status", .string(target.status.rawValue)),
                              ("token_usable", .bool(target.tokenUsable))])
                 })),
                 ("failed", .bool(post.hasFailure)), ("token_problem", .bool(post.hasTokenProblem)),
                 ("content", .string(text(post))),
                 ("texts", .object(post.platforms.map { ($0.rawValue, .string(texts[post.id]?.caption(for: $0) ?? text(post))) }))]
            })
        case .csv:
            var csv = CSVWriter()
            csv.append(["post_id", "client_id", "client_name", "status", "scheduled_at", "published_at", "local_time",
                        "platforms", "accounts", "failed", "token_problem", "content"])
            for post in posts {
                csv.append([post.id.description, post.clientID.description, post.clientName, post.status.rawValue,
                            post.scheduledAt.map(ISO8601.format) ?? "", post.publishedAt.map(ISO8601.format) ?? "",
                            post.time.map { zone.format($0, .iso8601) } ?? "", post.platforms.map(\.rawValue).joined(separator: " "),
                            accountsText(post).joined(separator: " "), String(post.hasFailure), String(post.hasTokenProblem),
                            text(post)])
            }
            return csv.text
        case .table:
            var table = TextTable(columns: [
                .init(title: "ID"), .init(title: "LOCAL (\(zone.name))"), .init(title: "UTC"), .init(title: "CLIENT", maxWidth: 22),
                .init(title: "STATUS"), .init(title: "!"), .init(title: "ACCOUNTS", maxWidth: 36), .init(title: "CONTENT", maxWidth: 48),
            ])
            for post in posts {
                let time = post.time!
                table.rows.append([
                    shortIDs[post.id] ?? post.id.short(distinctFrom: []),
                    "\(zone.format(time, .dayAndTime)) \(zone.offsetText(at: time).dropFirst(3))",
                    DisplayZone.utc.format(time, .dateTime), post.clientName, post.status.rawValue,
                    post.hasTokenProblem ? "token" : post.hasFailure ? "failed" : "",
                    post.targets.map { "\($0.platform.mark) \($0.username ?? "?")" }.joined(separator: ", "),
                    post.excerpt.split(whereSeparator: \.isNewline).joined(separator: " "),
                ])
            }
            let footer = "\(posts.count) post\(posts.count == 1 ? "" : "s")"
            return (posts.isEmpty ? "" : table.render()) + footer + "\n"
        }
    }
}
