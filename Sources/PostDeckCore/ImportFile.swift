/// A problem with an import file, named by where it is: `row 3, column date: …` (row 1 is
/// the first row after the header), `header: …`, or the file as a whole.
public struct ImportProblem: Hashable, Sendable, CustomStringConvertible {
    /// Nil for the header or the whole file.
    public let row: Int?
    /// The column as the file names it; nil when the problem is the whole row.
    public let column: String?
    public let message: String

    public init(row: Int?, column: String?, _ message: String) {
        self.row = row
        self.column = column
        self.message = message
    }

    public init(row: Int?, column: ImportColumn?, _ message: String) {
        self.init(row: row, column: column?.rawValue, message)
    }

    /// Where, as the report writes it: "row 3, column date", "row 3", "header", "file".
    public var place: String {
        switch (row, column) {
        case (let row?, let column?): "row \(row), column \(column)"
        case (let row?, nil): "row \(row)"
        case (nil, let column?): "header, column \(column)"
        case (nil, nil): "file"
        }
    }

    public var description: String { "\(place): \(message)" }
}

extension Array where Element == ImportProblem {
    /// The file's problems first, then each row's in row order (the order found within a row kept).
    public var inRowOrder: [ImportProblem] {
        enumerated().sorted { ($0.element.row ?? 0, $0.offset) < ($1.element.row ?? 0, $1.offset) }.map(\.element)
    }
}

/// One row of an import file: its cells by column, exactly as written.
public struct ImportRow: Sendable, Hashable {
    /// 1 for the first row after the header (blank rows count, so numbers match the spreadsheet).
    public let number: Int
    /// The line of the file the row starts on.
    public let line: Int
    public let cells: [ImportColumn: String]

    public init(number: Int, line: Int, cells: [ImportColumn: String]) {
        self.number = number
        self.line = line
        self.cells = cells
    }

    /// The cell of `column`, nil when the file has no such column or the cell is empty.
    public subscript(_ column: ImportColumn) -> String? {
        guard let value = cells[column], !value.isEmpty else { return nil }
        return value
    }
}

/// An import file read into rows: a CSV file whose first record names its columns, or
/// Hootsuite's bulk file (date, message, optional link; no header), whose message and link
/// become the content.
public struct ImportFile: Sendable {
    public enum Layout: Sendable, Hashable {
        case header
        /// Hootsuite's three columns: the rows need a client and accounts from the options.
        case hootsuite
    }

    public let layout: Layout
    /// The columns present, in the file's order.
    public let columns: [ImportColumn]
    /// The rows with some text in them.
    public let rows: [ImportRow]
    /// Rows counted, blank ones included.
    public let rowCount: Int
    /// What makes the file unreadable: nothing can be imported while there is one.
    public let problems: [ImportProblem]

    /// Reads `bytes`: CSV syntax, the header, and each cell as UTF-8 text without NUL.
    public static func read(_ bytes: [UInt8], limits: CSVReader.Limits = CSVReader.Limits()) -> ImportFile {
        let records: [CSVReader.Record]
        do {
            records = try CSVReader.records(bytes, limits: limits)
        } catch {
            let row = error.record > 0 ? error.record : nil
            return ImportFile(layout: .header, columns: [], rows: [], rowCount: 0,
                              problems: [ImportProblem(row: row, column: nil as String?, error.description)])
        }
        guard let first = records.first(where: { !$0.isBlank }) else {
            return ImportFile(layout: .header, columns: [], rows: [], rowCount: 0,
                              problems: [ImportProblem(row: nil, column: nil as String?, "the file has no rows")])
        }
        let names = first.fields.map { String(decoding: $0, as: UTF8.self) }
        let named = names.compactMap(ImportColumn.init(header:))
        if named.isEmpty {
            guard (2...3).contains(first.fields.count) else {
                return ImportFile(layout: .header, columns: [], rows: [], rowCount: 0, problems: [ImportProblem(
                    row: nil, column: nil as String?,
                    "the first line names no columns: start with a header (date, content, accounts, …; see docs/IMPORT.md) "
                        + "or give Hootsuite's three columns (date, message, link)")])
            }
            return hootsuite(records)
        }
        return headed(records, header: first, names: names)
    }

