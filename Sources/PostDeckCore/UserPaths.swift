import FoundationEssentials

/// Where postdeck keeps a user's files, the one place that says so for every program.
public enum UserPaths {
    /// The config file: `$XDG_CONFIG_HOME/postdeck/config.toml`, default
    /// `~/.config/postdeck/config.toml`. Each program reads its own tables from it (the UI
    /// `[rules.<network>]`, the worker `[worker]`).
    public static func configFile(environment: [String: String]) -> String {
        let home = FilePaths.home(environment: environment)
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.config"
        return config + "/postdeck/config.toml"
    }

    /// The state directory (logs, the remembered session): `$XDG_STATE_HOME/postdeck`,
    /// default `~/.local/state/postdeck`.
    public static func stateDirectory(environment: [String: String]) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/postdeck" }
        let home = FilePaths.home(environment: environment)
        return home + "/.local/state/postdeck"
    }
}
