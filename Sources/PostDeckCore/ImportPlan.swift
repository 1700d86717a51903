import FoundationEssentials

/// What the importer needs to know besides the file: how the command was given.
public struct ImportOptions: Sendable {
    /// The file's name as given, for messages ("june.csv", "standard input").
    public var source: String
    /// Names the rows of a file without `id` or `key` columns: a row is `BATCH#N` (N its
    /// row number), so importing the same file again finds the posts it made. Default:
    /// the file's name without its folder.
    public var batch: String
    /// `--client`: the client of rows without a `client` cell.
    public var client: String?
    /// `--account`: the accounts of rows without an `accounts` cell.
    public var accounts: [String]
    /// `--tz`: the zone of rows without a `timezone` cell (it wins over the client's).
    public var zone: String?
    /// The user's zone (the UI's `--tz`), after the client's.
    public var userZone: String?
    public var environmentTZ: String?
    /// How the file writes dates with slashes, if it does.
    public var dateOrder: SlashDateOrder?
    /// Relative media paths are read from here (the file's folder).
    public var baseDirectory: String
    public var home: String?

    public init(source: String, batch: String? = nil, client: String? = nil, accounts: [String] = [], zone: String? = nil,
                userZone: String? = nil, environmentTZ: String? = nil, dateOrder: SlashDateOrder? = nil,
                baseDirectory: String = ".", home: String? = nil) {
        self.source = source
        self.batch = batch ?? String(source.split(separator: "/").last ?? Substring(source))
        self.client = client
        self.accounts = accounts
        self.zone = zone
        self.userZone = userZone
        self.environmentTZ = environmentTZ
        self.dateOrder = dateOrder
        self.baseDirectory = baseDirectory
        self.home = home
    }
}

/// A post the importer may change: as stored, with the marker an earlier import left on it.
public struct ImportExistingPost: Sendable {
    public let snapshot: PostSnapshot
    public let marker: ImportMarker?

    public init(snapshot: PostSnapshot, marker: ImportMarker?) {
        self.snapshot = snapshot
        self.marker = marker
    }
}

/// What the database said about the names and ids in a file: read by the store, judged here.
public struct ImportContext: Sendable {
    public var now: Date
    public var rules: PlatformRules
    /// Every client cell (and `--client`), trimmed, with the client it names or why it names none.
    public var clients: [String: Result<ClientSummary, ImportLookupError>]
    /// Clients by id (for rows that name only a post id).
    public var clientsByID: [ClientID: ClientSummary]
    public var choices: [ClientID: ComposerChoices]
    /// Every post an id cell names, and every post an import made for these clients.
    public var posts: [PostID: ImportExistingPost]
    /// Per client: each import key with the post it made.
    public var keys: [ClientID: [String: PostID]]

    public init(now: Date, rules: PlatformRules, clients: [String: Result<ClientSummary, ImportLookupError>],
                clientsByID: [ClientID: ClientSummary], choices: [ClientID: ComposerChoices],
                posts: [PostID: ImportExistingPost], keys: [ClientID: [String: PostID]]) {
        self.now = now
        self.rules = rules
        self.clients = clients
        self.clientsByID = clientsByID
        self.choices = choices
        self.posts = posts
        self.keys = keys
    }
}

/// Why a name names nothing (a client not found, or shared by two agencies).
public struct ImportLookupError: Error, Hashable, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
}

/// One write of an import: a change of the scheduling model to one post. `chained` means
/// it follows another write of the same post in the same transaction (unschedule, then
/// save), so it is guarded by the stamp that write left rather than by one read before.
public struct ImportWrite: Sendable, Hashable {
    public let post: PostID
    public let change: PostChange
    public let expected: Date?
    public let chained: Bool

    public init(post: PostID, change: PostChange, expected: Date?, chained: Bool = false) {
        self.post = post
        self.change = change
        self.expected = expected
        self.chained = chained
    }
}

/// What happens to one row.
public struct ImportPlannedRow: Sendable {
    public enum Action: String, Sendable, Hashable {
        case create, update
        /// The row is as imported before, or the post already says what it says.
        case unchanged
    }

