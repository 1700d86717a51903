import FoundationEssentials
import PostDeckCore
import PostDeckStore

/// The import's work off the loop (`BackgroundJobs`), each on a connection of its own, so
/// the UI's queries are never held up behind it.
enum ImportJobs {
    /// Reads `request.path` and checks every row against the database.
    static func prepare(_ request: ImportRequest, conninfo: String, environment: [String: String]) -> Result<ImportPlan, ImportFailure> {
        let home = environment["HOME"]
        let path = PathCompletion.expandHome(request.path, home: home)
        do {
            let bytes = try ImportSource.read(path, environment: environment)
            let folder = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
            let options = ImportOptions(source: request.path, client: request.client?.description, userZone: request.userZone,
                                        environmentTZ: request.environmentTZ,
                                        baseDirectory: path.hasPrefix("/") ? (folder.isEmpty ? "/" : folder)
                                            : FileManager.default.currentDirectoryPath + (folder.isEmpty ? "" : "/" + folder),
                                        home: home)
            let connection = try Connection(conninfo: conninfo)
            try Migrator.requireCurrent(connection)
            return .success(try PostImport.prepare(bytes, options: options, rules: request.rules, now: request.now, on: connection))
        } catch let error as ImportSourceError {
            return .failure(ImportFailure(message: error.description))
        } catch let error as StoreError {
            return .failure(ImportFailure(message: error.description))
        } catch {
            return .failure(ImportFailure(message: "\(error)"))
        }
    }

    /// Writes a checked plan in one statement (no statement timeout: it is atomic either way).
    static func write(_ plan: ImportPlan, conninfo: String) -> Result<ImportWriteResult, ImportFailure> {
        do {
            let query = try PostImport.write(plan)
            let connection = try Connection(conninfo: conninfo)
            return .success(try connection.run(query))
        } catch let error as StoreError {
            return .failure(ImportFailure(message: PostImport.describe(error)))
        } catch {
            return .failure(ImportFailure(message: "nothing was written: \(error)"))
        }
    }
}
