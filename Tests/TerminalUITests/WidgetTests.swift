import Testing
@testable import TerminalUI

@Suite struct SelectionStateTests {
    @Test func movingKeepsTheSelectionVisibleWithMinimalScrolling() {
        var state = TableState()
        state.layout(visibleRows: 5, count: 100)
        state.select(next: 1, count: 100)
        #expect(state.selected == 0)
        for _ in 0..<7 { state.select(next: 1, count: 100) }
        #expect(state.selected == 7 && state.offset == 3)
        state.select(next: -2, count: 100)
        #expect(state.offset == 3)   // still visible: no scroll
        state.select(next: -5, count: 100)
        #expect(state.selected == 0 && state.offset == 0)
    }

    @Test func pagesUseTheLastRenderedViewport() {
        var state = TableState(selected: 0)
        state.layout(visibleRows: 10, count: 95)
        state.pageDown(count: 95)
        #expect(state.selected == 10)
        state.pageDown(count: 95, half: true)
        #expect(state.selected == 15)
        state.selectLast(count: 95)
        #expect(state.selected == 94 && state.offset == 85)
        state.pageUp(count: 95)
        #expect(state.selected == 84)
    }

    @Test func shrinkingDataClampsSelectionAndOffset() {
        var state = TableState(selected: 50, offset: 45, viewport: 10)
        state.clamp(count: 3)
        #expect(state.selected == 2)
        state.layout(visibleRows: 10, count: 3)
        #expect(state.offset == 0)
        state.clamp(count: 0)
        #expect(state.selected == nil)
        state.select(next: 1, count: 0)
        #expect(state.selected == nil)
    }

    @Test func tableRenderScrollsToSelectionAndMarksIt() {
        var state = TableState(selected: 30)
        var buffer = Buffer(width: 20, height: 6)
        let rows = (0..<40).map { Table.Row([Span("row \($0)")]) }
        Table(columns: [.init("Name", width: .fill(1))], rows: rows).render(into: &buffer, area: buffer.area, state: &state)
        #expect(state.offset == 26 && state.viewport == 5)
        #expect(buffer.rowText(5).hasPrefix("▶ row 30"))
        #expect(buffer.styleLines()[5].allSatisfy { $0 == "s" })
    }

    @Test func listTruncatesWithEllipsis() {
        var buffer = Buffer(width: 8, height: 2)
        var state = ListState(selected: 1)
        List(["short", "a very long item"]).render(into: &buffer, area: buffer.area, state: &state)
        #expect(buffer.textLines() == ["  short ", "▶ a ver…"])
    }
}

@Suite struct FuzzyMatcherTests {
    @Test func subsequenceIsRequired() {
        #expect(FuzzyMatcher.match("abc", in: "a-b-c") != nil)
        #expect(FuzzyMatcher.match("acb", in: "abc") == nil)
        #expect(FuzzyMatcher.match("abcd", in: "abc") == nil)
        #expect(FuzzyMatcher.match("", in: "anything")?.score == 0)
    }

    @Test func wordStartsAreMatchedAndReported() {
        let m = FuzzyMatcher.match("cp", in: "open command palette")
        #expect(m?.positions == [5, 13])
    }

    @Test func rankingPrefersWordStartsContiguityAndEarlyMatches() {
        let ranked = FuzzyMatcher.rank("rel", ["cancel release", "reload", "prefer all", "r-e-l"]).map(\.index)
        #expect(ranked.first == 1)                          // contiguous at the start
        #expect(ranked.last == 2)                           // scattered inside words
        let heal = FuzzyMatcher.rank("hea", ["show earlier", "health"]).map(\.index)
        #expect(heal == [1, 0])
        let camel = FuzzyMatcher.rank("tf", ["textField", "tariff"]).map(\.index)
        #expect(camel == [0, 1])
    }

    @Test func smartCase() {
        #expect(FuzzyMatcher.match("HE", in: "health") == nil)
        #expect(FuzzyMatcher.match("he", in: "HEALTH") != nil)
    }

    @Test func positionsAlwaysPointAtQueryCharactersInOrder() {
        var rng = SeededRandom(seed: 11)
        let alphabet = Array("abcde -_日")
        for _ in 0..<500 {
            let candidate = String((0..<rng.next(upTo: 15)).map { _ in alphabet[rng.next(upTo: alphabet.count)] })
            let query = String((0..<rng.next(upTo: 4)).map { _ in alphabet[rng.next(upTo: 5)] })
            guard let m = FuzzyMatcher.match(query, in: candidate) else { continue }
            let chars = Array(candidate), q = Array(query.filter { $0 != " " })
            #expect(m.positions.count == q.count)
            #expect(m.positions == m.positions.sorted() && Set(m.positions).count == m.positions.count)
            for (i, p) in m.positions.enumerated() { #expect(chars[p].lowercased() == q[i].lowercased()) }
        }
    }
}

@Suite struct TextInputTests {
    @Test func readlineEditing() {
        var s = TextInputState("hello brave world")
        s.handle(.ctrl("w"))
        #expect(s.text == "hello brave " && s.cursor == 12)
        s.handle(.alt("b"))
        #expect(s.cursor == 6)
        s.handle(.ctrl("k"))
        #expect(s.text == "hello ")
        s.handle(.ctrl("a"))
        s.handle(.char("X"))
        #expect(s.text == "Xhello ")
        s.handle(.alt("f"))
        #expect(s.cursor == 6)
        s.handle(.ctrl("u"))
        #expect(s.text == " " && s.cursor == 0)
        s.handle(.ctrl("e"))
        s.handle(.backspace)
        #expect(s.text.isEmpty)
        #expect(s.handle(.enter) == false)
    }

