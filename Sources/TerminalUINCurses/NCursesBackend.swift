import CNCursesW
import TerminalUI
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
/// A cell holds a whole grapheme cluster, but curses' `cchar_t` does not: it keeps at
/// most CCHARW_MAX (5) wide characters, `setcchar` stops at the second spacing one (so
/// 🇬🇧 became 🇬 and 👨🏿‍⚕️ became 👨) and curses advances by its own `wcwidth`, which
/// disagrees with the terminal for VS16 and modifier sequences. So a cluster curses
/// cannot hold exactly is drawn the way ratatui/crossterm draw every cell: curses gets
/// stand-ins of the cluster's width in its place (invisible blanks, which no real cell
/// equals, so curses rewrites them when a real cell takes their place; and curses may
/// not shift cells with insert/delete-character, since it does not know what the
/// terminal holds there), and after `doupdate()` the backend moves
/// the cursor there itself (terminfo `cup`), sets the attributes through curses
/// (`vid_puts`, so curses keeps track of them) and writes the cluster's UTF-8, then
/// puts the cursor back where curses believes it is. Such clusters are written again on
/// every row curses touched, since curses may repaint its blanks there. At start-up the
/// terminal is asked how wide it draws these clusters (`ClusterWidthProbe`) and
/// `TextWidth.rules` is set to match, so the layout agrees with the screen;
/// `POSTDECK_CLUSTER_WIDTHS=unicode|tmux33|scalars` skips the question. See
/// docs/TERMINAL.md.
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
    /// Clusters to write after the next `doupdate()` (see the type's comment).
    private var overlays: [(x: Int, y: Int, cell: Cell)] = []

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
        idcok(postdeck_stdscr(), false)
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
        if isUTF8 { measureClusterWidths(env["POSTDECK_CLUSTER_WIDTHS"]) }
    }

    /// Sets `TextWidth.rules` from the environment's choice or the terminal's answers;
    /// keys typed during the question are kept for `readKey`.
    private func measureClusterWidths(_ choice: String?) {
        switch choice {
        case "unicode": TextWidth.rules = .unicode
        case "tmux33": TextWidth.rules = .tmux33
        case "scalars": TextWidth.rules = .scalars
        default:
            postdeck_fflush_stdout()
            let (rules, leftover) = ClusterWidthProbe.run(input: inputFD, output: 1, timeoutMilliseconds: 300)
            TextWidth.rules = rules ?? .unicode
            for scalar in String(decoding: leftover, as: UTF8.self).unicodeScalars { queued += decoder.feed(scalar) }
        }
        invalidate()
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
        var touchedRows = Set<Int>()
        for change in changes {
            put(change.cell, x: change.x, y: change.y)
            touchedRows.insert(change.y)
        }
        // Clusters drawn outside curses on every row curses may repaint.
        if isUTF8 {
            overlays.removeAll { touchedRows.contains($0.y) }
            for y in touchedRows.sorted() {
                for x in 0..<buffer.width where !NCursesBackend.cursesHoldsExactly(buffer[x, y]) {
                    overlays.append((x, y, buffer[x, y]))
                }
            }
        }
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
        writeOverlays()
    }

    public func invalidate() {
        previous = nil
        overlays = []
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
        if !isUTF8 {
            // One ASCII character per column.
            for (i, c) in AsciiFallback.map(cell.text, width: cell.width).enumerated() {
                write(String(c), x: x + i, y: y, attrs: attrs, pair: pair)
            }
            return
        }
        if NCursesBackend.cursesHoldsExactly(cell), write(cell.text, x: x, y: y, attrs: attrs, pair: pair) { return }
        // Stand-ins in curses' screen; the cluster itself is written after doupdate().
        for i in 0..<max(1, cell.width) { write(" ", x: x + i, y: y, attrs: attrs | postdeck_a_invis(), pair: pair) }
    }

    /// True when curses stores and advances over the cell exactly as the terminal draws
    /// it: one scalar, or a base and up to CCHARW_MAX - 1 zero-width marks, whose
    /// `wcwidth` is the cell's width. Continuations count as held (nothing to draw).
    static func cursesHoldsExactly(_ cell: Cell) -> Bool {
        if cell.isContinuation { return true }
        let scalars = cell.text.unicodeScalars
        guard let first = scalars.first, scalars.count <= Int(postdeck_cchar_max()) else { return false }
        guard postdeck_wcwidth(first.value) == Int32(cell.width) else { return false }
        return scalars.dropFirst().allSatisfy { postdeck_wcwidth($0.value) == 0 && $0.value != 0x200D && !(0xFE00...0xFE0F).contains($0.value) }
    }

    /// Writes the clusters curses could not hold at their cells, then returns the cursor
    /// and the attributes to what curses believes (see the type's comment).
    private func writeOverlays() {
        guard !overlays.isEmpty else { return }
        defer { overlays = [] }
        var bytes: [UInt8] = []
        func sequence(_ length: Int32) {
            guard length > 0, let start = postdeck_sequence_bytes() else { return }
            start.withMemoryRebound(to: UInt8.self, capacity: Int(length)) { bytes += UnsafeBufferPointer(start: $0, count: Int(length)) }
        }
        for overlay in overlays {
            let moved = postdeck_move_sequence(Int32(overlay.y), Int32(overlay.x))
            guard moved > 0 else { return }
            sequence(moved)
            let (attrs, pair) = attributes(for: overlay.cell.style)
            sequence(postdeck_attribute_sequence(attrs, pair))
            bytes += Array(overlay.cell.text.utf8)
        }
        sequence(postdeck_attribute_sequence(postdeck_a_normal(), 0))
        sequence(postdeck_move_sequence(postdeck_cursor_y(), postdeck_cursor_x()))
        _ = bytes.withUnsafeBytes { Glibc.write(1, $0.baseAddress, $0.count) }
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
