import Foundation
import Testing
@testable import PostDeckCore

/// The import file as rows: header names, Hootsuite's headerless file, and cells that are
/// not text named by row and column.
@Suite struct ImportFileTests {
    @Test func headerNamesMatchWithoutCaseAndInAnyOrder() {
        let file = ImportFile.read(Array("Content, DATE ,First Comment,content-instagram\nhi,2027-06-01 09:00,c,ig\n".utf8))
        #expect(file.problems.isEmpty)
        #expect(file.columns == [.content, .date, .firstComment, .contentInstagram])
        #expect(file.rows.first?.cells == [.content: "hi", .date: "2027-06-01 09:00", .firstComment: "c", .contentInstagram: "ig"])
    }

    @Test func unknownAndRepeatedColumnsAreRefusedByName() {
        let file = ImportFile.read(Array("date,content,colour,date\n".utf8))
        #expect(file.problems.map(\.place) == ["header, column colour", "header, column date"])
        #expect(file.problems.first?.message.hasPrefix("unknown column; the columns are id, key, client") == true)
        #expect(file.problems.last?.message == "named twice")
    }

    @Test func aByteOrderMarkAndCRLFLineEndsReadAsAnyFile() {
        let bytes = CSVReader.byteOrderMark + Array("date,content\r\n2027-06-01 09:00,\"Line 1 😀\r\nLine 2 中文\"\r\n".utf8)
        let file = ImportFile.read(bytes)
        #expect(file.problems.isEmpty)
        #expect(file.columns == [.date, .content], "the mark is not part of the first column's name")
        #expect(file.rows.first?.cells[.content] == "Line 1 😀\r\nLine 2 中文", "text inside quotes is kept byte for byte")
    }

    @Test func rowsAreNumberedFromTheFirstAfterTheHeaderCountingBlankOnes() {
        let file = ImportFile.read(Array("content\na\n\n,\nb\n".utf8))
        #expect(file.rows.map(\.number) == [1, 4])
        #expect(file.rowCount == 4)
    }

    @Test func aRowWithTooFewOrTooManyFieldsIsRefusedWithItsLine() {
        let file = ImportFile.read(Array("date,content\n2027-06-01 09:00,a,b\nlonely\n".utf8))
        #expect(file.problems.map(\.place) == ["row 1", "row 2"])
        #expect(file.problems[0].message.hasPrefix("3 fields where the header names 2 (line 2"))
        #expect(file.problems[1].message.contains("needs the field in quotes"))
    }

    @Test func aCellThatIsNotUTF8OrHoldsANulIsNamedByRowAndColumn() {
        let bytes = Array("date,content\n2027-06-01 09:00,ok\n2027-06-01 09:00,ab".utf8) + [0xC3, 0x28] + Array("\nx,\"a".utf8) + [0] + Array("b\"\n".utf8)
        let file = ImportFile.read(bytes)
        #expect(file.problems.map(\.description) == [
            "row 2, column content: not UTF-8 at byte 2 of the cell; save the file as UTF-8 CSV",
            "row 3, column content: a NUL byte at byte 1 of the cell; the database cannot store it",
        ])
    }

    @Test func aFileWithoutAHeaderIsHootsuitesWhenItHasTwoOrThreeColumns() {
        let hootsuite = ImportFile.read(Array("06/01/2027 09:00,Read our blog,https://example.com\n06/02/2027 09:00,Just text\n".utf8))
        #expect(hootsuite.layout == .hootsuite && hootsuite.problems.isEmpty)
        #expect(hootsuite.rows.map { $0.cells[.content] } == ["Read our blog https://example.com", "Just text"])
        let unnamed = ImportFile.read(Array("a,b,c,d\n".utf8))
        #expect(unnamed.problems.first?.message.hasPrefix("the first line names no columns") == true)
        #expect(ImportFile.read([]).problems.map(\.message) == ["the file has no rows"])
    }

    @Test func csvThatIsBrokenIsOneProblemWithItsLine() {
        let file = ImportFile.read(Array("date,content\n2027-06-01 09:00,\"open\n".utf8))
        #expect(file.problems.count == 1)
        #expect(file.problems.first?.message.contains("starts on line 2 is never closed") == true)
    }
}

/// An export row reads back into the same post.
@Suite struct PostExportTests {
    typealias F = ImportFixtures

    @Test func aDoubledTimeIsWrittenWithItsPickAndAccountsByNameOrId() {
        let ny = zone("America/New_York")
        let later = instant("2027-11-07T06:30:00Z")   // 01:30 EST, the second 01:30 that night
        let post = PostSnapshot(id: F.id(900), clientID: F.acme.id, status: .scheduled, content: "Fall back",
                                variations: [.linkedin: "LinkedIn text"], settings: PostSettings(hashtags: ["#a", "#b"], firstComment: "c"),
                                campaignID: F.id(301), templateID: F.id(499), scheduledAt: later,
                                targets: [.init(id: .random(), accountID: F.linkedin, status: .pending),
                                          .init(id: .random(), accountID: F.instagram, status: .pending)],
                                updatedAt: F.now)
        let row = PostExport.row(post, client: F.acme, clients: [F.acme, F.globex], choices: F.acmeChoices, zone: ny)
        #expect(row[.date] == "2027-11-07 01:30" && row[.pick] == "later" && row[.timezone] == "America/New_York")
        #expect(row[.accounts] == "linkedin:acme-outdoor instagram:acme.outdoor")
        #expect(row[.campaign] == "Winter trails")
        #expect(row[.template] == (F.id(499) as TemplateID).description, "an inactive template is named by its id")
        #expect(row[.contentLinkedIn] == "LinkedIn text" && row[.contentInstagram] == "")
        #expect(row[.hashtags] == "#a #b" && row[.firstComment] == "c" && row[.status] == "scheduled")
        let twin = ClientSummary(id: F.id(3), name: "Acme Outdoor", agencyName: "South", timeZone: nil)
        #expect(PostExport.row(post, client: F.acme, clients: [F.acme, twin], choices: F.acmeChoices, zone: ny)[.client]
                == F.acme.id.description, "a name two clients share is written as the id")
    }
}
