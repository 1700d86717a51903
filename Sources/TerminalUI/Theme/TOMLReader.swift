import TOMLKit

/// Reads TOML text for the theme and config files through TOMLKit (toml++), after refusing
/// what toml++ mishandles, so that any file gives a table or one line saying what is wrong.
/// toml++ keeps its internal assertions in release builds, and fuzzing found inputs that
/// reach one (the process aborts) instead of an error:
///
/// - a table header whose name starts with anything but a bare-key character or a quote
///   (`[é]`, `[=]`, `[` at a line's end);
/// - `}` where an array expects a value (`a = [}`, `a = [1, }`);
/// - U+0085, U+2028 or U+2029 (line breaks TOML does not allow) where an array expects a value;
/// - a date-time whose time does not start with a digit (`1979-05-27T:`), and a date-like
///   value followed by a space and a digit (`1979-05-"$ 1`).
///
/// `scan` refuses these, knowing strings and comments, before toml++ sees the text. It is
/// stricter than TOML where that is simpler: every line starting with `[` is checked as a
/// header (a nested array opening a line must start with a value), the three separators
/// are refused anywhere, and so are dates and times (any `:` outside a string, any value
/// shaped like `YYYY-MM-DD`) and quotes inside a value that starts with a digit or a sign. It also refuses NUL, at which TOMLKit would silently cut the text.
public enum TOMLReader {
    /// Why the text is not usable TOML: a 1-based line when known, and one line of text.
    public struct Failure: Error, Sendable {
        public let line: Int?
        public let message: String
    }

    public static func table(_ source: String) throws(Failure) -> TOMLTable {
        try scan(source)
        do {
            return try TOMLTable(string: source)
        } catch let error as TOMLParseError {
            throw Failure(line: error.source.begin.line, message: "invalid TOML: " + oneLine(error.description))
        } catch {
            throw Failure(line: nil, message: "invalid TOML: " + oneLine(String(describing: error)))
        }
    }

    /// Refuses what toml++ would assert on (see the type's comment); passes everything else on.
    static func scan(_ source: String) throws(Failure) {
        for (index, text) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let bad = text.unicodeScalars.first(where: { ["\0", "\u{85}", "\u{2028}", "\u{2029}"].contains($0) }) {
                let what = bad == "\0" ? "a NUL character" : "a line separator TOML does not allow (U+\(String(bad.value, radix: 16, uppercase: true)))"
                throw Failure(line: index + 1, message: "invalid TOML: " + what)
            }
        }
        let scalars = Array(source.unicodeScalars)
        var line = 1
        var i = scalars.first == "\u{FEFF}" ? 1 : 0 // toml++ skips a byte order mark, so the first line starts after it
        var atLineStart = true
        var previous: Unicode.Scalar = "\n" // the last significant character outside strings and comments
        func fail(_ message: String) -> Failure { Failure(line: line, message: "invalid TOML: " + message) }
        func at(_ index: Int) -> Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }
        func starts(_ text: String, _ index: Int) -> Bool {
            text.unicodeScalars.enumerated().allSatisfy { at(index + $0.offset) == $0.element }
        }
        /// Skips a string opening at `i`; returns the index after it.
        func skipString(_ quote: Unicode.Scalar) -> Int {
            let triple = String(repeating: String(quote), count: 3)
            let multiLine = starts(triple, i)
            var j = i + (multiLine ? 3 : 1)
            while let c = at(j) {
                if c == "\n" {
                    if !multiLine { return j }
                    line += 1
                } else if c == "\\" && quote == "\"" {
                    if at(j + 1) == "\n" { line += 1 }
                    j += 2
                    continue
                } else if multiLine ? starts(triple, j) : c == quote {
                    j += multiLine ? 3 : 1
                    var extra = 0
                    while multiLine, extra < 2, at(j) == quote { j += 1; extra += 1 }
                    return j
                }
                j += 1
            }
            return j
        }
        /// A value starting with a digit or sign runs, for toml++, to the next whitespace, `]`,
        /// `}`, `,` or `#` (quotes included): it may hold neither a quote nor a date.
        func numberProblem(from start: Int) -> String? {
            var run: [Unicode.Scalar] = []
            var j = start
            while let c = at(j), !c.properties.isWhitespace, !["]", "}", ",", "#"].contains(c) {
                if c != "_" { run.append(c) }
                j += 1
            }
            if run.contains(where: { $0 == "\"" || $0 == "'" }) { return "a quote inside a number" }
            if run.count >= 8, ("0"..."9").contains(run[0]), run[4] == "-", run[7] == "-" { return "a date (postdeck's files take none)" }
            return nil
        }
        while let c = at(i) {
            switch c {
            case "\n":
                line += 1
                atLineStart = true
                i += 1
                continue
            case " ", "\t", "\r":
                i += 1
                continue
            case "#":
                while let next = at(i), next != "\n" { i += 1 }
                continue
            case "\"", "'":
                i = skipString(c)
            case "[" where atLineStart:
                var j = i + 1
                if at(j) == "[" { j += 1 }
                while at(j) == " " || at(j) == "\t" { j += 1 }
                if let problem = headerProblem(at(j)) { throw fail(problem) }
                i += 1
            case "}" where previous == "[" || previous == ",":
                throw fail("\"}\" where a value belongs")
            case ":":
                // Outside strings only times use it; theme and config files have none.
                throw fail("a date or time (postdeck's files take none)")
            case _ where (("0"..."9").contains(c) || c == "+" || c == "-")
                && (i == 0 || ["\n", "\r", " ", "\t", "=", "[", ",", "{"].contains(scalars[i - 1])):
                if let problem = numberProblem(from: i) { throw fail(problem) }
                i += 1
            default:
                i += 1
            }
            previous = c
            atLineStart = false
        }
    }

    /// What is wrong with a `[table]` or `[[array]]` header whose name starts with `first`, if anything.
    static func headerProblem(_ first: Unicode.Scalar?) -> String? {
        guard let first else { return "a table header without a name" }
        let allowed = ("A"..."Z").contains(first) || ("a"..."z").contains(first) || ("0"..."9").contains(first)
            || first == "_" || first == "-" || first == "\"" || first == "'" || first == "]"
        return allowed ? nil : "a table name must start with a letter, a digit, _ or -, or be quoted"
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
