import Foundation
import Testing
@testable import PostDeckCore

/// RFC 4180 as spreadsheets write it, read back byte for byte; and the places where bytes
/// stop being CSV, named by line.
@Suite struct CSVReaderTests {
    static func texts(_ records: [CSVReader.Record]) -> [[String]] {
        records.map { $0.fields.map { String(decoding: $0, as: UTF8.self) } }
    }

    @Test func quotedFieldsHoldCommasDoubledQuotesAndLineBreaksExactly() throws {
        let text = "a,b,c\n\"one, two\",\"say \"\"hi\"\"\",\"first line 🏔️\nsecond 雪の山道へ\r\nthird 👩🏽‍🦯\"\nplain,,end\n"
        let records = try CSVReader.records(Array(text.utf8))
        #expect(Self.texts(records) == [["a", "b", "c"],
                                        ["one, two", "say \"hi\"", "first line 🏔️\nsecond 雪の山道へ\r\nthird 👩🏽‍🦯"],
                                        ["plain", "", "end"]])
        #expect(records.map(\.line) == [1, 2, 5], "a record's line is where it starts, counting breaks inside quotes")
    }

    @Test func aByteOrderMarkIsSkippedAndCRLFEndsRecords() throws {
        let bytes = CSVReader.byteOrderMark + Array("date,content\r\n2027-06-01 09:00,\"a\r\nb\"\r\n2027-06-02 09:00,c\r\n".utf8)
        let records = try CSVReader.records(bytes)
        #expect(Self.texts(records) == [["date", "content"], ["2027-06-01 09:00", "a\r\nb"], ["2027-06-02 09:00", "c"]])
        #expect(records.map(\.line) == [1, 2, 4])
    }

    @Test func everyLineEndingAndAMissingLastOneReadTheSame() throws {
        for text in ["x,y\n1,2\n", "x,y\r\n1,2\r\n", "x,y\r1,2\r", "x,y\n1,2"] {
            #expect(Self.texts(try CSVReader.records(Array(text.utf8))) == [["x", "y"], ["1", "2"]], "\(text.debugDescription)")
        }
        #expect(Self.texts(try CSVReader.records(Array("x,\n".utf8))) == [["x", ""]])
        #expect(Self.texts(try CSVReader.records(Array("\"\"".utf8))) == [[""]])
        #expect(try CSVReader.records([]).isEmpty)
        #expect(try CSVReader.records(CSVReader.byteOrderMark).isEmpty)
    }

    @Test func blankLinesAreBlankRecords() throws {
        let records = try CSVReader.records(Array("a\n\n,,\nb\n".utf8))
        #expect(records.map(\.isBlank) == [false, true, true, false])
    }

    @Test func aQuoteInsideAnUnquotedFieldIsACharacter() throws {
        #expect(Self.texts(try CSVReader.records(Array("27\" screen,x\n".utf8))) == [["27\" screen", "x"]])
    }

    @Test func anUnclosedQuoteNamesTheLineItOpenedOn() {
        #expect(throws: CSVError.self) { try CSVReader.records(Array("a,b\n1,\"never\nclosed\n".utf8)) }
        do {
            _ = try CSVReader.records(Array("a,b\n1,\"never\nclosed\n".utf8))
        } catch {
            #expect(error.kind == .unclosedQuote(openedOnLine: 2))
            #expect(error.record == 1 && error.field == 1)
            #expect(error.description.contains("starts on line 2"))
        }
    }

    @Test func textAfterAClosingQuoteIsRefusedWithItsLine() {
        do {
            _ = try CSVReader.records(Array("a,b\nx,y\n\"ab\"c,d\n".utf8))
            Issue.record("accepted")
        } catch {
            #expect(error.kind == .textAfterClosingQuote)
            #expect(error.line == 3 && error.record == 2)
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func limitsStopRunawayInputs() {
        let limits = CSVReader.Limits(records: 3, fieldsPerRecord: 4, bytesPerField: 8)
        #expect(throws: CSVError(kind: .tooManyRecords(limit: 3), line: 4, record: 3, field: 1)) {
            try CSVReader.records(Array("a\nb\nc\nd\n".utf8), limits: limits)
        }
        #expect(throws: CSVError(kind: .tooManyFields(limit: 4), line: 1, record: 0, field: 4)) {
            try CSVReader.records(Array("1,2,3,4,5\n".utf8), limits: limits)
        }
        #expect(throws: CSVError(kind: .fieldTooLarge(limit: 8), line: 1, record: 0, field: 0)) {
            try CSVReader.records(Array("123456789\n".utf8), limits: limits)
        }
        #expect(throws: CSVError(kind: .fieldTooLarge(limit: 8), line: 1, record: 0, field: 0)) {
            try CSVReader.records(Array("\"123456789\"\n".utf8), limits: limits)
        }
    }
}
