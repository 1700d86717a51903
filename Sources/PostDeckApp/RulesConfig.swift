import FoundationEssentials
import PostDeckCore
import TerminalUI
import TOMLKit

/// The `[rules.<network>]` tables of postdeck's config file
/// (`$XDG_CONFIG_HOME/postdeck/config.toml`, default `~/.config/postdeck/config.toml`),
/// turned into the `PlatformRules` that the composer and `postdeck post draft|schedule`
/// validate against. Format in docs/RULES.md. Other top-level tables are left to their
/// own readers. A broken file never stops the program: `load` gives the standard rules
/// and one line naming file, line and key.
public enum RulesConfig {
    public struct Loaded: Sendable {
        public var rules: PlatformRules
        /// What was wrong with the file, to show to the user; nil when it was fine or absent.
        public var problem: String?
    }

    /// Where the config file is looked for.
    public static func path(environment: [String: String]) -> String {
        UserPaths.configFile(environment: environment)
    }

    /// The rules with the file's overrides; the standard rules when it is absent or broken.
    /// The largest config file read: it holds a few tables; more is not a config file.
    public static let largestFile: UInt64 = 256 * 1024

    public static func load(environment: [String: String]) -> Loaded {
        let file = path(environment: environment)
        let text: String
        do throws(RegularFile.Problem) {
            text = try RegularFile.text(of: file, limit: largestFile)
        } catch .missing {
            return Loaded(rules: .standard, problem: nil)
        } catch {
            // A folder, FIFO or device is refused without being opened: a FIFO would block the start.
            return Loaded(rules: .standard, problem: "\(file) \(error.description); the standard rules are used")
        }
        do throws(RulesConfigError) {
            return Loaded(rules: PlatformRules(overrides: try parse(text, file: file)), problem: nil)
        } catch {
            return Loaded(rules: .standard, problem: error.description + "; the standard rules are used")
        }
    }

    /// Reads the `rules` table of a config file's text. `file` is only used in errors.
    public static func parse(_ source: String, file: String) throws(RulesConfigError) -> RuleOverrides {
        let table: TOMLTable
        do throws(TOMLReader.Failure) {
            table = try TOMLReader.table(source)
        } catch {
            throw RulesConfigError(file: file, line: error.line, message: error.message)
        }
        guard let value = table["rules"] else { return .none }
        guard let rules = value.table else {
            throw RulesConfigError(file: file, line: line(of: "rules", in: "", source: source),
                                   message: "rules: expected tables [rules.<network>]")
        }
        var raw: [String: [String: Double]] = [:]
        for network in rules.keys.sorted() {
            guard let entries = rules[network]?.table else {
                throw RulesConfigError(file: file, line: line(of: network, in: "rules", source: source),
                                       message: "rules.\(network): expected a table of limits ([rules.\(network)])")
            }
            for key in entries.keys.sorted() {
                guard let entry = entries[key], let number = entry.int.map(Double.init) ?? entry.double else {
                    throw RulesConfigError(file: file, line: line(of: key, in: "rules.\(network)", source: source),
                                           message: "rules.\(network).\(key): expected a number")
                }
                raw[network, default: [:]][key] = number
            }
        }
        do {
            return try RuleOverrides(raw)
        } catch {
            let place: (key: String, table: String) = switch error {
            case .unknownNetwork(let network): (network, "rules")
            case .unknownKey(let network, let key), .badValue(let network, let key, _): (key, "rules.\(network)")
            }
            throw RulesConfigError(file: file, line: line(of: place.key, in: place.table, source: source), message: error.description)
        }
    }

    /// The 1-based line defining `key` inside `[table]` (or the `[table.key]` header), if found.
    static func line(of key: String, in table: String, source: String) -> Int? {
        var current = ""
        let header = table.isEmpty ? key : "\(table).\(key)"
        for (index, raw) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = raw.trimmingSpaces()
            if text.hasPrefix("[") {
                current = String(text.drop { "[] \t".contains($0) }.reversed().drop { "[] \t".contains($0) }.reversed())
                if current == header { return index + 1 }
                continue
            }
            guard current == table, text.hasPrefix(key) else { continue }
            let rest = text.dropFirst(key.count).drop { $0 == " " || $0 == "\t" }
            if rest.first == "=" || rest.first == "." { return index + 1 }
        }
        return nil
    }
}

/// Why the config file's rules cannot be used, as one line: `file:line: rules.net.key: why`.
public struct RulesConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let message: String

    /// One line, whatever the file held: its names and values are shown the way the UI shows text.
    public var description: String { Sanitizer.singleLine("\(file)\(line.map { ":\($0)" } ?? ""): \(message)") }
}