    public let row: Int
    public let client: ClientSummary
    public let post: PostID
    public let action: Action
    /// The post's status and time once written.
    public let status: PostStatus
    public let time: Date?
    public let zone: DisplayZone
    public let writes: [ImportWrite]
    /// What the post keeps to be found again (written with the post's settings).
    public let marker: ImportMarker
    /// The parts an update changes (those that differ from the post as it is); empty otherwise.
    public let changed: [ImportField]
}

/// The importer's verdict on a whole file: every problem (nothing may be written while
/// there is one), what it will say, and the writes that make the posts what the file says.
public struct ImportPlan: Sendable {
    public let options: ImportOptions
    public let rowCount: Int
    public internal(set) var problems: [ImportProblem] = []
    /// Written, and said (a draft's network rule, a campaign's dates, an inactive account).
    public internal(set) var warnings: [ImportProblem] = []
    /// Written after a yes in the UI; the command line warns (an expired token on a scheduled post).
    public internal(set) var confirmations: [ImportProblem] = []
    public internal(set) var rows: [ImportPlannedRow] = []

    public init(options: ImportOptions, rowCount: Int) {
        self.options = options
        self.rowCount = rowCount
    }

    /// Adds problems found later (writes the database refused), keeping row order.
    public mutating func add(problems more: [ImportProblem]) {
        problems = (problems + more).inRowOrder
    }

    /// True when the file can be written as it stands.
    public var isClean: Bool { problems.isEmpty }

    /// The rows that write something.
    public var changing: [ImportPlannedRow] { rows.filter { $0.action != .unchanged } }

    public var created: Int { rows.count(where: { $0.action == .create }) }
    public var updated: Int { rows.count(where: { $0.action == .update }) }
    public var unchanged: Int { rows.count(where: { $0.action == .unchanged }) }

    /// "28 new posts (26 scheduled, 2 drafts), 1 updated, 1 unchanged".
    public var summary: String {
        let new = rows.filter { $0.action == .create }
        let scheduled = new.count(where: { $0.status == .scheduled })
        var parts = ["\(MetricFormat.grouped(new.count)) new post\(new.count == 1 ? "" : "s")"
                     + (new.isEmpty ? "" : " (\(MetricFormat.grouped(scheduled)) scheduled, \(MetricFormat.grouped(new.count - scheduled)) draft\(new.count - scheduled == 1 ? "" : "s"))")]
        parts.append("\(MetricFormat.grouped(updated)) updated")
        parts.append("\(MetricFormat.grouped(unchanged)) unchanged")
        return parts.joined(separator: ", ")
    }

    /// The rows that write something, by client and local day (undated drafts last), for a
    /// preview: "Acme Outdoor  Mon 1 Jun  3 new (2 scheduled), 1 updated".
    public var preview: [ImportPreviewLine] {
        var groups: [String: ImportPreviewLine] = [:]
        for row in changing {
            let day = row.time.map { row.zone.localDate(of: $0) }
            let id = "\(row.client.id)|\(day?.description ?? "-")"
            var line = groups[id] ?? ImportPreviewLine(client: row.client.name, day: day, created: 0, scheduled: 0, updated: 0)
            if row.action == .create { line.created += 1 } else { line.updated += 1 }
            if row.status == .scheduled { line.scheduled += 1 }
            groups[id] = line
        }
        return groups.values.sorted { a, b in
            if a.client.lowercased() != b.client.lowercased() { return a.client.lowercased() < b.client.lowercased() }
            switch (a.day, b.day) {
            case (let x?, let y?): return x < y
            case (_?, nil): return true
            default: return false
            }
        }
    }
}

/// One line of the preview: a client's day.
public struct ImportPreviewLine: Sendable, Hashable {
    public let client: String
    /// Nil for undated drafts.
    public let day: LocalDate?
    public var created: Int
    public var scheduled: Int
    public var updated: Int

    /// "Mon 1 Jun 2027", or "no date".
    public var dayText: String {
        guard let day else { return "no date" }
        return "\(day.weekday.shortName) \(day.day) \(DisplayZone.monthNames[day.month - 1]) \(day.year)"
    }

    /// "3 new, 1 updated · 2 scheduled".
    public var counts: String {
        var parts: [String] = []
        if created > 0 { parts.append("\(created) new") }
        if updated > 0 { parts.append("\(updated) updated") }
        return parts.joined(separator: ", ") + " · \(scheduled) scheduled"
    }
}
