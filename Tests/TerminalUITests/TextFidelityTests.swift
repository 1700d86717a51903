import Testing
@testable import TerminalUI

/// Editors keep text byte for byte; only drawing replaces what a terminal must not see.
@Suite struct TextFidelityTests {
    /// Every C0, DEL, C1, escape sequences, bidi controls, joiners, BOM, CR LF, tabs.
    static let hostile: [String] = {
        var pieces = (0x00...0x1F).map { String(Unicode.Scalar(UInt8($0))) } + ["\u{7F}"]
        pieces += (0x80...0x9F).map { String(Unicode.Scalar($0)!) }
        pieces += ["\u{1B}[2J", "\u{1B}]52;c;aGk=\u{7}", "\u{1B}]0;title\u{1B}\\", "\u{1B}c", "\u{9B}31m", "\u{1B}[?1000h"]
        pieces += (0x202A...0x202E).map { String(Unicode.Scalar($0)!) } + (0x2066...0x2069).map { String(Unicode.Scalar($0)!) }
        pieces += ["\u{200E}", "\u{200F}", "\u{200D}", "\u{200C}", "\u{FEFF}", "\u{FE0F}", "\u{2028}", "\u{2029}",
                   "\r\n", "\r", "\n", "\t", "a\u{200D}", "\u{301}", "👨🏿‍⚕️", "🇬🇧", "✍️ 追加", "🛍️", "e\u{301}"]
        return pieces
    }()

    static let joined = "x" + hostile.joined(separator: "y") + "z"

    @Test func theEditorsReturnTheTextTheyWereGivenByteForByte() {
        for text in Self.hostile + [Self.joined] {
            #expect(Array(TextAreaState(text).text.utf8) == Array(text.utf8))
            #expect(Array(TextInputState(text).text.utf8) == Array(text.utf8))
            var area = TextAreaState("old")
            area.setText(text)
            #expect(Array(area.text.utf8) == Array(text.utf8))
            var input = TextInputState("old")
            input.set(text)
            #expect(Array(input.text.utf8) == Array(text.utf8))
        }
    }

    @Test func typedAndPastedTextIsKeptExceptThatAPastesCarriageReturnsAreLineBreaks() {
        var typed = TextAreaState()
        for character in Self.joined { typed.handle(character == "\n" ? .enter : .char(character)) }
        #expect(Array(typed.text.utf8) == Array(Self.joined.utf8))

        var pasted = TextAreaState("a")
        pasted.handle(.paste("1\r2\r\n3\n4\t\u{1B}[1m\u{200D}"))
        #expect(Array(pasted.text.utf8) == Array("a1\n2\n3\n4\t\u{1B}[1m\u{200D}".utf8))
        var line = TextInputState()
        line.handle(.paste("p\rq\u{7}"))
        #expect(Array(line.text.utf8) == Array("p\nq\u{7}".utf8))
        var enter = TextAreaState("a\r")
        enter.handle(.enter)
        #expect(Array(enter.text.utf8) == Array("a\r\n".utf8))
    }

