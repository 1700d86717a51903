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
        #expect(Keymap.action(for: .char("A"), in: .health) == .toggleActive)
        #expect(Keymap.action(for: .char("a"), in: .calendar) == .calendarAgenda)
        #expect(Keymap.action(for: .char("a"), in: .health) == nil, "a is the agenda, nothing else")
        #expect(Keymap.action(for: .char("3"), in: .health) == .showHealth)
        #expect(Keymap.action(for: .ctrl("d"), in: .health) == .halfPageDown)
        #expect(Keymap.action(for: .escape, in: .health) == .back)
    }

    @Test func anActionsKeysAreTheOnesThatPerformItInThatContext() {
        #expect(Keymap.keys(for: .reschedule, in: .calendar) == [.char("r")])
        #expect(Keymap.keys(for: .saveDraft, in: .composer) == [.ctrl("s")])
        #expect(Keymap.keys(for: .quit, in: .composer) == [.char("q"), .ctrl("c")])
        #expect(Keymap.keys(for: .showHealth, in: .calendar) == [.char("3")], "a global key where the pane leaves it alone")
        #expect(Keymap.keys(for: .newPost, in: .health) == [.char("p")])
        #expect(Keymap.keys(for: .newPost, in: .calendar) == [.char("p")])
        #expect(Keymap.keys(for: .reschedule, in: .health).isEmpty, "a calendar action has no key elsewhere")
        for context in KeyContext.allCases {
            for action in Action.allCases {
                for key in Keymap.keys(for: action, in: context) {
                    #expect(Keymap.action(for: key, in: context) == action)
                }
            }
        }
    }

    /// The key grammar (docs/TERMINAL.md): a key that moves around or changes the view in one
    /// context never changes data in another, so a habit from one pane cannot write in the next.
    @Test func noKeyNavigatesInOneContextAndWritesInAnother() {
        let keys = Set(Keymap.bindings.flatMap(\.keys))
        for key in keys {
            let meanings = KeyContext.allCases.compactMap { context in Keymap.action(for: key, in: context).map { (context, $0) } }
            let navigation = meanings.filter { $0.1.navigates }
            let writes = meanings.filter { $0.1.writes }
            #expect(navigation.isEmpty || writes.isEmpty,
                    "\(key) moves in \(navigation.map { "\($0.0): \($0.1)" }) but writes in \(writes.map { "\($0.0): \($0.1)" })")
        }
    }

    @Test func searchIsTheSameKeysInEveryPaneWithAList() {
        for context in [KeyContext.calendar, .health, .performance] {
            #expect(Keymap.action(for: .char("/"), in: context) == .filter)
            #expect(Keymap.action(for: .char("n"), in: context) == .nextMatch)
            #expect(Keymap.action(for: .char("N"), in: context) == .previousMatch)
        }
    }

    @Test func anActionIsEitherAMoveOrAWriteNeverBoth() {
        for action in Action.allCases { #expect(!(action.navigates && action.writes), "\(action)") }
    }

    @Test func modalContextsHaveOnlyTheirOwnKeys() {
        #expect(Keymap.action(for: .char("q"), in: .help) == .back, "q closes the help, it does not quit")
        #expect(Keymap.action(for: .char("1"), in: .dialog) == nil)
        #expect(Keymap.action(for: .char("m"), in: .conflict) == nil, "the month key never keeps mine")
        #expect(Keymap.action(for: .ctrl("s"), in: .conflict) == .keepMine)
        #expect(Keymap.action(for: .char("x"), in: .filterPanel) == nil)
    }

    @Test func theComposersFooterShowsOnlyItsOwnKeys() {
        let hints = Keymap.hints(for: .composer).map(\.key)
        #expect(hints.contains("Ctrl-s"))
        for global in ["?", "q", "c", "/", ":"] { #expect(!hints.contains(global), "\(global) is text in the composer") }
        #expect(Keymap.hints(for: .calendar).map(\.key).contains("?"))
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
        let global = sections.first { $0.title == KeyContext.global.title }
        #expect(global?.rows.contains { $0.action == .open } == false)
        // The calendar's help lists its filter panel's keys; every pane's lists the questions'.
        #expect(Keymap.help(for: .calendar).contains { $0.title == KeyContext.filterPanel.title })
        #expect(sections.contains { $0.title == KeyContext.dialog.title })
    }
}
