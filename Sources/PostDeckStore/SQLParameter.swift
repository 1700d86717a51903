import FoundationEssentials
import Glibc
import PostDeckCore

/// A value that can be bound to a `$n` placeholder. Parameters travel in Postgres's text
/// format; the SQL casts them (`$1::uuid`) so the server never guesses a type.
public protocol SQLParameter: Sendable {
    var sqlText: String { get }
}

extension String: SQLParameter { public var sqlText: String { self } }
extension Substring: SQLParameter { public var sqlText: String { String(self) } }
extension Int: SQLParameter { public var sqlText: String { String(self) } }
extension Int32: SQLParameter { public var sqlText: String { String(self) } }
extension Int64: SQLParameter { public var sqlText: String { String(self) } }
extension Bool: SQLParameter { public var sqlText: String { self ? "true" : "false" } }
extension Double: SQLParameter { public var sqlText: String { String(self) } }
extension Decimal: SQLParameter { public var sqlText: String { "\(self)" } }
extension UUID: SQLParameter { public var sqlText: String { uuidString.lowercased() } }
extension Identifier: SQLParameter { public var sqlText: String { description } }

extension Date: SQLParameter {
    /// ISO 8601 in UTC with microseconds, the precision of `timestamptz`.
    public var sqlText: String { SQLTimestamp.format(self) }
}

extension Platform: SQLParameter { public var sqlText: String { rawValue } }
extension PostStatus: SQLParameter { public var sqlText: String { rawValue } }
extension PlatformPostStatus: SQLParameter { public var sqlText: String { rawValue } }
extension TokenStatus: SQLParameter { public var sqlText: String { rawValue } }
extension CampaignStatus: SQLParameter { public var sqlText: String { rawValue } }
extension JobStatus: SQLParameter { public var sqlText: String { rawValue } }
extension MediaType: SQLParameter { public var sqlText: String { rawValue } }

/// A JSON document bound as text; cast it in SQL (`$1::jsonb`).
public struct JSONText: SQLParameter, Equatable {
    public let sqlText: String
    public init(_ text: String) { sqlText = text }

    /// Encodes any `Encodable` value with sorted keys, so equal values give equal text.
    public init<T: Encodable>(encoding value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        sqlText = String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// An array bound as a Postgres array literal; cast it in SQL (`$1::uuid[]`, `$1::text[]`).
public struct SQLArray: SQLParameter {
    public let sqlText: String
    public init(_ elements: [any SQLParameter]) {
        let quoted = elements.map { element -> String in
            let escaped = element.sqlText
                .replacing("\\", with: "\\\\")
                .replacing("\"", with: "\\\"")
            return "\"\(escaped)\""
        }
        sqlText = "{" + quoted.joined(separator: ",") + "}"
    }
}

/// Conversions between `Date` and Postgres's binary and text timestamps.
enum SQLTimestamp {
    /// Seconds from the Unix epoch to Postgres's epoch, 2000-01-01 00:00:00 UTC.
    static let postgresEpoch: TimeInterval = 946_684_800

    static func format(_ date: Date) -> String {
        let micros = (date.timeIntervalSince1970 * 1_000_000).rounded()
        var seconds = time_t((micros / 1_000_000).rounded(.down))
        let fraction = Int(micros - Double(seconds) * 1_000_000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String { MetricFormat.zeroPadded(Int(value), width: width) }
        let date = "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))"
        let time = "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))"
        return "\(date)T\(time).\(MetricFormat.zeroPadded(fraction, width: 6))Z"
    }
}
