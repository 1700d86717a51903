import FoundationEssentials
import Glibc
import PostDeckCore
import PostDeckStore
import TerminalUI

/// The composer's text on disk, so nothing typed is lost when the SSH link, the terminal
/// or the database goes away: `$XDG_STATE_HOME/postdeck/drafts/<post-id>.json`, mode 0600
/// in a 0700 directory, written a moment after each change, on SIGHUP/SIGTERM and when a
/// save fails; removed once the post is saved. The next start offers to restore it.
struct ComposerRecovery: Codable, Equatable {
    var postID: String
    var clientID: String?
    var content: String
    var variations: [String: String]
    var hashtags: String
    var mentions: String
    var firstComment: String
    var accountIDs: [String]
    var campaignID: String?
    var templateID: String?
    var mediaPaths: [String]
    var time: String
    var expectedUpdatedAt: Date?
    var writtenAt: Date

    init(_ state: ComposerState, now: Date) {
        postID = state.postID.description
        clientID = state.clientID?.description
        content = state.content.text
        variations = Dictionary(uniqueKeysWithValues: state.variations.map { ($0.key.rawValue, $0.value.text) })
        hashtags = state.hashtags.text
        mentions = state.mentions.text
        firstComment = state.firstComment.text
        accountIDs = state.selectedAccounts.map(\.description)
        campaignID = state.campaignID?.description
        templateID = state.templateID?.description
        mediaPaths = state.media.map(\.path)
        time = state.time.text
        expectedUpdatedAt = state.loaded?.updatedAt
        writtenAt = now
    }

    /// The first line of the text, for the restore question.
    var summary: String {
        let line = content.split(separator: "\n").first.map(String.init) ?? ""
        return line.count > 40 ? String(line.prefix(40)) + "…" : line
    }
}

/// Reads and writes recovery files. Used by the runtime (effects), never by `update`.
struct RecoveryStore {
    let directory: String

    init(stateDirectory: String) { directory = stateDirectory + "/drafts" }

    func path(for postID: String) -> String { directory + "/\(postID).json" }

    /// Writes atomically (temp file, fsync, rename) with mode 0600.
    func write(_ recovery: ComposerRecovery) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        _ = chmod(directory, 0o700)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.dateEncodingStrategy = .secondsSince1970
        let data = try encoder.encode(recovery)
        let final = path(for: recovery.postID)
        let temporary = final + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission) }
        _ = fchmod(fd, 0o600)
        let written = data.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        _ = fsync(fd)
        close(fd)
        guard written == data.count, rename(temporary, final) == 0 else {
            unlink(temporary)
            throw CocoaError(.fileWriteUnknown)
        }
    }

    func remove(_ postID: String) {
        unlink(path(for: postID))
    }

    /// Every recovery file, newest first.
    func all() -> [ComposerRecovery] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return names.filter { $0.hasSuffix(".json") }.compactMap { name in
            FileManager.default.contents(atPath: directory + "/" + name).flatMap { try? decoder.decode(ComposerRecovery.self, from: $0) }
        }.sorted { $0.writtenAt > $1.writtenAt }
    }

    /// Moves a declined recovery file aside (never deleted: it is someone's text).
    func setAside(_ postID: String) {
        let aside = directory + "/declined"
        try? FileManager.default.createDirectory(atPath: aside, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        rename(path(for: postID), aside + "/\(postID).json")
    }
}
