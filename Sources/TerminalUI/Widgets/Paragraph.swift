/// Multi-line text, wrapped at word boundaries to the area's width (long words are
/// broken between grapheme clusters), width-aware for CJK and emoji. Text is
/// sanitized: newlines start new lines, tabs expand, controls become placeholders.
public struct Paragraph: Sendable {
    public var lines: [[Span]]
    public var wrap: Bool
    public var alignment: Alignment
    /// Wrapped lines to skip at the top.
    public var scroll: Int

    public init(lines: [[Span]], wrap: Bool = true, alignment: Alignment = .left, scroll: Int = 0) {
        self.lines = lines
        self.wrap = wrap
        self.alignment = alignment
        self.scroll = scroll
    }

    /// One style for all of `text`, split at its newlines.
    public init(_ text: String, style: Style = .plain, wrap: Bool = true, alignment: Alignment = .left) {
        self.init(lines: Sanitizer.multiLine(text).map { [Span($0, style: style)] }, wrap: wrap, alignment: alignment)
    }

    /// The lines as they will be drawn at `width` columns.
    public func wrapped(width: Int) -> [[Span]] {
        let sanitized = lines.flatMap(Paragraph.sanitize)
        guard wrap else { return sanitized }
        return sanitized.flatMap { Paragraph.wrap($0, width: width) }
    }

    /// How many rows the paragraph needs at `width` columns.
    public func height(width: Int) -> Int { wrapped(width: width).count }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let rows = wrapped(width: area.width).dropFirst(max(0, scroll)).prefix(area.height)
        for (i, line) in rows.enumerated() {
            let w = line.reduce(0) { $0 + $1.width }
            let x = switch alignment {
            case .left: area.x
            case .center: area.x + max(0, (area.width - w) / 2)
            case .right: area.x + max(0, area.width - w)
            }
            buffer.put(line, x: x, y: area.y + i, maxWidth: area.right - x)
        }
    }

    /// Splits a line of spans at sanitized newlines.
    static func sanitize(_ line: [Span]) -> [[Span]] {
        var result: [[Span]] = [[]]
        for span in line {
            let parts = Sanitizer.multiLine(span.text)
            for (i, part) in parts.enumerated() {
                if i > 0 { result.append([]) }
                if !part.isEmpty { result[result.count - 1].append(Span(part, style: span.style)) }
            }
        }
        return result
    }

    /// Greedy word wrap of one line of spans to `width` columns.
    static func wrap(_ line: [Span], width: Int) -> [[Span]] {
        guard width > 0 else { return [] }
        // Words (with their styled clusters) separated by spaces.
        typealias Piece = (character: Character, style: Style)
        var pieces: [Piece] = []
        for span in line { for c in span.text { pieces.append((c, span.style)) } }
        if pieces.isEmpty { return [[]] }

        var lines: [[Piece]] = [[]]
        var lineWidth = 0
        var index = 0
        while index < pieces.count {
            if pieces[index].character == " " {
                if lineWidth < width, lineWidth > 0 || lines.count == 1 {
                    lines[lines.count - 1].append(pieces[index]); lineWidth += 1
                }
                index += 1
                continue
            }
            var end = index
            var wordWidth = 0
            while end < pieces.count, pieces[end].character != " " { wordWidth += TextWidth.of(pieces[end].character); end += 1 }
            if lineWidth + wordWidth > width, lineWidth > 0 {
                // Trailing spaces of the finished line are dropped.
                while let last = lines[lines.count - 1].last, last.character == " " { lines[lines.count - 1].removeLast() }
                lines.append([]); lineWidth = 0
            }
            for piece in pieces[index..<end] {
                let w = TextWidth.of(piece.character)
                if lineWidth + w > width, lineWidth > 0 { lines.append([]); lineWidth = 0 }
                lines[lines.count - 1].append(piece); lineWidth += w
            }
            index = end
        }
        return lines.map { pieces in
            var spans: [Span] = []
            for piece in pieces {
                if let last = spans.last, last.style == piece.style { spans[spans.count - 1].text.append(piece.character) }
                else { spans.append(Span(String(piece.character), style: piece.style)) }
            }
            return spans
        }
    }
}
