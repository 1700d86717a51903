import FoundationEssentials

/// A value a write either leaves alone or sets.
public enum Update<Value: Hashable & Sendable>: Hashable, Sendable {
    case keep
    case set(Value)

    /// The new value, or nil when it is kept.
    public var newValue: Value? {
        if case .set(let value) = self { value } else { nil }
    }

    public var isKept: Bool { self == .keep }
}

/// A file newly attached to a post, with the row id chosen before the write (so a retried
/// save does not attach it twice).
public struct NewMedia: Hashable, Sendable {
    public let id: MediaID
    public let info: MediaInfo

    public init(id: MediaID = .random(), info: MediaInfo) {
        self.id = id
        self.info = info
    }
}

/// What the user changed in a post's content: only these parts are written. Status and
/// time never change as a side effect of saving text; accounts and media are changed by
/// naming exactly the ones added and removed, so rows nobody touched are never rewritten
/// or deleted (a remote `s3://` file the composer cannot read stays attached).
public struct PostEdit: Hashable, Sendable {
    public var text: Update<String>
    public var variations: Update<[Platform: String]>
    public var settings: Update<PostSettings>
    public var campaign: Update<CampaignID?>
    public var template: Update<TemplateID?>
    /// A draft's planned time, or a scheduled post's time (moving its publish job).
    public var time: Update<Date?>
    public var addedAccounts: [AccountID]
    public var removedAccounts: [AccountID]
    public var addedMedia: [NewMedia]
    public var removedMedia: [MediaID]

    public init(text: Update<String> = .keep, variations: Update<[Platform: String]> = .keep,
                settings: Update<PostSettings> = .keep, campaign: Update<CampaignID?> = .keep,
                template: Update<TemplateID?> = .keep, time: Update<Date?> = .keep,
                addedAccounts: [AccountID] = [], removedAccounts: [AccountID] = [],
                addedMedia: [NewMedia] = [], removedMedia: [MediaID] = []) {
        self.text = text
        self.variations = variations
        self.settings = settings
        self.campaign = campaign
        self.template = template
        self.time = time
        self.addedAccounts = addedAccounts
        self.removedAccounts = removedAccounts
        self.addedMedia = addedMedia
        self.removedMedia = removedMedia
    }

    public var isEmpty: Bool {
        text.isKept && variations.isKept && settings.isKept && campaign.isKept && template.isKept && time.isKept
            && addedAccounts.isEmpty && removedAccounts.isEmpty && addedMedia.isEmpty && removedMedia.isEmpty
    }

    /// True when the edit changes what the networks receive (text, accounts or media).
    public var touchesContent: Bool {
        !text.isKept || !variations.isKept || !settings.isKept || !addedAccounts.isEmpty || !removedAccounts.isEmpty
            || !addedMedia.isEmpty || !removedMedia.isEmpty
    }

    /// Every text the edit writes, by the field it goes to, for the text checks.
    public var writtenTexts: [(field: PostTextField, text: String)] {
        var texts: [(PostTextField, String)] = []
        if let text = text.newValue { texts.append((.content, text)) }
        for (platform, text) in (variations.newValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            texts.append((.variation(platform), text))
        }
        if let settings = settings.newValue {
            if let comment = settings.firstComment { texts.append((.firstComment, comment)) }
            for tag in settings.hashtags { texts.append((.hashtags, tag)) }
            for mention in settings.mentions { texts.append((.mentions, mention)) }
        }
        return texts
    }
}

/// What a manager asks to happen to a post: the one vocabulary of every entry point
/// (composer, calendar, command line, import). `Scheduling.check` judges a change before it
/// is written; `PostWrites` in the store writes it, with the publish-job rule applied.
public enum PostChange: Hashable, Sendable {
    /// A new post, saved as a draft (with a planned time when the edit sets one).
    case create(client: ClientID, PostEdit)
    /// Writes what the user edited; status stays as it is.
    case save(PostEdit)
    /// Saves the edit (if any) and schedules the post at `at`.
    case schedule(PostEdit, at: Date)
    /// A new post, scheduled at once.
    case createScheduled(client: ClientID, PostEdit, at: Date)
    /// A draft's planned time or a scheduled post's time (its publish job moves with it).
    case move(to: Date)
    /// A scheduled post goes back to draft; it keeps its time as the planned time.
    case unschedule
    case cancel
    /// A new draft (`copy`) with the post's text, settings, campaign, template, accounts and
    /// media; it keeps the original's time when that is still ahead.
    case duplicate(copy: PostID)
    /// Puts back what a write changed, from the state it left (`from`) to the state before
    /// it (`to`): undo and redo. Rows others added or removed since are left alone. A nil
    /// `from` creates the post again (redo of a creation); a nil `to` deletes it (undo of one).
    case restore(from: PostSnapshot?, to: PostSnapshot?)

    /// The edit carried by the change, if any.
    public var edit: PostEdit? {
        switch self {
        case .create(_, let edit), .save(let edit), .schedule(let edit, _), .createScheduled(_, let edit, _): edit
        default: nil
        }
    }

    /// True when the post does not exist before the change.
    public var creates: Bool {
        switch self {
        case .create, .createScheduled: true
        case .restore(let from, _): from == nil
        default: false
        }
    }

    /// True when the change deletes the post (undoing its creation): the UI asks first.
    public var deletes: Bool {
        if case .restore(_, nil) = self { true } else { false }
    }
}

/// A text field of a post, for messages that name where a problem is.
public enum PostTextField: Hashable, Sendable, CustomStringConvertible {
    case content, variation(Platform), firstComment, hashtags, mentions

    public var description: String {
        switch self {
        case .content: "the text"
        case .variation(let platform): "the \(platform.displayName) text"
        case .firstComment: "the first comment"
        case .hashtags: "the hashtags"
        case .mentions: "the mentions"
        }
    }
}
