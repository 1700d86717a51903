import FoundationEssentials
import PostDeckCore
import PostDeckStore

/// Times every pane's query for one client, for one agency's clients and for all clients,
/// beside the seed's original view (where the pane reads a view) and beside the psql binary
/// running the same SQL (with the same local settings) as a new process each time.
struct QueryBench {
    struct Row {
        let pane: String
        let name: String
        let postdeck: Measurement
        let seedView: Measurement?
        let psql: Measurement?
    }

    /// One pane query as the bench runs it.
    struct Case {
        let pane: String
        let name: String
        let query: Query<Void>
        /// The same read over the seed's original view, when the pane reads a view.
        var seedSQL: (sql: String, parameters: [(any SQLParameter)?])? = nil
        /// For a write that cannot be repeated as it is (a new post): a fresh one per run.
        var fresh: (() -> Query<Void>)? = nil
    }

    /// Who "one client" and "one agency" are: the client with the most posts, and its agency.
    struct Subjects {
        let client: ClientSummary
        let agency: AgencyID
        let accounts: [AccountID]
    }

    let connection: Connection
    let conninfo: String
    let runs: Int
    static let seedViewTimeout = Duration.seconds(60)

    func run() throws -> [Row] {
        let subjects = try Self.subjects(connection)
        try installSeedViews()
        let zone = (try? DisplayZone(named: subjects.client.timeZone ?? "UTC")) ?? .utc
        let agenda = try connection.run(CalendarQueries.page(in: .client(subjects.client.id), range: zone.weekRange(containing: Date()),
                                                             unscheduledLimit: 0)).posts.map(\.id)
        var rows = try (cases(subjects) + commandLineCases(agenda: agenda)).map(measure)
        // The draft the save benchmark wrote is not demo data: remove it.
        try connection.execute("DELETE FROM posts WHERE content = 'Benchmark draft 🚀 #postdeck'")
        rows.sort { $0.pane < $1.pane }
        return rows
    }

    static func subjects(_ connection: Connection) throws -> Subjects {
        let clients = try connection.run(ClientQueries.all())
        guard let busiest: ClientID = try connection.execute("SELECT client_id FROM posts GROUP BY client_id ORDER BY count(*) DESC LIMIT 1")
                .first?.decode("client_id"),
              let client = clients.first(where: { $0.id == busiest }),
              let agency: AgencyID = try connection.execute("SELECT agency_id FROM clients WHERE id = $1::uuid", [client.id]).first?.decode("agency_id")
        else { throw StoreError.invalid("the database has no posts to measure") }
        let accounts: [AccountID] = try connection.execute(
            "SELECT id FROM accounts WHERE client_id = $1::uuid AND active ORDER BY id LIMIT 2", [client.id]).rows.map { try $0.decode("id") }
        return Subjects(client: client, agency: agency, accounts: accounts)
    }

