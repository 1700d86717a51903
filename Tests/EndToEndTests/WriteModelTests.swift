import Foundation
import Testing
import PostDeckCore
import PostDeckStore
import PostDeckTestSupport
import PostDeckApp

/// A model-based test of the write path: random sequences of changes through every entry
/// point (the store's `PostWrites`, the `postdeck post …` commands, the UI driven in process
/// through the key table, and undo in the store and in the UI), against a real PostgreSQL,
/// checking after every step that
/// - a scheduled post has exactly one pending publish job, at its time, and no other post has one;
/// - no media row is ever lost (the model knows every row each post should have);
/// - every text is stored byte for byte as written;
/// - an undo puts back exactly the post as it was before the write it undoes.
@Suite struct WriteModelTests {

    /// What the model expects of one post.
    struct Expected {
        var status: PostStatus
        var scheduledAt: Date?
        var content: [UInt8]
        var media: Set<String>
        var stamp: Date?
    }

    /// One write made through the store, for undo: its record and the stored form before it.
    struct Done {
        let record: PostWriteRecord
        let storedBefore: String?
        var stamp: Date?
    }

    typealias S = CalendarScenario

    final class Run {
        var rng: SeededRandom
        let database: TestDatabase
        let db: Connection
        var posts: [PostID: Expected] = [:]
        var undo: [Done] = []
        var steps: [String] = []
        /// The UI on the same database, started on first use.
        var ui: UIDriver?
        /// The UI's own last write (post, its stored form before), while nothing else wrote since.
        var uiLastWrite: (post: PostID, storedBefore: String?)?

        deinit { ui?.close() }

        init(seed: UInt64) throws {
            rng = SeededRandom(seed: seed)
            database = try TestDatabase.migrated()
            db = try database.connect()
            try S.install(on: db)
            for row in try db.execute("""
                SELECT p.id, p.status, p.scheduled_at, p.content, p.updated_at,
                       coalesce((SELECT array_to_json(array_agg(m.id::text))::text FROM media_files m WHERE m.post_id = p.id), '[]') AS media
                FROM posts p
                """).rows {
                let media = try JSONDecoder().decode([String].self, from: Data(try row.decode("media", as: String.self).utf8))
                posts[try row.decode("id")] = Expected(status: try row.decode("status"), scheduledAt: try row.decode("scheduled_at"),
                                                       content: Array(try row.decode("content", as: String.self).utf8),
                                                       media: Set(media), stamp: try row.decode("updated_at"))
            }
        }

        static let pieces = ["Spring", " launch", " 🌸", " 新しい", " e\u{301}", "\t", "\r\n", " \u{1b}]52;c;aGk=\u{07}", " \u{202e}x",
                             " 👨🏿‍⚕️", " 🇬🇧", " #trail", " \u{85}", " \u{200d}", "\n", " café"]

        func text() -> String {
            (0..<Int.random(in: 1...6, using: &rng)).map { _ in Self.pieces.randomElement(using: &rng)! }.joined()
        }

        func futureTime() -> Date {
            let minutes = Int.random(in: 120...(60 * 24 * 30), using: &rng)
            return Date(timeIntervalSince1970: ((Date().timeIntervalSince1970 / 60).rounded(.down) + Double(minutes)) * 60)
        }

        func stored(_ post: PostID) throws -> String? {
            try db.execute("SELECT (postdeck_post_snapshot($1::uuid) - 'updated_at')::text AS s", [post]).first?
                .decode("s", as: String?.self)
        }

        func pick(_ statuses: Set<PostStatus>) -> PostID? {
            posts.filter { statuses.contains($0.value.status) }.keys.sorted().randomElement(using: &rng)
        }

        /// Applies a record the store returned to the model.
        func apply(_ record: PostWriteRecord) {
            if let after = record.after {
                posts[record.post] = Expected(status: after.status, scheduledAt: after.scheduledAt, content: Array(after.content.utf8),
                                              media: Set(after.media.map(\.id.description)), stamp: after.updatedAt)
            } else {
                posts[record.post] = nil
            }
        }

        /// A write through the store, remembered for undo.
        func storeWrite(_ change: PostChange, _ post: PostID) throws {
            uiLastWrite = nil
            let before = try stored(post)
            let stamp = change.creates || { if case .duplicate = change { true } else { false } }() ? nil : posts[post]?.stamp
            switch try db.run(PostWrites.write(change, to: post, expecting: stamp)) {
            case .done(let record):
                apply(record)
                let storedBefore = record.before == nil ? nil : before
                undo.append(Done(record: record, storedBefore: storedBefore, stamp: record.stamp))
            case .refused(let refusal):
                Issue.record("step \(steps.count) \(steps.last ?? ""): refused: \(refusal)")
            }
        }

