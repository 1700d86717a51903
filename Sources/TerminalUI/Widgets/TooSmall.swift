/// The screen shown when the terminal is below the size a program needs:
/// "terminal too small: W x H, needs 80 x 24", shortened to whatever fits, down to 1x1.
public enum TooSmall {
    /// The messages from the fullest to the shortest.
    static func candidates(width: Int, height: Int, needs: (width: Int, height: Int)) -> [String] {
        [
            "terminal too small: \(width) x \(height), needs \(needs.width) x \(needs.height)",
            "too small: \(width)x\(height), needs \(needs.width)x\(needs.height)",
            "\(width)x\(height) < \(needs.width)x\(needs.height)",
            "too small", "small", "!",
        ]
    }

    /// The longest message that fits on one line of `maxWidth` columns.
    public static func message(width: Int, height: Int, needs: (width: Int, height: Int), maxWidth: Int) -> String {
        candidates(width: width, height: height, needs: needs).first { displayWidth($0) <= maxWidth } ?? ""
    }

    public static func render(into buffer: inout Buffer, area: Rect, needs: (width: Int, height: Int)) {
        guard !area.isEmpty else { return }
        buffer.fill(area, style: Style(.warning))
        let style = Style(.warning).bold()
        let all = candidates(width: area.width, height: area.height, needs: needs)
        if !all.prefix(2).contains(where: { displayWidth($0) <= area.width }), area.height >= 2 {
            // Narrow but tall: wrap the short sentence rather than dropping words.
            let paragraph = Paragraph(all[1], style: style, alignment: .center)
            let h = paragraph.height(width: area.width)
            if h <= area.height {
                paragraph.render(into: &buffer, area: area.centered(width: area.width, height: h))
                return
            }
        }
        let text = message(width: area.width, height: area.height, needs: needs, maxWidth: area.width)
        buffer.put(text, x: area.x, y: area.y + area.height / 2, width: area.width, alignment: .center, style: style)
    }
}