    func cases(_ subjects: Subjects, now: Date = Date()) -> [Case] {
        let client = subjects.client
        let zone = (try? DisplayZone(named: client.timeZone ?? "UTC")) ?? .utc
        // The month as the calendar reads it: the whole grid, leading and trailing days included.
        let month = zone.range(of: zone.monthGrid(for: zone.localDate(of: now), rows: .fitted))
        let week = zone.weekRange(containing: now)
        let one = PerformanceFilter(scope: .client(client.id), range: .thirtyDays, now: now)
        let agency = PerformanceFilter(scope: .allClients, agency: subjects.agency, range: .thirtyDays, now: now)
        let all = PerformanceFilter(scope: .allClients, range: .thirtyDays, now: now)
        let likes = PerformanceSort(.likes)
        let accounts = subjects.accounts
        let newDraft: @Sendable () -> Query<Void> = {
            let edit = PostEdit(text: .set("Benchmark draft 🚀 #postdeck"), addedAccounts: Array(accounts.prefix(2)))
            // The text has no NUL byte, so the write path cannot refuse it.
            return (try? PostWrites.write(.create(client: client.id, edit), to: .random(), expecting: nil).map { _ in })
                ?? ClientQueries.all().map { _ in }
        }
        let seedPage = "SELECT * FROM pg_temp.seed_post_performance_summary WHERE client_name = $1::text"
        return [
            Case(pane: "calendar", name: "month, one client", query: CalendarQueries.page(in: .client(client.id), range: month).map { _ in }),
            Case(pane: "calendar", name: "week, one client", query: CalendarQueries.page(in: .client(client.id), range: week).map { _ in }),
            Case(pane: "calendar", name: "month, one agency", query: CalendarQueries.page(in: .allClients, agency: subjects.agency, range: month).map { _ in }),
            Case(pane: "calendar", name: "week, one agency", query: CalendarQueries.page(in: .allClients, agency: subjects.agency, range: week).map { _ in }),
            Case(pane: "calendar", name: "month, all clients", query: CalendarQueries.page(in: .allClients, range: month).map { _ in }),
            Case(pane: "performance", name: "first page, one client (30d)", query: PerformanceQueries.page(one, after: nil, limit: 40).map { _ in },
                 seedSQL: (seedPage + " AND published_at >= $2::timestamptz ORDER BY published_at DESC LIMIT 40", [client.name, one.since])),
            Case(pane: "performance", name: "first page, one client (all time)",
                 query: PerformanceQueries.page(PerformanceFilter(scope: .client(client.id)), after: nil, limit: 40).map { _ in },
                 seedSQL: (seedPage + " ORDER BY published_at DESC LIMIT 40", [client.name])),
            Case(pane: "performance", name: "first page, one agency (30d)", query: PerformanceQueries.page(agency, after: nil, limit: 40).map { _ in }),
            Case(pane: "performance", name: "first page, all clients (30d)", query: PerformanceQueries.page(all, after: nil, limit: 40).map { _ in }),
            Case(pane: "performance", name: "sort by likes, one client (30d)", query: PerformanceQueries.page(one, sort: likes, after: nil, limit: 40).map { _ in }),
            Case(pane: "performance", name: "sort by likes, one agency (30d)", query: PerformanceQueries.page(agency, sort: likes, after: nil, limit: 40).map { _ in }),
            Case(pane: "performance", name: "totals and medians, one client (30d)", query: PerformanceQueries.summary(one).map { _ in }),
            Case(pane: "performance", name: "totals and medians, one agency (30d)", query: PerformanceQueries.summary(agency).map { _ in }),
            Case(pane: "performance", name: "networks chart, one agency (30d)", query: PerformanceQueries.networks(agency).map { _ in }),
            Case(pane: "performance", name: "best-time heatmap, one agency (30d)", query: PerformanceQueries.heatmap(agency, zone: zone, clientZones: [client.id: zone]).map { _ in }),
            Case(pane: "composer", name: "accounts, campaigns, templates", query: ComposerQueries.choices(for: client.id).map { _ in }),
            Case(pane: "composer", name: "save a new draft", query: newDraft(), fresh: newDraft),
            Case(pane: "health", name: "accounts, one client", query: HealthQueries.accounts(in: .client(client.id)).map { _ in },
                 seedSQL: ("SELECT * FROM pg_temp.seed_account_health WHERE client_name = $1::text", [client.name])),
            Case(pane: "health", name: "accounts, all clients", query: HealthQueries.accounts(in: .allClients).map { _ in },
                 seedSQL: ("SELECT * FROM pg_temp.seed_account_health", [])),
            Case(pane: "shell", name: "client list", query: ClientQueries.all().map { _ in }),
        ]
    }

