/// Writes comma-separated values as RFC 4180 describes: CRLF between records, and a field
/// quoted (with inner quotes doubled) when it holds a comma, a quote, CR or LF. Text is
/// kept exactly, emoji and all, so an export reads back to the same strings.
public struct CSVWriter: Sendable {
    public private(set) var text: String = ""
    /// Rows written, not counting the header.
    public private(set) var rowCount = 0

    /// Starts a document, with a header record when `header` is given.
    /// `byteOrderMark` prepends U+FEFF, which spreadsheet programs need to read UTF-8.
    public init(header: [String]? = nil, byteOrderMark: Bool = false) {
        if byteOrderMark { text = "\u{FEFF}" }
        if let header { text += CSVWriter.record(header) + "\r\n" }
    }

    public mutating func append(_ fields: [String]) {
        text += CSVWriter.record(fields) + "\r\n"
        rowCount += 1
    }

    /// One record without its line ending.
    public static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",")
    }

    /// One field, quoted only when it must be.
    public static func field(_ value: String) -> String {
        let needsQuotes = value.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return value }
        return "\"" + value.replacing("\"", with: "\"\"") + "\""
    }
}
