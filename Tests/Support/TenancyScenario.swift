import Foundation
import PostDeckCore
import PostDeckStore

/// Two agencies (the demo data's) on one database, with a writer and a reader role for
/// each, granted as `postdeck access grant` grants them. Roles belong to the whole cluster,
/// so their names are unique to the scenario and `drop()` removes them.
public struct TenancyScenario: Sendable {
    public struct Manager: Sendable {
        public let role: String
        public let agency: AgencyID
        public let agencyName: String
        public let readOnly: Bool
        public let conninfo: String
    }

    public let database: TestDatabase
    public let agencies: [(id: AgencyID, name: String)]
    public let managers: [Manager]

    /// Migrates and seeds a fresh database, then makes and grants the four roles.
    public static func make() throws -> TenancyScenario {
        let database = try TestDatabase.make()
        let owner = try database.connect()
        try Migrator.migrate(owner)
        _ = try DemoData.seed(on: owner, options: .init(randomSeed: 1, now: Date(), scale: nil, force: false, progress: nil))
        let agencies = try owner.execute("SELECT id, name::text AS name FROM agencies ORDER BY name").rows.map {
            (id: try $0.decode("id", as: AgencyID.self), name: try $0.decode("name", as: String.self))
        }
        let tag = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        var managers: [Manager] = []
        for (index, agency) in agencies.prefix(2).enumerated() {
            for readOnly in [false, true] {
                let role = "pd_\(readOnly ? "r" : "w")\(index)_\(tag)"
                try owner.execute("CREATE ROLE \(role) LOGIN")
                _ = try AgencyManagers.grant(owner, role: role, agency: agency.id.description, readOnly: readOnly)
                managers.append(Manager(role: role, agency: agency.id, agencyName: agency.name, readOnly: readOnly,
                                        conninfo: database.conninfo + " user=\(role)"))
            }
        }
        return TenancyScenario(database: database, agencies: agencies, managers: managers)
    }

    public func writer(_ agency: Int) -> Manager { managers.first { $0.agency == agencies[agency].id && !$0.readOnly }! }
    public func reader(_ agency: Int) -> Manager { managers.first { $0.agency == agencies[agency].id && $0.readOnly }! }

    /// The clients of an agency, as the owner reads them.
    public func clients(of agency: AgencyID) throws -> Set<ClientID> {
        Set(try database.connect().execute("SELECT id FROM clients WHERE agency_id = $1::uuid", [agency]).rows.map { try $0.decode("id") })
    }

    /// Drops the roles (their sessions first). Safe to call twice.
    public func drop() {
        guard let admin = try? database.connect() else { return }
        for manager in managers {
            _ = try? admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1::text", [manager.role])
            _ = try? admin.execute("DELETE FROM postdeck_agency_managers WHERE role_name = $1::text", [manager.role])
            _ = try? admin.execute("DROP ROLE IF EXISTS \(manager.role)")
        }
    }
}
