import FoundationEssentials
import PostDeckCore

/// Bulk import of posts, for the command line and the UI alike: `prepare` reads and judges
/// a file against the database (nothing is written), `write` writes a clean plan in one
/// statement through the write path (migration 9, `postdeck_import_posts`).
public enum PostImport {
    /// Reads `bytes` as an import file, looks up what it names and plans every row.
    /// `progress` hears how many rows are checked, of how many.
    public static func prepare(_ bytes: [UInt8], options: ImportOptions, rules: PlatformRules, now: Date = Date(),
                               on connection: Connection, progress: ((_ done: Int, _ total: Int) -> Void)? = nil) throws -> ImportPlan {
        let file = ImportFile.read(bytes)
        let context = try lookUp(file, options: options, rules: rules, now: now, on: connection)
        return ImportPlanner.plan(file, options: options, context: context, progress: progress)
    }

    /// Everything the planner needs from the database: the clients named, their accounts,
    /// campaigns and templates, and the posts the file may change.
    static func lookUp(_ file: ImportFile, options: ImportOptions, rules: PlatformRules, now: Date,
                       on connection: Connection) throws -> ImportContext {
        let (names, ids, rowKeys) = ImportPlanner.lookups(file, options: options)
        let clients = try connection.run(ClientQueries.all())
        var resolved: [String: Result<ClientSummary, ImportLookupError>] = [:]
        for name in names {
            do {
                resolved[name] = .success(try ClientQueries.resolve(name, among: clients))
            } catch {
                resolved[name] = .failure(ImportLookupError((error as? StoreError)?.description ?? "\(error)"))
            }
        }
        let byID = Dictionary(clients.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let existing = try connection.run(existingPosts(of: resolved.values.compactMap { try? $0.get().id }, keys: Array(rowKeys), ids: Array(ids)))
        var posts: [PostID: ImportExistingPost] = [:]
        var keys: [ClientID: [String: PostID]] = [:]
        for post in existing {
            posts[post.snapshot.id] = post
            if let marker = post.marker { keys[post.snapshot.clientID, default: [:]][marker.key] = post.snapshot.id }
        }
        var choices: [ClientID: ComposerChoices] = [:]
        let involved = Set(resolved.values.compactMap { try? $0.get().id }).union(existing.map(\.snapshot.clientID))
        for client in involved { choices[client] = try connection.run(ComposerQueries.choices(for: client)) }
        return ImportContext(now: now, rules: rules, clients: resolved, clientsByID: byID, choices: choices, posts: posts, keys: keys)
    }

    /// The posts an import made for `clients` under one of `keys` (by their own marker,
    /// through `idx_posts_import_key`) and the posts `ids` names, each as stored with its marker.
    static func existingPosts(of clients: [ClientID], keys: [String], ids: [PostID]) -> Query<[ImportExistingPost]> {
        Query("""
            SELECT postdeck_post_snapshot(p.id)::text AS snapshot, p.updated_at,
                   CASE WHEN p.post_settings->'postdeck_import'->>'post' = p.id::text
                        THEN p.post_settings->'postdeck_import'->>'key' END AS key,
                   (SELECT string_agg(f.key || '=' || f.value, ',' ORDER BY f.key)
                    FROM jsonb_each_text(CASE WHEN jsonb_typeof(p.post_settings->'postdeck_import'->'fields') = 'object'
                                              THEN p.post_settings->'postdeck_import'->'fields' END) f) AS fields
            FROM posts p
            WHERE (p.client_id = ANY($1::uuid[]) AND p.post_settings->'postdeck_import'->>'key' = ANY($2::text[])
                   AND p.post_settings->'postdeck_import'->>'post' = p.id::text)
               OR p.id = ANY($3::uuid[])
            """, [SQLArray(clients), SQLArray(keys), SQLArray(ids)]) { result in
            try result.rows.compactMap { row in
                guard let snapshot = try PostWrites.decodeSnapshot(row.decode("snapshot", as: String?.self),
                                                                   stamp: row.decode("updated_at", as: Date.self)) else { return nil }
                var marker: ImportMarker?
                if let key = try row.decode("key", as: String?.self) {
                    var fields: [String: String] = [:]
                    for pair in (try row.decode("fields", as: String?.self) ?? "").split(separator: ",") {
                        let parts = pair.split(separator: "=", maxSplits: 1)
                        if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
                    }
                    marker = ImportMarker(key: key, post: snapshot.id, fields: fields)
                }
                return ImportExistingPost(snapshot: snapshot, marker: marker)
            }
        }
    }

    /// The line for a write that failed as a whole. Two imports of one file at once: the
    /// second finds the first's posts by their keys (a unique index) and stops.
    public static func describe(_ error: StoreError) -> String {
        if case .server(let server) = error, server.isUniqueViolation, server.message.contains("idx_posts_import_key") {
            return "another import wrote posts of this file at the same time; nothing was written: import it again (it adds nothing twice)"
        }
        return "nothing was written: \(error.description)"
    }

    // MARK: Writing

    /// What `post_settings.postdeck_import` holds: `{"fields": {…}, "key": …, "post": …}`.
    static func markerJSON(_ marker: ImportMarker) -> String {
        JSONAny.serialize(["key": marker.key, "post": marker.post.description, "fields": marker.fields] as [String: Any])
    }

    /// Writes a clean plan: every write of every row, in row order, in one statement (one
    /// transaction). Nothing is written when any write is refused (someone changed a post
    /// since the file was read, a time passed): the result lists those rows.
    public static func write(_ plan: ImportPlan) throws(PostTextError) -> Query<ImportWriteResult> {
        var elements: [String] = []
        for row in plan.rows {
            for write in row.writes {
                for (field, text) in write.change.edit?.writtenTexts ?? [] {
                    if let problem = PostText.problem(in: text, field: field), case .nul = problem { throw problem }
                }
                let request = WriteRequest(post: write.post, change: write.change)
                var element = "{\"row\":\(row.row),\"request\":\(request.json.sqlText)"
                element += ",\"expected\":" + (write.expected.map { "\"\($0.sqlText)\"" } ?? "null")
                element += ",\"at\":" + (request.time.map { "\"\($0.sqlText)\"" } ?? "null")
                element += ",\"chained\":\(write.chained)"
                if write.change.edit != nil { element += ",\"marker\":" + markerJSON(row.marker) }
                elements.append(element + "}")
            }
        }
        let changes = Dictionary(plan.rows.flatMap { row in row.writes.map { ($0.post, $0.change) } }, uniquingKeysWith: { first, _ in first })
        return Query("SELECT * FROM postdeck_import_posts($1::jsonb)", [JSONText("[" + elements.joined(separator: ",") + "]")]) { result in
            let rows = try result.rows.map { row in
                let post = try row.decode("post_id", as: PostID.self)
                let outcome = try row.decode("outcome", as: String.self)
                var refusal: PostWriteRefusal.Reason?
                if outcome != "done", let change = changes[post] {
                    refusal = try PostWrites.refusalReason(try row.decode("reason", as: String.self), change: change, current: nil)
                }
                return ImportWriteResult.Row(row: try row.decode("import_row", as: Int.self), post: post, refusal: refusal,
                                             job: PublishJobEffect(rawValue: try row.decode("job", as: String.self)) ?? .none,
                                             status: try row.decode("status", as: String?.self).flatMap(PostStatus.init(rawValue:)))
            }
            return ImportWriteResult(rows: rows)
        }
    }
}

/// What writing an import did: every write with its outcome. When one was refused, none
/// was kept.
public struct ImportWriteResult: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public let row: Int
        public let post: PostID
        /// Why the write was refused; nil when it was done.
        public let refusal: PostWriteRefusal.Reason?
        public let job: PublishJobEffect
        public let status: PostStatus?

        public init(row: Int, post: PostID, refusal: PostWriteRefusal.Reason?, job: PublishJobEffect, status: PostStatus?) {
            self.row = row
            self.post = post
            self.refusal = refusal
            self.job = job
            self.status = status
        }
    }

    public let rows: [Row]

    public init(rows: [Row]) { self.rows = rows }

    /// True when everything was written.
    public var written: Bool { rows.allSatisfy { $0.refusal == nil } }

    /// The refused writes, as problems of their rows.
    public var problems: [ImportProblem] {
        rows.compactMap { row in
            guard let reason = row.refusal else { return nil }
            let text = PostWriteRefusal(reason: reason, current: nil, databaseNow: Date()).description
            return ImportProblem(row: row.row, column: nil as String?, text + " (nothing of the file was written: import it again)")
        }
    }

    /// Pending publish jobs the writes added.
    public var jobsCreated: Int { rows.count(where: { $0.job == .created }) }
}
