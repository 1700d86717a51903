import ArgumentParser
import FoundationEssentials
import PostDeckCore
import PostDeckStore

/// `postdeck access grant|revoke|list`: which database roles manage which agency. Run by the
/// tables' owner; docs/ACCESS.md lists the privileges a grant gives.
struct AccessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "access",
        abstract: "Let database roles manage agencies (row-level security): grant, revoke, list.",
        discussion: """
            The role itself (its login and password) is made with CREATE ROLE; a grant adds it to \
            postdeck_writer (or postdeck_reader with --read-only) and records the agency, so the role \
            sees and changes that agency's rows only, in postdeck, psql or any other tool.
            """,
        subcommands: [AccessGrantCommand.self, AccessRevokeCommand.self, AccessListCommand.self])
}

struct AccessGrantCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant", abstract: "Let ROLE read and write (or only read) one agency's data.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("An existing database role (a login role or a group of them).", valueName: "ROLE"))
    var role: String

    @Option(help: ArgumentHelp("The agency, by name or id.", valueName: "NAME|UUID"))
    var agency: String

    @Flag(help: "Let the role only read the agency's data.")
    var readOnly = false

    func run() throws {
        let connection = try database.connect()
        let result = try AgencyManagers.grant(connection, role: role, agency: agency, readOnly: readOnly)
        let what = readOnly ? "may now only read" : "may now read and write"
        switch result.outcome {
        case .granted: print("\(role) \(what) \(result.agency)")
        case .changed(let wasReadOnly) where wasReadOnly == readOnly: print("\(role) already \(what.replacing("may now", with: "may")) \(result.agency); nothing changed")
        case .changed: print("\(role) \(what) \(result.agency) (changed)")
        }
    }
}

struct AccessRevokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "End ROLE's management of one agency.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The role.", valueName: "ROLE"))
    var role: String

    @Option(help: ArgumentHelp("The agency, by name or id.", valueName: "NAME|UUID"))
    var agency: String

    func run() throws {
        let connection = try database.connect()
        let result = try AgencyManagers.revoke(connection, role: role, agency: agency)
        print(result.revoked ? "\(role) no longer manages \(result.agency)"
                             : "\(role) did not manage \(result.agency); nothing changed")
    }
}

struct AccessListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Every role that manages an agency.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    func run() throws {
        let connection = try database.connect()
        let managers = try AgencyManagers.list(connection)
        switch format {
        case .table:
            var table = TextTable(columns: [.init(title: "AGENCY"), .init(title: "ROLE"), .init(title: "ACCESS"),
                                            .init(title: "GRANTED"), .init(title: "BY")])
            for manager in managers {
                table.rows.append([manager.agencyName, manager.role + (manager.roleExists ? "" : " (dropped)"),
                                   manager.readOnly ? "read" : "read, write", ISO8601.format(manager.grantedAt), manager.grantedBy])
            }
            print(table.render(), terminator: "")
        case .json:
            print(JSONOutput.array(managers.map { manager in
                [("agency_id", .string(manager.agencyID.description)), ("agency_name", .string(manager.agencyName)),
                 ("role", .string(manager.role)), ("read_only", .bool(manager.readOnly)), ("role_exists", .bool(manager.roleExists)),
                 ("granted_at", .date(manager.grantedAt)), ("granted_by", .string(manager.grantedBy))]
            }), terminator: "")
        case .csv:
            var csv = CSVWriter(header: ["agency_id", "agency_name", "role", "read_only", "role_exists", "granted_at", "granted_by"])
            for manager in managers {
                csv.append([manager.agencyID.description, manager.agencyName, manager.role, String(manager.readOnly),
                            String(manager.roleExists), ISO8601.format(manager.grantedAt), manager.grantedBy])
            }
            print(csv.text, terminator: "")
        }
    }
}
