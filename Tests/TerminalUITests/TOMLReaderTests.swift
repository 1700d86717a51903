import Testing
@testable import TerminalUI

/// Inputs on which toml++ aborts the process (an internal assertion, kept in release builds)
/// are refused with a line number before it sees them; valid files are untouched.
@Suite struct TOMLReaderTests {
    @Test(arguments: [
        ("[é]\nfg = 1", 1), ("x = 1\n  [=]", 2), ("[[ ü]]", 1), ("[ ", 1), ("[.a]", 1), ("[#]", 1),
        ("a = [}", 1), ("a = [1, }", 1), ("a = [\n  # note\n}", 3), ("a = {b = [}}", 1), ("a = [ [ }", 1),
        ("a = [\u{85}]", 1), ("a = [1,\u{2029} ]", 1), ("a = \"x\u{2028}\"", 1),
        ("a = 1\nb = \"x\u{0}y\"", 2), ("a = 1979-05-27T:", 1), ("\u{FEFF}[[+", 1), ("1f=1979-05-\"$ 1\n[1\"#rea q", 1), ("a = 1$$$-$$-$$ 1", 1), ("a = [1\"x]", 1), ("a = [\n 1979-05-27T07:32:00Z ]", 2),
    ])
    func whatTomlPlusPlusWouldAbortOnIsAnErrorWithItsLine(_ source: String, _ line: Int) {
        #expect {
            try TOMLReader.table(source)
        } throws: { error in
            (error as? TOMLReader.Failure)?.line == line
        }
    }

    @Test(arguments: [
        "a = [1, 2, ]", "a = \"[}\"", "a = '[ , }'", "a = \"\"\"\n[é]\n\"\"\"".replacingOccurrences(of: "[é]", with: "x}"),
        "# [} comment\na = [ # [}\n  1,\n]", "[roles]\n\"post.failed\" = { fg = \"red\" }", "[[arr]]\nx = 1", "a = \"\\\"[}\"",
        "a = \"\"\"x\"\"\"\"\nb = [1]", "a = \"10:30\" # at 10:30", "a = -1_000\nb = +1.5e-3\nc = [0x1F, -inf, 1]",
        "[rules.instagram]\nmax_image_mb = 8.5",
    ])
    func validFilesStillParse(_ source: String) throws {
        _ = try TOMLReader.table(source)
    }
}
