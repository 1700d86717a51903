/// A grid of cells that a frame is drawn into. Widgets write here; a `Backend` sends
/// the difference between two buffers to the terminal.
///
/// Each cell holds a whole grapheme cluster; a cluster wider than one column is
/// followed by continuation cells. Writes outside the buffer are clipped silently, a
/// wide cluster never straddles an edge (the part that would fit becomes spaces), and
/// overwriting any column of a wide cluster blanks the rest of it, so the grid is always
/// consistent. Text is passed through `Sanitizer.singleLine` when it holds anything
/// unsafe, so no control character or stray joiner can reach a cell whatever the caller
/// forgot. Text cut to fit ends with an ellipsis (`TextWidth.truncate`).
public struct Buffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should be shown (a focused text input), or nil to hide it.
    public var cursor: Point?

    /// What marks text cut to fit. The curses backend draws it as `~` when the terminal
    /// is not UTF-8 (`AsciiFallback`).
    public static let ellipsis = "…"

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: fill, count: self.width * self.height)
    }

    /// The whole buffer as a rectangle at the origin.
    public var area: Rect { Rect(width: width, height: height) }

    /// The cell at a position; a blank cell outside the buffer.
    public subscript(x: Int, y: Int) -> Cell {
        get {
            guard x >= 0, x < width, y >= 0, y < height else { return .blank }
            return cells[y * width + x]
        }
        set {
            guard x >= 0, x < width, y >= 0, y < height else { return }
            var cell = newValue
            if cell.isContinuation { return }
            if Sanitizer.needsSanitizing(cell.text) || cell.text.count != 1 {
                cell = Cell(text: Sanitizer.Placeholders.unicode.other, style: cell.style, width: 1)
            }
            if cell.width < 2 {
                setNarrow(x: x, y: y, Cell(text: cell.text, style: cell.style, width: 1))
            } else {
                setWide(x: x, y: y, text: cell.text, style: cell.style, columns: cell.width, limit: width)
            }
        }
    }

    /// Writes `text` starting at column `x` of row `y`, at most `maxWidth` columns and
    /// never past the right edge; text that does not fit is cut with an ellipsis. Returns
    /// the number of columns the text advanced (whether or not the row is visible).
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style baseStyle: Style, maxWidth: Int? = nil) -> Int {
        let limitWidth = maxWidth.map { max(0, $0) } ?? Int.max
        let limit = x > width ? x : min(width, x &+ min(limitWidth, width &- x))
        let safe = Sanitizer.needsSanitizing(text) ? Sanitizer.singleLine(text) : text
        let rowVisible = y >= 0 && y < height
        var column = x
        var afterEscape = false
        for character in safe {
            let w = TextWidth.of(character)
            if w == 0 { continue }
            // Sanitizer placeholders stand out in their own role, whoever sanitized the text.
            let isPlaceholder = Buffer.isPlaceholder(character) || (afterEscape && character == "…")
            afterEscape = character == "␛"
            let style = isPlaceholder ? baseStyle.role(.placeholder) : baseStyle
            if column + w > limit {
                // Cut: write it again ending with an ellipsis (it covers or blanks every
                // column written so far).
                if limit > x {
                    let cut = TextWidth.truncate(safe, toWidth: limit - x, ellipsis: Buffer.ellipsis)
                    put(cut, x: x, y: y, style: baseStyle, maxWidth: limit - x)
                    if rowVisible { for c in max(0, x + displayWidth(cut))..<max(0, limit) { putClipped(" ", x: c, y: y, style: baseStyle, limit: limit) } }
                }
                column = max(column, limit)
                break
            }
            if rowVisible {
                if w >= 2 {
                    if column < 0 {
                        // Cut by the left edge: the columns that show become spaces.
                        for c in 0..<max(0, column + w) { putClipped(" ", x: c, y: y, style: style, limit: limit) }
                    } else {
                        setWide(x: column, y: y, text: String(character), style: style, columns: w, limit: limit)
                    }
                } else if column >= 0 {
                    setNarrow(x: column, y: y, Cell(text: String(character), style: style, width: 1))
                }
            }
            column += w
        }
        return max(0, column - x)
    }

    /// Writes spans one after another; returns the columns advanced.
    @discardableResult
    public mutating func put(_ spans: [Span], x: Int, y: Int, maxWidth: Int? = nil) -> Int {
        var used = 0
        for span in spans {
            let remaining = maxWidth.map { $0 - used }
            if let remaining, remaining <= 0 { break }
            used += put(span.text, x: x + used, y: y, style: span.style, maxWidth: remaining)
        }
        return used
    }

    /// Control Pictures (U+2400–U+2426), U+FFFD and a mark on a dotted circle: what
    /// `Sanitizer` puts in place of controls and stray parts.
    static func isPlaceholder(_ character: Character) -> Bool {
        guard let v = character.unicodeScalars.first?.value else { return false }
        return (0x2400...0x2426).contains(v) || v == 0xFFFD || v == 0x25CC
    }

    /// Sets every cell of `rect` (clipped to the buffer) to a blank with `style`.
    public mutating func fill(_ rect: Rect, style: Style) {
        fill(rect, with: Cell(text: " ", style: style))
    }

    /// Sets every cell of `rect` (clipped) to `cell`, which must be narrow.
    public mutating func fill(_ rect: Rect, with cell: Cell) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for y in r.y..<r.bottom {
            for x in r.x..<r.right { setNarrow(x: x, y: y, cell) }
        }
    }

    /// Changes the style of every cell in `rect`, keeping the characters.
    public mutating func setStyle(_ rect: Rect, style: Style) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for y in r.y..<r.bottom {
            for x in r.x..<r.right { cells[y * width + x].style = style }
        }
    }

    /// The cells of `rect` (clipped to the buffer) as a buffer of their own, the cursor
    /// moved with them (dropped when outside). A golden of one part of the screen (a
    /// pane without the header and footer) is a crop of the whole frame. A wide cluster
    /// cut by a side of `rect` becomes blanks, as a terminal that narrow would show it.
    public func cropped(to rect: Rect) -> Buffer {
        let area = rect.intersection(self.area)
        var result = Buffer(width: area.width, height: area.height)
        for y in 0..<area.height {
            var cutting = false   // blanking the rest of a cut wide cluster
            for x in 0..<area.width {
                let cell = cells[(area.y + y) * width + area.x + x]
                if cell.isContinuation { cutting = cutting || x == 0 } else { cutting = x + cell.width > area.width }
                result.cells[y * area.width + x] = cutting ? .blank : cell
            }
        }
        if let cursor, area.contains(x: cursor.x, y: cursor.y) {
            result.cursor = Point(x: cursor.x - area.x, y: cursor.y - area.y)
        }
        return result
    }

    /// The characters of row `y` as the terminal would show them.
    public func rowText(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var line = ""
        for x in 0..<width { line += cells[y * width + x].text }
        return line
    }

    /// All rows as text.
    public func textLines() -> [String] { (0..<height).map(rowText) }

    /// One character per cell naming its role (legend: `Role.legendCode`). The right
    /// half of a wide character repeats the role of its left half.
    public func styleLines() -> [String] {
        (0..<height).map { y in String((0..<width).map { cells[y * width + $0].style.role.legendCode }) }
    }

    /// One character per cell naming its extra attributes (legend: `Style.attributeCode`).
    public func attributeLines() -> [String] {
        (0..<height).map { y in String((0..<width).map { cells[y * width + $0].style.attributeCode }) }
    }

    // MARK: - Cell-level writes that keep wide clusters whole

    private mutating func putClipped(_ text: String, x: Int, y: Int, style: Style, limit: Int) {
        guard x >= 0, x < min(limit, width) else { return }
        setNarrow(x: x, y: y, Cell(text: text, style: style, width: 1))
    }

    private mutating func setNarrow(x: Int, y: Int, _ cell: Cell) {
        breakWide(x: x, y: y)
        cells[y * width + x] = cell
    }

    /// Writes a cluster `columns` wide at `x`: the lead cell, then continuations. One that
    /// would cross `limit` or the edge becomes a space.
    private mutating func setWide(x: Int, y: Int, text: String, style: Style, columns: Int, limit: Int) {
        guard x + columns <= min(limit, width) else {
            setNarrow(x: x, y: y, Cell(text: " ", style: style, width: 1))
            return
        }
        for c in x..<(x + columns) { breakWide(x: c, y: y) }
        cells[y * width + x] = Cell(text: text, style: style, width: columns)
        for c in (x + 1)..<(x + columns) { cells[y * width + c] = Cell(text: "", style: style, width: 0) }
    }

    /// Blanks the rest of the wide cluster that `(x, y)` belongs to, so writing one of
    /// its columns never leaves half a cluster behind.
    private mutating func breakWide(x: Int, y: Int) {
        let row = y * width
        var lead = x
        while lead > 0, cells[row + lead].isContinuation { lead -= 1 }
        let columns = cells[row + lead].width
        guard columns > 1 || cells[row + x].isContinuation else { return }
        let end = min(width, lead + max(columns, x - lead + 1))
        for c in lead..<end { cells[row + c] = Cell(text: " ", style: cells[row + c].style, width: 1) }
    }
}
