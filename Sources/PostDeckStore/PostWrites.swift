import FoundationEssentials
import PostDeckCore

/// The one write path of a post. Every change (composer, calendar, command line, import,
/// undo) is one call of `postdeck_write_post` (migration 5): one statement, one
/// transaction, the post row locked, guarded by the `updated_at` the caller read, with the
/// publish-job rule applied, returning the post before and after.
public enum PostWrites {
    /// Writes `change` to `post`. `stamp` is the `updated_at` the caller read (nil for a
    /// post that does not exist yet). Text the database cannot hold is refused here too, so
    /// nothing can reach libpq that it would cut (a NUL ends a C string).
    public static func write(_ change: PostChange, to post: PostID, expecting stamp: Date?) throws(PostTextError) -> Query<PostWriteOutcome> {
        for (field, text) in change.edit?.writtenTexts ?? [] {
            if let problem = PostText.problem(in: text, field: field), case .nul = problem { throw problem }
        }
        let request = WriteRequest(post: post, change: change)
        return Query("SELECT * FROM postdeck_write_post($1::jsonb, $2::timestamptz, $3::timestamptz)",
                     [request.json, stamp, request.time], needsPrimary: true) { result in
            guard let row = result.first else { throw StoreError.invalid("the write returned nothing") }
            let before = try decodeSnapshot(row.decode("post_before", as: String?.self), stamp: nil)
            let stamp = try row.decode("stamp", as: Date?.self)
            guard try row.decode("outcome", as: String.self) == "done" else {
                let reason = try row.decode("reason", as: String.self)
                return .refused(PostWriteRefusal(reason: try refusalReason(reason, change: change, current: before),
                                                 current: before, databaseNow: try row.decode("db_now", as: Date.self)))
            }
            let after = try decodeSnapshot(row.decode("post_after", as: String?.self), stamp: stamp)
            let written: PostID = if case .duplicate(let copy) = change { copy } else { post }
            return .done(PostWriteRecord(post: written, change: change, before: before, after: after,
                                         job: PublishJobEffect(rawValue: try row.decode("job", as: String.self)) ?? .none))
        }
    }

    /// A post as stored, for editing or for checking a change against; nil when it does not exist.
    public static func snapshot(of post: PostID) -> Query<PostSnapshot?> {
        Query("SELECT postdeck_post_snapshot(p.id) AS snapshot, p.updated_at FROM posts p WHERE p.id = $1::uuid", [post]) { result in
            guard let row = result.first else { return nil }
            return try decodeSnapshot(row.decode("snapshot", as: String?.self), stamp: row.decode("updated_at", as: Date.self))
        }
    }

    static func refusalReason(_ text: String, change: PostChange, current: PostSnapshot?) throws -> PostWriteRefusal.Reason {
        switch text {
        case "exists": return .exists
        case "not_found": return .notFound
        case "changed_elsewhere": return .changedElsewhere
        case "not_editable": return .notEditable(current?.status ?? .published)
        case "not_scheduled": return .notScheduled
        case "not_in_future": return .notInFuture
        case "no_time": return .noTime
        case "foreign_account": return .foreignAccount
        case "foreign_campaign": return .foreignCampaign
        case "foreign_template": return .foreignTemplate
        default: throw StoreError.invalid("the write was refused for an unknown reason (\(text))")
        }
    }
}

/// What a write did.
public enum PostWriteOutcome: Sendable, Equatable {
    case done(PostWriteRecord)
    case refused(PostWriteRefusal)
}

/// A write that happened: the post before and after it, which is what undo puts back.
public struct PostWriteRecord: Sendable, Equatable {
    /// The post written (for a duplicate, the new copy).
    public let post: PostID
    public let change: PostChange
    /// Nil when the write created the post.
    public let before: PostSnapshot?
    /// Nil when the write deleted the post.
    public let after: PostSnapshot?
    public let job: PublishJobEffect

    public init(post: PostID, change: PostChange, before: PostSnapshot?, after: PostSnapshot?, job: PublishJobEffect) {
        self.post = post
        self.change = change
        self.before = before
        self.after = after
        self.job = job
    }

    /// The `updated_at` the write left; nil when it deleted the post.
    public var stamp: Date? { after?.updatedAt }
}

/// What the publish-job rule did to the post's pending `post_publish` job.
public enum PublishJobEffect: String, Sendable, Equatable {
    case created, updated, kept, cancelled, none
}

