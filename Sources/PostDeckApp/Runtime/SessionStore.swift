import FoundationEssentials
import PostDeckCore

/// Remembers the pane and the client in scope between runs, in
/// `$XDG_STATE_HOME/postdeck/session.json` (default `~/.local/state`).
struct SessionStore {
    let path: String

    static func stateDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/postdeck" }
        let home = FilePaths.home(environment: environment)
        return home + "/.local/state/postdeck"
    }

    init(directory: String = SessionStore.stateDirectory()) {
        path = directory + "/session.json"
    }

    private struct Saved: Codable {
        var pane: Pane
        var client: String?
    }

    func load() -> (pane: Pane, scope: Scope)? {
        guard let data = FileManager.default.contents(atPath: path),
              let saved = try? JSONDecoder().decode(Saved.self, from: data) else { return nil }
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
