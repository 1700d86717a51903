import Foundation
import PostDeckCore
import TOMLKit

/// The `[worker]` table of postdeck's config file (`UserPaths.configFile`): defaults for the
/// command-line options and the rate limits. Other tables are left to their readers.
///
/// ```toml
/// [worker]
/// concurrency = 8        # calls in flight at once (--concurrency)
/// backoff = 30           # seconds before the first retry (--backoff)
/// timeout = 30           # seconds a call may take (--timeout)
/// per_account = 1        # calls in flight per account
///
/// [worker.networks]      # calls in flight per network
/// linkedin = 2
/// tiktok = 2
/// ```
///
/// Unlike the UI, the worker refuses to start on a broken table: running with other rate
/// limits than the agency wrote could get its accounts throttled.
public struct WorkerConfig: Sendable, Equatable {
    public var concurrency: Int?
    public var backoff: Double?
    public var timeout: Double?
    public var limits = RateLimits()

    public init(concurrency: Int? = nil, backoff: Double? = nil, timeout: Double? = nil, limits: RateLimits = RateLimits()) {
        self.concurrency = concurrency
        self.backoff = backoff
        self.timeout = timeout
        self.limits = limits
    }

    /// The file's `[worker]` table; defaults when the file or the table is absent.
    public static func load(environment: [String: String]) throws(WorkerConfigError) -> WorkerConfig {
        let file = UserPaths.configFile(environment: environment)
        guard let data = FileManager.default.contents(atPath: file) else { return WorkerConfig() }
        return try parse(String(decoding: data, as: UTF8.self), file: file)
    }

    /// Reads the `[worker]` table of a config file's text. `file` is only used in errors.
    public static func parse(_ source: String, file: String) throws(WorkerConfigError) -> WorkerConfig {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: source)
        } catch let error as TOMLParseError {
            throw WorkerConfigError(file: file, line: error.source.begin.line, message: "invalid TOML: \(error.description)")
        } catch {
            throw WorkerConfigError(file: file, line: nil, message: "invalid TOML: \(error)")
        }
        guard let value = table["worker"] else { return WorkerConfig() }
        guard let worker = value.table else { throw WorkerConfigError(file: file, line: nil, message: "worker: expected a table [worker]") }
        var config = WorkerConfig()
        for key in worker.keys.sorted() {
            let entry = worker[key]!
            switch key {
            case "concurrency": config.concurrency = try whole(entry, "worker.concurrency", file: file)
            case "per_account": config.limits.perAccount = try whole(entry, "worker.per_account", file: file)
            case "backoff": config.backoff = try seconds(entry, "worker.backoff", file: file)
            case "timeout": config.timeout = try seconds(entry, "worker.timeout", file: file)
            case "networks":
                guard let networks = entry.table else {
                    throw WorkerConfigError(file: file, line: nil, message: "worker.networks: expected a table [worker.networks]")
                }
                for name in networks.keys.sorted() {
                    guard let platform = Platform(rawValue: name) else {
                        throw WorkerConfigError(file: file, line: nil, message: "worker.networks.\(name): unknown network (\(Platform.allCases.map(\.rawValue).joined(separator: ", ")))")
                    }
                    config.limits.perNetwork[platform] = try whole(networks[name]!, "worker.networks.\(name)", file: file)
                }
            default:
                throw WorkerConfigError(file: file, line: nil, message: "worker.\(key): unknown setting (concurrency, backoff, timeout, per_account, networks)")
            }
        }
        return config
    }

    private static func whole(_ value: any TOMLValueConvertible, _ key: String, file: String) throws(WorkerConfigError) -> Int {
        guard let number = value.int, number >= 1 else {
            throw WorkerConfigError(file: file, line: nil, message: "\(key): expected a whole number of at least 1")
        }
        return number
    }

    private static func seconds(_ value: any TOMLValueConvertible, _ key: String, file: String) throws(WorkerConfigError) -> Double {
        guard let number = value.double ?? value.int.map(Double.init), number > 0 else {
            throw WorkerConfigError(file: file, line: nil, message: "\(key): expected a number of seconds above 0")
        }
        return number
    }
}

/// Why the worker's settings cannot be used, as one line: `file[:line]: key: why`.
public struct WorkerConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let message: String

    public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(message)" }
}
