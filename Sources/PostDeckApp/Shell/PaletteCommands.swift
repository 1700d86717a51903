import PostDeckCore
import TerminalUI

/// Commands typed in the `:` palette (`client acme`, `goto fri`, `import ~/june.csv`),
/// beside the key table's actions, as in k9s. The one place a typed command is named,
/// parsed, completed and run: a new one is a case, a row of `all`, and a line of `parse`
/// and `run`.
enum PaletteCommand: Equatable {
    case importPosts(path: String)
    /// The client in scope, by name (`all` for every client).
    case client(String)
    /// The calendar on a day, typed as people say it (`fri`, `12-15`, `2026-12-15`, `tomorrow`).
    case goto(String)
    case theme(String)
    /// The performance table to a CSV file.
    case export(path: String)
    case view(CalendarMode)

    /// A typed command as the palette lists it; `argument` is nil for a command that takes none.
    struct Definition {
        let name: String
        let argument: String?
        let description: String
    }

    static let all = [
        Definition(name: "client", argument: "NAME", description: "the client in scope (all: every client)"),
        Definition(name: "goto", argument: "DATE", description: "the calendar on a day: fri, 12-15, 2026-12-15, tomorrow"),
        Definition(name: "week", argument: nil, description: "the calendar's week"),
        Definition(name: "agenda", argument: nil, description: "the calendar's agenda"),
        Definition(name: "month", argument: nil, description: "the calendar's month"),
        Definition(name: "theme", argument: "NAME", description: "colours from another theme, for this session"),
        Definition(name: "export", argument: "PATH", description: "the performance table to a CSV file"),
        Definition(name: "import", argument: "PATH", description: "import posts from a CSV file (shows the report, asks first)"),
    ]

    /// The command `text` spells: a command's name, then its argument if it takes one.
    static func parse(_ text: String) -> PaletteCommand? {
        let trimmed = text.trimmingSpaces()
        let name = String(trimmed.prefix { $0 != " " }).lowercased()
        let argument = String(trimmed.dropFirst(name.count)).trimmingSpaces()
        switch (name, argument.isEmpty) {
        case ("week", true): return .view(.week)
        case ("agenda", true): return .view(.agenda)
        case ("month", true): return .view(.month)
        case ("client", false): return .client(argument)
        case ("goto", false): return .goto(argument)
        case ("theme", false): return .theme(argument)
        case ("export", false): return .export(path: argument)
        case ("import", false): return .importPosts(path: argument)
        default: return nil
        }
    }

    /// `import PATH`, as the palette lists the command.
    static func title(_ definition: Definition) -> String {
        definition.argument.map { "\(definition.name) \($0)" } ?? definition.name
    }

    /// The names a command's argument can be, completed in the palette as it is typed:
    /// the clients for `client`, the themes for `theme`; nil for a free argument.
    static func completions(for name: String, _ state: AppState) -> [(argument: String, hint: String)]? {
        switch name {
        case "client":
            let names = Dictionary(grouping: state.clients, by: \.name)
            return [("all", "every client")] + state.clients.map { client in
                ((names[client.name]?.count ?? 0) > 1 ? "\(client.name) (\(client.agencyName))" : client.name,
                 client.timeZone ?? client.agencyName)
            }
        case "theme":
            return state.themeNames.map { ($0, $0 == state.themeName ? "in use" : "theme") }
        default:
            return nil
        }
    }

    func run(_ state: inout AppState) -> [Effect] {
        switch self {
        case .importPosts(let path): return Importing.start(&state, path: path)
        case .client(let name): return Self.chooseClient(&state, name)
        case .goto(let text): return Self.goto(&state, text)
        case .theme(let name): return [.applyTheme(name)]
        case .export(let path): return PerformancePane.exportAsking(&state, path: path)
        case .view(let mode): return Self.show(&state, mode)
        }
    }

    /// `client NAME`: the client whose name (or "name (agency)") is `name`, ignoring case,
    /// else the one whose name starts with it; several or none is a one-line error.
    private static func chooseClient(_ state: inout AppState, _ name: String) -> [Effect] {
        let wanted = name.lowercased()
        if ["all", "all clients"].contains(wanted) { return App.setScope(&state, .allClients) }
        let titled = (completions(for: "client", state) ?? []).dropFirst().map(\.argument)
        let candidates = zip(state.clients, titled)
        let exact = candidates.filter { $0.0.name.lowercased() == wanted || $0.1.lowercased() == wanted }
        let matches = exact.isEmpty ? candidates.filter { $0.1.lowercased().hasPrefix(wanted) } : exact
        guard matches.count == 1, let client = matches.first?.0 else {
            let shown = Sanitizer.singleLine(name)
            let text = matches.isEmpty ? "no client named “\(shown)”"
                : "“\(shown)” is \(matches.count) clients: " + matches.prefix(4).map { Sanitizer.singleLine($0.1) }.joined(separator: ", ")
            state.note = StatusNote(text: text, kind: .error)
            return []
        }
        return App.setScope(&state, .client(client.id))
    }

    /// `goto DATE`: the calendar on that day, read as a time is (`fri`, `12-15`, `tomorrow`)
    /// in the calendar's zone; a day alone is read as its last minute, so today counts.
    private static func goto(_ state: inout AppState, _ text: String) -> [Effect] {
        let zone = state.calendar.displayZone
        let parsed = (try? TimeExpression.parse(text, now: state.now, zone: zone))
            ?? (try? TimeExpression.parse(text + " 23:59", now: state.now, zone: zone))
        guard let parsed else {
            state.note = StatusNote(text: "goto: “\(Sanitizer.singleLine(text))” is not a day (try fri, 12-15 or 2026-12-15)", kind: .error)
            return []
        }
        let day: LocalDate
        switch parsed {
        case .wallClock(let local): day = local.date
        case .instant(let instant): day = zone.localDate(of: instant)
        }
        let effects = App.perform(&state, .showCalendar)
        guard state.calendar.day != nil else {
            state.calendar.day = day
            return effects
        }
        return effects + CalendarPane.go(&state, to: day, force: true)
    }

    /// `week`, `agenda`, `month`: the calendar in that view.
    private static func show(_ state: inout AppState, _ mode: CalendarMode) -> [Effect] {
        let effects = App.perform(&state, .showCalendar)
        guard state.calendar.day != nil else {
            state.calendar.mode = mode
            return effects
        }
        return effects + CalendarPane.switchMode(&state, mode)
    }
}

/// What choosing a line of the palette does.
enum PaletteEntry: Equatable {
    case action(Action)
    /// A typed command without its argument yet: the query becomes its name and a space.
    case complete(name: String)
    case run(PaletteCommand)
}
