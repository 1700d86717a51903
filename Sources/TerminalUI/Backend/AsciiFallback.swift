/// Replacements for terminals without a UTF-8 locale, where curses cannot show
/// non-ASCII characters: box drawing becomes `+-|`, the engine's symbols get ASCII
/// look-alikes, and anything else becomes `?` (one per column, so layout holds).
public enum AsciiFallback {
    static let table: [String: String] = [
        "─": "-", "━": "-", "│": "|", "┃": "|", "┌": "+", "┐": "+", "└": "+", "┘": "+",
        "├": "+", "┤": "+", "┬": "+", "┴": "+", "┼": "+", "╭": "+", "╮": "+", "╰": "+", "╯": "+",
        "═": "=", "║": "|", "╔": "+", "╗": "+", "╚": "+", "╝": "+",
        "…": "~", "▲": "^", "▼": "v", "▶": ">", "◀": "<", "↵": "J", "⇥": "I", "␛": "^", "�": "?",
        "█": "#", "▉": "#", "▊": "#", "▋": "#", "▌": "#", "▍": "=", "▎": "-", "▏": "-",
        "▇": "#", "▆": "#", "▅": "=", "▄": "=", "▃": "-", "▂": "_", "▁": "_", "·": ".", "•": "*",
        "‘": "'", "’": "'", "“": "\"", "”": "\"", "–": "-", "—": "-", "✓": "v", "✗": "x", "⠋": "|",
        "⠙": "/", "⠹": "-", "⠸": "\\", "⠼": "|", "⠴": "/", "⠦": "-", "⠧": "\\", "⠇": "|", "⠏": "/",
    ]

    /// The ASCII text to draw for one cell's cluster, one character per column it takes
    /// (`width`, the cell's width; the cluster's own width when nil). The ellipsis that
    /// marks cut text becomes `~`.
    public static func map(_ cluster: String, width: Int? = nil) -> String {
        let columns = max(1, width ?? displayWidth(cluster))
        let mapped: String
        if cluster.unicodeScalars.allSatisfy(\.isASCII) { mapped = cluster }
        else if let replacement = table[cluster] { mapped = replacement }
        else if let first = cluster.unicodeScalars.first, first.isASCII { mapped = String(first) }
        else { mapped = "?" }
        return mapped.count >= columns ? String(mapped.prefix(columns)) : mapped + String(repeating: "?", count: columns - mapped.count)
    }
}
