import Foundation
import PostDeckCore
import PostDeckStore

/// Strings that try to take over a terminal or mislead its reader, and the demo data with
/// one of them in every text column postdeck shows. Anything that reaches the terminal raw
/// is observable in tmux: a clipboard write becomes a paste buffer (with `set-clipboard on`),
/// a title change shows in `#{pane_title}`, mouse tracking in `#{mouse_any_flag}`, a reset
/// or a clear wipes what was drawn.
public enum HostileCorpus {
    static let esc = "\u{1B}"

    public static let strings: [String] = [
        "\(esc)]52;c;cHduZWQ=\u{07}clip",                           // OSC 52 clipboard write, BEL-terminated
        "\(esc)]52;p;aGk=\(esc)\\clip-st",                          // OSC 52, ST-terminated
        "\(esc)]0;PWNED-TITLE\u{07}title0",                         // OSC 0: icon and window title
        "\(esc)]2;PWNED-TITLE-2\(esc)\\title2",                     // OSC 2: window title
        "reset\(esc)c",                                             // RIS: full reset
        "\(esc)[2J\(esc)[Hcleared",                                 // CSI 2J: clear the screen, cursor home
        "\(esc)[?1000h\(esc)[?1003h\(esc)[?1006hmouse",             // mouse tracking on
        "\u{9B}2Jc1-csi\u{9D}52;c;aGk=\u{9C}",                      // C1 CSI and C1 OSC
        "invoice\u{202E}fdp.exe\u{202C} \u{2066}iso\u{2069}",       // bidi override, isolate
        "a\u{200D}b\u{200D}👍 \u{200D}\u{200D}",                    // stray zero-width joiners
        String(repeating: "W", count: 500),                         // one 500-character word
        "Z" + String(repeating: "\u{0336}\u{0317}\u{0352}", count: 30), // stacked combining marks
        "\(esc)[6n\(esc)[cquery",                                   // cursor position and device queries
        "\(esc)]8;;https://evil.example\(esc)\\link\(esc)]8;;\(esc)\\", // OSC 8 hyperlink
        "\(esc)[?1049l\(esc)[?25lscreen",                           // leave the alternate screen, hide the cursor
        "line1\nline2\r\ttabbed\u{7F}\u{08}\u{08}",                 // line breaks, CR, tab, DEL, backspaces
    ]

    /// Text columns the panes and commands show, with their length limits (nil: text).
    static let columns: [(table: String, column: String, limit: Int?)] = [
        ("agencies", "name", 255), ("clients", "name", 255), ("clients", "industry", 100),
        ("accounts", "username", 255), ("accounts", "display_name", 255),
        ("posts", "content", nil), ("post_platforms", "error_message", nil), ("post_platforms", "platform_post_id", 255),
        ("media_files", "filename", 255), ("media_files", "original_filename", 255), ("media_files", "storage_path", nil),
        ("post_templates", "name", 255), ("post_templates", "template_content", nil),
        ("campaigns", "name", 255), ("campaigns", "description", nil), ("scheduled_jobs", "error_message", nil),
    ]

    /// Migrates, seeds the demo data, then prefixes every value of every shown text column with
    /// a corpus string (cycling through them row by row), and names two clients alike so that
    /// "2 clients are named" can be provoked.
    public static func install(on db: Connection) throws {
        _ = try DemoData.seed(on: db, options: .init(randomSeed: 7, now: Date(), scale: nil, force: false, progress: nil))
        let corpus = SQLArray(strings)
        for (table, column, limit) in columns {
            let value = "($1::text[])[1 + (x.n % \(strings.count))] || ' ' || coalesce(t.\(column), '')"
            try db.execute("""
                UPDATE \(table) t SET \(column) = \(limit.map { "left(\(value), \($0))" } ?? value)
                FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM \(table)) x
                WHERE x.id = t.id
                """, [corpus])
        }
        try db.execute("""
            UPDATE clients SET name = $1 WHERE id IN (SELECT id FROM clients ORDER BY id LIMIT 2)
            """, [twinName])
    }

    /// The name two clients share after `install`.
    public static let twinName = "\(esc)]52;c;dHdpbg==\u{07}Twin \u{202E}Co"
}
