import FoundationEssentials

/// What a change is judged against: the clock, the network rules, the client's accounts
/// (with their token state) and campaigns, and the zone its times are shown in.
public struct SchedulingContext: Sendable {
    public var now: Date
    public var rules: PlatformRules
    public var choices: ComposerChoices
    public var zone: DisplayZone

    public init(now: Date, rules: PlatformRules = .standard, choices: ComposerChoices, zone: DisplayZone) {
        self.now = now
        self.rules = rules
        self.choices = choices
        self.zone = zone
    }
}

/// One reason a change should not be written as it stands, or something the user should
/// know first. The kind is typed, so callers decide on it, never on the wording.
public struct SchedulingIssue: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        case notFound
        /// Only drafts and scheduled posts change (a post that is publishing, published,
        /// failed or cancelled does not).
        case notEditable(PostStatus)
        /// Only a scheduled post can be unscheduled.
        case notScheduled
        case noAccounts
        /// Not an active account of the post's client.
        case unknownAccount(AccountID)
        /// An account the post goes out on is inactive: publishing to it will fail.
        case inactiveAccount(ComposerAccount)
        /// No token, or an expired one: publishing will fail until it is reconnected.
        case tokenUnusable(ComposerAccount)
        /// Scheduling needs a time.
        case noTime
        /// The post would be scheduled or moved to a time that is not ahead.
        case timeInPast(Date)
        /// A draft's planned time is behind us (allowed: it is only a plan).
        case plannedTimeInPast(Date)
        case outsideCampaign(ComposerCampaign, Date)
        case network(PlatformRules.Issue)
        case text(PostTextError)
    }

    /// `error`: nothing is written. `confirm`: written only after the user says yes (the
    /// command line warns instead). `warning`: written, and said.
    public enum Severity: Int, Hashable, Sendable, Comparable {
        case warning, confirm, error
        public static func < (a: Severity, b: Severity) -> Bool { a.rawValue < b.rawValue }
    }

    public let kind: Kind
    public let severity: Severity
    /// The zone the issue's times are written in.
    public let zone: DisplayZone

    public init(_ kind: Kind, _ severity: Severity, zone: DisplayZone = .utc) {
        self.kind = kind
        self.severity = severity
        self.zone = zone
    }

    public var description: String {
        switch kind {
        case .notFound: "the post no longer exists"
        case .notEditable(let status): "a \(status.rawValue) post cannot be changed; only drafts and scheduled posts can"
        case .notScheduled: "only a scheduled post can be unscheduled"
        case .noAccounts: "choose at least one account"
        case .unknownAccount(let id): "account \(id) is not an active account of this client"
        case .inactiveAccount(let account): "\(account.platform.displayName) \(account.label) is inactive; publishing to it will fail"
        case .tokenUnusable(let account):
            "\(account.platform.displayName) \(account.label): token expired or missing; publishing will fail until it is reconnected"
        case .noTime: "set a time to schedule (in \(zone.name))"
        case .timeInPast(let time): "\(zone.format(time, .dayAndTime)) \(zone.name) is in the past; choose a time ahead"
        case .plannedTimeInPast(let time): "the planned time \(zone.format(time, .dayAndTime)) is in the past"
        case .outsideCampaign(let campaign, let time):
            "\(zone.format(time, .dayAndTime)) is outside campaign \(campaign.name) "
                + "(\(campaign.startDate?.description ?? "…") to \(campaign.endDate?.description ?? "…"))"
        case .network(let issue): issue.message
        case .text(let error): error.description
        }
    }
}

extension Array where Element == SchedulingIssue {
    /// The issues that stop the write.
    public var errors: [SchedulingIssue] { filter { $0.severity == .error } }
    /// True when nothing stops the write (it may still need a yes).
    public var allowsWrite: Bool { !contains { $0.severity == .error } }
    public var needsConfirmation: Bool { contains { $0.severity == .confirm } }
}

