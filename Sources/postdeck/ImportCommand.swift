import ArgumentParser
import FoundationEssentials
import Glibc
import PostDeckApp
import PostDeckCore
import PostDeckStore
import TerminalUI

/// `postdeck import …`: bulk writes from files.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import posts from a CSV file, checked row by row with the composer's rules.",
        subcommands: [ImportPostsCommand.self])
}

/// `postdeck import posts FILE|-`: every row checked by the scheduling model before anything
/// is written; a clean file written in one transaction through the write path; importing
/// it again adds nothing. docs/IMPORT.md describes the columns and the report.
struct ImportPostsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "posts",
        abstract: "Import posts from a CSV file (or - for standard input).",
        discussion: """
            The first line names the columns: id, key, client, accounts, date, timezone, pick, status, content, \
            content_linkedin, content_instagram, content_tiktok, content_facebook, media, campaign, template, \
            first_comment, hashtags, mentions (any order; docs/IMPORT.md). Hootsuite's file (date, message, link; \
            no header) is read with --client and --account. Any problem: nothing is written, the report lists each \
            as "row N, column C: …" and the exit status is 1. A clean file is written in one transaction; importing \
            it again adds nothing, and a corrected file updates only what changed.
            """)

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The CSV file, or - for standard input.", valueName: "FILE"))
    var file: String

    @Option(help: ArgumentHelp("The client of rows without a client cell (a name or an id).", valueName: "NAME|UUID"))
    var client: String?

    @Option(name: .customLong("account"), help: ArgumentHelp(
        "An account for rows without an accounts cell: its id, platform:username, or a username only one of the client's accounts has; repeat for several.",
        valueName: "ACCOUNT"))
    var accounts: [String] = []

    @Option(help: ArgumentHelp("The zone of rows without a timezone cell (default: the client's, else TZ, else UTC).", valueName: "ZONE"))
    var tz: String?

    @Option(help: ArgumentHelp("How the file writes dates with slashes: dmy (31/12/2027) or mdy (12/31/2027).", valueName: "ORDER"))
    var dateOrder: SlashDateOrder?

    @Option(help: ArgumentHelp("Names the rows of a file without id or key columns (default: the file's name); a re-import under the same name finds the posts it made.",
                               valueName: "NAME"))
    var batch: String?

    @Flag(help: "Check and report, write nothing.")
    var dryRun = false

    @Option(help: "Report format: table or json.")
    var format: ReportFormat = .table

    enum ReportFormat: String, ExpressibleByArgument, CaseIterable { case table, json }

    func validate() throws {
        if let tz { do { _ = try DisplayZone(named: tz) } catch { throw ValidationError(error.description) } }
        if let batch, batch.isEmpty { throw ValidationError("--batch needs a name") }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let bytes: [UInt8]
        do { bytes = try ImportSource.read(file, environment: environment) } catch { throw UserFacingError(message: error.description) }
        let connection = try database.connect()
        try Migrator.requireCurrent(connection)
        let config = RulesConfig.load(environment: environment)
        if let problem = config.problem { Output.warning(problem) }

        let source = file == "-" ? "standard input" : file
        let folder = file == "-" ? FileManager.default.currentDirectoryPath : FilePaths.parent(of: file)
        let options = ImportOptions(source: source, batch: batch, client: client, accounts: accounts, zone: tz,
                                    environmentTZ: environment["TZ"], dateOrder: dateOrder,
                                    baseDirectory: folder.isEmpty ? "." : folder, home: environment["HOME"])
        let progress = ProgressLine(enabled: isatty(STDERR_FILENO) == 1)
        let plan = try PostImport.prepare(bytes, options: options, rules: config.rules, on: connection) { done, total in
            progress.show("checked \(MetricFormat.grouped(done)) of \(MetricFormat.grouped(total)) rows")
        }
        for issue in plan.warnings + plan.confirmations { Output.warning(issue.description) }
        guard plan.isClean else {
            progress.finish()
            Output.result(ImportReport.render(plan, written: nil, dryRun: dryRun, format: format))
            let rows = Set(plan.problems.compactMap(\.row)).count
            Output.error("nothing was written: \(plan.problems.count) problem\(plan.problems.count == 1 ? "" : "s")"
                         + (rows > 0 ? " in \(rows) row\(rows == 1 ? "" : "s")" : "") + " of \(source)")
        }
        guard !dryRun, !plan.changing.isEmpty else {
            progress.finish()
            Output.result(ImportReport.render(plan, written: nil, dryRun: dryRun, format: format))
            return
        }
        progress.show("writing \(MetricFormat.grouped(plan.changing.count)) posts…")
        let query: Query<ImportWriteResult>
        do { query = try PostImport.write(plan) } catch { throw UserFacingError(message: "nothing was written: \(error.description)") }
        // One statement that writes the whole file: as long as it takes, atomic either way.
        connection.statementTimeout = nil
        let result: ImportWriteResult
        do { result = try connection.run(query) } catch let error as StoreError { throw UserFacingError(message: PostImport.describe(error)) }
        progress.finish()
        guard result.written else {
            var refused = plan
            refused.add(problems: result.problems)
            Output.result(ImportReport.render(refused, written: nil, dryRun: false, format: format))
            Output.error("nothing was written: \(result.problems.count) row\(result.problems.count == 1 ? " was" : "s were") refused")
        }
        Output.result(ImportReport.render(plan, written: result, dryRun: false, format: format))
    }
}

