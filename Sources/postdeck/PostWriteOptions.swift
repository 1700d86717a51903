import ArgumentParser
import FoundationEssentials
import Glibc
import PostDeckApp
import PostDeckCore
import PostDeckStore

/// `--at`, `--tz`, `--earlier`, `--later`: a time typed on the command line, read under the
/// one clock-change policy (`TimeInput`).
struct TimeOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The time, in the post's client's zone (or --tz): 2026-12-15 10:00, tomorrow 09:30, fri 10am, +2h, 12-15 10:00.", valueName: "TIME"))
    var at: String?

    @Option(help: ArgumentHelp("The zone --at is read in (default: the client's, else TZ, else UTC).", valueName: "ZONE"))
    var tz: String?

    @Flag(help: "When the time happens twice (clocks go back), take the first.")
    var earlier = false

    @Flag(help: "When the time happens twice (clocks go back), take the second.")
    var later = false

    func validate() throws {
        if earlier && later { throw ValidationError("--earlier and --later exclude each other") }
    }

    /// The zone for a post of a client whose zone is `clientZone`.
    func zone(clientZone: String?) throws -> DisplayZone {
        do {
            return try ZoneChoice.forPost(explicit: tz, clientZone: clientZone, userZone: nil,
                                          environmentTZ: ProcessInfo.processInfo.environment["TZ"]).zone
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The instant `--at` names in `zone`, or the one line that says why it names none.
    func instant(in zone: DisplayZone, now: Date) -> Result<Date, UserFacingError>? {
        guard let at else { return nil }
        switch TimeInput.read(at, in: zone, now: now, pick: earlier ? .earlier : later ? .later : nil) {
        case .success(let instant): return .success(instant)
        case .failure(.happensTwice(let overlap)): return .failure(UserFacingError(message: overlap.message + "; add --earlier or --later"))
        case .failure(let problem): return .failure(UserFacingError(message: problem.description))
        }
    }
}

/// What `post draft` and `post schedule` share: the post's parts, resolved against the
/// database, checked by the scheduling model and written by the one write path.
struct PostWriteOptions: ParsableArguments {
    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("The client (a name or an id).", valueName: "NAME|UUID"))
    var client: String

    @Option(name: .customLong("account"), help: ArgumentHelp(
        "An account of the client: its id, platform:username, or a username only one of its accounts has; repeat for several.",
        valueName: "ACCOUNT"))
    var accounts: [String] = []

    @OptionGroup var time: TimeOptions

    @Option(help: ArgumentHelp("An active or draft campaign of the client.", valueName: "NAME|UUID"))
    var campaign: String?

    @Option(help: ArgumentHelp("An active template of the client; its placeholders are filled.", valueName: "NAME|UUID"))
    var template: String?

    @Option(name: .customLong("media"), help: ArgumentHelp("A file to attach; repeat for several.", valueName: "PATH"))
    var media: [String] = []

    @Option(help: "The text of the post.")
    var content: String?

    @Option(help: ArgumentHelp("Read the text from a file, or - for standard input.", valueName: "PATH|-"))
    var contentFile: String?

    @Option(help: "Output format: text (the post id) or json.")
    var format: PostOutputFormat = .text

    func validate() throws {
        if (content == nil) == (contentFile == nil) { throw ValidationError("give the text with exactly one of --content or --content-file") }
        if accounts.isEmpty { throw ValidationError("give at least one --account") }
    }

    /// The text exactly as given: bytes from the command line, a file or standard input,
    /// refused (never cut or repaired) when they hold a NUL or are not UTF-8.
    func text() throws -> String {
        let bytes: [UInt8]
        if content != nil {
            bytes = RawArguments.value(of: "--content") ?? Array((content ?? "").utf8)
        } else if contentFile == "-" {
            bytes = StandardStreams.readInput()
        } else if let contentFile {
            // A FIFO or device is refused before it is opened (reading one would never end).
            do throws(RegularFile.Problem) {
                bytes = try RegularFile.contents(of: contentFile, limit: 4 << 20)
            } catch {
                throw UserFacingError(message: "--content-file \(contentFile) \(error.description)")
            }
        } else {
            bytes = []
        }
        do { return try PostText.decode(bytes) } catch { throw UserFacingError(message: "not written: \(error.description)") }
    }

    /// Resolves, checks and writes; prints the post id (or JSON). Problems exit 1, one per line.
    func run(schedule: Bool) throws {
        if schedule && time.at == nil { throw ValidationError("post schedule needs --at TIME (for example --at \"tomorrow 09:30\")") }
        let text = try self.text()
        let connection = try database.connect()
        try Migrator.requireCurrent(connection)
        let access = try WriteGuard.requireWritable(connection)
        let chosenClient = try ClientQueries.resolve(client, among: connection.run(ClientQueries.all()))
        try WriteGuard.require(access, agency: chosenClient.agencyID)
        let choices = try connection.run(ComposerQueries.choices(for: chosenClient.id))
        let zone = try time.zone(clientZone: chosenClient.timeZone)
        let now = Date()
        var problems: [String] = []

        var chosenAccounts: [ComposerAccount] = []
        for name in accounts {
            switch AccountMatch.resolve(name, among: choices.accounts) {
            case .success(let match): if !chosenAccounts.contains(match) { chosenAccounts.append(match) }
            case .failure(let error): problems.append("\(error.description) of \(chosenClient.name)")
            }
        }
        var instant: Date?
        switch time.instant(in: zone, now: now) {
        case .success(let at)?: instant = at
        case .failure(let error)?: problems.append(error.message)
        case nil: break
        }
        var edit = PostEdit(text: .set(text), addedAccounts: chosenAccounts.map(\.id))
        if let campaign {
            let wanted = campaign.lowercased()
            if let match = choices.campaigns.first(where: { $0.id.description == wanted || $0.name.lowercased() == wanted }) {
                edit.campaign = .set(match.id)
            } else {
                problems.append("no active or draft campaign \"\(campaign)\" of \(chosenClient.name)")
            }
        }
        if let template {
            let wanted = template.lowercased()
            if let match = choices.templates.first(where: { $0.id.description == wanted || $0.name.lowercased() == wanted }) {
                edit.template = .set(match.id)
                let values = TemplateFiller.standardValues(clientName: chosenClient.name, platform: nil, at: instant ?? now, in: zone)
                let filled = TemplateFiller.fill(text.isEmpty ? match.content : text, with: values)
                if !filled.missing.isEmpty { problems.append("template placeholders without a value: \(filled.missing.joined(separator: ", "))") }
                edit.text = .set(filled.text)
                if !match.variations.isEmpty { edit.variations = .set(match.variations.mapValues { TemplateFiller.fill($0, with: values).text }) }
                if match.settings != PostSettings() { edit.settings = .set(match.settings) }
            } else {
                problems.append("no active template \"\(template)\" of \(chosenClient.name)")
            }
        }
        for path in media {
            do { edit.addedMedia.append(NewMedia(info: try MediaSniffer.inspect(path: path))) }
            catch { problems.append("cannot attach \(path): \(error.description)") }
        }
        let config = RulesConfig.load(environment: ProcessInfo.processInfo.environment)
        if let problem = config.problem { Output.warning(problem) }

        let change: PostChange
        if schedule, let instant {
            change = .createScheduled(client: chosenClient.id, edit, at: instant)
        } else {
            if let instant { edit.time = .set(instant) }
            change = .create(client: chosenClient.id, edit)
        }
        let context = SchedulingContext(now: now, rules: config.rules, choices: choices, zone: zone)
        let issues = Scheduling.check(change, to: nil, in: context)
        problems += issues.errors.map(\.description)
        if !problems.isEmpty { Output.error("not written", items: problems) }
        for issue in issues where issue.severity != .error { Output.warning(issue.description) }

        let record = try PostWriteCommand.write(change, to: .random(), expecting: nil, on: connection)
        guard let post = record.after else { throw UserFacingError(message: "the post was not written") }
        switch format {
        case .text: print(post.id.description)
        case .json:
            print(JSONOutput.array([[("post_id", .string(post.id.description)), ("status", .string(post.status.rawValue)),
                                     ("scheduled_at", .date(post.scheduledAt)), ("client_id", .string(post.clientID.description)),
                                     ("account_ids", .string(post.accountIDs.map(\.description).joined(separator: ",")))]]),
                  terminator: "")
        }
    }
}