/// The scheduling model: the one judge of every change to a post, whoever asks for it.
///
/// The rules, in one place:
/// - Saving never changes status or time; scheduling, moving, unscheduling and cancelling
///   are explicit changes. Only drafts and scheduled posts change.
/// - A scheduled post needs accounts, a time ahead of now, and text and media every one of
///   its networks accepts. A draft may break network rules (said as warnings) and may keep
///   a planned time that has passed.
/// - Moving puts a post at a time ahead of now; the publish job follows (the store's rule).
/// - Expired or missing tokens ask before scheduling; inactive accounts and campaign dates warn.
/// - Text with a NUL byte, or longer than `PostText.characterLimit`, is never written.
/// Times typed by people are read by `TimeInput`, with the one clock-change policy.
public enum Scheduling {
    public static func check(_ change: PostChange, to post: PostSnapshot?, in context: SchedulingContext) -> [SchedulingIssue] {
        var issues: [SchedulingIssue] = []
        func add(_ kind: SchedulingIssue.Kind, _ severity: SchedulingIssue.Severity) {
            issues.append(SchedulingIssue(kind, severity, zone: context.zone))
        }

        // Which posts may change at all.
        switch change {
        case .create, .createScheduled:
            break
        case .restore(let from, let to):
            if from != nil, post == nil { add(.notFound, .error) }
            if let to, to.status == .scheduled, let time = to.scheduledAt, time <= context.now {
                add(.timeInPast(time), .error)
            }
            return issues
        case .duplicate:
            if post == nil { add(.notFound, .error) }
            return issues
        case .save, .schedule, .move, .unschedule, .cancel:
            guard let post else { add(.notFound, .error); return issues }
            guard post.status.isEditable else { add(.notEditable(post.status), .error); return issues }
            if case .unschedule = change, post.status != .scheduled { add(.notScheduled, .error) }
        }

        let result = Resulting(change, post)
        let choices = context.choices

        // Text the database must be able to hold.
        for (field, text) in change.edit?.writtenTexts ?? [] {
            if let problem = PostText.problem(in: text, field: field) { add(.text(problem), .error) }
        }

        // Accounts and their tokens.
        for id in change.edit?.addedAccounts ?? [] where choices.account(id)?.active != true {
            add(.unknownAccount(id), .error)
        }
        let willPublish = result.status == .scheduled
        // A post already out there without accounts is not refused a move for it; a change that
        // schedules it or touches what it says is.
        if result.accountIDs.isEmpty, result.newlyScheduled || result.contentTouched {
            add(.noAccounts, willPublish ? .error : .warning)
        }
        if willPublish && (result.newlyScheduled || result.contentTouched) {
            for id in result.accountIDs {
                guard let account = choices.account(id) else { continue }
                if !account.active {
                    add(.inactiveAccount(account), .warning)
                } else if account.tokenStatus == .expired {
                    add(.tokenUnusable(account), result.newlyScheduled ? .confirm : .warning)
                }
            }
        }

        // Time.
        if willPublish && result.time == nil { add(.noTime, .error) }
        if result.timeChanged, let time = result.time, time <= context.now {
            if willPublish || change.isMove { add(.timeInPast(time), .error) } else { add(.plannedTimeInPast(time), .warning) }
        }
        if let time = result.time, result.timeChanged || result.campaignChanged || result.newlyScheduled,
           let campaign = choices.campaign(result.campaignID),
           !campaign.covers(context.zone.localDate(of: time)) {
            add(.outsideCampaign(campaign, time), .warning)
        }

        // What each network accepts: binding for a scheduled post, advice for a draft.
        if result.contentTouched || result.newlyScheduled {
            let platforms = Array(Set(result.accountIDs.compactMap { choices.account($0)?.platform })).sorted()
            for platform in platforms {
                for issue in context.rules.validate(result.content, for: platform) {
                    add(.network(issue), issue.severity == .error && willPublish ? .error : .warning)
                }
            }
        }
        return issues
    }

    /// The post as it would stand after the change (the parts the rules look at).
    struct Resulting {
        var status: PostStatus
        var time: Date?
        var timeChanged = false
        var newlyScheduled = false
        var contentTouched = false
        var campaignChanged = false
        var campaignID: CampaignID?
        var accountIDs: [AccountID]
        var content: DraftContent

        init(_ change: PostChange, _ post: PostSnapshot?) {
            status = post?.status ?? .draft
            time = post?.scheduledAt
            campaignID = post?.campaignID
            accountIDs = post?.accountIDs ?? []
            content = post?.draftContent ?? DraftContent(text: "")
            var remainingMedia = post?.media ?? []
            if let edit = change.edit {
                contentTouched = edit.touchesContent || change.creates
                if let text = edit.text.newValue { content.text = text }
                if let variations = edit.variations.newValue { content.variations = variations }
                if let settings = edit.settings.newValue { content.firstComment = settings.firstComment }
                if case .set(let campaign) = edit.campaign { campaignID = campaign; campaignChanged = true }
                if case .set(let newTime) = edit.time { timeChanged = newTime != time; time = newTime }
                accountIDs.removeAll { edit.removedAccounts.contains($0) }
                for id in edit.addedAccounts where !accountIDs.contains(id) { accountIDs.append(id) }
                remainingMedia.removeAll { edit.removedMedia.contains($0.id) }
                content.media = remainingMedia.compactMap(\.info) + edit.addedMedia.map(\.info)
            }
            switch change {
            case .schedule(_, let at), .createScheduled(_, _, let at):
                newlyScheduled = status != .scheduled
                timeChanged = timeChanged || at != time || newlyScheduled
                status = .scheduled
                time = at
            case .move(let to):
                timeChanged = to != time
                time = to
            case .unschedule:
                status = .draft
            case .cancel:
                status = .cancelled
            default:
                break
            }
        }
    }
}

extension PostChange {
    var isMove: Bool { if case .move = self { true } else { false } }
}
