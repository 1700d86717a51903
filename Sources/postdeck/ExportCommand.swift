import ArgumentParser
import FoundationEssentials
import PostDeckCore
import PostDeckStore

/// `postdeck export …`: what `import` reads, written out.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export posts in the format import reads.",
        subcommands: [ExportPostsCommand.self])
}

/// `postdeck export posts`: the import format's columns, so the file imports back into the
/// same posts (the `id` column names them). Times in each client's zone, the zone named.
struct ExportPostsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "posts",
        abstract: "Write posts as CSV (or JSON) with the columns import reads.",
        discussion: """
            Each post's time is written in its client's zone (else TZ, else UTC) with the timezone column filled, and \
            pick filled where clocks went back over it, so `postdeck import posts` of the file gives the same posts \
            back. To a terminal, control characters are shown as placeholders; a file or pipe gets the exact bytes.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Only this client (a name or an id).", valueName: "NAME|UUID"))
    var client: String?

    @Option(help: ArgumentHelp("First day, YYYY-MM-DD, in each client's zone (posts without a time are left out).", valueName: "DATE"))
    var from: String?

    @Option(help: ArgumentHelp("Last day, YYYY-MM-DD, in each client's zone.", valueName: "DATE"))
    var to: String?

    @Option(help: ArgumentHelp("Only these post states, comma-separated: draft, scheduled, publishing, published, failed, cancelled.",
                               valueName: "LIST"))
    var status: String?

    @Option(help: "Output format: csv or json.")
    var format: ExportFormat = .csv

    enum ExportFormat: String, ExpressibleByArgument, CaseIterable { case csv, json }

    func validate() throws {
        if let from, LocalDate(parsing: from) == nil { throw ValidationError("--from \"\(from)\" is not a date (YYYY-MM-DD)") }
        if let to, LocalDate(parsing: to) == nil { throw ValidationError("--to \"\(to)\" is not a date (YYYY-MM-DD)") }
        if let first = from.flatMap({ LocalDate(parsing: $0) }), let last = to.flatMap({ LocalDate(parsing: $0) }), last < first {
            throw ValidationError("--to \(last) is before --from \(first)")
        }
        _ = try statuses()
    }

    private func statuses() throws -> Set<PostStatus> { try StatusList.parse(status) }

    func run() throws {
        let connection = try database.connect()
        try Migrator.requireCurrent(connection)
        let clients = try connection.run(ClientQueries.all())
        let chosen = try client.map { try ClientQueries.resolve($0, among: clients) }
        let environmentTZ = ProcessInfo.processInfo.environment["TZ"]
        func zone(of client: ClientSummary) throws -> DisplayZone {
            try ZoneChoice.forPost(explicit: nil, clientZone: client.timeZone, userZone: nil, environmentTZ: environmentTZ).zone
        }
        // Days are each client's: read a day wider on both sides, then keep the client's own.
        let first = from.flatMap { LocalDate(parsing: $0) }
        let last = to.flatMap { LocalDate(parsing: $0) }
        var range: TimeRange?
        if first != nil || last != nil {
            let start = first.map { DisplayZone.utc.startOfDay($0.adding(days: -1)) } ?? Date(timeIntervalSince1970: -62_135_596_800)
            let end = last.map { DisplayZone.utc.startOfDay($0.adding(days: 2)) } ?? Date(timeIntervalSince1970: 253_402_300_800)
            range = TimeRange(start: start, end: end)
        }
        let posts = try connection.run(PostExportQueries.posts(client: chosen?.id, range: range, statuses: try statuses()))
        let byID = Dictionary(clients.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var choices: [ClientID: ComposerChoices] = [:]
        var rows: [[ImportColumn: String]] = []
        for post in posts {
            guard let client = byID[post.clientID] else { continue }
            let postZone = try zone(of: client)
            if let time = post.scheduledAt {
                let day = postZone.localDate(of: time)
                if let first, day < first { continue }
                if let last, day > last { continue }
            }
            if choices[client.id] == nil { choices[client.id] = try connection.run(ComposerQueries.choices(for: client.id)) }
            rows.append(PostExport.row(post, client: client, clients: clients, choices: choices[client.id]!, zone: postZone))
        }
        Output.result(Self.render(rows, format: format))
    }

    static func render(_ rows: [[ImportColumn: String]], format: ExportFormat) -> String {
        let columns = PostExport.columns
        switch format {
        case .csv:
            var csv = CSVWriter(header: columns.map(\.rawValue))
            for row in rows { csv.append(columns.map { row[$0] ?? "" }) }
            return csv.text
        case .json:
            return JSONOutput.array(rows.map { row in columns.map { ($0.rawValue, .string(row[$0] ?? "")) } })
        }
    }
}
