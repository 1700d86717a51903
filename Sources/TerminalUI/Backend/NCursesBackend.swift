import CNCursesW
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the terminal could not be opened.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    case notATerminal
    case dumbTerminal
    case cannotInitialize(term: String)

    public var description: String {
        switch self {
        case .notATerminal: "not a terminal: postdeck needs an interactive terminal"
        case .dumbTerminal: "TERM=dumb cannot show a full-screen interface"
        case .cannotInitialize(let term): "cannot start curses for TERM=\(term.isEmpty ? "(unset)" : term)"
        }
    }
}

/// The real terminal, through ncursesw. Sets up the terminal the way a full-screen
/// program should (UTF-8 locale first, raw mode so Ctrl-s/q/c/z arrive as keys, no
/// echo, keypad, 25 ms ESC delay, mouse off, bracketed paste), maps theme roles to
/// colour pairs allocated lazily and downsampled to the terminal, writes only changed
/// cells, and restores the terminal in `end()` (safe to call twice).
///
/// Not thread-safe: the UI loop owns it. It installs no signal handlers of its own.
/// After `poll()` reports `inputFD` readable, call `readKey(timeoutMilliseconds: 0)`
/// until it returns `.timeout`: curses buffers input, so one wake-up can hold many keys.
public final class NCursesBackend: Backend {
    public let colorDepth: ColorDepth
    /// False when the locale is not UTF-8: cells are drawn through `AsciiFallback`.
    public let isUTF8: Bool
    /// The terminal's input descriptor, for the application's `poll()`.
    public let inputFD: Int32 = 0
    public var theme: Theme { didSet { resetStyles(); invalidate() } }

    private var screen: OpaquePointer?
    private var previous: Buffer?
    private var ended = false
    private var decoder = KeyDecoder()
    private var queued: [Key] = []
    private var pairs: [PairKey: Int32] = [:]
    private var styles: [Style: (attrs: attr_t, pair: Int32)] = [:]
    private var maxPairs: Int32 = 0
    private var eofStrikes = 0
    private let bracketedPaste: Bool
    private var cursorVisible: Int32 = -1

    private struct PairKey: Hashable { let fg: Int32, bg: Int32 }

    /// Opens the terminal on stdin/stdout. `environment` decides colours (`NO_COLOR`,
    /// `COLORTERM`) and `TERM` checks; it defaults to the process environment.
    public init(theme: Theme, environment: [String: String]? = nil, bracketedPaste: Bool = true) throws(TerminalError) {
        setlocale(LC_ALL, "")
        let env = environment ?? NCursesBackend.processEnvironment()
        guard isatty(0) == 1, isatty(1) == 1 else { throw .notATerminal }
        let term = env["TERM"] ?? ""
        if term == "dumb" { throw .dumbTerminal }
        guard let screen = postdeck_newterm_stdio() else { throw .cannotInitialize(term: term) }
        self.screen = screen
        self.theme = theme
        self.isUTF8 = NCursesBackend.localeIsUTF8()
        self.bracketedPaste = bracketedPaste

        raw()
        noecho()
        nonl()
        keypad(postdeck_stdscr(), true)
        intrflush(postdeck_stdscr(), false)
        postdeck_set_escdelay(25)
        mousemask(0, nil)

        var colors = 0
        if has_colors() {
            start_color()
            use_default_colors()
            colors = Int(postdeck_colors())
            maxPairs = postdeck_color_pairs()
        }
        colorDepth = ColorDepth.detect(environment: env, terminalColors: colors)
        setCursor(visible: false)
        if bracketedPaste { writeRaw("\u{1B}[?2004h") }
    }

