/// The few text helpers the full Foundation library would otherwise provide
/// (`trimmingCharacters(in:)` with `CharacterSet`, `padding(toLength:withPad:startingAt:)`):
/// one use of those links all of Foundation (and ICU) into the release binary, several
/// megabytes of memory at start (docs/PERFORMANCE.md, "A lean binary").
extension StringProtocol {
    /// Without the spaces (any Unicode space separator) and tabs at either end.
    public func trimmingSpaces() -> String {
        trimming { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }
    }

    /// Without the spaces, tabs and line breaks at either end.
    public func trimmingSpacesAndNewlines() -> String {
        trimming { $0.properties.isWhitespace }
    }

    /// Cut or filled with `pad` to `length` characters (`padding(toLength:withPad:startingAt:)`,
    /// for the labels of fixed-width columns).
    public func padded(to length: Int, with pad: Character = " ") -> String {
        let characters = prefix(Swift.max(0, length))
        return String(characters) + String(repeating: pad, count: Swift.max(0, length - characters.count))
    }

    /// Every line break (`\r\n`, `\r`, `\n`) replaced, for text that must stay on one line
    /// (a log line, an error message).
    public func replacingLineBreaks(with replacement: String = " ") -> String {
        var result = ""
        var previousWasCR = false
        for scalar in unicodeScalars {
            if scalar == "\n" && previousWasCR { previousWasCR = false; continue }
            previousWasCR = scalar == "\r"
            if scalar == "\n" || scalar == "\r" { result += replacement } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }

    private func trimming(_ isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }),
              let last = scalars.lastIndex(where: { !isTrimmed($0) }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
