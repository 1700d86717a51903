import Testing
@testable import TerminalUI

/// Hostile strings must never keep a control character, and every replaced part must
/// leave a visible trace.
@Suite struct SanitizerTests {
    static let esc = "\u{1B}"

    /// True when no scalar of `s` could drive a terminal.
    func isInert(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy { scalar in
            let v = scalar.value
            return v >= 0x20 && !(0x7F...0x9F).contains(v) && !(0x202A...0x202E).contains(v)
                && !(0x2066...0x2069).contains(v) && v != 0x200E && v != 0x200F && v != 0x061C
                && v != 0x2028 && v != 0x2029
        }
    }

    @Test func plainTextIsUntouched() {
        for s in ["hello", "日本語 👍🏽 café", "", "a\u{301}"] {
            #expect(Sanitizer.singleLine(s) == s)
            #expect(Sanitizer.multiLine(s) == [s])
        }
    }

    @Test func osc52ClipboardWriteBecomesOnePlaceholder() {
        let hostile = "user\(Self.esc)]52;c;ZWNobyBwd25lZA==\u{07}name"
        let clean = Sanitizer.singleLine(hostile)
        #expect(clean == "user␛…name")
        let st = "x\(Self.esc)]52;c;aGk=\(Self.esc)\\y"
        #expect(Sanitizer.singleLine(st) == "x␛…y")
    }

    @Test func osc8HyperlinkKeepsItsVisibleText() {
        let link = "\(Self.esc)]8;;https://evil.example\(Self.esc)\\click\(Self.esc)]8;;\(Self.esc)\\"
        #expect(Sanitizer.singleLine(link) == "␛…click␛…")
    }

    @Test func csiSequencesAreReplacedWhole() {
        #expect(Sanitizer.singleLine("a\(Self.esc)[31;1mred\(Self.esc)[0m") == "a␛…red␛…")
        #expect(Sanitizer.singleLine("\(Self.esc)[2J\(Self.esc)[H") == "␛…␛…")
        #expect(Sanitizer.singleLine("\(Self.esc)[?1049h") == "␛…")
        // An unfinished CSI ends at the first byte that cannot belong to it.
        #expect(Sanitizer.singleLine("\(Self.esc)[12日") == "␛…日")
    }

    @Test func dcsApcPmSosRunToStringTerminator() {
        for intro in ["P", "_", "^", "X"] {
            let s = "a\(Self.esc)\(intro)payload;with[stuff\(Self.esc)\\b"
            #expect(Sanitizer.singleLine(s) == "a␛…b", "\(intro)")
        }
        // Unterminated: swallowed to the end, as a terminal would.
        #expect(Sanitizer.singleLine("a\(Self.esc)Pqqq") == "a␛…")
    }

    @Test func eightBitControlsAreReplaced() {
        #expect(Sanitizer.singleLine("a\u{9B}31mb") == "a␛…b")
        #expect(Sanitizer.singleLine("a\u{9D}52;c;eA==\u{07}b") == "a␛…b")
        #expect(Sanitizer.singleLine("a\u{90}x\u{9C}b") == "a␛…b")
        #expect(Sanitizer.singleLine("a\u{85}b\u{80}") == "a�b�")
    }

    @Test func c0ControlsAndDeleteBecomeControlPictures() {
        #expect(Sanitizer.singleLine("a\u{0}b\u{7}c\u{8}d\u{7F}") == "a␀b␇c␈d␡")
        #expect(Sanitizer.singleLine("a\rb") == "a␍b")
        #expect(Sanitizer.singleLine("\(Self.esc)") == "␛")
        #expect(Sanitizer.singleLine("\(Self.esc)7\(Self.esc)c\(Self.esc)(B") == "␛…␛…␛…")
    }

    @Test func bidiOverridesAndIsolatesAreVisible() {
        let trojan = "access\u{202E}txt.exe\u{202C} \u{2066}x\u{2069}\u{200F}\u{061C}"
        let clean = Sanitizer.singleLine(trojan)
        #expect(clean == "access�txt.exe� �x���")
        #expect(isInert(clean))
    }

    @Test func singleLineShowsNewlinesAndTabs() {
        #expect(Sanitizer.singleLine("a\nb\tc\r\nd") == "a↵b⇥c↵d")
        #expect(Sanitizer.singleLine("a\u{2028}b") == "a↵b")
    }

    @Test func multiLineSplitsLinesAndExpandsTabs() {
        #expect(Sanitizer.multiLine("one\ntwo\r\nthree") == ["one", "two", "three"])
        #expect(Sanitizer.multiLine("a\tb") == ["a       b"])
        #expect(Sanitizer.multiLine("日本\tx") == ["日本    x"])
        #expect(Sanitizer.multiLine("\n") == ["", ""])
        #expect(Sanitizer.multiLine("x\(Self.esc)[1mbold") == ["x␛…bold"])
    }