enum PostOutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Writing a post from a command: one line per problem, the refusal as the error.
enum PostWriteCommand {
    static func write(_ change: PostChange, to post: PostID, expecting stamp: Date?, on connection: Connection) throws -> PostWriteRecord {
        let query: Query<PostWriteOutcome>
        do { query = try PostWrites.write(change, to: post, expecting: stamp) } catch {
            throw UserFacingError(message: "not written: \(error.description)")
        }
        switch try connection.run(query) {
        case .done(let record): return record
        case .refused(let refusal): throw UserFacingError(message: refusal.description)
        }
    }

    /// Changes an existing post: reads it, checks the change with the scheduling model,
    /// writes it guarded by the `updated_at` just read, and returns what was written.
    static func change(_ id: PostID, on connection: Connection, zone: (String?) throws -> DisplayZone,
                       _ make: (PostSnapshot, DisplayZone) throws -> PostChange) throws -> (PostWriteRecord, DisplayZone) {
        let access = try WriteGuard.requireWritable(connection)
        guard let post = try connection.run(PostWrites.snapshot(of: id)) else { throw UserFacingError(message: "no post has id \(id)") }
        // The post's client alone (its agency and zone), not every client.
        let client = try connection.run(ClientQueries.matching(post.clientID.description)).first { $0.id == post.clientID }
        try WriteGuard.require(access, agency: client?.agencyID)
        let postZone = try zone(client?.timeZone)
        let change = try make(post, postZone)
        let choices = try connection.run(ComposerQueries.choices(for: post.clientID))
        let issues = Scheduling.check(change, to: post, in: SchedulingContext(now: Date(), choices: choices, zone: postZone))
        if !issues.errors.isEmpty { Output.error("not written", items: issues.errors.map(\.description)) }
        for issue in issues where issue.severity != .error { Output.warning(issue.description) }
        return (try write(change, to: id, expecting: post.updatedAt, on: connection), postZone)
    }

    /// "with its publish job", for the line that says what was done.
    static func jobRemark(_ record: PostWriteRecord) -> String {
        switch record.job {
        case .created: " (its publish job is added)"
        case .updated: " with its publish job"
        case .cancelled: " and its publish job"
        case .kept, .none: ""
        }
    }
}

/// The command line as the kernel gave it: bytes, before Swift decodes (and repairs) them.
enum RawArguments {
    /// The bytes of the value of `--name VALUE` or `--name=VALUE` (the last one given).
    static func value(of name: String) -> [UInt8]? {
        let arguments = (0..<Int(CommandLine.argc)).compactMap { index -> [UInt8]? in
            guard let pointer = CommandLine.unsafeArgv[index] else { return nil }
            return Array(UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer)))
        }
        let flag = Array(name.utf8), prefix = flag + [UInt8(ascii: "=")]
        var found: [UInt8]?
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            if argument == Array("--".utf8) { break }
            if argument == flag, index + 1 < arguments.count {
                found = arguments[index + 1]
                index += 2
                continue
            }
            if argument.starts(with: prefix) { found = Array(argument.dropFirst(prefix.count)) }
            index += 1
        }
        return found
    }
}