    @Test func randomEditsKeepTheClustersInStepWithTheTextAndUndoRestoresEveryByte() {
        var rng = SeededRandom(seed: 11)
        let typable = Array(Self.joined)
        var state = TextAreaState("start", wrapWidth: 7, pageHeight: 3)
        var history: [[UInt8]] = []
        let keys: [Key] = [.backspace, .delete, .left, .right, .up, .down, .home, .end, .ctrl("k"), .ctrl("w"),
                           .alt("d"), .ctrl("y"), .pageDown, .alt("<"), .alt(">"), .alt("b"), .alt("f"), .ctrl("_"), .alt("r")]
        for step in 0..<1500 {
            let before = Array(state.text.utf8)
            switch rng.next(upTo: 4) {
            case 0: state.handle(.paste(Self.hostile[rng.next(upTo: Self.hostile.count)]))
            case 1: state.handle(.char(typable[rng.next(upTo: typable.count)]))
            case 2: state.handle(.enter)
            default: state.handle(keys[rng.next(upTo: keys.count)])
            }
            if Array(state.text.utf8) != before { history.append(before) }
            #expect(state.count == state.text.count, "step \(step)")
            #expect(state.cursor >= 0 && state.cursor <= state.count)
            let rows = state.rows()
            #expect(rows == TextAreaState(state.text, wrapWidth: 7).rows(), "step \(step)")
            for row in rows { #expect(state.column(of: row.end, in: row) <= 8) }
        }
        // Undo walks back through every distinct text (runs of typing are one step).
        var seen = Set(history)
        while state.canUndo {
            state.undo()
            #expect(seen.contains(Array(state.text.utf8)) || Array(state.text.utf8) == Array("start".utf8))
            seen.insert(Array(state.text.utf8))
        }
    }

    @Test func drawingShowsPlaceholdersOnlyAndNothingATerminalWouldObey() {
        var buffer = Buffer(width: 40, height: 60)
        var state = TextAreaState(Self.joined)
        state.setCursor(0)
        TextArea().render(into: &buffer, area: buffer.area, state: &state)
        let screen = buffer.textLines().joined(separator: "\n")
        for line in buffer.textLines() { #expect(!Sanitizer.needsSanitizing(line), "\(line)") }
        for placeholder in ["␀", "␛", "␇", "␍", "⇥", "␡", "�", "👨🏿‍⚕️", "🇬🇧", "✍️ 追加"] {
            #expect(screen.contains(placeholder), "\(placeholder)")
        }
        var input = TextInputState(Self.joined)
        var line = Buffer(width: 400, height: 1)
        TextInput(focused: false).render(into: &line, area: line.area, state: &input)
        #expect(!Sanitizer.needsSanitizing(line.rowText(0)))
    }

    @Test func theCursorStepsOverEachControlAsOneUnitOfOneColumn() {
        var state = TextAreaState("a\u{1B}[1m\tb\u{200F}c", wrapWidth: 40)
        state.setCursor(0)
        var columns: [Int] = []
        for _ in 0..<9 { state.handle(.right); columns.append(state.cursorPosition.column) }
        // a ␛ [ 1 m ⇥ b � c
        #expect(columns == [1, 2, 3, 4, 5, 6, 7, 8, 9])
        #expect(state.cursor == 9)
    }

    @Test func crLfEndsALineAndShowsItsCarriageReturnWhileALoneCrIsAVisibleCharacter() {
        var state = TextAreaState("ab\r\ncd\re\nf", wrapWidth: 20)
        #expect(state.rows().count == 3)
        state.setCursor(0)
        state.handle(.end)
        #expect(state.cursor == 2 && state.cursorPosition == (0, 2))
        state.handle(.right)
        #expect(state.cursorPosition == (1, 0))
        state.handle(.end)
        #expect(state.cursorPosition == (1, 4))       // c d ␍ e
        var buffer = Buffer(width: 10, height: 3)
        TextArea(focused: false).render(into: &buffer, area: buffer.area, state: &state)
        #expect(buffer.textLines() == ["ab␍       ", "cd␍e      ", "f         "])
        state.setCursor(2)
        state.handle(.delete)
        #expect(Array(state.text.utf8) == Array("abcd\re\nf".utf8))
    }

    @Test func aWholeClusterIsOneCellWithItsWidth() {
        var buffer = Buffer(width: 12, height: 1)
        buffer.put("🇬🇧👨🏿‍⚕️✍️ 追", x: 0, y: 0, style: .plain)
        #expect(buffer[0, 0].text == "🇬🇧" && buffer[0, 0].width == 2 && buffer[1, 0].isContinuation)
        #expect(buffer[2, 0].text == "👨🏿‍⚕️" && buffer[2, 0].width == 2)
        #expect(buffer[4, 0].text == "✍️" && buffer[4, 0].width == 2)
        #expect(buffer.rowText(0) == "🇬🇧👨🏿‍⚕️✍️ 追   ")
    }

    @Test func strayJoinersAndSelectorsNeverReachACell() {
        var buffer = Buffer(width: 12, height: 1)
        buffer.put("a\u{200D}😀\u{FE0F}x\u{FE0F}\u{200B}\u{301}", x: 0, y: 0, style: .plain)
        #expect(buffer.rowText(0) == "a�😀\u{FE0F}x��\u{25CC}\u{301}    ")
        for x in 0..<12 {
            let scalars = buffer[x, 0].text.unicodeScalars
            #expect(!scalars.contains("\u{200D}") && !scalars.contains("\u{200B}"))
        }
        var lone = Buffer(width: 4, height: 1)
        lone.put("\u{301}a", x: 0, y: 0, style: .plain)
        #expect(lone.rowText(0) == "\u{25CC}\u{301}a  ")
    }

    @Test func cutTextEndsWithAnEllipsisAndFootersDropWholeHints() {
        var buffer = Buffer(width: 24, height: 2)
        buffer.put("filter: lumen dental", x: 0, y: 0, style: .plain, maxWidth: 12)
        #expect(buffer.rowText(0).hasPrefix("filter: lum…"))
        StatusBar(hints: [KeyHint("Enter", "open"), KeyHint("c", "client"), KeyHint("q", "quit")])
            .render(into: &buffer, area: Rect(x: 0, y: 1, width: 24, height: 1))
        #expect(buffer.rowText(1) == " Enter open  c client  …")
        #expect(AsciiFallback.map("…") == "~")
    }
}