    @Test func asciiPlaceholdersUseCaretNotation() {
        let p = Sanitizer.Placeholders.ascii
        #expect(Sanitizer.singleLine("a\u{1}b\n\(Self.esc)[0m\u{7F}\u{202E}", placeholders: p) == "a^Ab^J^[...^??")
        #expect(Sanitizer.singleLine("x\(Self.esc)", placeholders: p).unicodeScalars.allSatisfy { $0.isASCII })
    }

    @Test func aJoinerThatJoinsNothingIsShownAndOneThatJoinsIsKept() {
        #expect(Sanitizer.singleLine("a\u{200D}👍") == "a�👍", "after a letter it would glue the emoji to the letter's cell")
        #expect(Sanitizer.singleLine("\u{200D}x") == "�x")
        #expect(Sanitizer.singleLine("x\u{200D}") == "x�")
        #expect(Sanitizer.singleLine("a \u{200D}\u{200D} b") == "a �� b")
        for kept in ["👩‍💻", "👨‍👩‍👧", "🏳️‍🌈", "👩🏽‍🚀", "ශ්‍රී ලංකා", "क्‍ष"] {
            #expect(Sanitizer.singleLine(kept) == kept, "\(kept)")
            #expect(!Sanitizer.needsSanitizing(kept), "\(kept)")
        }
    }

    @Test func combiningMarksStackedBeyondWhatACellHoldsAreCut() {
        let zalgo = "Z" + String(repeating: "\u{0336}\u{0317}", count: 20) + "a"
        let clean = Sanitizer.singleLine(zalgo)
        #expect(clean == "Z" + String(repeating: "\u{0336}\u{0317}", count: 3) + "�a")
        #expect(clean.unicodeScalars.filter { $0.properties.generalCategory == .nonspacingMark }.count == Sanitizer.maxCombiningMarks)
        for kept in ["ễ", "שָׁלוֹם", "སྐྱེ", "e\u{301}\u{302}\u{303}"] {
            #expect(Sanitizer.singleLine(kept) == kept, "\(kept)")
        }
    }

    @Test func theFastCheckAgreesWithTheSanitizer() {
        var rng = SeededRandom(seed: 7)
        let pieces = ["a", " ", "👍", "🏽", "\u{FE0F}", "\u{200D}", "\u{301}", "\u{DCA}", "ර", "\u{1B}", "\u{202E}", "日", "\n"]
        for _ in 0..<5000 {
            let s = (0..<rng.next(upTo: 12)).map { _ in pieces[rng.next(upTo: pieces.count)] }.joined()
            #expect(Sanitizer.needsSanitizing(s) == (Sanitizer.singleLine(s) != s), "\(s.unicodeScalars.map { $0.value })")
        }
    }

    @Test func randomHostileStringsAlwaysComeOutInert() {
        var rng = SeededRandom(seed: 42)
        let pieces: [String] = ["\u{1B}", "[", "]", "P", "\\", "\u{07}", "\u{9B}", "\u{9C}", "\u{9D}", "\u{202E}",
                                "\u{2066}", "\n", "\t", "\r", "\u{0}", "\u{7F}", "a", "日", "👍🏽", "\u{301}",
                                "52;c;", "8;;http://x", ";", "m", "\u{85}", "\u{200D}"]
        for _ in 0..<3000 {
            let s = (0..<rng.next(upTo: 20)).map { _ in pieces[rng.next(upTo: pieces.count)] }.joined()
            let single = Sanitizer.singleLine(s)
            #expect(isInert(single), "\(s.unicodeScalars.map { $0.value })")
            for line in Sanitizer.multiLine(s) { #expect(isInert(line)) }
        }
    }
}

/// A tiny deterministic generator (SplitMix64) so fuzz tests are reproducible.
struct SeededRandom {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func nextUInt64() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (0 when bound is 0).
    mutating func next(upTo bound: Int) -> Int {
        bound <= 0 ? 0 : Int(nextUInt64() % UInt64(bound))
    }
}

/// Joiners and marks arrive one key at a time: what is kept is never judged without the
/// next character (drawing judges it, in full context).
@Suite struct TypedJoinerTests {
    @Test func anEmojiSequenceTypedScalarByScalarIsKeptWhole() {
        var area = TextAreaState()
        var input = TextInputState()
        for scalar in "👩🏽‍🍳 and a\u{301}".unicodeScalars {
            _ = area.handle(.char(Character(scalar)))
            _ = input.handle(.char(Character(scalar)))
        }
        #expect(area.text == "👩🏽‍🍳 and a\u{301}")
        #expect(input.text == "👩🏽‍🍳 and a\u{301}")
        #expect(Sanitizer.singleLine("x\u{200D}") == "x�", "drawn text shows a stray one")
    }
}
