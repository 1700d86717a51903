import ArgumentParser
import PostDeckApp

/// `postdeck keys`: the key table as Markdown (the README's key section is this output).
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Print every key binding as a Markdown table.")

    func run() throws {
        Output.result(Keymap.markdown())
    }
}
