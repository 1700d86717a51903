import FoundationEssentials
import PostDeckCore
import PostDeckStore
import TerminalUI

/// The composer pane: one post being written, its fields, and where its save stands.
struct ComposerState {
    /// The fields, in `Tab` order.
    enum Field: Int, CaseIterable {
        case client, accounts, campaign, template, time, content, media, firstComment, hashtags, mentions

        var title: String {
            switch self {
            case .client: "Client"
            case .accounts: "Accounts"
            case .campaign: "Campaign"
            case .template: "Template"
            case .time: "Time"
            case .content: "Content"
            case .media: "Media"
            case .firstComment: "1st comment"
            case .hashtags: "Hashtags"
            case .mentions: "Mentions"
            }
        }
    }

    /// Chosen before the first write, so repeated or retried saves update one row.
    var postID = PostID.random()
    var clientID: ClientID?
    var choices: ComposerChoices?
    var choicesRequest: RequestID?
    var selectedAccounts: [AccountID] = []
    var campaignID: CampaignID?
    var templateID: TemplateID?
    var time = TextInputState()
    var content = TextAreaState()
    /// Per-network replacements of the content; a network without one publishes `content`.
    var variations: [Platform: TextAreaState] = [:]
    /// The network whose text the editor shows (nil: the base text).
    var tab: Platform?
    var mediaPath = TextInputState()
    var media: [MediaInfo] = []
    var firstComment = TextInputState()
    var hashtags = TextInputState()
    var mentions = TextInputState()
    var focus: Field = .content
    /// The row under the cursor in the accounts, campaign and template lists.
    var listCursor = 0

    /// What the database last said about the post (nil: never saved).
    var status: PostStatus = .draft
    var expectedUpdatedAt: Date?
    var readOnly = false
    var dirty = false
    /// The save in flight, and whether it schedules.
    var saving: (id: RequestID, schedules: Bool)?
    var saveError: String?
    /// Someone else's version after a refused save.
    var conflict: StoredPost?
    /// Placeholders of a template still to be asked for.
    var placeholders: PlaceholderPrompt?
    /// Bumped on every edit; the recovery timer writes only the latest.
    var revision = 0
    /// Where `Esc` goes back to.
    var returnPane: Pane = .health
    var loadRequest: RequestID?
    /// The user's own zone, used when the client has none.
    var zone: DisplayZone = ComposerState.userZone

    static let userZone: DisplayZone = {
        if let name = ProcessInfo.processInfo.environment["TZ"], let zone = try? DisplayZone(named: name) { return zone }
        return (try? DisplayZone(named: TimeZone.current.identifier)) ?? .utc
    }()

    var isEmpty: Bool {
        content.isEmpty && variations.values.allSatisfy(\.isEmpty) && media.isEmpty && firstComment.isEmpty
    }

    // MARK: Derived

    var accounts: [ComposerAccount] { choices?.accounts ?? [] }

    var chosenAccounts: [ComposerAccount] { accounts.filter { selectedAccounts.contains($0.id) } }

    /// The networks of the chosen accounts, in the usual order.
    var platforms: [Platform] { Array(Set(chosenAccounts.map(\.platform))).sorted() }

    var campaign: ComposerCampaign? { choices?.campaigns.first { $0.id == campaignID } }
    var template: ComposerTemplate? { choices?.templates.first { $0.id == templateID } }

    /// The text the editor shows now.
    var editor: TextAreaState {
        get { tab.flatMap { variations[$0] } ?? content }
        set { if let tab { variations[tab] = newValue } else { content = newValue } }
    }

    var settings: PostSettings {
        PostSettings(hashtags: ComposerState.words(hashtags.text, prefix: "#"),
                     mentions: ComposerState.words(mentions.text, prefix: "@"),
                     firstComment: firstComment.text.isEmpty ? nil : firstComment.text)
    }

    /// Splits "bread, #baking  vegan" into ["#bread", "#baking", "#vegan"].
    static func words(_ text: String, prefix: Character) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map { word in
            word.first == prefix ? String(word) : String(prefix) + word
        }
    }

    /// What the rules check: the base text, the non-empty variations, first comment, media.
    var draftContent: DraftContent {
        DraftContent(text: content.text, variations: variations.compactMapValues { $0.isEmpty ? nil : $0.text },
                     firstComment: settings.firstComment, media: media)
    }

    func draft(clientID: ClientID) -> PostDraft {
        PostDraft(id: postID, clientID: clientID, content: content.text,
                  variations: variations.compactMapValues { $0.isEmpty ? nil : $0.text }, settings: settings,
                  accountIDs: chosenAccounts.map(\.id), campaignID: campaignID, templateID: templateID,
                  media: media, expectedUpdatedAt: expectedUpdatedAt)
    }
}

/// A template's unknown placeholders, asked for one at a time.
struct PlaceholderPrompt {
    let template: ComposerTemplate
    var names: [String]
    var values: [String: String]
    var input = TextInputState()
}

/// The typed time read in the client's zone.
enum TimeReading: Equatable {
    case none
    case malformed(String)
    case exact(Date)
    /// Happens twice: the first is used, and the message says so.
    case ambiguous(Date, String)
    case nonexistent(String)

    init(_ text: String, zone: DisplayZone) {
        let trimmed = text.trimmingSpaces()
        guard !trimmed.isEmpty else { self = .none; return }
        guard let local = try? LocalDateTime(parsing: trimmed) else {
            self = .malformed("time \"\(trimmed)\" is not YYYY-MM-DD HH:MM")
            return
        }
        switch zone.resolve(local) {
        case .exact(let instant): self = .exact(instant)
        case .ambiguous(let overlap): self = .ambiguous(overlap.earlier, overlap.message + "; the first is used")
        case .nonexistent(let gap): self = .nonexistent(gap.message)
        }
    }

    var instant: Date? {
        switch self {
        case .exact(let date), .ambiguous(let date, _): date
        default: nil
        }
    }
}

/// One problem the composer shows, per network or for the whole post.
struct ComposerIssue: Equatable {
    let severity: PlatformRules.Issue.Severity
    let message: String
}

enum ComposerMessage {
    case choicesLoaded(RequestID, ComposerChoices)
    case saved(RequestID, SaveOutcome, scheduled: Bool)
    case saveFailed(RequestID, StoreError)
    case postLoaded(RequestID, StoredPost?)
    case mediaInspected(String, Result<MediaInfo, MediaError>)
    case editorReturned(String?)
    /// The recovery timer fired for this revision.
    case writeRecovery(Int)
}
