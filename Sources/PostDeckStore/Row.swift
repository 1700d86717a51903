import FoundationEssentials
import PostDeckCore

/// The rows of one statement's result, decoded from Postgres's binary format so that no
/// session setting (`DateStyle`, `TimeZone`, `extra_float_digits`) can change what we read.
public struct QueryResult: Sendable {
    public let columns: [String]
    public let rows: [Row]
    /// Rows inserted, updated or deleted, for statements that report it.
    public let rowsAffected: Int

    public var first: Row? { rows.first }
}

/// The raw values of a whole result in one buffer, so that a result of 40,000 rows is a
/// few allocations rather than one per value: less time, and a smaller high-water mark of
/// memory that malloc then keeps.
final class ResultStorage: Sendable {
    let columns: [String]
    let types: [UInt32]
    /// Every non-NULL value's bytes, row after row.
    let bytes: [UInt8]
    /// Per value (row-major): where it starts in `bytes`, or -1 for NULL.
    let starts: [Int32]
    /// Per value: its length.
    let lengths: [Int32]

    init(columns: [String], types: [UInt32], bytes: [UInt8], starts: [Int32], lengths: [Int32]) {
        self.columns = columns
        self.types = types
        self.bytes = bytes
        self.starts = starts
        self.lengths = lengths
    }

    func value(row: Int, column: Int) -> [UInt8]? {
        let cell = row * columns.count + column
        let start = Int(starts[cell])
        guard start >= 0 else { return nil }
        return Array(bytes[start..<start + Int(lengths[cell])])
    }
}

/// One row: raw binary values by column, decoded on demand with the column's name in
/// every error.
public struct Row: Sendable {
    let storage: ResultStorage
    let row: Int

    var columns: [String] { storage.columns }
    var types: [UInt32] { storage.types }

    private func value(_ position: Int) -> [UInt8]? { storage.value(row: row, column: position) }

    public func isNull(_ column: String) throws -> Bool {
        value(try index(of: column)) == nil
    }

    /// Decodes a column that must not be NULL.
    public func decode<T: SQLDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        let position = try index(of: column)
        guard let bytes = value(position) else {
            throw StoreError.decoding(column: column, expected: String(describing: T.self), found: "NULL")
        }
        return try T.decode(bytes, type: types[position], column: column)
    }

    /// Decodes a column that may be NULL.
    public func decode<T: SQLDecodable>(_ column: String, as type: T?.Type = T?.self) throws -> T? {
        let position = try index(of: column)
        guard let bytes = value(position) else { return nil }
        return try T.decode(bytes, type: types[position], column: column)
    }

    /// Decodes a column holding JSON text (`json_agg(…)::text`, say); nil when it is NULL.
    public func decodeJSON<T: Decodable>(_ column: String, as type: T.Type) throws -> T? {
        guard let text = try decode(column, as: String?.self) else { return nil }
        do {
            return try JSONDecoder().decode(T.self, from: Data(text.utf8))
        } catch {
            throw StoreError.decoding(column: column, expected: "JSON of \(T.self)", found: String(text.prefix(80)))
        }
    }

    /// Decodes a one-dimensional array column (`array_agg`, `uuid[]`), its NULL elements as
    /// nil; a NULL array gives an empty one.
    public func decodeArray<T: SQLDecodable>(_ column: String, of type: T.Type = T.self) throws -> [T?] {
        guard let bytes = value(try index(of: column)) else { return [] }
        // ndim, has-nulls flag, element type; per dimension its length and lower bound; then
        // each element as a length (-1 for NULL) and its bytes.
        guard let dimensions = readBigEndian(bytes, at: 0, as: Int32.self), dimensions <= 1,
              let elementType = readBigEndian(bytes, at: 8, as: UInt32.self) else {
            throw StoreError.decoding(column: column, expected: "a one-dimensional array", found: "another value")
        }
        guard dimensions == 1, let count = readBigEndian(bytes, at: 12, as: Int32.self) else { return [] }
        var elements: [T?] = []
        elements.reserveCapacity(Int(count))
        var offset = 20
        for _ in 0..<count {
            guard let length = readBigEndian(bytes, at: offset, as: Int32.self) else {
                throw StoreError.decoding(column: column, expected: "\(count) array elements", found: "\(elements.count)")
            }
            offset += 4
            if length < 0 { elements.append(nil); continue }
            guard offset + Int(length) <= bytes.count else {
                throw StoreError.decoding(column: column, expected: "\(count) array elements", found: "a truncated array")
            }
            elements.append(try T.decode(Array(bytes[offset..<offset + Int(length)]), type: elementType, column: column))
            offset += Int(length)
        }
        return elements
    }

    private func index(of column: String) throws -> Int {
        guard let position = columns.firstIndex(of: column) else {
            throw StoreError.decoding(column: column, expected: "a column of that name", found: "columns \(columns.joined(separator: ", "))")
        }
        return position
    }
}