        func cli(_ arguments: [String]) throws -> CommandLineTests.Run {
            try CommandLineTests.postdeck(arguments + ["--db", database.conninfo])
        }

        // MARK: Steps

        func step() throws {
            switch Int.random(in: 0..<13, using: &rng) {
            case 0:
                let id = PostID.random()
                steps.append("store create draft \(id)")
                let time: Update<Date?> = Bool.random(using: &rng) ? .set(futureTime()) : .keep
                try storeWrite(.create(client: S.acme, PostEdit(text: .set(text()), time: time, addedAccounts: [S.acmeInstagram])), id)
            case 1:
                let id = PostID.random()
                steps.append("store create scheduled \(id)")
                try storeWrite(.createScheduled(client: S.acme, PostEdit(text: .set(text()), addedAccounts: [S.acmeInstagram]),
                                                at: futureTime()), id)
            case 2:
                guard let post = pick([.draft, .scheduled]) else { return }
                steps.append("store save text \(post)")
                try storeWrite(.save(PostEdit(text: .set(text()))), post)
            case 3:
                guard let post = pick([.draft, .scheduled]) else { return }
                steps.append("store attach \(post)")
                let file = NewMedia(info: MediaInfo(path: "s3://bucket/\(UUID().uuidString).jpg", format: .jpeg, byteSize: 1_000,
                                                    width: 1080, height: 1080))
                try storeWrite(.save(PostEdit(addedMedia: [file])), post)
            case 4:
                guard let post = pick([.draft, .scheduled]), let media = posts[post]?.media.sorted().randomElement(using: &rng) else { return }
                steps.append("store remove media \(post)")
                try storeWrite(.save(PostEdit(removedMedia: [MediaID(media)!])), post)
            case 5:
                guard let post = pick([.draft, .scheduled]) else { return }
                steps.append("store move \(post)")
                try storeWrite(.move(to: futureTime()), post)
            case 6:
                guard let post = pick([.scheduled]) else { return }
                steps.append("store unschedule \(post)")
                try storeWrite(.unschedule, post)
            case 7:
                guard let post = pick([.draft]) else { return }
                steps.append("store schedule \(post)")
                try storeWrite(.schedule(PostEdit(), at: futureTime()), post)
            case 8:
                guard let post = pick([.draft, .scheduled, .published, .cancelled]) else { return }
                steps.append("store duplicate \(post)")
                try storeWrite(.duplicate(copy: .random()), post)
            case 9:
                try commandLineStep()
            case 10, 11:
                try uiStep()
            default:
                try undoStep()
            }
        }

        /// The same changes through the real binary; the model learns the result by reading back.
        func commandLineStep() throws {
            uiLastWrite = nil
            switch Int.random(in: 0..<4, using: &rng) {
            case 0:
                let content = text()
                let file = NSTemporaryDirectory() + "postdeck-model-\(UUID().uuidString).txt"
                defer { unlink(file) }
                try Data(content.utf8).write(to: URL(fileURLWithPath: file))
                let at = futureTime()
                let schedule = Bool.random(using: &rng)
                steps.append("cli \(schedule ? "schedule" : "draft")")
                let run = try cli(["post", schedule ? "schedule" : "draft", "--client", S.acme.description, "--account", "linkedin:acme-outdoor",
                                   "--content-file", file, "--at", DisplayZone.utc.format(at, .dateTime), "--tz", "UTC"])
                if content.allSatisfy(\.isWhitespace) {
                    #expect(run.status != 0 && run.output.contains("the post is empty"), "a blank post is refused: \(run.output)")
                    return
                }
                let id = try #require(run.output.split(separator: "\n").compactMap { PostID(String($0)) }.first, "\(run.output)")
                posts[id] = Expected(status: schedule ? .scheduled : .draft, scheduledAt: at, content: Array(content.utf8), media: [],
                                     stamp: nil)
            case 1:
                guard let post = pick([.draft, .scheduled]) else { return }
                let at = futureTime()
                steps.append("cli reschedule \(post)")
                let run = try cli(["post", "reschedule", post.description, "--at", DisplayZone.utc.format(at, .dateTime), "--tz", "UTC"])
                #expect(run.status == 0, "\(run.output)")
                posts[post]?.scheduledAt = at
            case 2:
                guard let post = pick([.scheduled]) else { return }
                steps.append("cli unschedule \(post)")
                let run = try cli(["post", "unschedule", post.description])
                #expect(run.status == 0, "\(run.output)")
                posts[post]?.status = .draft
            default:
                guard let post = pick([.draft, .scheduled]) else { return }
                steps.append("cli cancel \(post)")
                let run = try cli(["post", "cancel", post.description])
                #expect(run.status == 0, "\(run.output)")
                posts[post]?.status = .cancelled
            }
            // A write the store's undo list did not make: the stamps of its posts moved.
            for row in try db.execute("SELECT id, updated_at FROM posts").rows {
                let id: PostID = try row.decode("id")
                posts[id]?.stamp = try row.decode("updated_at")
            }
            undo.removeAll()
        }

