import Testing
@testable import TerminalUI

@Suite struct BufferTests {
    @Test func putWritesAndReportsColumns() {
        var b = Buffer(width: 6, height: 1)
        #expect(b.put("ab日", x: 1, y: 0, style: .plain) == 4)
        #expect(b.rowText(0) == " ab日 ")
        #expect(b[3, 0].text == "日" && b[4, 0].isContinuation)
    }

    @Test func wideCharacterNeverStraddlesTheRightEdge() {
        var b = Buffer(width: 3, height: 1)
        b.put("a日", x: 0, y: 0, style: .plain)
        #expect(b.rowText(0) == "a日")
        var c = Buffer(width: 3, height: 1)
        #expect(c.put("ab日", x: 0, y: 0, style: Style(.error)) == 3)
        #expect(c.rowText(0) == "ab…")
        #expect(c[2, 0].style.role == .error)
    }

    @Test func wideCharacterNeverStraddlesMaxWidth() {
        var b = Buffer(width: 6, height: 1)
        b.fill(b.area, with: Cell(text: "x"))
        #expect(b.put("日本", x: 0, y: 0, style: .plain, maxWidth: 3) == 3)
        #expect(b.rowText(0) == "日…xxx")
    }

    @Test func wideCharacterCutAtTheLeftEdgeLeavesASpace() {
        var b = Buffer(width: 4, height: 1)
        b.fill(b.area, with: Cell(text: "x"))
        b.put("日本", x: -1, y: 0, style: .plain)
        #expect(b.rowText(0) == " 本x")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var b = Buffer(width: 4, height: 1)
        b.put("日本", x: 0, y: 0, style: .plain)
        b.put("x", x: 1, y: 0, style: .plain)
        #expect(b.rowText(0) == " x本")
        b.put("y", x: 2, y: 0, style: .plain)
        #expect(b.rowText(0) == " xy ")
        b[0, 0] = Cell(text: "中")
        #expect(b.rowText(0) == "中y ")
    }

    @Test func writesOutsideAreClippedSilently() {
        var b = Buffer(width: 2, height: 2)
        b.put("hello", x: -10, y: 0, style: .plain)
        b.put("hello", x: 5, y: 1, style: .plain)
        b.put("hello", x: 0, y: 7, style: .plain)
        b.put("hello", x: 0, y: -1, style: .plain)
        b.fill(Rect(x: -3, y: -3, width: 4, height: 4), style: Style(.error))
        #expect(b.textLines() == ["  ", "  "])
        #expect(b.styleLines() == ["e.", ".."])
        var empty = Buffer(width: 0, height: 0)
        empty.put("x", x: 0, y: 0, style: .plain)
        empty.fill(Rect(width: 3, height: 3), style: .plain)
        #expect(empty.textLines().isEmpty)
        #expect(empty[0, 0] == .blank)
    }

    @Test func controlCharactersNeverReachACell() {
        var b = Buffer(width: 10, height: 1)
        b.put("a\u{1B}[2Jb", x: 0, y: 0, style: .plain)
        #expect(b.rowText(0) == "a␛…b      ")
        b[9, 0] = Cell(text: "\u{7}")
        #expect(b[9, 0].text == "�")
    }

    @Test func placeholdersGetThePlaceholderRole() {
        var b = Buffer(width: 8, height: 1)
        b.put("a\u{1B}[0mb\u{7}", x: 0, y: 0, style: Style(.error))
        #expect(b.rowText(0) == "a␛…b␇   ")
        #expect(b.styleLines() == ["e??e?..."])
    }

    @Test func styleAndAttributeLayersFollowTheLegend() {
        var b = Buffer(width: 4, height: 1)
        b.put("日", x: 0, y: 0, style: Style(.error).bold())
        b.put("x", x: 2, y: 0, style: Style(.muted).underline().reverse())
        #expect(b.styleLines() == ["eem."])
        #expect(b.attributeLines() == ["116."])
    }

    @Test func aCropKeepsTheCellsOfItsRectAndMovesTheCursorWithThem() {
        var b = Buffer(width: 6, height: 3)
        b.put("header", x: 0, y: 0, style: Style(.title))
        b.put("a日b", x: 0, y: 1, style: Style(.error).bold())
        b.put("footer", x: 0, y: 2, style: Style(.statusBar))
        b.cursor = Point(x: 3, y: 1)
        let rows = b.cropped(to: Rect(x: 0, y: 1, width: 6, height: 1))
        #expect(rows.textLines() == ["a日b  "])
        #expect(rows.styleLines() == ["eeee.."])
        #expect(rows.attributeLines() == ["1111.."])
        #expect(rows.cursor == Point(x: 3, y: 0))
        // A wide cluster cut by a side becomes blanks; a cursor outside is dropped.
        let cut = b.cropped(to: Rect(x: 2, y: 1, width: 3, height: 1))
        #expect(cut.textLines() == [" b "])
        #expect(b.cropped(to: Rect(x: 0, y: 1, width: 2, height: 1)).textLines() == ["a "])
        #expect(b.cropped(to: Rect(x: 0, y: 2, width: 6, height: 1)).cursor == nil)
    }

