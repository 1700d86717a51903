import FoundationEssentials
import PostDeckCore

/// Remembers the pane and the client in scope between runs, in
/// `$XDG_STATE_HOME/postdeck/session.json` (default `~/.local/state`).
struct SessionStore {
    let path: String

    static func stateDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        UserPaths.stateDirectory(environment: environment)
    }

    init(directory: String = SessionStore.stateDirectory()) {
        path = directory + "/session.json"
    }

    private struct Saved: Codable {
        var pane: Pane
        var client: String?
    }

    func load() -> (pane: Pane, scope: Scope)? {
        guard let bytes = try? RegularFile.contents(of: path, limit: 64 * 1024),
              let saved = try? JSONDecoder().decode(Saved.self, from: Data(bytes)) else { return nil }
        return (saved.pane, saved.client.flatMap(ClientID.init).map(Scope.client) ?? .allClients)
    }

    func save(pane: Pane, scope: Scope) {
        let directory = FilePaths.parent(of: path)
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        guard let data = try? JSONEncoder().encode(Saved(pane: pane, client: scope.clientID?.description)) else { return }
        _ = FileManager.default.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o600])
    }
}
