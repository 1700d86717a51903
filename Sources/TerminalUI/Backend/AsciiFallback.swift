/// Replacements for terminals without a UTF-8 locale, where curses cannot show
/// non-ASCII characters: box drawing becomes `+-|`, the engine's symbols get ASCII
/// look-alikes, and anything else becomes `?` (one per column, so layout holds).
public enum AsciiFallback {
    static let table: [String: String] = [
        "─": "-", "━": "-", "│": "|", "┃": "|", "┌": "+", "┐": "+", "└": "+", "┘": "+",
        "├": "+", "┤": "+", "┬": "+", "┴": "+", "┼": "+", "╭": "+", "╮": "+", "╰": "+", "╯": "+",
        "═": "=", "║": "|", "╔": "+", "╗": "+", "╚": "+", "╝": "+",
        "…": ".", "▲": "^", "▼": "v", "▶": ">", "◀": "<", "↵": "J", "⇥": "I", "␛": "^", "�": "?",
        "█": "#", "▉": "#", "▊": "#", "▋": "#", "▌": "#", "▍": "=", "▎": "-", "▏": "-",
        "▇": "#", "▆": "#", "▅": "=", "▄": "=", "▃": "-", "▂": "_", "▁": "_", "·": ".", "•": "*",
        "‘": "'", "’": "'", "“": "\"", "”": "\"", "–": "-", "—": "-", "✓": "v", "✗": "x", "⠋": "|",
        "⠙": "/", "⠹": "-", "⠸": "\\", "⠼": "|", "⠴": "/", "⠦": "-", "⠧": "\\", "⠇": "|", "⠏": "/",
    ]

    /// The ASCII text to draw for one cell's cluster (as many columns as the cluster takes).
    public static func map(_ cluster: String) -> String {
        if cluster.unicodeScalars.allSatisfy(\.isASCII) { return cluster }
        if let replacement = table[cluster] { return replacement }
        if let first = cluster.unicodeScalars.first, first.isASCII { return String(first) }
        return displayWidth(cluster) == 2 ? "??" : "?"
    }
}
