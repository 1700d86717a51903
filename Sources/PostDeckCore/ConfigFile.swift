import Foundation

/// Where postdeck's config file lives: `$XDG_CONFIG_HOME/postdeck/config.toml`, default
/// `~/.config/postdeck/config.toml`. Each program reads its own tables from it (the UI
/// `[rules.<network>]`, the worker `[worker]`); this is the one place that says where it is.
public enum ConfigFile {
    public static func path(environment: [String: String]) -> String {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.config"
        return config + "/postdeck/config.toml"
    }
}