/// Why a write changed nothing, with the post as it stands (when it exists), so the UI can
/// show the current state beside the user's.
public struct PostWriteRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        case notFound
        /// A new post's id is taken (by a post that was edited since it was created).
        case exists
        /// Someone else changed the post after it was read (its `updated_at` moved).
        case changedElsewhere
        case notEditable(PostStatus)
        case notScheduled
        /// The time is not after the database's clock.
        case notInFuture
        /// A scheduled post cannot lose its time (unschedule it instead).
        case noTime
        case foreignAccount, foreignCampaign, foreignTemplate
    }

    public let reason: Reason
    public let current: PostSnapshot?
    public let databaseNow: Date

    public init(reason: Reason, current: PostSnapshot?, databaseNow: Date) {
        self.reason = reason
        self.current = current
        self.databaseNow = databaseNow
    }

    public var description: String {
        switch reason {
        case .notFound: "the post no longer exists"
        case .exists: "a post with this id already exists; nothing was written"
        case .changedElsewhere:
            "someone else changed this post since it was loaded" + (current.map { " (it is now \($0.status.rawValue))" } ?? "")
                + "; nothing was overwritten"
        case .notEditable(let status): "a \(status.rawValue) post cannot be changed; only drafts and scheduled posts can"
        case .notScheduled: "only a scheduled post can be unscheduled"
        case .notInFuture: "the time is not ahead of the database's clock; choose a later time"
        case .noTime: "a scheduled post needs a time; unschedule it to make it a draft"
        case .foreignAccount: "an account is not one of the post's client's"
        case .foreignCampaign: "the campaign is not one of the post's client's"
        case .foreignTemplate: "the template is not one of the post's client's"
        }
    }
}

// MARK: The request

/// The JSON `postdeck_write_post` reads. Keys present in `edit` are written; absent keys
/// keep their column (a JSON null sets a column to NULL).
struct WriteRequest {
    let json: JSONText
    let time: Date?

    init(post: PostID, change: PostChange) {
        var request: [String: Any] = ["post_id": post.description]
        var time: Date?
        func edit(_ edit: PostEdit) -> [String: Any] {
            var object: [String: Any] = [:]
            if let text = edit.text.newValue { object["content"] = text }
            if let variations = edit.variations.newValue {
                object["variations"] = Dictionary(uniqueKeysWithValues: variations.map { ($0.key.rawValue, $0.value) })
            }
            if let settings = edit.settings.newValue { object["settings"] = WriteRequest.settingsObject(settings) }
            if case .set(let campaign) = edit.campaign { object["campaign_id"] = campaign?.description ?? JSONAny.null }
            if case .set(let template) = edit.template { object["template_id"] = template?.description ?? JSONAny.null }
            if case .set(let at) = edit.time { object["time"] = true; time = at }
            if !edit.addedAccounts.isEmpty { object["accounts_add"] = edit.addedAccounts.map(\.description) }
            if !edit.removedAccounts.isEmpty { object["accounts_remove"] = edit.removedAccounts.map(\.description) }
            if !edit.removedMedia.isEmpty { object["media_remove"] = edit.removedMedia.map(\.description) }
            if !edit.addedMedia.isEmpty {
                object["media_add"] = edit.addedMedia.map { media -> [String: Any] in
                    let info = media.info
                    var row: [String: Any] = ["id": media.id.description, "path": info.path, "filename": String(info.fileName.prefix(255)),
                                              "mime_type": info.mimeType, "media_type": info.mediaType.rawValue,
                                              "file_size": info.byteSize]
                    if let width = info.width, let height = info.height { row["width"] = width; row["height"] = height }
                    if let duration = info.durationWholeSeconds { row["duration"] = duration }
                    return row
                }
            }
            return object
        }
        switch change {
        case .create(let client, let changes):
            request["change"] = "create"; request["client_id"] = client.description; request["edit"] = edit(changes)
        case .createScheduled(let client, let changes, let at):
            request["change"] = "create_scheduled"; request["client_id"] = client.description
            request["edit"] = edit(changes); time = at
        case .save(let changes):
            request["change"] = "save"; request["edit"] = edit(changes)
        case .schedule(let changes, let at):
            request["change"] = "schedule"; request["edit"] = edit(changes); time = at
        case .move(let to):
            request["change"] = "move"; time = to
        case .unschedule:
            request["change"] = "unschedule"
        case .cancel:
            request["change"] = "cancel"
        case .duplicate(let copy):
            request["change"] = "duplicate"; request["copy_id"] = copy.description
        case .restore:
            request["change"] = "restore"
        }
        var text = JSONAny.serialize(request)
        if case .restore(let from, let to) = change {
            // The snapshots go back exactly as the database gave them: spliced in as text,
            // never parsed into Swift values and printed again.
            text = String(text.dropLast()) + ",\"from\":\(from?.storedForm ?? "null"),\"to\":\(to?.storedForm ?? "null")}"
        }
        json = JSONText(text)
        self.time = time
    }

    private static func settingsObject(_ settings: PostSettings) -> [String: Any] {
        var object: [String: Any] = [:]
        if !settings.hashtags.isEmpty { object["hashtags"] = settings.hashtags }
        if !settings.mentions.isEmpty { object["mentions"] = settings.mentions }
        if let comment = settings.firstComment, !comment.isEmpty { object["first_comment"] = comment }
        return object
    }
}

