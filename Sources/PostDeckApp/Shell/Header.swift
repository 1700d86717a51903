import PostDeckStore
import FoundationEssentials
import PostDeckCore
import TerminalUI

/// The top line: the program's name, the pane tabs, and on the right the client in scope
/// and the connection (role, agency, host; `[R]` in read-only mode; where reads come from,
/// their lag, and whether changes are polled). When space is short the connection label
/// shrinks first: the client in scope always wins.
enum Header {
    static func render(_ state: AppState, into buffer: inout Buffer, area: Rect) {
        buffer.fill(area, style: Style(.statusBar))
        // The program's name is the first thing to go when the terminal is narrow.
        var x = area.x + (area.width >= 100 ? buffer.put(" postdeck ", x: area.x, y: area.y, style: Style(.title).bold()) : 0)
        for (index, pane) in Pane.allCases.enumerated() {
            let label = " \(index + 1) \(pane.title) "
            let style = pane == state.pane ? Style(.tabActive).bold().reverse() : Style(.tabInactive)
            x += buffer.put(label, x: x, y: area.y, style: style)
        }
        let available = area.right - x
        if let right = candidates(state).first(where: { width($0) <= available }) {
            buffer.put(right, x: area.right - width(right), y: area.y)
        } else if available > 1 {
            // A client name longer than the room left: cut, with an ellipsis.
            buffer.put([Span(" "), Span(state.scopeTitle, .accent)], x: area.right - available, y: area.y, maxWidth: available - 1)
        }
    }

    /// The right-hand side, widest first; the first that fits is drawn.
    static func candidates(_ state: AppState) -> [[Span]] {
        let title = Span(state.scopeTitle, .accent)
        let labels = connectionLabels(state)
        let wide = extras(state, short: false), short = extras(state, short: true)
        var result: [[Span]] = [[Span(" client: ", .muted), title, Span("  ", .muted)] + link(state, labels.first) + wide + [Span(" ")]]
        for (index, label) in labels.enumerated() {
            result.append([Span(" "), title, Span("  ", .muted)] + link(state, label) + (index == 0 ? wide : short) + [Span(" ")])
        }
        result.append([Span(" "), title, Span("  ", .muted)] + link(state, nil) + short + [Span(" ")])
        // Then the connection goes altogether, the client in scope never.
        result.append([Span(" "), title] + short + [Span(" ")])
        result.append([Span(" "), title, Span(" ")])
        return result
    }

    /// `● label` while connected, else the link's state.
    private static func link(_ state: AppState, _ label: String?) -> [Span] {
        switch state.link {
        case .connecting: return [Span("○ connecting", .warning)]
        case .reconnecting, .refused: return [Span("✖ offline", .error)]
        case .connected:
            guard state.connections.readsOnline else { return [Span("✖ reads offline", .error)] }
            guard let label else { return [Span("●", .success)] }
            return [Span("● ", .success), Span(label, .muted)]
        }
    }

    /// The connection's label, widest first: role · agency · host:port/database, then
    /// without port and database, without host, the role alone. Never a password: the
    /// parts come from the server and from libpq's report of where it connected.
    static func connectionLabels(_ state: AppState) -> [String] {
        let connections = state.connections
        guard !state.labelFixed, let label = connections.primaryLabel else { return [state.databaseLabel] }
        let role = Sanitizer.singleLine(connections.primary?.role ?? label.user)
        let agency = connections.access?.agencyNames.map { names -> String in
            guard let first = names.first else { return "no agency" }
            return Sanitizer.singleLine(first) + (names.count > 1 ? " +\(names.count - 1)" : "")
        }
        let who = [role] + (agency.map { [$0] } ?? [])
        let host = Sanitizer.singleLine(label.host)
        let endpoint = Sanitizer.singleLine("\(label.endpoint)/\(label.database)")
        return [(who + [endpoint]).joined(separator: " · "), (who + [host]).joined(separator: " · "),
                who.joined(separator: " · "), role]
    }

    /// Read-only mode, where reads come from, their lag, and polling.
    private static func extras(_ state: AppState, short: Bool) -> [Span] {
        let connections = state.connections
        var spans: [Span] = []
        if connections.readOnlyReason != nil { spans.append(Span(short ? " [R]" : " [R] read-only", .warning)) }
        if connections.separateReads, !short, let reads = connections.readsLabel {
            spans.append(Span(" reads: " + Sanitizer.singleLine(reads.endpoint), .muted))
        }
        if let lag = connections.shownLag { spans.append(Span(" lag \(Int(lag.rounded())) s", .warning)) }
        if case .polling(let interval) = connections.refresh {
            spans.append(Span(short ? " poll" : " poll \(interval.components.seconds) s", .muted))
        }
        return spans
    }

    private static func width(_ spans: [Span]) -> Int { spans.reduce(0) { $0 + $1.width } }
}
