import FoundationEssentials
import Glibc
import PostDeckCore
import PostDeckStore

/// A month of content for one client, 5,000 rows, through `postdeck import posts`: reading
/// and checking, writing in one statement, checking a re-import, and the whole command as a
/// user runs it (a new process: read, check, write). Every post it writes is deleted again.
struct ImportBench {
    static let rows = 5_000

    struct Figures {
        var check = Measurement("read and check")
        var write = Measurement("write")
        var recheck = Measurement("check a re-import")
        var command = Measurement("postdeck import posts")
        var account = ""
    }

    let connection: Connection
    let conninfo: String
    let runs: Int

    func run() throws -> Figures {
        var figures = Figures()
        guard let target = try connection.execute("""
            SELECT c.name, a.id::text AS account, a.platform::text AS platform
            FROM accounts a JOIN clients c ON c.id = a.client_id
            WHERE a.active IS TRUE AND a.platform IN ('linkedin', 'facebook')
            ORDER BY c.name, a.platform, a.id LIMIT 1
            """).first else { return figures }
        let client = try target.decode("name", as: String.self)
        let account = try target.decode("account", as: String.self)
        figures.account = "\(client), one \(try target.decode("platform", as: String.self)) account"
        let csv = Self.file(client: client, account: account)
        let path = FilePaths.temporaryDirectory() + "postdeck-bench-import-\(getpid()).csv"
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        defer { unlink(path) }
        let options = ImportOptions(source: "bench.csv")
        let bytes = Array(csv.utf8)
        let previousTimeout = connection.statementTimeout
        connection.statementTimeout = nil
        defer { connection.statementTimeout = previousTimeout }

        for _ in 0..<runs {
            var plan: ImportPlan?
            try figures.check.time { plan = try PostImport.prepare(bytes, options: options, rules: .standard, on: connection) }
            guard let plan, plan.isClean else { throw UserFacingError(message: "bench import file refused: \(plan?.problems.first?.description ?? "")") }
            try figures.write.time { _ = try connection.run(PostImport.write(plan)) }
            try figures.recheck.time { _ = try PostImport.prepare(bytes, options: options, rules: .standard, on: connection) }
            try delete(plan.rows.map(\.post))
            try figures.command.time {
                try Subprocess.run([TerminalBench.binary, "import", "posts", path, "--db", conninfo, "--batch", "bench.csv"])
            }
            try delete(plan.rows.map(\.post), batch: "bench.csv")
        }
        return figures
    }

    /// 5,000 rows a few days ahead, 17 minutes apart, in UTC (no clock changes in the way),
    /// every fifth a draft, with a second line, emoji and CJK in the text.
    static func file(client: String, account: String) -> String {
        let start = Date().addingTimeInterval(3 * 86_400)
        var csv = "client,accounts,date,timezone,status,content,hashtags\n"
        for row in 0..<rows {
            let time = DisplayZone.utc.format(start.addingTimeInterval(Double(row) * 17 * 60), .dateTime)
            csv += "\"\(client.replacing("\"", with: "\"\""))\",\(account),\(time),UTC,\(row % 5 == 0 ? "draft" : "scheduled"),"
                + "\"Bench post \(row) 📅\nzweite Zeile, 東京\",#bench\n"
        }
        return csv
    }

    /// Removes the posts an import run made (by id, or by the bench's import keys) and their jobs.
    private func delete(_ ids: [PostID], batch: String? = nil) throws {
        let clause = batch == nil ? "id = ANY($1::uuid[])" : "post_settings->'postdeck_import'->>'key' LIKE $1 || '#%'"
        let parameter: any SQLParameter = batch ?? SQLArray(ids)
        try connection.execute("""
            WITH gone AS (DELETE FROM posts WHERE \(clause) RETURNING id)
            DELETE FROM scheduled_jobs WHERE job_data->>'post_id' IN (SELECT id::text FROM gone)
            """, [parameter])
    }
}
