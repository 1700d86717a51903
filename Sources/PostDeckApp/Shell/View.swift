import FoundationEssentials
import PostDeckCore
import TerminalUI

/// Draws the whole screen from the state. Reads only; never queries, never reads the clock.
enum View {
    static let minimumWidth = 80
    static let minimumHeight = 24
    static let spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    static func render(_ state: AppState, symbols: Symbols = .unicode, clock: ContinuousClock.Instant = .now) -> Buffer {
        var buffer = Buffer(width: max(0, state.width), height: max(0, state.height))
        guard state.width >= minimumWidth, state.height >= minimumHeight else {
            TooSmall.render(into: &buffer, area: buffer.area, needs: (minimumWidth, minimumHeight))
            return buffer
        }
        let rows = layout(buffer.area)
        Header.render(state, into: &buffer, area: rows[0])
        switch state.pane {
        case .health: HealthView.render(state, into: &buffer, area: rows[1], symbols: symbols)
        case .calendar: CalendarView.render(state, into: &buffer, area: rows[1], symbols: symbols)
        case .composer: ComposerView.render(state, into: &buffer, area: rows[1], symbols: symbols)
        case .performance: PerformanceView.render(state, into: &buffer, area: rows[1], symbols: symbols)
        }
        statusBar(state, into: &buffer, area: rows[2], symbols: symbols, clock: clock)
        if let overlay = state.overlay {
            Overlays.render(overlay, state: state, into: &buffer, area: rows[1], symbols: symbols)
        }
        return buffer
    }

    /// The screen's rows: the header, the body (where panes and overlays draw) and the status bar.
    static func layout(_ screen: Rect) -> [Rect] {
        split(screen, .vertical, [.fixed(1), .fill(1), .fixed(1)])
    }

    /// Where panes and overlays are drawn: everything between the header and the status bar.
    static func body(_ state: AppState) -> Rect {
        layout(Rect(width: max(0, state.width), height: max(0, state.height)))[1]
    }

    /// The body of the frame alone, without the header and status bar: what pane goldens
    /// hold, so a change to the chrome re-records only the few full-screen goldens. Overlays
    /// drawn over the pane are included.
    static func renderPane(_ state: AppState, symbols: Symbols = .unicode, clock: ContinuousClock.Instant = .now) -> Buffer {
        let frame = render(state, symbols: symbols, clock: clock)
        guard state.width >= minimumWidth, state.height >= minimumHeight else { return frame }
        return frame.cropped(to: body(state))
    }

    private static func statusBar(_ state: AppState, into buffer: inout Buffer, area: Rect, symbols: Symbols, clock: ContinuousClock.Instant) {
        buffer.fill(area, style: Style(.statusBar))
        let busy = state.inFlight.values.contains { clock - $0 >= App.spinnerDelay }
        var rightWidth = 0
        if busy {
            let frame = symbols == .ascii ? ["|", "/", "-", "\\"][state.spinnerFrame % 4] : spinner[state.spinnerFrame % spinner.count]
            let text = " \(frame) loading "
            rightWidth = displayWidth(text)
            buffer.put(text, x: area.right - rightWidth, y: area.y, style: Style(.warning))
        }
        let width = area.width - rightWidth - 1
        if case .reconnecting(let reason) = state.link {
            buffer.put(" reconnecting: \(reason)", x: area.x, y: area.y, style: Style(.error), maxWidth: width)
            return
        }
        if case .refused(let reason) = state.link {
            buffer.put(" press R to try again · \(reason)", x: area.x, y: area.y, style: Style(.error), maxWidth: width)
            return
        }
        // A note sits at the right of the hints and never covers them all: the hints keep room
        // for their first one and the ellipsis that says there are more; the note has the rest
        // (cut with an ellipsis when even that is too short).
        var hintsWidth = width
        if let note = state.note {
            let text = " " + note.text + " "
            let firstHint = Keymap.hints(for: state.pane.context).first.map { displayWidth(" \($0.key) \($0.label) ") } ?? 0
            let noteWidth = min(displayWidth(text), width - firstHint - 3)
            buffer.put(text, x: area.x + width - noteWidth, y: area.y, style: Style(note.kind == .error ? .error : .info).bold(),
                       maxWidth: noteWidth)
            hintsWidth = width - noteWidth - 1
        }
        buffer.put(hints(for: state.pane.context, width: hintsWidth, symbols: symbols), x: area.x, y: area.y, maxWidth: hintsWidth)
    }

    /// Whole hints only; when some do not fit, an ellipsis says there are more (`?` lists them).
    private static func hints(for context: KeyContext, width: Int, symbols: Symbols) -> [Span] {
        let hints = Keymap.hints(for: context).map { [Span(" \($0.key)", .statusKey), Span(" \($0.label) ", .statusBar)] }
        let ellipsis = Span(" " + symbols.ellipsis, .statusBar)
        var spans: [Span] = []
        var used = 0
        for (index, hint) in hints.enumerated() {
            let needed = hint.reduce(0) { $0 + $1.width }
            let room = index == hints.count - 1 ? width : width - ellipsis.width
            guard used + needed <= room else { spans.append(ellipsis); break }
            spans += hint
            used += needed
        }
        return spans
    }
}
