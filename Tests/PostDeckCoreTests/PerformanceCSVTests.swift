import Foundation
import Testing
import PostDeckCore

/// The performance export, read back with an RFC 4180 reader.
@Suite struct PerformanceCSVTests {
    /// Splits CSV text into records of fields (quoted fields may hold commas, quotes and line breaks).
    static func read(_ text: String) -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field = ""
        var quoted = false, afterQuote = false
        var characters = Array(text.unicodeScalars)[...]
        while let c = characters.popFirst() {
            if quoted {
                if c == "\"" {
                    if characters.first == "\"" { field.unicodeScalars.append("\""); characters.removeFirst() } else { quoted = false; afterQuote = true }
                } else { field.unicodeScalars.append(c) }
                continue
            }
            switch c {
            case "\"" where field.isEmpty && !afterQuote: quoted = true
            case ",": record.append(field); field = ""; afterQuote = false
            case "\r" where characters.first == "\n":
                characters.removeFirst()
                record.append(field); records.append(record); record = []; field = ""; afterQuote = false
            default: field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }

    @Test func commasQuotesNewlinesAndEmojiReadBackExactly() throws {
        let contents = ["Sale, today only", "He said \"wow\"", "two\nlines\r\nand CRLF", "🎉👩‍👩‍👧 限定", "plain"]
        let zone = try DisplayZone(named: "America/New_York")
        let rows = contents.enumerated().map { index, content in
            PostPerformance(id: PostID(UUID()), content: content, publishedAt: Date(timeIntervalSince1970: 1_795_608_000 + Double(index) * 3_600),
                            clientName: "Acme, Inc.", clientID: ClientID(UUID()), platformCount: 2, publishedCount: 1,
                            likes: 10 * index, shares: index, comments: 2, views: index == 0 ? 0 : 1_000)
        }
        let csv = PerformanceCSV.document(rows, zone: zone)
        #expect(csv.rowCount == rows.count)
        let records = Self.read(csv.text)
        #expect(records.first == PerformanceCSV.header)
        #expect(records.count == rows.count + 1)
        for (row, record) in zip(rows, records.dropFirst()) {
            #expect(record[0] == row.id.description)
            #expect(record[1] == row.content)
            #expect(record[3] == "Acme, Inc.")
            #expect(record[6] == String(row.likes))
            #expect(record[11] == String(row.engagement))
        }
        #expect(records[1][2] == "2026-11-25T07:00:00-05:00", "times carry the display zone's offset")
        #expect(records[1][12] == "", "no views, no rate")
        #expect(records[2][12] == "13")
    }
}
