/// Word motion shared by the one-line and the multi-line editor (readline's `Alt-b`,
/// `Alt-f`, `Ctrl-w`): skip what is not a word, then the word. Each editor says what a word
/// character is (the post editor keeps `#tag` and `@name` whole).
enum WordMotion {
    static func start(before position: Int, in characters: [Character], isWord: (Character) -> Bool) -> Int {
        var i = position
        while i > 0, !isWord(characters[i - 1]) { i -= 1 }
        while i > 0, isWord(characters[i - 1]) { i -= 1 }
        return i
    }

    static func end(after position: Int, in characters: [Character], isWord: (Character) -> Bool) -> Int {
        var i = position
        while i < characters.count, !isWord(characters[i]) { i += 1 }
        while i < characters.count, isWord(characters[i]) { i += 1 }
        return i
    }
}