        func undoStep() throws {
            guard var last = undo.popLast() else { return }
            steps.append("store undo \(last.record.change)")
            let post = last.record.post
            switch try db.run(PostWrites.write(.restore(from: last.record.after, to: last.record.before), to: post, expecting: last.stamp)) {
            case .done(let record):
                apply(record)
                #expect(try stored(post) == last.storedBefore, "step \(steps.count): undo put back the post exactly")
                last.stamp = record.stamp
                // The previous write of the same post is now guarded by the stamp this undo left.
                if let index = undo.lastIndex(where: { $0.record.post == post }) { undo[index].stamp = record.stamp }
            case .refused(let refusal):
                // A scheduled time that has passed cannot come back; anything else is a bug.
                #expect(refusal.reason == .notInFuture, "step \(steps.count): undo refused: \(refusal)")
            }
        }

        // MARK: The UI

        /// Every post's stamp, to see which one a key changed.
        func stamps() throws -> [PostID: Date] {
            Dictionary(uniqueKeysWithValues: try db.execute("SELECT id, updated_at FROM posts").rows.map {
                (try $0.decode("id", as: PostID.self), try $0.decode("updated_at", as: Date.self))
            })
        }

        /// Waits until exactly one post's stamp moved, and returns it.
        func changedPost(since before: [PostID: Date], _ what: String) throws -> PostID {
            for _ in 0..<2_000 {
                let now = try stamps()
                let changed = now.filter { before[$0.key] != $0.value }.map(\.key) + before.keys.filter { now[$0] == nil }
                if changed.count == 1 { return changed[0] }
                #expect(changed.count <= 1, "\(what) changed \(changed.count) posts")
                usleep(5_000)
            }
            throw UIDriver.Failure(description: "\(what) changed no post; the screen was:\n\(ui?.screen.text ?? "")")
        }

        /// The footer line about the selected post.
        func selection(_ screen: ScreenText) -> String { screen.lines.first { $0.hasPrefix(" ▶ ") } ?? "" }

        func startUI() throws -> UIDriver {
            if let ui { return ui }
            let driver = try UIDriver.start(database: database, timeZone: "UTC")
            try driver.press(.showCalendar).press(.calendarAgenda).waitUntil("the agenda") { self.selection($0).count > 3 }
            ui = driver
            return driver
        }

        /// A key on a post of the agenda: the post selected after a few moves. What changed is
        /// read back and must be exactly what the key does to that post.
        func uiStep() throws {
            let ui = try startUI()
            // The CLI's writes reach the UI by notification, a moment later: `R` and its
            // "up to date" make sure the screen shows the database before a key acts on it.
            try ui.press(.reload).waitFor(text: "up to date")
            if Int.random(in: 0..<4, using: &rng) == 0, let last = uiLastWrite {
                steps.append("ui undo \(last.post)")
                let before = try stamps()
                try ui.press(.undo)
                let post = try changedPost(since: before, "u")
                #expect(post == last.post, "u undid the UI's last write")
                #expect(try stored(post) == last.storedBefore, "step \(steps.count): u put the post back exactly")
                try learn(post)
                uiLastWrite = nil
                return
            }
            for _ in 0..<Int.random(in: 0...4, using: &rng) {
                try ui.press(.moveDown).waitUntil("a selection") { !self.selection($0).isEmpty }
            }
            let footer = selection(ui.screen)
            let editable = footer.contains("scheduled") || footer.contains("draft")
            guard editable, !footer.contains("unscheduled") || footer.contains("draft") else { return }
            let before = try stamps()
            let action = Int.random(in: 0..<4, using: &rng)
            var storedBefore: [PostID: String?] = [:]
            for id in before.keys { storedBefore[id] = try stored(id) }
            switch action {
            case 0:
                guard !footer.contains("unscheduled") else { return }
                steps.append("ui > on \(footer)")
                try ui.press(.postLaterDay)
            case 1:
                guard footer.contains("◔ scheduled") else { return }
                steps.append("ui unschedule on \(footer)")
                try ui.press(.unschedulePost)
            case 2:
                steps.append("ui cancel on \(footer)")
                try ui.press(.cancelPost).waitFor(text: "Cancel post")
                ui.press(key: .char("y"))
            default:
                steps.append("ui composer save on \(footer)")
                try ui.press(.editPost).waitUntil("the composer on the post") { $0.contains("Post draft") || $0.contains("Post scheduled") }
                ui.type("!")
                try ui.press(.saveDraft).waitUntil("the save's answer") { $0.contains("saved “") || $0.contains("not saved: ") }
                if ui.screen.contains("not saved: ") {
                    // Refused (a scheduled post with no account, say): nothing was written.
                    #expect(try stamps() == before, "step \(steps.count): a refused save wrote nothing")
                    try ui.press(.back).waitFor(text: "Unsaved post").press(key: .char("y"))
                        .waitUntil("the calendar again") { !$0.contains("Post draft") && !$0.contains("Post scheduled") }
                    return
                }
            }
            let post = try changedPost(since: before, steps.last!)
            let was = posts[post]
            try learn(post)
            let now = posts[post]
            switch action {
            case 0: #expect(now?.scheduledAt == was?.scheduledAt.map { $0.addingTimeInterval(86_400) } && now?.status == was?.status)
            case 1: #expect(now?.status == .draft && now?.scheduledAt == was?.scheduledAt)
            case 2: #expect(now?.status == .cancelled && now?.scheduledAt == was?.scheduledAt)
            default:
                #expect(now?.content == (was?.content ?? []) + Array("!".utf8) && now?.status == was?.status
                        && now?.scheduledAt == was?.scheduledAt && now?.media == was?.media, "step \(steps.count): only the text changed")
                try ui.press(.back).waitUntil("the calendar again") { !$0.contains("Post draft") && !$0.contains("Post scheduled") }
            }
            uiLastWrite = (post, storedBefore[post] ?? nil)
            // The store's undo list does not know this write: its stamps moved.
            undo.removeAll()
        }

