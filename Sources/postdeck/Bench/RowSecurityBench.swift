import FoundationEssentials
import Glibc
import PostDeckCore
import PostDeckStore

/// The pane queries with row-level security on (migration 7): each `QueryBench` case as the
/// tables' owner, then as a manager of the measured client's agency, on one connection
/// (`SET ROLE`), in the same run. The manager is a role made for the run, granted the agency
/// with `AgencyManagers.grant` (as `postdeck access grant` does) and dropped afterwards.
struct RowSecurityBench {
    struct Row {
        let pane: String
        let name: String
        let owner: Measurement
        let manager: Measurement
    }

    let connection: Connection
    let conninfo: String
    let runs: Int

    func run() throws -> [Row] {
        let bench = QueryBench(connection: connection, conninfo: conninfo, runs: runs)
        let subjects = try QueryBench.subjects(connection)
        let cases = bench.cases(subjects)
        // The owner first, before it becomes a member of the manager's role (for SET ROLE).
        let owner = try cases.map { try measure($0) }
        let role = "postdeck_bench_\(getpid())"
        try connection.execute(try quoted("CREATE ROLE %I NOLOGIN", role))
        defer {
            _ = try? connection.execute("RESET ROLE")
            _ = try? connection.execute("RESET jit")
            _ = try? AgencyManagers.revoke(connection, role: role, agency: subjects.agency.description)
            _ = try? connection.execute("DELETE FROM posts WHERE content = 'Benchmark draft 🚀 #postdeck'")
            _ = try? connection.execute(quoted("DROP ROLE %I", role))
        }
        _ = try AgencyManagers.grant(connection, role: role, agency: subjects.agency.description, readOnly: false)
        try connection.execute(try quoted("GRANT %I TO current_user", role))
        try connection.execute(try quoted("SET ROLE %I", role))
        // What the grant set for the role in this database (SET ROLE does not apply it).
        try connection.execute("SET jit = off")
        let manager = try cases.map { try measure($0) }
        return zip(cases, zip(owner, manager)).map { Row(pane: $0.pane, name: $0.name, owner: $1.0, manager: $1.1) }
            .sorted { $0.pane < $1.pane }
    }

    private func measure(_ benchCase: QueryBench.Case) throws -> Measurement {
        var measurement = Measurement(benchCase.name)
        _ = try connection.run(benchCase.query)
        for _ in 0..<runs { try measurement.time { _ = try connection.run(benchCase.query) } }
        return measurement
    }

    /// A statement naming a role, quoted by the server.
    private func quoted(_ template: String, _ role: String) throws -> String {
        try connection.execute("SELECT format($1::text, $2::text) AS sql", [template, role]).first?.decode("sql") ?? ""
    }

    /// The figures as a Markdown section of docs/PERFORMANCE.md.
    static func markdown(_ rows: [Row]) -> String {
        guard !rows.isEmpty else { return "" }
        var text = "\n### Row-level security: the tables' owner beside a manager of one agency\n\n"
        text += "The same queries on one connection, as the owner and then (`SET ROLE`) as a role that manages the measured client's agency (`postdeck access grant`). The manager's \"all clients\" is its agency.\n\n"
        text += "| pane | query | owner p50 | p95 | manager p50 | p95 | manager / owner (p50) |\n|---|---|--:|--:|--:|--:|--:|\n"
        for row in rows {
            let ratio = row.manager.p50.milliseconds / max(0.001, row.owner.p50.milliseconds)
            text += "| \(row.pane) | \(row.name) | \(row.owner.p50.formattedMilliseconds) | \(row.owner.p95.formattedMilliseconds) | \(row.manager.p50.formattedMilliseconds) | \(row.manager.p95.formattedMilliseconds) | \(MetricFormat.fixed(ratio, places: 2))x |\n"
        }
        return text
    }
}