/// Type OIDs of the built-in types we decode (from `pg_type.dat`; they never change).
enum TypeOID {
    static let bool: UInt32 = 16, bytea: UInt32 = 17, name: UInt32 = 19, int8: UInt32 = 20
    static let int2: UInt32 = 21, int4: UInt32 = 23, text: UInt32 = 25, oid: UInt32 = 26
    static let json: UInt32 = 114, float4: UInt32 = 700, float8: UInt32 = 701
    static let bpchar: UInt32 = 1042, varchar: UInt32 = 1043, date: UInt32 = 1082
    static let timestamp: UInt32 = 1114, timestamptz: UInt32 = 1184, numeric: UInt32 = 1700
    static let uuid: UInt32 = 2950, jsonb: UInt32 = 3802
    /// OIDs from here on are user-defined types such as the schema's enums, whose binary
    /// form is their label.
    static let firstUserDefined: UInt32 = 16384

    static func name(_ oid: UInt32) -> String {
        switch oid {
        case bool: "boolean"; case int2: "smallint"; case int4: "integer"; case int8: "bigint"
        case text: "text"; case varchar: "varchar"; case bpchar: "char"; case name: "name"
        case json: "json"; case jsonb: "jsonb"; case float4: "real"; case float8: "double precision"
        case numeric: "numeric"; case uuid: "uuid"; case date: "date"
        case timestamp: "timestamp"; case timestamptz: "timestamptz"; case bytea: "bytea"
        default: oid >= firstUserDefined ? "a user-defined type" : "type oid \(oid)"
        }
    }
}

/// A Swift type that can be read from a column in binary format.
public protocol SQLDecodable: Sendable {
    static func decode(_ bytes: [UInt8], type: UInt32, column: String) throws -> Self
}

extension SQLDecodable {
    static func mismatch(_ type: UInt32, _ column: String) -> StoreError {
        .decoding(column: column, expected: String(describing: Self.self), found: TypeOID.name(type))
    }
}

private func readBigEndian<T: FixedWidthInteger>(_ bytes: [UInt8], at offset: Int = 0, as: T.Type = T.self) -> T? {
    let size = MemoryLayout<T>.size
    guard bytes.count >= offset + size else { return nil }
    var value: T = 0
    for byte in bytes[offset..<offset + size] { value = value << 8 | T(byte) }
    return value
}

extension String: SQLDecodable {
    public static func decode(_ bytes: [UInt8], type: UInt32, column: String) throws -> String {
        switch type {
        case TypeOID.text, TypeOID.varchar, TypeOID.bpchar, TypeOID.name, TypeOID.json:
            return String(decoding: bytes, as: UTF8.self)
        case TypeOID.jsonb:
            // Binary jsonb is a version byte (1) followed by the JSON text.
            guard bytes.first == 1 else { throw mismatch(type, column) }
            return String(decoding: bytes.dropFirst(), as: UTF8.self)
        case let oid where oid >= TypeOID.firstUserDefined:
            return String(decoding: bytes, as: UTF8.self)
        default:
            throw mismatch(type, column)
        }
    }
}

extension Bool: SQLDecodable {
    public static func decode(_ bytes: [UInt8], type: UInt32, column: String) throws -> Bool {
        guard type == TypeOID.bool, bytes.count == 1 else { throw mismatch(type, column) }
        return bytes[0] != 0
    }
}

extension Int: SQLDecodable {
    public static func decode(_ bytes: [UInt8], type: UInt32, column: String) throws -> Int {
        switch type {
        case TypeOID.int2: if let v = readBigEndian(bytes, as: Int16.self) { return Int(v) }
        case TypeOID.int4: if let v = readBigEndian(bytes, as: Int32.self) { return Int(v) }
        case TypeOID.int8: if let v = readBigEndian(bytes, as: Int64.self) { return Int(v) }
        case TypeOID.numeric:
            let text = try NumericText.decode(bytes, column: column)
            if let v = Int(text) { return v }
            throw StoreError.decoding(column: column, expected: "an integer", found: "numeric \(text)")
        default: break
        }
        throw mismatch(type, column)
    }
}

extension Double: SQLDecodable {
    public static func decode(_ bytes: [UInt8], type: UInt32, column: String) throws -> Double {
        switch type {
        case TypeOID.float8: if let bits = readBigEndian(bytes, as: UInt64.self) { return Double(bitPattern: bits) }
        case TypeOID.float4: if let bits = readBigEndian(bytes, as: UInt32.self) { return Double(Float(bitPattern: bits)) }
        case TypeOID.int2, TypeOID.int4, TypeOID.int8: return Double(try Int.decode(bytes, type: type, column: column))
        case TypeOID.numeric:
            let text = try NumericText.decode(bytes, column: column)
            if let v = Double(text) { return v }
            return text == "NaN" ? .nan : text.hasPrefix("-") ? -.infinity : .infinity
        default: break
        }
        throw mismatch(type, column)
    }
}