    /// `post reschedule|cancel PREFIX` finding its post, and the agenda's short ids and texts for a week.
    private func commandLineCases(agenda: [PostID]) -> [Case] {
        guard let first = agenda.first, let prefix = try? PostIDPrefix(parsing: String(first.hexDigits.prefix(8))) else { return [] }
        return [
            Case(pane: "command line", name: "post id prefix (8 digits)", query: PostQueries.matching(prefix, limit: 11).map { _ in }),
            Case(pane: "command line", name: "agenda short ids, one client's week (\(agenda.count))",
                 query: PostQueries.shortIDs(agenda).map { _ in }),
            Case(pane: "command line", name: "agenda texts, one client's week (\(agenda.count))",
                 query: PostQueries.texts(agenda).map { _ in }),
        ]
    }

    private func measure(_ benchCase: Case) throws -> Row {
        var ours = Measurement("postdeck")
        _ = try connection.run(benchCase.fresh?() ?? benchCase.query)
        for _ in 0..<runs {
            let query = benchCase.fresh?() ?? benchCase.query
            try ours.time { _ = try connection.run(query) }
        }

        var seed: Measurement?
        if let seedSQL = benchCase.seedSQL {
            var measurement = Measurement("seed view")
            // The seed's views are slow at scale: fewer runs, each cancelled after a minute.
            for _ in 0..<max(1, runs / 5) {
                do {
                    try measurement.time { try connection.execute(seedSQL.sql, seedSQL.parameters, timeout: Self.seedViewTimeout) }
                } catch StoreError.timedOut {
                    measurement.timedOut = true
                    break
                }
            }
            seed = measurement
        }

        var psql = Measurement("psql")
        let command = PsqlBinary.command(conninfo: conninfo, query: benchCase.query)
        for _ in 0..<max(1, runs / 3) {
            let status = try psql.timeReturning { try Subprocess.run(command, check: false) }
            if status != 0 { return Row(pane: benchCase.pane, name: benchCase.name, postdeck: ours, seedView: seed, psql: nil) }
        }
        return Row(pane: benchCase.pane, name: benchCase.name, postdeck: ours, seedView: seed, psql: psql)
    }

    /// The seed's two views, as written, in this session only (`pg_temp`).
    private func installSeedViews() throws {
        let seed = Migrations.all[0].sql
        for view in ["post_performance_summary", "account_health"] {
            guard let start = seed.firstRange(of: "CREATE VIEW \(view) AS"),
                  let end = seed[start.upperBound...].firstRange(of: ";") else { continue }
            let body = seed[start.upperBound..<end.lowerBound]
            try connection.execute("CREATE OR REPLACE TEMP VIEW seed_\(view) AS \(body)")
        }
    }
}

/// The psql program itself (`pg_config --bindir`), not Debian's `/usr/bin/psql`, a Perl
/// wrapper that adds about 20 ms to every run.
enum PsqlBinary {
    static let path: String = {
        if let bindir = Subprocess.output(["pg_config", "--bindir"])?.trimmingSpacesAndNewlines(),
           FileManager.default.isExecutableFile(atPath: bindir + "/psql") {
            return bindir + "/psql"
        }
        return "psql"
    }()

    /// psql running `query` with its parameters written in, under the same local settings.
    static func command(conninfo: String, query: Query<some Any>) -> [String] {
        var command = [path, "-X", "-q", "-A", "-t", "-d", conninfo]
        for setting in query.localSettings { command += ["-c", "SET \(setting.name) = '\(setting.value)'"] }
        return command + ["-c", literalSQL(query.sql, query.parameters)]
    }

    /// The statement with its parameters written in as literals.
    static func literalSQL(_ sql: String, _ parameters: [(any SQLParameter)?]) -> String {
        var text = sql
        for (index, parameter) in parameters.enumerated().reversed() {
            let literal = parameter.map { "'" + $0.sqlText.replacing("'", with: "''") + "'" } ?? "NULL"
            text = text.replacing("$\(index + 1)", with: literal)
        }
        return text
    }
}

extension Measurement {
    mutating func timeReturning<T>(_ body: () throws -> T) rethrows -> T {
        let start = ContinuousClock.now
        let value = try body()
        samples.append(ContinuousClock.now - start)
        return value
    }
}
