/// Reads comma-separated values as RFC 4180 describes them, from untrusted bytes: fields
/// in double quotes may hold commas, line breaks and doubled quotes; records end with CRLF,
/// LF or CR; a UTF-8 byte order mark at the start is skipped. Fields stay bytes (the caller
/// decodes them, so a bad byte is reported in the field it is in) and are kept exactly,
/// line breaks inside quotes included.
///
/// Bounded: the number of records, fields per record and bytes per field are capped, and
/// every index stays inside the input, so no input can make it crash or run away. A quote
/// inside an unquoted field is taken as a character (`5" screen`), as spreadsheets read it.
public enum CSVReader {
    /// How much one file may hold.
    public struct Limits: Sendable {
        public var records: Int
        public var fieldsPerRecord: Int
        public var bytesPerField: Int

        public init(records: Int = 200_000, fieldsPerRecord: Int = 64, bytesPerField: Int = 1 << 20) {
            self.records = records
            self.fieldsPerRecord = fieldsPerRecord
            self.bytesPerField = bytesPerField
        }
    }

    /// One record: its fields and the line of the file it starts on (1 is the first line).
    public struct Record: Sendable, Equatable {
        public let fields: [[UInt8]]
        public let line: Int

        public init(fields: [[UInt8]], line: Int) {
            self.fields = fields
            self.line = line
        }

        /// True for a record with no text at all (an empty line, or `,,,` from a spreadsheet).
        public var isBlank: Bool { fields.allSatisfy(\.isEmpty) }
    }

    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Every record of `bytes`, or the first place where they are not CSV.
    public static func records(_ bytes: [UInt8], limits: Limits = Limits()) throws(CSVError) -> [Record] {
        var records: [Record] = []
        var fields: [[UInt8]] = []
        var field: [UInt8] = []
        var index = bytes.starts(with: byteOrderMark) ? byteOrderMark.count : 0
        var line = 1
        var recordLine = 1
        var inRecord = false
        let end = bytes.count

        func fail(_ kind: CSVError.Kind) -> CSVError {
            CSVError(kind: kind, line: line, record: records.count, field: fields.count)
        }
        func finishField() throws(CSVError) {
            guard fields.count < limits.fieldsPerRecord else { throw fail(.tooManyFields(limit: limits.fieldsPerRecord)) }
            fields.append(field)
            field = []
        }
        func finishRecord() throws(CSVError) {
            try finishField()
            guard records.count < limits.records else { throw fail(.tooManyRecords(limit: limits.records)) }
            records.append(Record(fields: fields, line: recordLine))
            fields = []
            inRecord = false
        }
        func append(_ byte: UInt8) throws(CSVError) {
            guard field.count < limits.bytesPerField else { throw fail(.fieldTooLarge(limit: limits.bytesPerField)) }
            field.append(byte)
        }

        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        guard index < end else { return [] }
        while index < end {
            // At the start of a field.
            inRecord = true
            if bytes[index] == quote {
                let openedOn = line
                index += 1
                while true {
                    guard index < end else { throw fail(.unclosedQuote(openedOnLine: openedOn)) }
                    let byte = bytes[index]
                    if byte == quote {
                        if index + 1 < end, bytes[index + 1] == quote {
                            try append(quote)
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    if byte == lf || (byte == cr && (index + 1 >= end || bytes[index + 1] != lf)) { line += 1 }
                    try append(byte)
                    index += 1
                }
                // After the closing quote: a separator, a line end or the end.
                if index < end, bytes[index] != comma, bytes[index] != cr, bytes[index] != lf {
                    throw fail(.textAfterClosingQuote)
                }
            } else {
                while index < end, bytes[index] != comma, bytes[index] != cr, bytes[index] != lf {
                    try append(bytes[index])
                    index += 1
                }
            }
            guard index < end else { break }
            switch bytes[index] {
            case comma:
                try finishField()
                index += 1
                if index == end { try finishRecord() }
            default: // CR, LF or CRLF
                index += bytes[index] == cr && index + 1 < end && bytes[index + 1] == lf ? 2 : 1
                try finishRecord()
                line += 1
                recordLine = line
            }
        }
        if inRecord { try finishRecord() }
        return records
    }
}

/// Where and why bytes are not CSV postdeck reads; the description is one line.
public struct CSVError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        case unclosedQuote(openedOnLine: Int)
        /// `"abc"def`: text between a closing quote and the next comma.
        case textAfterClosingQuote
        case tooManyFields(limit: Int)
        case tooManyRecords(limit: Int)
        case fieldTooLarge(limit: Int)
    }

    public let kind: Kind
    /// The line of the file where it was noticed (1 is the first).
    public let line: Int
    /// How many records came before it (the header is record 0).
    public let record: Int
    /// The field of the record it is in (0 is the first).
    public let field: Int

    public var description: String {
        switch kind {
        case .unclosedQuote(let opened):
            "a quoted field that starts on line \(opened) is never closed: a field in quotes ends with a quote (a quote inside it is written twice, \"\")"
        case .textAfterClosingQuote:
            "line \(line): text after a closing quote; a field in quotes must end at the quote (write a quote inside it twice, \"\")"
        case .tooManyFields(let limit):
            "line \(line): more than \(limit) fields in one record"
        case .tooManyRecords(let limit):
            "more than \(MetricFormat.grouped(limit)) records; split the file"
        case .fieldTooLarge(let limit):
            "line \(line): a field longer than \(MetricFormat.grouped(limit)) bytes"
        }
    }
}