extension SlashDateOrder: ExpressibleByArgument {}

/// The report of an import, as a table or as JSON: the problems, or what was (or would be) written.
enum ImportReport {
    static func render(_ plan: ImportPlan, written: ImportWriteResult?, dryRun: Bool,
                       format: ImportPostsCommand.ReportFormat) -> String {
        switch format {
        case .table: table(plan, written: written, dryRun: dryRun)
        case .json: json(plan, written: written, dryRun: dryRun)
        }
    }

    private static func table(_ plan: ImportPlan, written: ImportWriteResult?, dryRun: Bool) -> String {
        let source = plan.options.source
        guard plan.isClean else {
            var table = TextTable(columns: [.init(title: "ROW", alignment: .right), .init(title: "COLUMN", maxWidth: 24),
                                            .init(title: "PROBLEM", maxWidth: 1_000)])
            for problem in plan.problems {
                table.rows.append([problem.row.map(String.init) ?? "-", problem.column ?? (problem.row == nil ? "file" : "-"), problem.message])
            }
            return table.render()
        }
        var text: String
        if let written {
            text = "imported \(source): \(plan.summary); \(MetricFormat.grouped(written.jobsCreated)) publish job\(written.jobsCreated == 1 ? "" : "s") added\n"
        } else if plan.changing.isEmpty {
            text = "nothing to write: the posts already say what \(source) says (\(plan.summary))\n"
        } else {
            text = "\(source): would write \(plan.summary)\n"
        }
        let preview = plan.preview
        guard !preview.isEmpty else { return text }
        var table = TextTable(columns: [.init(title: "CLIENT", maxWidth: 30), .init(title: "DAY"), .init(title: "NEW", alignment: .right),
                                        .init(title: "UPDATED", alignment: .right), .init(title: "SCHEDULED", alignment: .right)])
        for line in preview {
            table.rows.append([line.client, line.dayText, String(line.created), String(line.updated), String(line.scheduled)])
        }
        text += table.render()
        return text
    }

    private static func json(_ plan: ImportPlan, written: ImportWriteResult?, dryRun: Bool) -> String {
        func problems(_ list: [ImportProblem]) -> JSONOutput.Value {
            .list(list.map { .object([("row", .integer($0.row)), ("column", .string($0.column)), ("message", .string($0.message))]) })
        }
        let posts: [JSONOutput.Value] = plan.isClean ? plan.rows.map { row in
            .object([("row", .integer(row.row)), ("post_id", .string(row.post.description)), ("action", .string(row.action.rawValue)),
                     ("client", .string(row.client.name)), ("status", .string(row.status.rawValue)), ("time", .date(row.time)),
                     ("local_time", .string(row.time.map { row.zone.format($0, .iso8601) })), ("time_zone", .string(row.zone.name)),
                     ("changed", .list(row.changed.map { .string($0.rawValue) }))])
        } : []
        let object: [(String, JSONOutput.Value)] = [
            ("file", .string(plan.options.source)), ("rows", .integer(plan.rowCount)), ("dry_run", .bool(dryRun)),
            ("written", .bool(written?.written ?? false)),
            ("created", .integer(plan.isClean ? plan.created : 0)), ("updated", .integer(plan.isClean ? plan.updated : 0)),
            ("unchanged", .integer(plan.isClean ? plan.unchanged : 0)),
            ("publish_jobs_created", .integer(written?.jobsCreated ?? 0)),
            ("problems", problems(plan.problems)), ("warnings", problems(plan.warnings + plan.confirmations)),
            ("posts", .list(posts)),
        ]
        return JSONOutput.encode(.object(object)) + "\n"
    }
}
