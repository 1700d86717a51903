import FoundationEssentials

/// Fills `{{placeholder}}` fields in a template's text from known values, and reports the
/// ones it could not fill so the composer can ask for them.
///
/// - A placeholder is `{{`, optional spaces, a name of letters, digits, `_`, `.` or `-`
///   (starting with a letter or `_`), optional spaces, `}}`: `{{client_name}}`, `{{ date }}`.
/// - Names match ignoring case (`{{Client_Name}}` is `client_name`).
/// - Anything else with braces is left exactly as written: `{{}}`, `{{two words}}`,
///   `{{name}`, `{ name }`. In `{{{name}}}` the inner placeholder is filled and the outer
///   braces stay.
/// - Unknown placeholders stay in the text, unchanged, and are listed in `missing`.
/// - Values are inserted as they are: a value containing `{{x}}` is not filled again.
public enum TemplateFiller {
    /// The filled text and the placeholders no value was given for.
    public struct Result: Hashable, Sendable {
        public let text: String
        /// Names (as written, trimmed) without a value, each once, in order of first appearance.
        public let missing: [String]
    }

    /// Every placeholder name in `template`, each once, in order of first appearance.
    public static func placeholders(in template: String) -> [String] {
        var names: [String] = []
        for match in matches(in: template) where !names.contains(where: { $0.lowercased() == match.name.lowercased() }) {
            names.append(match.name)
        }
        return names
    }

    public static func fill(_ template: String, with values: [String: String]) -> Result {
        let lookup = Dictionary(values.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        var text = ""
        var missing: [String] = []
        var cursor = template.startIndex
        for match in matches(in: template) {
            text += template[cursor..<match.range.lowerBound]
            if let value = lookup[match.name.lowercased()] {
                text += value
            } else {
                text += template[match.range]
                if !missing.contains(where: { $0.lowercased() == match.name.lowercased() }) { missing.append(match.name) }
            }
            cursor = match.range.upperBound
        }
        text += template[cursor...]
        return Result(text: text, missing: missing)
    }

    /// The values every template can use: `client_name`, `platform`, `date` (2026-11-25),
    /// `day` (Wed 25 Nov), `time` (14:30), `weekday` (Wed), `month` (November 2026),
    /// with date and time read in `zone`.
    public static func standardValues(clientName: String, platform: Platform?, at instant: Date, in zone: DisplayZone) -> [String: String] {
        let date = zone.localDate(of: instant)
        var values = [
            "client_name": clientName,
            "date": zone.format(instant, .date),
            "day": zone.format(instant, .day),
            "time": zone.format(instant, .time),
            "weekday": date.weekday.shortName,
            "month": MonthGrid(month: date).title,
        ]
        if let platform { values["platform"] = platform.displayName }
        return values
    }

    private struct Match {
        let name: String
        let range: Range<String.Index>
    }

    private static func matches(in template: String) -> [Match] {
        var found: [Match] = []
        var index = template.startIndex
        while let open = template[index...].firstRange(of: "{{") {
            var cursor = open.upperBound
            func skipSpaces() { while cursor < template.endIndex, template[cursor] == " " { cursor = template.index(after: cursor) } }
            skipSpaces()
            let nameStart = cursor
            while cursor < template.endIndex, isNameCharacter(template[cursor], first: cursor == nameStart) {
                cursor = template.index(after: cursor)
            }
            let name = String(template[nameStart..<cursor])
            skipSpaces()
            if !name.isEmpty, template[cursor...].hasPrefix("}}") {
                let end = template.index(cursor, offsetBy: 2)
                found.append(Match(name: name, range: open.lowerBound..<end))
                index = end
            } else {
                // Not a placeholder: step one brace on, so "{{{name}}}" still finds the inner one.
                index = template.index(after: open.lowerBound)
            }
        }
        return found
    }

    private static func isNameCharacter(_ character: Character, first: Bool) -> Bool {
        guard character.isASCII else { return character.isLetter }
        if character.isLetter || character == "_" { return true }
        return !first && (character.isNumber || character == "." || character == "-")
    }
}
