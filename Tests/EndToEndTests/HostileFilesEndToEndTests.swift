import Foundation
import Testing
import PostDeckStore
import PostDeckTestSupport

/// Files that are not files, given to the UI: the composer's media field and `--theme` refuse
/// them at once; nothing is opened that could block the loop.
@Suite(.serialized) struct HostileFilesEndToEndTests {
    static func scratch() -> String {
        var template = Array("/tmp/pdk-files-XXXXXX".utf8CString)
        return String(cString: mkdtemp(&template)!)
    }

    @Test func aFIFOOrADeviceAsMediaIsRefusedAndTheComposerKeepsAnswering() throws {
        let folder = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fifo = folder + "/clip.mp4"
        #expect(mkfifo(fifo, 0o600) == 0)
        let (database, _) = try ComposerScenario.makeDatabase()
        let ui = try TerminalSession.start(["--db", database.conninfo], width: 120, height: 40)
        defer { ui.close() }
        try ComposerEndToEndTests.openComposer(ui)
        ui.press("Tab")
        ui.type(fifo).press("Enter")
        try ui.waitFor("clip.mp4 is a named pipe (FIFO), not a file")
        ui.press("C-u")
        ui.type("/dev/zero").press("Enter")
        try ui.waitFor("zero is a device, not a file")
        ui.press("BTab")
        ui.type("still answering")
        try ui.waitFor("still answering")
        kill(ui.pid, SIGTERM)
        #expect(try ui.waitForExit() == 143)
        #expect(ui.format("#{alternate_on}") == "0")
    }

    @Test func aFIFOAsTheThemeIsANoteAndTheDefaultTheme() throws {
        let folder = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fifo = folder + "/dark.toml"
        #expect(mkfifo(fifo, 0o600) == 0)
        let ui = try TerminalSession.start(["--db", "host=/nonexistent-postdeck dbname=x", "--theme", fifo], width: 120, height: 30)
        defer { ui.close() }
        try ui.waitFor("offline")
        ui.press("q")
        #expect(try ui.waitForExit() == 0)
        let log = (try? String(contentsOfFile: ui.directory + "/state/postdeck/postdeck.log", encoding: .utf8)) ?? ""
        #expect(log.contains("dark.toml: cannot read theme file: it is a named pipe (FIFO), not a regular file"), "\(log)")
    }
}
