import Testing
import TerminalUI
@testable import TerminalUINCurses

@Suite struct KeyDecoderTests {
    func decode(_ text: String, timeout: Bool = true) -> [Key] {
        var decoder = KeyDecoder()
        var keys: [Key] = []
        for scalar in text.unicodeScalars { keys += decoder.feed(scalar) }
        if timeout { keys += decoder.timeout() }
        return keys
    }

    @Test func controlCharactersBecomeCtrlKeys() {
        #expect(decode("\u{1}\u{13}\u{11}\u{3}\u{1A}") == [.ctrl("a"), .ctrl("s"), .ctrl("q"), .ctrl("c"), .ctrl("z")])
        #expect(decode("\r\t\u{7F}\u{8}") == [.enter, .tab, .backspace, .backspace])
        #expect(decode("a日") == [.char("a"), .char("日")])
    }

    @Test func escapeFollowedByACharacterIsAlt() {
        #expect(decode("\u{1B}b\u{1B}f") == [.alt("b"), .alt("f")])
        #expect(decode("\u{1B}") == [.escape])
        #expect(decode("\u{1B}\u{1B}") == [.escape, .escape])
        #expect(decode("\u{1B}\r") == [.escape, .enter])
        #expect(decode("\u{1B}[") == [.alt("[")])
    }

    @Test func csiAndSs3SequencesBecomeFunctionKeys() {
        #expect(decode("\u{1B}[A\u{1B}[B\u{1B}OC\u{1B}[D") == [.up, .down, .right, .left])
        #expect(decode("\u{1B}[3~\u{1B}[5~\u{1B}[6~\u{1B}[1;5A") == [.delete, .pageUp, .pageDown, .up])
        #expect(decode("\u{1B}[Z\u{1B}OP\u{1B}[15~\u{1B}[24~") == [.backTab, .function(1), .function(5), .function(12)])
        // Unknown sequences are dropped, never typed as text.
        #expect(decode("\u{1B}[?99xq") == [.char("q")])
    }

    @Test func bracketedPasteArrivesAsOneKey() {
        let keys = decode("\u{1B}[200~hello\n\u{1B}[31mworld\u{1B}[201~x")
        #expect(keys == [.paste("hello\n\u{1B}[31mworld"), .char("x")])
        var decoder = KeyDecoder()
        for s in "\u{1B}[200~abc".unicodeScalars { #expect(decoder.feed(s).isEmpty) }
        #expect(decoder.isPasting)
        #expect(decoder.finishPaste() == [.paste("abc")])
    }
}
