import TerminalUI

/// Commands typed in the `:` palette with an argument (`import ~/june.csv`), beside the key
/// table's actions. The one place a typed command is named, parsed and run: a new one
/// (`client NAME`, `goto DATE`) is a case, a row of `all`, and a line of `run`.
enum PaletteCommand: Equatable {
    case importPosts(path: String)

    /// A typed command as the palette lists it.
    struct Definition {
        let name: String
        let argument: String
        let description: String
    }

    static let all = [
        Definition(name: "import", argument: "PATH", description: "import posts from a CSV file (shows the report, asks first)"),
    ]

    /// The command `text` spells: a command's name, a space and its argument.
    static func parse(_ text: String) -> PaletteCommand? {
        let trimmed = text.drop { $0 == " " }
        guard let space = trimmed.firstIndex(of: " ") else { return nil }
        let name = trimmed[..<space].lowercased()
        let argument = trimmed[space...].trimmingCharacters(in: .whitespaces)
        guard !argument.isEmpty else { return nil }
        switch name {
        case "import": return .importPosts(path: argument)
        default: return nil
        }
    }

    /// `import PATH`, as the palette lists the command.
    static func title(_ definition: Definition) -> String { "\(definition.name) \(definition.argument)" }

    func run(_ state: inout AppState) -> [Effect] {
        switch self {
        case .importPosts(let path): Importing.start(&state, path: path)
        }
    }
}

/// What choosing a line of the palette does.
enum PaletteEntry: Equatable {
    case action(Action)
    /// A typed command without its argument yet: the query becomes its name and a space.
    case complete(name: String)
    case run(PaletteCommand)
}