// MARK: Reading snapshots

extension PostWrites {
    /// Reads `postdeck_post_snapshot`'s JSON. `stamp`, when given, is the exact `updated_at`
    /// (read in binary); the JSON's copy is text, good to the microsecond.
    static func decodeSnapshot(_ json: String?, stamp: Date?) throws -> PostSnapshot? {
        guard let json else { return nil }
        guard let object = JSONAny.parse(json) as? [String: Any],
              let post = object["post"] as? [String: Any] else {
            throw StoreError.decoding(column: "snapshot", expected: "a post snapshot", found: String(json.prefix(40)))
        }
        func id<Tag>(_ value: Any?) -> Identifier<Tag>? { (value as? String).flatMap(Identifier.init) }
        func time(_ value: Any?) -> Date? { (value as? String).flatMap(JSONTimestamp.parse) }
        guard let postID: PostID = id(post["id"]), let clientID: ClientID = id(post["client_id"]),
              let status = (post["status"] as? String).flatMap(PostStatus.init(rawValue:)),
              let updatedAt = stamp ?? time(object["updated_at"]) else {
            throw StoreError.decoding(column: "snapshot", expected: "a post snapshot", found: String(json.prefix(40)))
        }
        var variations: [Platform: String] = [:]
        for (key, value) in post["content_variations"] as? [String: Any] ?? [:] {
            if let platform = Platform(rawValue: key), let text = value as? String { variations[platform] = text }
        }
        let settingsObject = post["post_settings"] as? [String: Any] ?? [:]
        let settings = PostSettings(hashtags: settingsObject["hashtags"] as? [String] ?? [],
                                    mentions: settingsObject["mentions"] as? [String] ?? [],
                                    firstComment: settingsObject["first_comment"] as? String)
        let targets = (object["platforms"] as? [[String: Any]] ?? []).compactMap { row -> PostSnapshot.Target? in
            guard let rowID: PostPlatformID = id(row["id"]), let account: AccountID = id(row["account_id"]) else { return nil }
            return PostSnapshot.Target(id: rowID, accountID: account,
                                       status: (row["status"] as? String).flatMap(PlatformPostStatus.init(rawValue:)) ?? .pending,
                                       errorMessage: row["error_message"] as? String)
        }
        let media = (object["media"] as? [[String: Any]] ?? []).compactMap { row -> StoredMedia? in
            guard let rowID: MediaID = id(row["id"]) else { return nil }
            let dimensions = row["dimensions"] as? [String: Any]
            return StoredMedia(id: rowID, path: row["storage_path"] as? String ?? "", fileName: row["filename"] as? String ?? "",
                               mimeType: row["mime_type"] as? String ?? "",
                               mediaType: (row["media_type"] as? String).flatMap(MediaType.init(rawValue:)),
                               byteSize: Int64(JSONAny.int(row["file_size"]) ?? 0),
                               width: JSONAny.int(dimensions?["width"]), height: JSONAny.int(dimensions?["height"]),
                               durationSeconds: JSONAny.int(row["duration"]))
        }
        return PostSnapshot(id: postID, clientID: clientID, status: status, content: post["content"] as? String ?? "",
                            variations: variations, settings: settings, campaignID: id(post["campaign_id"]),
                            templateID: id(post["template_id"]), scheduledAt: time(post["scheduled_at"]),
                            publishedAt: time(post["published_at"]), targets: targets, media: media,
                            updatedAt: updatedAt, storedForm: json)
    }
}

/// Timestamps as `to_jsonb` writes them: `2026-11-30T21:05:12.345678+01:00` (the
/// fraction and the seconds of the offset are optional).
enum JSONTimestamp {
    static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard bytes.count >= 19, let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              let date = LocalDate(year: year, month: month, day: day) else { return nil }
        var index = 19
        var micros = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var digits = 0
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                if digits < 6 { micros = micros * 10 + Int(bytes[index] - 48) }
                digits += 1
                index += 1
            }
            for _ in digits..<max(digits, 6) { micros *= 10 }
        }
        var offset = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            guard let hours = number(index + 1..<index + 3) else { return nil }
            var minutes = 0
            if index + 5 < bytes.count + 1, let m = number(index + 4..<index + 6) { minutes = m }
            offset = sign * (hours * 3600 + minutes * 60)
        }
        let seconds = date.daysSince1970 * 86_400 + hour * 3600 + minute * 60 + second - offset
        // The same arithmetic as the binary decoder, so both give the very same Date.
        let sincePostgresEpoch = Int64(seconds - Int(SQLTimestamp.postgresEpoch)) * 1_000_000 + Int64(micros)
        return Date(timeIntervalSince1970: SQLTimestamp.postgresEpoch + Double(sincePostgresEpoch) / 1_000_000)
    }
}
