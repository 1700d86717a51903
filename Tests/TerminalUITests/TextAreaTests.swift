import Testing
@testable import TerminalUI

@Suite struct TextAreaStateTests {
    private func typed(_ text: String, width: Int = 20) -> TextAreaState {
        var state = TextAreaState("", wrapWidth: width, pageHeight: 5)
        for c in text { state.handle(c == "\n" ? .enter : .char(c)) }
        return state
    }

    @Test func typingAndEnterBuildLinesAndTheCursorFollows() {
        let state = typed("ab\ncd")
        #expect(state.text == "ab\ncd")
        #expect(state.cursor == 5)
        #expect(state.cursorPosition.row == 1 && state.cursorPosition.column == 2)
    }

    @Test func theCursorStepsOverWholeGraphemeClusters() {
        let family = "👨‍👩‍👧‍👦", thumb = "👍🏽", accented = "e\u{301}", flag = "🇯🇵"
        var state = TextAreaState("a\(family)\(thumb)\(accented)\(flag)漢")
        #expect(state.characters.count == 6)
        state.handle(.left)
        #expect(state.cursorPosition.column == 1 + 2 + 2 + 1 + 2)
        state.handle(.left)
        #expect(state.cursorPosition.column == 1 + 2 + 2 + 1)
        state.handle(.left)
        #expect(state.cursorPosition.column == 1 + 2 + 2)
        state.handle(.backspace)
        #expect(state.text == "a\(family)\(accented)\(flag)漢")
        state.handle(.left)
        #expect(state.cursorPosition.column == 1)
    }

    @Test func combiningMarksTakeNoColumnOfTheirOwn() {
        let state = TextAreaState("Cafe\u{301} ok")
        #expect(state.cursorPosition.column == 7)
    }

    @Test func longLinesWrapAtTheLastSpaceByDisplayWidth() {
        let state = TextAreaState("hello world again", wrapWidth: 10)
        let rows = state.rows().map { String(state.characters[$0.start..<$0.end]) }
        #expect(rows == ["hello ", "world ", "again"])
    }