    @Test func clustersAreSingleSteps() {
        var s = TextInputState("a👨‍👩‍👧‍👦é")
        s.handle(.left)
        s.handle(.backspace)
        #expect(s.text == "aé")
        #expect(s.cursorColumn == 1)
    }

    @Test func pastedTextIsKeptExactlyAndDrawnWithPlaceholders() {
        var s = TextInputState()
        s.handle(.paste("a\u{1B}]52;c;eA==\u{7}b\r\nc\td"))
        #expect(Array(s.text.utf8) == Array("a\u{1B}]52;c;eA==\u{7}b\nc\td".utf8))
        var buffer = Buffer(width: 30, height: 1)
        TextInput(focused: false).render(into: &buffer, area: buffer.area, state: &s)
        #expect(buffer.rowText(0).hasPrefix("a␛]52;c;eA==␇b↵c⇥d"))
        #expect(!Sanitizer.needsSanitizing(buffer.rowText(0)))
    }
}

@Suite struct ParagraphTests {
    @Test func wrapsAtWordsAndBreaksLongWords() {
        let lines = Paragraph("the quick brown fox").wrapped(width: 10).map { $0.map(\.text).joined() }
        #expect(lines == ["the quick", "brown fox"])
        let long = Paragraph("abcdefghij").wrapped(width: 4).map { $0.map(\.text).joined() }
        #expect(long == ["abcd", "efgh", "ij"])
    }

    @Test func wrapsByDisplayWidth() {
        let lines = Paragraph("日本語のテキスト").wrapped(width: 5).map { $0.map(\.text).joined() }
        #expect(lines == ["日本", "語の", "テキ", "スト"])
        for line in lines { #expect(displayWidth(line) <= 5) }
    }

    @Test func newlinesInTextStartNewLines() {
        #expect(Paragraph("a\nb").height(width: 10) == 2)
    }
}

/// Every widget, fed hostile text, drawn into random rects of random buffers: no crash,
/// nothing outside the buffer, and rows stay exactly `width` columns wide.
@Suite struct WidgetFuzzTests {
    @Test func widgetsSurviveRandomSizesAndHostileText() {
        var rng = SeededRandom(seed: 2024)
        let pieces = ["a", "日本", "👨‍👩‍👧‍👦", "🇩🇪", "e\u{301}", "\u{1B}[31m", "\u{1B}]52;c;eA==\u{7}", "\n", "\t", "\u{202E}",
                      "\u{9B}2J", "\u{0}", " ", "word", "\u{200B}", "ｱ", "\u{1B}P", "\u{7F}"]
        func text() -> String { (0..<rng.next(upTo: 8)).map { _ in pieces[rng.next(upTo: pieces.count)] }.joined() }
        for _ in 0..<1500 {
            var buffer = Buffer(width: rng.next(upTo: 30), height: rng.next(upTo: 12))
            let area = Rect(x: rng.next(upTo: 10) - 3, y: rng.next(upTo: 6) - 2, width: rng.next(upTo: 35), height: rng.next(upTo: 14))
                .intersection(buffer.area)
            var table = TableState(selected: rng.next(upTo: 5))
            var list = ListState(selected: rng.next(upTo: 5))
            var input = TextInputState(text())
            switch rng.next(upTo: 12) {
            case 0: Table(columns: [.init(text(), width: .fill(1)), .init(text(), width: .fixed(rng.next(upTo: 8)), alignment: .right)],
                          rows: (0..<rng.next(upTo: 8)).map { _ in Table.Row([Span(text()), Span(text())]) }, sort: (0, .ascending))
                .render(into: &buffer, area: area, state: &table)
            case 1: List((0..<rng.next(upTo: 8)).map { _ in text() }).render(into: &buffer, area: area, state: &list)
            case 2: Tabs((0..<rng.next(upTo: 5)).map { _ in text() }, selected: rng.next(upTo: 5)).render(into: &buffer, area: area)
            case 3: StatusBar(message: [Span(text())], hints: [KeyHint(text(), text())], right: [Span(text())]).render(into: &buffer, area: area)
            case 4: Block(title: text(), symbols: rng.next(upTo: 2) == 0 ? .ascii : .unicode).render(into: &buffer, area: area)
            case 5: Dialog.confirm(text(), message: text()).render(into: &buffer, area: area)
            case 6: TextInput(prompt: text(), placeholder: text()).render(into: &buffer, area: area, state: &input)
            case 7: HelpOverlay(sections: [.init(text(), rows: [(text(), text())])], scroll: rng.next(upTo: 4)).render(into: &buffer, area: area)
            case 8: CommandPalette(items: [PaletteItem(text(), hint: text())]).render(into: &buffer, area: area, query: &input, state: &list)
            case 9: Sparkline((0..<rng.next(upTo: 40)).map { _ in Double(rng.next(upTo: 100)) - 10 }).render(into: &buffer, area: area)
            case 10: BarChart([.init(text(), value: Double(rng.next(upTo: 50)) - 5), .init(text(), value: .nan)]).render(into: &buffer, area: area)
            default: TooSmall.render(into: &buffer, area: area, needs: (80, 24))
            }
            for y in 0..<buffer.height {
                #expect(displayWidth(buffer.rowText(y)) == buffer.width)
                #expect(!Sanitizer.needsSanitizing(buffer.rowText(y)))
            }
            if let cursor = buffer.cursor { #expect(buffer.area.contains(x: cursor.x, y: cursor.y)) }
        }
    }
}
