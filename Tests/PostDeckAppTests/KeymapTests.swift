import Foundation
import Testing
import TerminalUI
@testable import PostDeckApp

@Suite struct KeymapTests {
    @Test func everyKeyInTheTableParsesAndNoContextBindsAKeyTwice() {
        for context in KeyContext.allCases {
            let keys = Keymap.bindings.filter { $0.context == context }.flatMap(\.keys)
            #expect(Set(keys).count == keys.count, "a key is bound twice in \(context)")
        }
    }

    @Test func paneBindingsWinOverGlobalOnes() {
        #expect(Keymap.action(for: .char("a"), in: .health) == .toggleActive)
        #expect(Keymap.action(for: .char("a"), in: .calendar) == .calendarAgenda, "the health pane's a stays in the health pane")
        #expect(Keymap.action(for: .char("3"), in: .health) == .showHealth)
        #expect(Keymap.action(for: .ctrl("d"), in: .health) == .halfPageDown)
        #expect(Keymap.action(for: .escape, in: .health) == .back)
    }

    @Test func anActionsKeysAreTheOnesThatPerformItInThatContext() {
        #expect(Keymap.keys(for: .reschedule, in: .calendar) == [.char("r")])
        #expect(Keymap.keys(for: .saveDraft, in: .composer) == [.ctrl("s")])
        #expect(Keymap.keys(for: .quit, in: .composer) == [.char("q"), .ctrl("c")])
        #expect(Keymap.keys(for: .showHealth, in: .calendar) == [.char("3")], "a global key where the pane leaves it alone")
        // Health binds `n` to the next match, so no key opens a new post there.
        #expect(Keymap.keys(for: .newPost, in: .health).isEmpty)
        #expect(Keymap.keys(for: .newPost, in: .calendar) == [.char("n")])
        #expect(Keymap.keys(for: .reschedule, in: .health).isEmpty, "a calendar action has no key elsewhere")
        for context in KeyContext.allCases {
            for action in Action.allCases {
                for key in Keymap.keys(for: action, in: context) {
                    #expect(Keymap.action(for: key, in: context) == action)
                }
            }
        }
    }

    @Test func escapeNeverQuits() {
        for context in KeyContext.allCases {
            #expect(Keymap.action(for: .escape, in: context) != .quit)
        }
    }

    @Test func theREADMEKeySectionIsTheKeyTable() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let start = try #require(text.range(of: "## Keys\n\n"))
        let end = try #require(text.range(of: "## Troubleshooting", range: start.upperBound..<text.endIndex))
        #expect(String(text[start.upperBound..<end.lowerBound]) == Keymap.markdown(),
                "regenerate the README's key section with `swift run postdeck keys`")
    }

    @Test func helpListsThePanesOwnKeysFirst() {
        let sections = Keymap.help(for: .health)
        #expect(sections.first?.title == "Account health")
        #expect(sections.first?.rows.contains { $0.action == .toggleActive } == true)
        // `Enter` in health is described by the pane's row, not the global one.
        #expect(sections.last?.rows.contains { $0.action == .open } == false)
    }
}