    @Test func wideCharactersThatDoNotFitStartTheNextRow() {
        let state = TextAreaState("ab漢字かな", wrapWidth: 5)
        let rows = state.rows().map { String(state.characters[$0.start..<$0.end]) }
        #expect(rows == ["ab漢", "字か", "な"])
        for row in state.rows() { #expect(state.column(of: row.end, in: row) <= 5) }
    }

    @Test func aWordLongerThanTheRowIsCutBetweenClusters() {
        let state = TextAreaState("abcdefghij", wrapWidth: 4)
        #expect(state.rows().map { $0.end - $0.start } == [4, 4, 2])
    }

    @Test func atASoftBreakTheCursorShowsAtTheStartOfTheNextRow() {
        var state = TextAreaState("hello world", wrapWidth: 8)
        state.setCursor(6)
        #expect(state.cursorPosition.row == 1 && state.cursorPosition.column == 0)
    }

    @Test func upAndDownMoveByWrappedRowsAndKeepTheGoalColumn() {
        var state = TextAreaState("abcdefgh\nab\nabcdefgh", wrapWidth: 20)
        state.setCursor(6)                // line 0, column 6
        state.handle(.down)
        #expect(state.cursorPosition.row == 1 && state.cursorPosition.column == 2)
        state.handle(.down)
        #expect(state.cursorPosition.row == 2 && state.cursorPosition.column == 6)
        state.handle(.down)
        #expect(state.cursor == state.characters.count)
        state.handle(.up)
        state.handle(.up)
        #expect(state.cursorPosition.row == 0)
        state.handle(.up)
        #expect(state.cursor == 0)
    }

    @Test func downLandsOnTheColumnOfAWideCharacterWithoutSplittingIt() {
        var state = TextAreaState("abcd\n漢字", wrapWidth: 20)
        state.setCursor(3)                // column 3
        state.handle(.down)
        #expect(state.cursorPosition.column == 2)   // before 字, not inside it
    }

    @Test func pageDownMovesAPageOfRows() {
        var state = TextAreaState((0..<30).map { "line \($0)" }.joined(separator: "\n"), wrapWidth: 20, pageHeight: 10)
        state.setCursor(0)
        state.handle(.pageDown)
        #expect(state.cursorPosition.row == 10)
        #expect(state.scroll == 1)
        state.handle(.pageUp)
        #expect(state.cursorPosition.row == 0 && state.scroll == 0)
    }

    @Test func readlineKeysWorkOnTheCurrentLine() {
        var state = TextAreaState("one two three\nsecond")
        state.setCursor(7)                // after "two"
        state.handle(.ctrl("a"))
        #expect(state.cursor == 0)
        state.handle(.ctrl("e"))
        #expect(state.cursor == 13)
        state.handle(.alt("b"))
        #expect(state.cursor == 8)
        state.handle(.alt("b"))
        #expect(state.cursor == 4)
        state.handle(.alt("f"))
        #expect(state.cursor == 7)
        state.handle(.ctrl("k"))
        #expect(state.text == "one two\nsecond")
        state.handle(.ctrl("k"))          // at the end of the line: joins the next
        #expect(state.text == "one twosecond")
        state.handle(.ctrl("w"))
        #expect(state.text == "one second")
        state.handle(.ctrl("u"))
        #expect(state.text == "second" && state.cursor == 0)
        state.handle(.ctrl("y"))
        #expect(state.text == "one second")
    }

    @Test func undoRevertsATypedWordAtOnceAndRedoBringsItBack() {
        var state = typed("hello world")
        state.handle(.ctrl("_"))
        #expect(state.text == "hello ")
        state.handle(.ctrl("_"))
        #expect(state.text == "hello")
        state.handle(.alt("r"))
        #expect(state.text == "hello ")
        state.handle(.char("x"))
        #expect(!state.canRedo)
        state.handle(.alt("u"))
        #expect(state.text == "hello ")
    }

    @Test func aLargePasteIsInsertedAsOneUndoStepWithLineBreaksNormalized() {
        var state = TextAreaState("start ")
        let big = String(repeating: "Zeile mit Emoji 🎉 und 漢字\r\n", count: 20_000)
        state.handle(.paste(big))
        #expect(state.characters.count == 6 + 20_000 * 25)
        #expect(!state.text.contains("\r"))
        #expect(state.cursorPosition.row == 20_000)
        state.handle(.ctrl("_"))
        #expect(state.text == "start ")
    }

    @Test func pastedControlCharactersAndEscapesAreKeptExactly() {
        var state = TextAreaState()
        state.handle(.paste("a\u{1B}[31mred\tb\u{7}"))
        #expect(Array(state.text.utf8) == Array("a\u{1B}[31mred\tb\u{7}".utf8))
    }

    @Test func unknownKeysAreLeftToTheCaller() {
        var state = TextAreaState("x")
        let handled = [Key.tab, .escape, .ctrl("s")].map { state.handle($0) }
        #expect(handled == [false, false, false])
    }
}

@Suite struct TextAreaRenderTests {
    @Test func drawsWrappedRowsAndPutsTheCursorAfterAWideCharacter() {
        var buffer = Buffer(width: 8, height: 3)
        var state = TextAreaState("ab 漢字 cd\n👍🏽x")
        TextArea().render(into: &buffer, area: buffer.area, state: &state)
        #expect(buffer.rowText(0).hasPrefix("ab 漢字"))
        #expect(buffer.rowText(1).hasPrefix("cd"))
        #expect(buffer.rowText(2).hasPrefix("👍🏽x"))
        #expect(buffer.cursor == Point(x: 3, y: 2))
    }

    @Test func scrollsToKeepTheCursorInView() {
        var buffer = Buffer(width: 10, height: 2)
        var state = TextAreaState("1\n2\n3\n4")
        TextArea().render(into: &buffer, area: buffer.area, state: &state)
        #expect(buffer.rowText(0).hasPrefix("3") && buffer.rowText(1).hasPrefix("4"))
        #expect(buffer.cursor == Point(x: 1, y: 1))
    }

    @Test func showsThePlaceholderWhenEmpty() {
        var buffer = Buffer(width: 20, height: 2)
        var state = TextAreaState()
        TextArea(placeholder: "Write the post").render(into: &buffer, area: buffer.area, state: &state)
        #expect(buffer.rowText(0).hasPrefix("Write the post"))
    }
}
