import ArgumentParser

/// `postdeck post schedule`: the composer's Ctrl-t without a UI.
struct PostScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Schedule a post at --at (prints its id).",
        discussion: "Writes the post, its post_platforms and one pending publish job in one statement. A time in the past, a time skipped or repeated by a daylight-saving change, or any network's error stops it (exit 1).")

    @OptionGroup var options: PostWriteOptions

    func run() throws { try options.run(schedule: true) }
}
