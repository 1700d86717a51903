import ArgumentParser

/// `postdeck post`: write posts without the UI.
struct PostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "post",
        abstract: "Write posts: save drafts and schedule them.",
        subcommands: [PostDraftCommand.self, PostScheduleCommand.self])
}