extension Decimal: SQLDecodable {
    public static func decode(_ bytes: [UInt8], type: UInt32, column: String) throws -> Decimal {
        switch type {
        case TypeOID.numeric:
            let text = try NumericText.decode(bytes, column: column)
            guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
                throw StoreError.decoding(column: column, expected: "a finite number", found: text)
            }
            return value
        case TypeOID.int2, TypeOID.int4, TypeOID.int8: return Decimal(try Int.decode(bytes, type: type, column: column))
        default: throw mismatch(type, column)
        }
    }
}

extension UUID: SQLDecodable {
    public static func decode(_ bytes: [UInt8], type: UInt32, column: String) throws -> UUID {
        guard type == TypeOID.uuid, bytes.count == 16 else { throw mismatch(type, column) }
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}

extension Identifier: SQLDecodable {
    public static func decode(_ bytes: [UInt8], type: UInt32, column: String) throws -> Identifier {
        Identifier(try UUID.decode(bytes, type: type, column: column))
    }
}

extension Date: SQLDecodable {
    public static func decode(_ bytes: [UInt8], type: UInt32, column: String) throws -> Date {
        switch type {
        case TypeOID.timestamptz, TypeOID.timestamp:
            guard let micros = readBigEndian(bytes, as: Int64.self) else { throw mismatch(type, column) }
            if micros == .max { return .distantFuture }
            if micros == .min { return .distantPast }
            return Date(timeIntervalSince1970: SQLTimestamp.postgresEpoch + Double(micros) / 1_000_000)
        case TypeOID.date:
            return try CalendarDate.decode(bytes, type: type, column: column).startInUTC
        default:
            throw mismatch(type, column)
        }
    }
}

/// A `date` column: a day without a time or zone.
public struct CalendarDate: SQLDecodable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 2000-01-01, Postgres's own representation.
    public let daysSince2000: Int

    public init(daysSince2000: Int) { self.daysSince2000 = daysSince2000 }

    public static func decode(_ bytes: [UInt8], type: UInt32, column: String) throws -> CalendarDate {
        guard type == TypeOID.date, let days = readBigEndian(bytes, as: Int32.self) else { throw mismatch(type, column) }
        return CalendarDate(daysSince2000: Int(days))
    }

    /// Midnight UTC at the start of the day.
    public var startInUTC: Date {
        Date(timeIntervalSince1970: SQLTimestamp.postgresEpoch + Double(daysSince2000) * 86_400)
    }

    /// `YYYY-MM-DD`.
    public var description: String { String(SQLTimestamp.format(startInUTC).prefix(10)) }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool { lhs.daysSince2000 < rhs.daysSince2000 }
}

extension SQLDecodable where Self: RawRepresentable, RawValue == String {
    /// Enums of the schema decode from their label; an unknown label is an error naming it.
    public static func decode(_ bytes: [UInt8], type: UInt32, column: String) throws -> Self {
        let label = try String.decode(bytes, type: type, column: column)
        guard let value = Self(rawValue: label) else {
            throw StoreError.decoding(column: column, expected: String(describing: Self.self), found: "\"\(label)\"")
        }
        return value
    }
}

extension Platform: SQLDecodable {}
extension PostStatus: SQLDecodable {}
extension PlatformPostStatus: SQLDecodable {}
extension TokenStatus: SQLDecodable {}
extension CampaignStatus: SQLDecodable {}
extension JobStatus: SQLDecodable {}
extension MediaType: SQLDecodable {}

/// Postgres's binary `numeric`: a sign, a weight and base-10000 digits. We turn it into
/// exact decimal text, which `Decimal`, `Int` and `Double` then parse.
enum NumericText {
    static func decode(_ bytes: [UInt8], column: String) throws -> String {
        guard let count = readBigEndian(bytes, at: 0, as: Int16.self),
              let weight = readBigEndian(bytes, at: 2, as: Int16.self),
              let sign = readBigEndian(bytes, at: 4, as: UInt16.self),
              let scale = readBigEndian(bytes, at: 6, as: Int16.self),
              bytes.count == 8 + Int(count) * 2
        else { throw StoreError.decoding(column: column, expected: "numeric", found: "malformed numeric") }
        switch sign {
        case 0xC000: return "NaN"
        case 0xD000: return "Infinity"
        case 0xF000: return "-Infinity"
        default: break
        }
        let digits = (0..<Int(count)).map { Int(readBigEndian(bytes, at: 8 + $0 * 2, as: Int16.self)!) }
        var integer = ""
        if weight >= 0 {
            for position in 0...Int(weight) {
                let group = position < digits.count ? digits[position] : 0
                integer += integer.isEmpty ? String(group) : MetricFormat.zeroPadded(group, width: 4)
            }
        } else {
            integer = "0"
        }
        var fraction = ""
        if scale > 0 {
            var position = Int(weight) + 1
            while fraction.count < Int(scale) {
                let group = position >= 0 && position < digits.count ? digits[position] : 0
                fraction += MetricFormat.zeroPadded(group, width: 4)
                position += 1
            }
            fraction = String(fraction.prefix(Int(scale)))
        }
        let magnitude = fraction.isEmpty ? integer : integer + "." + fraction
        return sign == 0x4000 ? "-" + magnitude : magnitude
    }
}
