import Foundation
import Testing
@testable import PostDeckCore

/// Tab completion of the media path, on a folder the test creates.
@Suite final class PathCompletionTests {
    let folder: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("postdeck-complete-\(UUID().uuidString)").path
        let files = ["summit.jpg", "snow-1.png", "snow-2.png", "snowboard.mp4", "雪山.jpg", ".hidden.png"]
        try FileManager.default.createDirectory(atPath: folder + "/shots/raw", withIntermediateDirectories: true)
        for file in files { #expect(FileManager.default.createFile(atPath: folder + "/" + file, contents: Data([1]))) }
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    func complete(_ text: String, home: String? = nil) -> PathCompletion.Result {
        PathCompletion.complete(text, home: home)
    }

    @Test func aUniquePrefixIsCompletedInFull() {
        let result = complete(folder + "/su")
        #expect(result.text == folder + "/summit.jpg")
        #expect(result.candidates.isEmpty)
        #expect(result.matchCount == 1)
        #expect(complete(folder + "/雪").text == folder + "/雪山.jpg")
    }

    @Test func aDirectoryGetsATrailingSlashAndItsEntriesComplete() {
        #expect(complete(folder + "/sh").text == folder + "/shots/")
        #expect(complete(folder + "/shots/").text == folder + "/shots/raw/")
    }

    @Test func severalMatchesCompleteTheirCommonPrefixAndAreListed() {
        let result = complete(folder + "/sn")
        #expect(result.text == folder + "/snow")
        #expect(result.candidates == ["snow-1.png", "snow-2.png", "snowboard.mp4"])
        let again = complete(result.text + "-")
        #expect(again.text == folder + "/snow-")
        #expect(again.candidates == ["snow-1.png", "snow-2.png"])
    }

    @Test func allEntriesOfAFolderListDirectoriesWithASlashAndHideDotFiles() {
        let result = complete(folder + "/")
        #expect(result.text == folder + "/")
        #expect(result.candidates == ["shots/", "snow-1.png", "snow-2.png", "snowboard.mp4", "summit.jpg", "雪山.jpg"])
        #expect(complete(folder + "/.h").text == folder + "/.hidden.png")
    }

    @Test func nothingMatchingLeavesTheTextAndSaysSo() {
        let result = complete(folder + "/zzz")
        #expect(result.text == folder + "/zzz")
        #expect(result.candidates.isEmpty)
        #expect(result.matchCount == 0)
        #expect(complete("/no/such/folder/x").matchCount == 0)
    }

    @Test func theTildeIsExpandedAgainstHome() {
        #expect(complete("~/su", home: folder).text == folder + "/summit.jpg")
        #expect(complete("~/sh", home: folder + "/").text == folder + "/shots/")
        #expect(PathCompletion.expandHome("~", home: "/home/ana") == "/home/ana/")
        #expect(PathCompletion.expandHome("~bob/x", home: "/home/ana") == "~bob/x")
        #expect(PathCompletion.expandHome("~/x", home: nil) == "~/x")
    }

    @Test func theCommonPrefixNeverSplitsACharacter() {
        #expect(PathCompletion.commonPrefix("e\u{301}a", "e\u{301}b") == "e\u{301}")
        #expect(PathCompletion.commonPrefix("e\u{301}", "eb") == "")
        #expect(PathCompletion.commonPrefix("👩🏽‍🦯a", "👩🏽‍🦯b") == "👩🏽‍🦯")
    }
}
