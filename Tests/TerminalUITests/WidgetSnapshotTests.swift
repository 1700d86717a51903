import Testing
import TerminalUI

/// Golden files of widgets (text, roles and attributes). Record with
/// `POSTDECK_RECORD_SNAPSHOTS=1 swift test --filter WidgetSnapshotTests`, then review.
@Suite struct WidgetSnapshotTests {
    static let columns = [
        Table.Column("Account", width: .fill(1)),
        Table.Column("Platform", width: .fixed(9)),
        Table.Column("Failed", width: .fixed(6), alignment: .right),
    ]

    /// A program's own role, as postdeck's `post.failed` (same legend, so the goldens read alike).
    static let failedCount = Role("count.failed", legend: "F", parent: .error)

    static func rows(_ count: Int) -> [Table.Row] {
        (0..<count).map { i in
            Table.Row([Span(i == 2 ? "日本語のアカウント名がとても長い" : "account-\(i)"), Span(i % 2 == 0 ? "x" : "linkedin"),
                       Span("\(i * 3)", style: Style(i % 3 == 0 ? Self.failedCount : .text))])
        }
    }

    @Test func tableScrolledToSelection() throws {
        var buffer = Buffer(width: 40, height: 8)
        var state = TableState(selected: 0)
        let table = Table(columns: Self.columns, rows: Self.rows(20), sort: (2, .descending))
        table.render(into: &buffer, area: buffer.area, state: &state)
        for _ in 0..<9 { state.select(next: 1, count: 20) }
        buffer = Buffer(width: 40, height: 8)
        table.render(into: &buffer, area: buffer.area, state: &state)
        #expect(state.offset == 3)
        try assertSnapshot(buffer)
    }

    @Test func tableEmptyAndNarrow() throws {
        var buffer = Buffer(width: 20, height: 5)
        Table(columns: Self.columns, rows: [], emptyText: "no accounts match").render(into: &buffer, area: buffer.area)
        try assertSnapshot(buffer)
    }

    @Test func blockWithTabsAndStatusBar() throws {
        var buffer = Buffer(width: 50, height: 6)
        let (main, status) = buffer.area.splitBottom(1)
        let block = Block(title: "Account health", focused: true)
        block.render(into: &buffer, area: main)
        Tabs(["1 Calendar", "2 Composer", "3 Health", "4 Performance"], selected: 2).render(into: &buffer, area: block.inner(main))
        StatusBar(message: [Span("3 expired", .error)], hints: [KeyHint("?", "help"), KeyHint("q", "quit"), KeyHint("/", "filter")],
                  right: [Span("db: agency")]).render(into: &buffer, area: status)
        try assertSnapshot(buffer)
    }

    @Test func asciiBlockAndDialog() throws {
        var buffer = Buffer(width: 44, height: 9)
        Block(title: "Accounts", symbols: .ascii).render(into: &buffer, area: buffer.area)
        Dialog.confirm("Deactivate account?", message: "@acme on instagram will stop publishing.", symbols: .ascii)
            .render(into: &buffer, area: buffer.area)
        try assertSnapshot(buffer)
    }

    @Test func commandPaletteHighlightsMatches() throws {
        var buffer = Buffer(width: 40, height: 8)
        var query = TextInputState("hl")
        var state = ListState()
        CommandPalette(items: [PaletteItem("reload", hint: "R"), PaletteItem("health", hint: "3"),
                               PaletteItem("help", hint: "?"), PaletteItem("quit", hint: "q")])
            .render(into: &buffer, area: buffer.area, query: &query, state: &state)
        try assertSnapshot(buffer)
    }

    @Test func chartsAndParagraph() throws {
        var buffer = Buffer(width: 30, height: 7)
        let rows = split(buffer.area, .vertical, [.fixed(2), .fixed(2), .fill(1)])
        Sparkline([0, 1, 2, 3, 4, 5, 6, 7, 8, 4, 2, 0, 16]).render(into: &buffer, area: rows[0])
        BarChart([.init("x", value: 12), .init("instagram", value: 30, role: .chart2)]).render(into: &buffer, area: rows[1])
        Paragraph("Tokens expire: 日本語 text wraps by width.").render(into: &buffer, area: rows[2])
        try assertSnapshot(buffer)
    }

    @Test(arguments: [(80, 24), (40, 10), (12, 3), (5, 1), (1, 1)])
    func tooSmallFitsAnySize(width: Int, height: Int) throws {
        var buffer = Buffer(width: width, height: height)
        TooSmall.render(into: &buffer, area: buffer.area, needs: (80, 24))
        try assertSnapshot(buffer, named: "tooSmall")
    }

    @Test func textInputScrollsToCursorWithWideCharacters() throws {
        var buffer = Buffer(width: 12, height: 1)
        var state = TextInputState("filter 日本語👍🏽 text")
        state.handle(.alt("b"))
        TextInput(prompt: "/").render(into: &buffer, area: buffer.area, state: &state)
        try assertSnapshot(buffer)
    }
}