    private static func headed(_ records: [CSVReader.Record], header: CSVReader.Record, names: [String]) -> ImportFile {
        var problems: [ImportProblem] = []
        var columns: [ImportColumn] = []
        for name in names {
            let shown = name.trimmingSpaces()
            guard let column = ImportColumn(header: name) else {
                problems.append(ImportProblem(row: nil, column: shown.isEmpty ? "(empty)" : shown,
                                              shown.isEmpty ? "a column without a name" : "unknown column; the columns are "
                                                + ImportColumn.allCases.map(\.rawValue).joined(separator: ", ")))
                continue
            }
            if columns.contains(column) { problems.append(ImportProblem(row: nil, column: column, "named twice")) }
            columns.append(column)
        }
        guard problems.isEmpty else { return ImportFile(layout: .header, columns: columns, rows: [], rowCount: 0, problems: problems) }

        var rows: [ImportRow] = []
        let body = records.drop { $0 != header }.dropFirst()
        for (offset, record) in body.enumerated() {
            let number = offset + 1
            if record.isBlank { continue }
            guard record.fields.count == columns.count else {
                problems.append(ImportProblem(row: number, column: nil as String?,
                    "\(record.fields.count) field\(record.fields.count == 1 ? "" : "s") where the header names \(columns.count) "
                        + "(line \(record.line); a comma or line break inside a field needs the field in quotes)"))
                continue
            }
            var cells: [ImportColumn: String] = [:]
            for (column, bytes) in zip(columns, record.fields) {
                switch decode(bytes) {
                case .success(let text): cells[column] = text
                case .failure(let problem): problems.append(ImportProblem(row: number, column: column, problem.message))
                }
            }
            rows.append(ImportRow(number: number, line: record.line, cells: cells))
        }
        return ImportFile(layout: .header, columns: columns, rows: rows, rowCount: body.count, problems: problems)
    }

    private static func hootsuite(_ records: [CSVReader.Record]) -> ImportFile {
        var problems: [ImportProblem] = []
        var rows: [ImportRow] = []
        for (offset, record) in records.enumerated() {
            let number = offset + 1
            if record.isBlank { continue }
            guard (2...3).contains(record.fields.count) else {
                problems.append(ImportProblem(row: number, column: nil as String?,
                    "\(record.fields.count) fields where Hootsuite's file has date, message and link (line \(record.line))"))
                continue
            }
            var texts: [String] = []
            for (index, bytes) in record.fields.enumerated() {
                switch decode(bytes) {
                case .success(let text): texts.append(text)
                case .failure(let problem):
                    problems.append(ImportProblem(row: number, column: ["date", "message", "link"][index], problem.message))
                    texts.append("")
                }
            }
            let link = texts.count > 2 ? texts[2].trimmingSpaces() : ""
            let content = link.isEmpty ? texts[1] : texts[1] + " " + link
            rows.append(ImportRow(number: number, line: record.line, cells: [.date: texts[0], .content: content]))
        }
        return ImportFile(layout: .hootsuite, columns: [.date, .content], rows: rows, rowCount: records.count, problems: problems)
    }

    /// A cell as text: UTF-8 without NUL, else the one line that says where it is wrong.
    private static func decode(_ bytes: [UInt8]) -> Result<String, CellError> {
        do {
            return .success(try PostText.decode(bytes))
        } catch {
            switch error {
            case .nul(_, let offset): return .failure(CellError("a NUL byte at byte \(offset) of the cell; the database cannot store it"))
            case .invalidUTF8(let offset): return .failure(CellError("not UTF-8 at byte \(offset) of the cell; save the file as UTF-8 CSV"))
            case .tooLong: return .failure(CellError(error.description))
            }
        }
    }

    private struct CellError: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }
}
