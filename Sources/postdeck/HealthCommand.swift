import ArgumentParser
import FoundationEssentials
import PostDeckCore
import PostDeckStore

/// `postdeck health`: the account-health pane's query, for scripts and cron.
struct HealthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health",
        abstract: "List accounts whose tokens expire or whose posts fail, worst first.",
        discussion: "Exit status: 0 when every listed account is healthy, 3 when any is expired or expiring soon, 1 on errors.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Only this client (a name or an id).", valueName: "NAME|UUID"))
    var client: String?

    @Option(help: ArgumentHelp("Only these token states, comma-separated: expired, expiring (or the view's expiring_soon), healthy.",
                               valueName: "LIST"))
    var status: String?

    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    func validate() throws {
        _ = try statusFilter()
    }

    private func statusFilter() throws -> Set<TokenStatus>? {
        guard let status else { return nil }
        var result = Set<TokenStatus>()
        for name in status.split(separator: ",").map({ $0.trimmingSpaces() }) where !name.isEmpty {
            guard let value = TokenStatus(parsing: name) else {
                throw ValidationError("unknown token status '\(name)': use expired, expiring (expiring_soon) or healthy")
            }
            result.insert(value)
        }
        return result
    }

    func run() throws {
        let connection = try database.connect()
        try Migrator.requireCurrent(connection)
        var scope = Scope.allClients
        if let client {
            scope = .client(try ClientQueries.resolve(client, on: connection).id)
        }
        var accounts = try connection.run(HealthQueries.accounts(in: scope))
        if let wanted = try statusFilter() {
            accounts = accounts.filter { wanted.contains($0.tokenStatus) }
        }
        Output.result(Self.render(accounts, format: format, now: Date()))
        if accounts.contains(where: { $0.tokenStatus != .healthy }) {
            throw ExitStatus(code: 3)
        }
    }

    static func render(_ accounts: [AccountHealth], format: OutputFormat, now: Date) -> String {
        switch format {
        case .json:
            return JSONOutput.array(accounts.map { account in
                [("account_id", .string(account.id.description)), ("username", .string(account.username)),
                 ("platform", .string(account.platform.rawValue)), ("client_name", .string(account.clientName)),
                 ("active", .bool(account.active)), ("token_expires_at", .date(account.tokenExpiresAt)),
                 ("token_status", .string(account.tokenStatus.rawValue)), ("total_posts", .integer(account.totalPosts)),
                 ("failed_posts", .integer(account.failedPosts)), ("client_id", .string(account.clientID.description))]
            })
        case .csv:
            var csv = CSVWriter()
            csv.append(["account_id", "username", "platform", "client_name", "active", "token_expires_at",
                        "token_status", "total_posts", "failed_posts", "client_id"])
            for account in accounts {
                csv.append([account.id.description, account.username ?? "", account.platform.rawValue, account.clientName,
                            String(account.active), account.tokenExpiresAt.map(ISO8601.format) ?? "",
                            account.tokenStatus.rawValue, String(account.totalPosts), String(account.failedPosts),
                            account.clientID.description])
            }
            return csv.text
        case .table:
            var table = TextTable(columns: [
                .init(title: "CLIENT", maxWidth: 24), .init(title: "PLATFORM"), .init(title: "USERNAME", maxWidth: 28),
                .init(title: "ACTIVE"), .init(title: "TOKEN"), .init(title: "EXPIRY", maxWidth: 24),
                .init(title: "POSTS", alignment: .right), .init(title: "FAILED", alignment: .right),
                .init(title: "RATE", alignment: .right),
            ])
            for account in accounts {
                table.rows.append([
                    account.clientName, account.platform.displayName, account.username ?? "—",
                    account.active ? "yes" : "no", account.tokenStatus.rawValue,
                    account.expiryWords(now: now),
                    String(account.totalPosts), String(account.failedPosts),
                    account.failureRate.map { MetricFormat.fixed($0 * 100, places: 0) + "%" } ?? "—",
                ])
            }
            return table.render() + "\n" + HealthSummary(accounts).line + "\n"
        }
    }
}