    static func processEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let pair = String(cString: entry)
            if let eq = pair.firstIndex(of: "=") {
                result[String(pair[..<eq])] = String(pair[pair.index(after: eq)...])
            }
            pointer += 1
        }
        return result
    }

    static func localeIsUTF8() -> Bool {
        postdeck_locale_is_utf8() != 0
    }

    deinit { end() }

    // MARK: Backend

    public var size: (width: Int, height: Int) {
        (max(0, Int(postdeck_cols())), max(0, Int(postdeck_lines())))
    }

    public func draw(_ buffer: Buffer) {
        guard !ended else { return }
        let changes = changedCells(from: previous, to: buffer)
        for change in changes { put(change.cell, x: change.x, y: change.y) }
        if let cursor = buffer.cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < buffer.width, cursor.y < buffer.height {
            setCursor(visible: true)
            wmove(postdeck_stdscr(), Int32(cursor.y), Int32(cursor.x))
        } else {
            setCursor(visible: false)
        }
        wnoutrefresh(postdeck_stdscr())
        previous = buffer
    }

    public func flush() {
        guard !ended else { return }
        doupdate()
    }

    public func invalidate() {
        previous = nil
        guard !ended else { return }
        werase(postdeck_stdscr())
        postdeck_clear_on_next_refresh()
    }

    /// Re-reads the terminal size (after SIGWINCH caught by the application) and tells
    /// curses; returns the new size. Not needed when curses delivers `.resize` itself.
    @discardableResult
    public func updateSize() -> (width: Int, height: Int) {
        var ws = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0, ws.ws_row > 0 {
            resize_term(Int32(ws.ws_row), Int32(ws.ws_col))
        }
        invalidate()
        return size
    }

    // MARK: Cells

    private func put(_ cell: Cell, x: Int, y: Int) {
        let (attrs, pair) = attributes(for: cell.style)
        let text = isUTF8 ? cell.text : AsciiFallback.map(cell.text)
        if !isUTF8 && text.count == 2 {
            // A wide cell in ASCII: two narrow cells.
            for (i, c) in text.enumerated() { write(String(c), x: x + i, y: y, attrs: attrs, pair: pair) }
            return
        }
        if !write(text, x: x, y: y, attrs: attrs, pair: pair) {
            // curses could not take the cluster (more than CCHARW_MAX scalars, or a
            // sequence libc does not see as one character): draw its first scalar, keeping the width.
            let first = text.unicodeScalars.first.map { String($0) } ?? " "
            if !write(first, x: x, y: y, attrs: attrs, pair: pair) {
                write(displayWidth(text) == 2 ? "??" : "?", x: x, y: y, attrs: attrs, pair: pair)
            }
        }
    }

    @discardableResult
    private func write(_ text: String, x: Int, y: Int, attrs: attr_t, pair: Int32) -> Bool {
        let scalars = text.unicodeScalars
        if scalars.count > Int(postdeck_cchar_max()) { return false }
        var wide = scalars.map { wchar_t(bitPattern: $0.value) }
        if wide.isEmpty { wide = [32] }
        wide.append(0)
        let rc = wide.withUnsafeBufferPointer { postdeck_put_cell_ext(Int32(y), Int32(x), $0.baseAddress, attrs, pair) }
        // The bottom-right cell reports ERR (the cursor cannot advance) yet is drawn.
        return rc != postdeck_err() || (y == Int(postdeck_lines()) - 1 && x >= Int(postdeck_cols()) - 2)
    }

    private func attributes(for style: Style) -> (attr_t, Int32) {
        if let cached = styles[style] { return cached }
        let resolved = theme.resolve(style)
        var attrs = postdeck_a_normal()
        if resolved.bold { attrs |= postdeck_a_bold() }
        if resolved.underline { attrs |= postdeck_a_underline() }
        if resolved.reverse { attrs |= postdeck_a_reverse() }
        if resolved.dim { attrs |= postdeck_a_dim() }
        if resolved.italic { attrs |= postdeck_a_italic() }
        let pair = colorPair(fg: resolved.fg, bg: resolved.bg)
        styles[style] = (attrs, pair)
        return (attrs, pair)
    }

    private func curses(_ color: Color) -> Int32 {
        switch colorDepth.fit(color) {
        case .default: return -1
        case .indexed(let n):
            if colorDepth == .trueColor && n >= 8 {
                let (r, g, b) = ColorDepth.xtermRGB(Int(n))
                return Int32(r << 16 | g << 8 | b)
            }
            return Int32(n)
        case .rgb(let r, let g, let b): return Int32(r) << 16 | Int32(g) << 8 | Int32(b)
        }
    }

    private func colorPair(fg: Color, bg: Color) -> Int32 {
        guard colorDepth != .none else { return 0 }
        let key = PairKey(fg: curses(fg), bg: curses(bg))
        if key.fg == -1 && key.bg == -1 { return 0 }
        if let pair = pairs[key] { return pair }
        let next = Int32(pairs.count + 1)
        guard next < maxPairs, postdeck_init_pair(next, key.fg, key.bg) != postdeck_err() else { return 0 }
        pairs[key] = next
        return next
    }

    private func resetStyles() {
        styles = [:]
        pairs = [:]
    }

    private func setCursor(visible: Bool) {
        let want: Int32 = visible ? 1 : 0
        if cursorVisible != want { curs_set(want); cursorVisible = want }
    }

    private func writeRaw(_ text: String) {
        postdeck_fflush_stdout()
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { Glibc.write(1, $0.baseAddress, $0.count) }
    }

    // MARK: Input

    /// Waits up to `timeoutMilliseconds` (negative: forever, 0: just look) for a key.
    public func readKey(timeoutMilliseconds: Int) -> KeyRead {
        if !queued.isEmpty { return .key(queued.removeFirst()) }
        guard !ended else { return .terminalGone }
        var remaining = timeoutMilliseconds
        while true {
            let wait: Int32 = decoder.isPasting ? 1000 : (decoder.isIncomplete ? 25 : Int32(clamping: remaining))
            wtimeout(postdeck_stdscr(), wait)
            var ch: wint_t = 0
            let rc = wget_wch(postdeck_stdscr(), &ch)
            if rc == postdeck_err() {
                if decoder.isPasting { queued += decoder.finishPaste() }
                else if decoder.isIncomplete { queued += decoder.timeout() }
                else if inputIsGone() { return .terminalGone }
                if !queued.isEmpty { return .key(queued.removeFirst()) }
                return .timeout
            }
            eofStrikes = 0
            if rc == postdeck_key_code_yes() {
                if let key = NCursesBackend.functionKey(Int32(ch)) {
                    if decoder.isIncomplete { queued += decoder.timeout() }
                    queued.append(key)
                }
            } else if let scalar = Unicode.Scalar(UInt32(ch)) {
                queued += decoder.feed(scalar)
            }
            if !queued.isEmpty { return .key(queued.removeFirst()) }
            // Mid-sequence: loop with the short escape wait; the caller's wait is spent.
            remaining = 0
        }
    }

    /// After a read error: is the terminal gone (hang-up, EOF), or was it just a timeout?
    private func inputIsGone() -> Bool {
        var fds = pollfd(fd: inputFD, events: Int16(POLLIN), revents: 0)
        guard poll(&fds, 1, 0) >= 0 else { return false }
        if fds.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return true }
        if fds.revents & Int16(POLLIN) != 0 {
            // Readable, yet curses got nothing: EOF or EIO. Tolerate a stray partial character.
            eofStrikes += 1
            return eofStrikes >= 3
        }
        eofStrikes = 0
        return false
    }

    static func functionKey(_ code: Int32) -> Key? {
        switch postdeck_classify_key(code) {
        case 1: .up
        case 2: .down
        case 3: .left
        case 4: .right
        case 5: .home
        case 6: .end
        case 7: .pageUp
        case 8: .pageDown
        case 9: .backspace
        case 10: .delete
        case 11: .backTab
        case 12: .enter
        case 13: .resize
        case let n where n > 100: .function(Int(n - 100))
        default: nil
        }
    }

    // MARK: Lifecycle

    /// Gives the terminal back (to run $EDITOR, or before stopping on Ctrl-z).
    public func suspend() {
        guard !ended else { return }
        if bracketedPaste { writeRaw("\u{1B}[?2004l") }
        def_prog_mode()
        endwin()
        postdeck_fflush_stdout()
    }

    /// Takes the terminal back after `suspend()` and repaints everything on the next frame.
    public func resume() {
        guard !ended else { return }
        reset_prog_mode()
        if bracketedPaste { writeRaw("\u{1B}[?2004h") }
        cursorVisible = -1
        setCursor(visible: false)
        invalidate()
        refresh()
    }

    /// Restores the terminal. Safe to call more than once; later calls do nothing.
    public func end() {
        guard !ended else { return }
        ended = true
        if bracketedPaste { writeRaw("\u{1B}[?2004l") }
        curs_set(1)
        endwin()
        postdeck_fflush_stdout()
        if let screen { delscreen(screen) }
        screen = nil
    }
}
