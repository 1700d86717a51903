import ArgumentParser
import FoundationEssentials
import PostDeckCore
import PostDeckStore

/// `postdeck performance`: the performance pane's query, for scripts and reports.
struct PerformanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "performance",
        abstract: "List published posts with their likes, comments, shares, views and engagement.",
        discussion: """
            Rows come from the post_performance_summary view; JSON objects are keyed by its column \
            names with numbers as numbers, then engagement and engagement_per_1000_views as in the CSV. Times in the table and CSV are in the client's zone \
            (one client), else TZ, else UTC; JSON carries UTC.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Only this client (a name or an id).", valueName: "NAME|UUID"))
    var client: String?

    @Option(help: ArgumentHelp("Published within: 7d, 30d, 90d or all.", valueName: "RANGE"))
    var since: PerformanceRange = .all

    @Option(help: ArgumentHelp("Order: published, likes, comments, shares, views, engagement or client, or the view's column "
                               + "(published_at, total_likes, total_comments, total_shares, total_views, client_name), "
                               + "optionally :asc or :desc.",
                               valueName: "FIELD"))
    var sort: PerformanceSort = .newestFirst

    @Option(parsing: .unconditional, help: ArgumentHelp("At most N posts (0 to 1,000,000,000).", valueName: "N"))
    var limit: Int?

    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    func validate() throws {
        if let limit { try requireRange(limit, 0...1_000_000_000, option: "--limit", unit: "posts") }
    }

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
        let now = Date()
        let rows = try connection.run(PerformanceQueries.list(PerformanceFilter(scope: scope, range: since, now: now),
                                                              sort: sort, limit: limit))
        let zone = (try? ZoneChoice.choose(clientZone: clientZone, commandLine: nil,
                                           environmentTZ: ProcessInfo.processInfo.environment["TZ"], config: nil))?.zone ?? .utc
        Output.result(Self.render(rows, format: format, zone: zone))
    }

    static func render(_ rows: [PostPerformance], format: OutputFormat, zone: DisplayZone) -> String {
        switch format {
        case .json:
            return JSONOutput.array(rows.map { row in
                [("post_id", .string(row.id.description)), ("content", .string(row.content)),
                 ("published_at", .date(row.publishedAt)), ("client_name", .string(row.clientName)),
                 ("platform_count", .integer(row.platformCount)), ("published_count", .integer(row.publishedCount)),
                 ("total_likes", .integer(row.likes)), ("total_shares", .integer(row.shares)),
                 ("total_comments", .integer(row.comments)), ("total_views", .integer(row.views)),
                 ("client_id", .string(row.clientID.description)),
                 ("engagement", .integer(row.engagement)), ("engagement_per_1000_views", .number(row.engagementPerThousandViews))]
            })
        case .csv:
            return PerformanceCSV.document(rows, zone: zone).text
        case .table:
            var table = TextTable(columns: [
                .init(title: "PUBLISHED (\(zone.name))", maxWidth: 30), .init(title: "CLIENT", maxWidth: 24),
                .init(title: "POST", maxWidth: 40), .init(title: "NETS", alignment: .right),
                .init(title: "LIKES", alignment: .right), .init(title: "COMMENTS", alignment: .right),
                .init(title: "SHARES", alignment: .right), .init(title: "VIEWS", alignment: .right),
                .init(title: "ENGAGEMENT", alignment: .right), .init(title: "PER 1K VIEWS", alignment: .right),
            ])
            for row in rows {
                table.rows.append([
                    row.publishedAt.map { zone.format($0, .dateTime) } ?? "—", row.clientName,
                    row.content.split(whereSeparator: { $0.isWhitespace }).joined(separator: " "),
                    "\(row.publishedCount)/\(row.platformCount)",
                    MetricFormat.grouped(row.likes), MetricFormat.grouped(row.comments), MetricFormat.grouped(row.shares),
                    MetricFormat.grouped(row.views), MetricFormat.grouped(row.engagement),
                    MetricFormat.oneDecimal(row.engagementPerThousandViews),
                ])
            }
            return table.render() + "\(MetricFormat.grouped(rows.count)) post\(rows.count == 1 ? "" : "s")\n"
        }
    }
}

extension PerformanceRange: ExpressibleByArgument {}

extension PerformanceSort: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
}
