import TOMLKit

/// Reads TOML text for the theme and config files through TOMLKit (toml++), after refusing
/// what toml++ mishandles, so that any file gives a table or one line saying what is wrong:
///
/// - a NUL character: TOMLKit hands toml++ a C string, which would silently end at it;
/// - a table header whose name starts with anything but a bare-key character or a quote
///   (`[é]`, `[=]`, `[ `): toml++ 3 reaches an internal assertion there instead of an
///   error. Every line starting with `[` is checked, inside multi-line strings too, which
///   refuses a few valid but contrived files and never lets a bad header through.
public enum TOMLReader {
    /// Why the text is not usable TOML: a 1-based line when known, and one line of text.
    public struct Failure: Error, Sendable {
        public let line: Int?
        public let message: String
    }

    public static func table(_ source: String) throws(Failure) -> TOMLTable {
        for (index, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.utf8.contains(0) { throw Failure(line: index + 1, message: "invalid TOML: a NUL character") }
            if let problem = headerProblem(line) { throw Failure(line: index + 1, message: "invalid TOML: \(problem)") }
        }
        do {
            return try TOMLTable(string: source)
        } catch let error as TOMLParseError {
            throw Failure(line: error.source.begin.line, message: "invalid TOML: " + oneLine(error.description))
        } catch {
            throw Failure(line: nil, message: "invalid TOML: " + oneLine(String(describing: error)))
        }
    }

    /// What is wrong with a `[table]` or `[[array]]` header's first character, if anything.
    static func headerProblem(_ line: Substring) -> String? {
        var rest = line.utf8.drop { $0 == 0x20 || $0 == 0x09 }
        guard rest.first == UInt8(ascii: "[") else { return nil }
        rest = rest.dropFirst()
        if rest.first == UInt8(ascii: "[") { rest = rest.dropFirst() }
        rest = rest.drop { $0 == 0x20 || $0 == 0x09 }
        guard let first = rest.first else { return "a table header without a name" }
        let allowed = (0x41...0x5A).contains(first) || (0x61...0x7A).contains(first) || (0x30...0x39).contains(first)
            || first == UInt8(ascii: "_") || first == UInt8(ascii: "-") || first == UInt8(ascii: "\"") || first == UInt8(ascii: "'")
            || first == UInt8(ascii: "]")
        return allowed ? nil : "a table name must start with a letter, a digit, _ or -, or be quoted"
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
