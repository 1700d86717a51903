import ArgumentParser

/// `postdeck post draft`: the composer's Ctrl-s without a UI.
struct PostDraftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draft",
        abstract: "Save a post as a draft (prints its id).",
        discussion: "Checks the text against each chosen network's rules; problems are listed per network and nothing is written (exit 1).")

    @OptionGroup var options: PostWriteOptions

    func run() throws { try options.run(schedule: false) }
}
