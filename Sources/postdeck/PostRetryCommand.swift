import ArgumentParser
import FoundationEssentials
import PostDeckCore
import PostDeckStore

/// `postdeck post retry POST_ID [--account A]`: the health pane's retry, without the
/// question. The same store function (`PublishHistoryQueries.retry`), guarded by the post's
/// `updated_at` as read just before.
struct PostRetryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Publish a failed post again on one account: its error is cleared and a publish job is queued for now.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The post's id, or its first 8 or more hex digits (as the agenda shows it).", valueName: "POST_ID"))
    var post: String

    @Option(help: ArgumentHelp("The failed account: its id, platform:username or a username (needed when several failed).",
                               valueName: "ACCOUNT"))
    var account: String?

    func validate() throws {
        _ = try postIDPrefix(post)
    }

    func run() throws {
        let connection = try database.connect()
        try Migrator.requireCurrent(connection)
        let id = try resolvePostID(post, on: connection)
        guard let snapshot = try connection.run(PostWrites.snapshot(of: id)) else {
            throw UserFacingError(message: "post \(id) does not exist", hint: nil)
        }
        let accounts = try connection.run(ComposerQueries.choices(for: snapshot.clientID)).accounts
        let failed = snapshot.targets.filter { $0.status == .failed }
        let target: PostSnapshot.Target
        if let account {
            let match: ComposerAccount
            switch AccountMatch.resolve(account, among: accounts) {
            case .success(let found): match = found
            case .failure(let error): throw UserFacingError(message: "not retried: \(error.description)", hint: nil)
            }
            guard let chosen = snapshot.targets.first(where: { $0.accountID == match.id }) else {
                throw UserFacingError(message: "not retried: post \(id) is not on \(match.platform.rawValue):\(match.username ?? "?")", hint: nil)
            }
            target = chosen
        } else {
            guard !failed.isEmpty else {
                throw UserFacingError(message: "not retried: post \(id) failed on no account (it is \(snapshot.status.rawValue))", hint: nil)
            }
            guard failed.count == 1 else {
                let names = failed.map { target in name(of: target.accountID, among: accounts) }.joined(separator: ", ")
                throw UserFacingError(message: "post \(id) failed on \(failed.count) accounts: name one with --account",
                                      hint: "hint: the failed accounts are \(names)")
            }
            target = failed[0]
        }
        switch try connection.run(PublishHistoryQueries.retry(post: id, account: target.accountID, stamp: snapshot.updatedAt)) {
        case .success(let job):
            print("queued post \(id) on \(name(of: target.accountID, among: accounts)) to publish again (publish job \(job), pending)")
        case .failure(let refusal):
            throw UserFacingError(message: "not retried: \(refusal.description)", hint: nil)
        }
    }

    private func name(of account: AccountID, among accounts: [ComposerAccount]) -> String {
        guard let found = accounts.first(where: { $0.id == account }) else { return account.description }
        return "\(found.platform.rawValue):\(found.username ?? account.description)"
    }
}
