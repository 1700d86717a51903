import FoundationEssentials
import PostDeckCore
import TerminalUI

/// Plain-text tables for the non-interactive commands: columns aligned by display width,
/// every value from the database sanitized so that a hostile string cannot reach the
/// terminal that reads our output.
struct TextTable {
    enum Alignment { case left, right }
    struct Column {
        let title: String
        var alignment: Alignment = .left
        var maxWidth: Int = 40
    }

    let columns: [Column]
    var rows: [[String]] = []

    func render() -> String {
        let cells = rows.map { row in
            zip(columns, row).map { column, value in
                truncate(Sanitizer.singleLine(value), toWidth: column.maxWidth)
            }
        }
        let widths = columns.indices.map { index in
            max(displayWidth(columns[index].title), cells.map { displayWidth($0[index]) }.max() ?? 0)
        }
        func line(_ values: [String]) -> String {
            zip(columns.indices, values).map { index, value in
                let padding = String(repeating: " ", count: max(0, widths[index] - displayWidth(value)))
                return columns[index].alignment == .left ? value + padding : padding + value
            }.joined(separator: "  ").trimmingTrailingWhitespace()
        }
        return ([line(columns.map(\.title))] + cells.map(line)).joined(separator: "\n") + "\n"
    }
}

/// JSON text written field by field, so keys keep the order of the view's columns.
enum JSONOutput {
    indirect enum Value {
        case string(String?), number(Double?), integer(Int?), bool(Bool?), date(Date?)
        case list([Value]), object([(String, Value)])
    }

    static func array(_ objects: [[(String, Value)]]) -> String {
        if objects.isEmpty { return "[]\n" }
        let body = objects.map { object in
            "  {" + object.map { "\(quote($0.0)): \(encode($0.1))" }.joined(separator: ", ") + "}"
        }
        return "[\n" + body.joined(separator: ",\n") + "\n]\n"
    }

    static func encode(_ value: Value) -> String {
        switch value {
        case .string(let text): text.map(quote) ?? "null"
        case .number(let number): number.map { $0.isFinite ? String($0) : "null" } ?? "null"
        case .integer(let number): number.map(String.init) ?? "null"
        case .bool(let flag): flag.map { $0 ? "true" : "false" } ?? "null"
        case .date(let date): date.map { quote(ISO8601.format($0)) } ?? "null"
        case .list(let values): "[" + values.map(encode).joined(separator: ", ") + "]"
        case .object(let fields): "{" + fields.map { "\(quote($0.0)): \(encode($0.1))" }.joined(separator: ", ") + "}"
        }
    }

    /// JSON string escaping: quotes, backslashes and every control character.
    static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || (0x7f...0x9f).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029:
                result += "\\u" + String(repeating: "0", count: max(0, 4 - String(scalar.value, radix: 16).count)) + String(scalar.value, radix: 16)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

/// ISO 8601 in UTC with milliseconds, as scripts expect.
enum ISO8601 {
    static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}

extension String {
    /// Without the whitespace at its end (a table row's padding after its last column).
    func trimmingTrailingWhitespace() -> String {
        String(String.UnicodeScalarView(unicodeScalars.reversed().drop { $0.properties.isWhitespace }.reversed()))
    }
}
