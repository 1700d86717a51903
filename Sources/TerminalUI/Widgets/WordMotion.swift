/// Word motion shared by the one-line and the multi-line editor (readline's `Alt-b`,
/// `Alt-f`, `Ctrl-w`): skip what is not a word, then the word. Each editor says what a word
/// character is (the post editor keeps `#tag` and `@name` whole). Works on any collection
/// of clusters: the line editor's array, the text editor's string.
enum WordMotion {
    /// Clusters from `index` back to the start of the word before it.
    static func stepsBack<Text: BidirectionalCollection>(from index: Text.Index, in text: Text,
                                                         isWord: (Character) -> Bool) -> Int where Text.Element == Character {
        var i = index
        var steps = 0
        for wantWord in [false, true] {
            while i > text.startIndex {
                let previous = text.index(before: i)
                if isWord(text[previous]) != wantWord { break }
                i = previous
                steps += 1
            }
        }
        return steps
    }

    /// Clusters from `index` forward to the end of the word after it.
    static func stepsForward<Text: BidirectionalCollection>(from index: Text.Index, in text: Text,
                                                            isWord: (Character) -> Bool) -> Int where Text.Element == Character {
        var i = index
        var steps = 0
        for wantWord in [false, true] {
            while i < text.endIndex, isWord(text[i]) == wantWord {
                i = text.index(after: i)
                steps += 1
            }
        }
        return steps
    }

    static func start(before position: Int, in characters: [Character], isWord: (Character) -> Bool) -> Int {
        position - stepsBack(from: position, in: characters, isWord: isWord)
    }

    static func end(after position: Int, in characters: [Character], isWord: (Character) -> Bool) -> Int {
        position + stepsForward(from: position, in: characters, isWord: isWord)
    }
}