    @Test func everyWidgetRoleFallsBackToText() {
        let catalog = RoleCatalog.widgets
        for role in catalog.roles {
            var current: Role? = role, steps = 0
            while let r = current, r != .text, steps < 10 { current = catalog.parent(of: r); steps += 1 }
            #expect(current == .text, "\(role)")
        }
    }

    @Test func aProgramsOwnRoleIsNamedInThemesAndFallsBackToItsParent() throws {
        let overdue = Role("task.overdue", legend: "O", parent: .error)
        let catalog = RoleCatalog.widgets.adding([overdue])
        #expect(catalog.role(named: "task.overdue") == overdue)
        #expect(catalog.parent(of: overdue) == .error)
        let file = try ThemeParser.parse("[roles]\nerror = { fg = \"red\", bold = true }\n", file: "t", catalog: catalog)
        let theme = try ThemeParser.resolve([file], name: "t")
        #expect(theme.style(for: overdue) == theme.style(for: .error))
        var b = Buffer(width: 2, height: 1)
        b.put("!", x: 0, y: 0, style: Style(overdue))
        #expect(b.styleLines() == ["O."])
        #expect(throws: ThemeError.self) { try ThemeParser.parse("[roles]\n\"task.overdue\" = \"red\"\n", file: "t", catalog: .widgets) }
    }

    @Test func randomHostileTextIntoRandomRectsNeverCrashes() {
        var rng = SeededRandom(seed: 99)
        let pieces = ["a", "日", "👨‍👩‍👧‍👦", "🇩🇪", "e\u{301}", "\u{1B}[31m", "\u{1B}]52;c;x\u{7}", "\n", "\t",
                      "\u{202E}", "\u{9B}", "\u{0}", " ", "\u{200B}", "\u{301}", "ｱ"]
        for _ in 0..<2000 {
            var b = Buffer(width: rng.next(upTo: 12), height: rng.next(upTo: 4))
            let text = (0..<rng.next(upTo: 12)).map { _ in pieces[rng.next(upTo: pieces.count)] }.joined()
            let x = rng.next(upTo: 20) - 6, y = rng.next(upTo: 6) - 1
            let used = b.put(text, x: x, y: y, style: .plain, maxWidth: rng.next(upTo: 3) == 0 ? nil : rng.next(upTo: 8))
            #expect(used >= 0)
            for row in 0..<b.height {
                // Each row is exactly `width` columns: wide cells are always followed by their continuation.
                #expect(displayWidth(b.rowText(row)) == b.width, "\(text.unicodeScalars.map(\.value)) at \(x)")
                for col in 0..<b.width where b[col, row].isContinuation {
                    #expect(col > 0 && displayWidth(b[col - 1, row].text) == 2)
                }
            }
        }
    }
}

@Suite struct KeyTests {
    @Test(arguments: [
        (Key.ctrl("u"), "Ctrl-u"), (.backTab, "Shift-Tab"), (.enter, "Enter"), (.char("?"), "?"),
        (.char(" "), "Space"), (.alt("b"), "Alt-b"), (.function(5), "F5"), (.escape, "Esc"),
        (.pageDown, "PgDn"), (.char("G"), "G"),
    ])
    func descriptionAndParsingRoundTrip(key: Key, name: String) {
        #expect(key.description == name)
        #expect(Key(parsing: name) == key)
    }

    @Test func parsingAcceptsCommonSpellings() {
        #expect(Key(parsing: "Ctrl-D") == .ctrl("d"))
        #expect(Key(parsing: "C-x") == .ctrl("x"))
        #expect(Key(parsing: "M-f") == .alt("f"))
        #expect(Key(parsing: "return") == .enter)
        #expect(Key(parsing: "escape") == .escape)
        #expect(Key(parsing: "Ctrl-Space") == .ctrl(" "))
        #expect(Key(parsing: "Ctrl-") == nil)
        #expect(Key(parsing: "Hyper-x") == nil)
        #expect(Key(parsing: "F99") == nil)
    }
}
