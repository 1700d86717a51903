import FoundationEssentials
import Glibc
import TerminalUI

/// Everything the command line writes for a person goes through here, so that a hostile
/// string from the database, a file or a network's error message never reaches a terminal
/// as escape sequences, C1 controls, bidi overrides or stray joiners. It is made visible
/// with the UI's own `Sanitizer`, the one place that decides what is safe.
///
/// - `result`: a command's output on stdout. Kept byte for byte when stdout is a file or a
///   pipe (CSV and JSON are data a script reads back); sanitized when it is a terminal.
/// - `warning` and `error`: one line each on stderr, always sanitized (an error with several
///   items, such as the problems that kept a post from being written, one line per item).
enum Output {
    /// Writes a command's result to stdout.
    static func result(_ text: String) {
        write(isatty(STDOUT_FILENO) == 1 ? forTerminal(text) : text, to: STDOUT_FILENO)
    }

    /// `postdeck: warning: MESSAGE` on stderr, on one line.
    static func warning(_ message: String) {
        write("postdeck: warning: " + oneLine(message) + "\n", to: STDERR_FILENO)
    }

    /// `postdeck: MESSAGE` on stderr, on one line, then the hint's lines (each `hint: …`, each
    /// sanitized on its own), and exits with `status`.
    static func error(_ message: String, hint: String? = nil, status: Int32 = 1) -> Never {
        var text = "postdeck: " + oneLine(message) + "\n"
        if let hint { text += hint.split(separator: "\n").map { oneLine(String($0)) + "\n" }.joined() }
        write(text, to: STDERR_FILENO)
        exit(status)
    }

    /// `postdeck: MESSAGE: ITEM` for one item, else `postdeck: MESSAGE:` and one `  - ITEM`
    /// line per item (`not written:` and the problems per network); exits with `status`.
    static func error(_ message: String, items: [String], status: Int32 = 1) -> Never {
        if items.count == 1 { error(message + ": " + items[0], status: status) }
        let text = "postdeck: " + oneLine(message) + ":\n" + items.map { "  - " + oneLine($0) + "\n" }.joined()
        write(text, to: STDERR_FILENO)
        exit(status)
    }

    /// Text as a terminal may show it: line breaks kept, everything else unsafe made visible.
    static func forTerminal(_ text: String) -> String {
        guard Sanitizer.needsSanitizing(text.replacing("\n", with: "")) else { return text }
        let ends = text.hasSuffix("\n")
        let lines = Sanitizer.multiLine(ends ? String(text.dropLast()) : text)
        return lines.joined(separator: "\n") + (ends ? "\n" : "")
    }

    /// One line, whatever the message holds: line breaks shown as `↵`, controls made visible.
    static func oneLine(_ message: String) -> String {
        Sanitizer.singleLine(message.hasSuffix("\n") ? String(message.dropLast()) : message)
    }

    private static func write(_ text: String, to descriptor: Int32) {
        fflush(nil) // anything `print` buffered goes first
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return } // a closed pipe: nothing more can be said
            bytes = bytes.dropFirst(written)
        }
    }
}