        /// Reads a post back into the model.
        func learn(_ post: PostID) throws {
            guard let row = try db.execute("""
                SELECT status, scheduled_at, content, updated_at,
                       coalesce((SELECT array_to_json(array_agg(m.id::text))::text FROM media_files m WHERE m.post_id = p.id), '[]') AS media
                FROM posts p WHERE id = $1::uuid
                """, [post]).first else { posts[post] = nil; return }
            let media = try JSONDecoder().decode([String].self, from: Data(try row.decode("media", as: String.self).utf8))
            posts[post] = Expected(status: try row.decode("status"), scheduledAt: try row.decode("scheduled_at"),
                                   content: Array(try row.decode("content", as: String.self).utf8), media: Set(media),
                                   stamp: try row.decode("updated_at"))
        }

        // MARK: Invariants

        func check() throws {
            let where_ = "after step \(steps.count): \(steps.last ?? "")"
            let violations = try db.execute("""
                SELECT p.id::text AS id, p.status::text AS status,
                       (SELECT count(*) FROM scheduled_jobs j WHERE j.job_data->>'post_id' = p.id::text
                        AND j.status = 'pending' AND j.job_type = 'post_publish')::int AS pending,
                       (SELECT count(*) FROM scheduled_jobs j WHERE j.job_data->>'post_id' = p.id::text
                        AND j.status = 'pending' AND j.job_type = 'post_publish' AND j.scheduled_for = p.scheduled_at)::int AS on_time
                FROM posts p
                WHERE p.id = ANY($1::uuid[])
                """, [SQLArray(posts.keys.map { $0 as any SQLParameter })]).rows
            for row in violations {
                let status = try row.decode("status", as: String.self)
                let pending = try row.decode("pending", as: Int.self), onTime = try row.decode("on_time", as: Int.self)
                let id = try row.decode("id", as: String.self)
                if status == "scheduled" {
                    #expect(pending == 1 && onTime == 1, "\(where_): scheduled post \(id) has \(pending) pending jobs, \(onTime) at its time")
                } else {
                    #expect(pending == 0, "\(where_): \(status) post \(id) has \(pending) pending jobs")
                }
            }
            for (id, expected) in posts {
                let row = try #require(try db.execute("""
                    SELECT status::text AS status, scheduled_at, content,
                           coalesce((SELECT array_to_json(array_agg(m.id::text))::text FROM media_files m WHERE m.post_id = p.id), '[]') AS media
                    FROM posts p WHERE id = $1::uuid
                    """, [id]).first, "\(where_): post \(id) is gone")
                #expect(try row.decode("status", as: String.self) == expected.status.rawValue, "\(where_): status of \(id)")
                #expect(try row.decode("scheduled_at", as: Date?.self) == expected.scheduledAt, "\(where_): time of \(id)")
                #expect(Array(try row.decode("content", as: String.self).utf8) == expected.content, "\(where_): text of \(id), byte for byte")
                let media = try JSONDecoder().decode([String].self, from: Data(try row.decode("media", as: String.self).utf8))
                #expect(Set(media) == expected.media, "\(where_): media rows of \(id)")
            }
        }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func randomChangesThroughEveryEntryPointKeepTheRules(seed: UInt64) throws {
        let run = try Run(seed: seed)
        for _ in 0..<60 {
            try run.step()
            try run.check()
        }
    }
}
