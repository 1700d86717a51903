import Testing
@testable import TerminalUI

@Suite struct TextWidthTests {
    @Test(arguments: [
        ("abc", 3), ("", 0), ("日本語", 6), ("ｱ", 1), ("Ａ", 2), ("한국", 4),
        ("👍", 2), ("👍🏽", 2), ("👨‍👩‍👧‍👦", 2), ("🇩🇪", 2), ("🇩🇪🇫🇷", 4), ("❤️", 2), ("❤", 1),
        ("1️⃣", 2), ("e\u{301}", 1), ("a\u{308}\u{323}", 1), ("中\u{301}", 2), ("\u{200B}", 0),
        ("x\u{200D}", 1), ("🏳️‍🌈", 2), ("café", 4), ("漢a字", 5), ("⚡", 2), ("\u{FEFF}", 0),
    ] as [(String, Int)])
    func widthIsMeasuredPerGraphemeCluster(text: String, expected: Int) {
        #expect(displayWidth(text) == expected, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    @Test func combiningMarksStayWithTheirBase() {
        let text = "e\u{301}e\u{301}"
        #expect(text.count == 2)
        #expect(displayWidth(text) == 2)
    }

    @Test func truncateAddsEllipsisOnlyWhenCutting() {
        #expect(truncate("hello", toWidth: 5) == "hello")
        #expect(truncate("hello world", toWidth: 5) == "hell…")
        #expect(truncate("hello", toWidth: 0) == "")
        #expect(truncate("hello", toWidth: 1) == "…")
        #expect(truncate("hello", toWidth: 2, ellipsis: "...") == "..")
    }

    @Test func truncateNeverSplitsAWideCluster() {
        // "日本語" is 6 columns; 4 columns leave room for one wide char plus ellipsis.
        let cut = truncate("日本語", toWidth: 4)
        #expect(cut == "日…")
        #expect(displayWidth(cut) <= 4)
        let family = "👨‍👩‍👧‍👦👨‍👩‍👧‍👦"
        let familyCut = truncate(family, toWidth: 3)
        #expect(familyCut == "👨‍👩‍👧‍👦…")
        #expect(familyCut.unicodeScalars.count == "👨‍👩‍👧‍👦".unicodeScalars.count + 1)
    }

    @Test func truncateResultAlwaysFits() {
        let samples = ["日本語テキスト", "a👍b🇩🇪c", "e\u{301}xyz", "plain ascii text", ""]
        for sample in samples {
            for width in 0...12 {
                let cut = truncate(sample, toWidth: width)
                #expect(displayWidth(cut) <= width, "\(sample) at \(width) gave \(cut)")
                if displayWidth(sample) <= width { #expect(cut == sample) }
            }
        }
    }

    @Test func prefixAndSuffixTakeWholeClustersOnly() {
        #expect(TextWidth.prefix("日本語", width: 3) == "日")
        #expect(TextWidth.suffix("日本語", width: 3) == "語")
        #expect(TextWidth.suffix("abc", width: 10) == "abc")
    }
}

@Suite struct ClusterWidthRulesTests {
    @Test(arguments: [
        ("✍️", 2, 1), ("👍🏽", 2, 4), ("👩‍🦯", 2, 2), ("🇬🇧", 2, 2), ("👨🏿‍⚕️", 2, 4), ("👩🏽‍🦯", 2, 4), ("🏳️‍🌈", 2, 1),
        ("🛍️", 2, 1), ("1️⃣", 2, 1), ("😀", 2, 2), ("e\u{301}", 1, 1), ("追", 2, 2), ("🇬", 2, 1), ("❤︎", 1, 1),
    ] as [(String, Int, Int)])
    func clustersTakeTheColumnsEachTerminalKindGivesThem(text: String, unicode: Int, tmux: Int) {
        let character = Character(text)
        // Unicode: VS16 2, VS15 1, flags 2, ZWJ and modifier sequences 2, CJK 2, marks 0 extra.
        #expect(TextWidth.of(character, rules: .unicode) == unicode)
        // tmux 3.3a, as measured on this machine with cursor position reports.
        #expect(TextWidth.of(character, rules: .tmux33) == tmux)
    }

    @Test func aTerminalThatAddsUpScalarsGivesEachItsWidth() {
        #expect(TextWidth.of(Character("👩‍🦯"), rules: .scalars) == 4)
        #expect(TextWidth.of(Character("👨‍👩‍👧‍👦"), rules: .scalars) == 8)
    }
}
