/// Finds the #hashtags and @mentions in a caption, as the networks link them: kept in
/// `post_settings` and counted against the hashtag limit.
///
/// - A hashtag is `#` followed by letters (any script), digits, combining marks and `_`,
///   with at least one letter ("#2026" is not a tag); it must not follow a letter, digit,
///   `_`, `&` or another `#` ("a#b", "&#39;" and "##x" are not tags).
/// - A mention is `@` followed by letters, digits, `_` and `.` (a trailing `.` ends the
///   sentence, not the name); it must not follow a letter, digit, `_` or `.`, so e-mail
///   addresses are not mentions.
/// - Nothing inside a URL counts ("https://x.com/#pricing", "www.x.com/@team").
public enum TextEntities {
    /// Hashtags in order of appearance, without the `#`, duplicates kept.
    public static func hashtags(in text: String) -> [String] {
        entities(in: text, sigil: "#", blockedBefore: ["_", "&", "#"], bodyExtras: ["_"])
            .filter { $0.contains(where: \.isLetter) }
    }

    /// Mentioned account names in order of appearance, without the `@`.
    public static func mentions(in text: String) -> [String] {
        entities(in: text, sigil: "@", blockedBefore: ["_", ".", "@"], bodyExtras: ["_", "."])
            .map { name in String(name.reversed().drop(while: { $0 == "." }).reversed()) }
            .filter { !$0.isEmpty }
    }

    private static func entities(
        in text: String, sigil: Character, blockedBefore: Set<Character>, bodyExtras: Set<Character>
    ) -> [String] {
        var found: [String] = []
        for token in text.split(whereSeparator: { $0.isWhitespace }) where !isURL(token) {
            let characters = Array(token)
            var index = 0
            while index < characters.count {
                defer { index += 1 }
                guard characters[index] == sigil else { continue }
                if index > 0 {
                    let before = characters[index - 1]
                    if before.isLetter || before.isNumber || blockedBefore.contains(before) { continue }
                }
                var end = index + 1
                while end < characters.count, isBody(characters[end], extras: bodyExtras) { end += 1 }
                if end > index + 1 {
                    found.append(String(characters[(index + 1)..<end]))
                    index = end - 1
                }
            }
        }
        return found
    }

    private static func isBody(_ character: Character, extras: Set<Character>) -> Bool {
        character.isLetter || character.isNumber || extras.contains(character)
    }

    private static func isURL(_ token: Substring) -> Bool {
        let lowered = token.lowercased()
        return lowered.contains("://") || lowered.drop(while: { !$0.isLetter && !$0.isNumber }).hasPrefix("www.")
    }
}
