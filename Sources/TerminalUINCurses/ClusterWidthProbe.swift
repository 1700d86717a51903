import TerminalUI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Asks the terminal how wide it draws the clusters that terminals disagree on, so the
/// layout matches the screen. For each sample the cursor goes back to column 1, the
/// sample is written and a cursor position report (`ESC [ 6 n`) is requested; the
/// column in the answer is the width. The line is cleared afterwards.
///
/// Measured on this machine, tmux 3.3a draws `✍️` in 1 column, `👍🏽` in 4, `👩‍🦯` in 2 and
/// `🇬🇧` in 2 (it adds up scalars, except that a ZWJ glues the next one); grapheme-aware
/// terminals draw all four in 2. A terminal that does not answer within the timeout
/// keeps the Unicode rules.
enum ClusterWidthProbe {
    /// VS16 on a text symbol, a skin tone, a ZWJ pair, a flag.
    static let samples = ["\u{270D}\u{FE0F}", "\u{1F44D}\u{1F3FD}", "\u{1F469}\u{200D}\u{1F9AF}", "\u{1F1EC}\u{1F1E7}"]

    /// What is written to the terminal.
    static var request: String {
        samples.map { "\r" + $0 + "\u{1B}[6n" }.joined() + "\r\u{1B}[2K"
    }

    /// The rules that explain the measured widths (columns each sample advanced), or nil
    /// when the answers make no sense (then the Unicode rules stay).
    static func rules(fromWidths widths: [Int]) -> ClusterWidths? {
        guard widths.count == samples.count else { return nil }
        let (selector, modifier, joiner, flag) = (widths[0], widths[1], widths[2], widths[3])
        guard [1, 2].contains(selector), [2, 4].contains(modifier), [2, 4].contains(joiner), [2, 4].contains(flag) else { return nil }
        return ClusterWidths(selectorWidens: selector == 2, modifierJoins: modifier == 2, joinerJoins: joiner == 2,
                             regionalIndicatorWidth: flag / 2)
    }

    /// Splits terminal input into cursor position reports (`ESC [ row ; column R`, giving
    /// the column) and everything else (keys typed meanwhile, kept for the key decoder).
    static func parseReports(_ bytes: [UInt8]) -> (columns: [Int], rest: [UInt8]) {
        var columns: [Int] = []
        var rest: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x1B, i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "[") {
                var j = i + 2
                var numbers = [0]
                var digits = 0
                while j < bytes.count, (bytes[j] >= 0x30 && bytes[j] <= 0x39) || bytes[j] == UInt8(ascii: ";") {
                    if bytes[j] == UInt8(ascii: ";") { numbers.append(0) } else {
                        numbers[numbers.count - 1] = min(100_000, numbers[numbers.count - 1] * 10 + Int(bytes[j] - 0x30))
                        digits += 1
                    }
                    j += 1
                }
                if j < bytes.count, bytes[j] == UInt8(ascii: "R"), numbers.count == 2, digits >= 2 {
                    columns.append(numbers[1])
                    i = j + 1
                    continue
                }
            }
            rest.append(bytes[i])
            i += 1
        }
        return (columns, rest)
    }

    /// Runs the probe on a terminal in raw mode: writes the request to `output`, reads
    /// answers from `input` for at most `timeoutMilliseconds`. Returns the rules (nil
    /// without a usable answer) and the input bytes that were not answers.
    static func run(input: Int32, output: Int32, timeoutMilliseconds: Int) -> (rules: ClusterWidths?, leftover: [UInt8]) {
        let bytes = Array(request.utf8)
        let written = bytes.withUnsafeBytes { write(output, $0.baseAddress, $0.count) }
        guard written == bytes.count else { return (nil, []) }
        var received: [UInt8] = []
        let deadline = ContinuousClock.now + .milliseconds(timeoutMilliseconds)
        var buffer = [UInt8](repeating: 0, count: 256)
        while parseReports(received).columns.count < samples.count {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { break }
            let (seconds, attoseconds) = left.components
            var fds = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
            let ready = poll(&fds, 1, Int32(seconds * 1000 + attoseconds / 1_000_000_000_000_000) + 1)
            guard ready > 0 else { if ready < 0 && errno == EINTR { continue }; break }
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            received += buffer[0..<count]
        }
        let (columns, rest) = parseReports(received)
        return (rules(fromWidths: columns.map { $0 - 1 }), rest)
    }
}
