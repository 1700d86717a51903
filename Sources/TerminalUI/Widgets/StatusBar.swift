/// A key and what it does, as shown in the status bar ("q quit").
public struct KeyHint: Sendable, Equatable {
    public var key: String
    public var action: String

    public init(_ key: String, _ action: String) {
        self.key = key
        self.action = action
    }
}

/// The bottom line: a message and key hints on the left, status on the right.
/// When space runs short the right part is kept (up to half the width), the message
/// is cut with an ellipsis, and hints are dropped whole from the end, an ellipsis in
/// their place.
public struct StatusBar: Sendable {
    public var message: [Span]
    public var hints: [KeyHint]
    public var right: [Span]
    public var symbols: Symbols

    public init(message: [Span] = [], hints: [KeyHint] = [], right: [Span] = [], symbols: Symbols = .unicode) {
        self.message = message
        self.hints = hints
        self.right = right
        self.symbols = symbols
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        // Plain text in the bar takes the bar's role.
        let onBar = { (spans: [Span]) in spans.map { $0.style.role == .text ? Span($0.text, style: $0.style.role(.statusBar)) : $0 } }
        let message = onBar(self.message), right = onBar(self.right)
        let line = area.row(0)
        buffer.fill(line, style: Style(.statusBar))
        let rightWidth = right.reduce(0) { $0 + displayWidth(Sanitizer.singleLine($1.text)) }
        let rightRoom = min(rightWidth, message.isEmpty && hints.isEmpty ? line.width : line.width / 2)
        if rightRoom > 0 {
            buffer.put(right, x: line.right - rightRoom, y: line.y, width: rightRoom, ellipsis: symbols.ellipsis)
        }
        var x = line.x + (line.width > 1 ? 1 : 0)
        let end = line.right - rightRoom - (rightRoom > 0 ? 1 : 0)
        if !message.isEmpty {
            let messageWidth = message.reduce(0) { $0 + displayWidth(Sanitizer.singleLine($1.text)) }
            x += buffer.put(message, x: x, y: line.y, width: min(messageWidth, end - x), ellipsis: symbols.ellipsis)
            x += 2
        }
        let ellipsisWidth = displayWidth(symbols.ellipsis)
        for (index, hint) in hints.enumerated() {
            let keyText = Sanitizer.singleLine(hint.key), actionText = Sanitizer.singleLine(hint.action)
            let needed = displayWidth(keyText) + 1 + displayWidth(actionText)
            let room = index == hints.count - 1 ? end : end - ellipsisWidth - 1
            guard x + needed <= room else {
                // The hints that do not fit are dropped whole; an ellipsis says there are more.
                if x + ellipsisWidth <= end { buffer.put(symbols.ellipsis, x: x, y: line.y, style: Style(.statusBar)) }
                break
            }
            x += buffer.put(keyText, x: x, y: line.y, style: Style(.statusKey).bold())
            x += 1
            x += buffer.put(actionText, x: x, y: line.y, style: Style(.statusBar))
            x += 2
        }
    }
}
