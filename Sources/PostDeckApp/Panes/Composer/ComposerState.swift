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
    /// The post as stored when it was opened or last written (nil: never saved). What the
    /// fields differ from it by is what a save writes, and nothing else.
    var loaded: PostSnapshot?
    var clientID: ClientID?
    var choices: ComposerChoices?
    var choicesRequest: RequestID?
    var selectedAccounts: [AccountID] = []
    var campaignID: CampaignID?
    var templateID: TemplateID?
    var time = TextInputState()
    /// The time field's text as loaded: while it is unchanged, saving leaves the time alone.
    var loadedTimeText = ""
    /// Which of two equal local times is meant when clocks go back (↑/↓ in the Time field).
    var timePick: TimeInput.Pick?
    var content = TextAreaState()
    /// Per-network replacements of the content; a network without one publishes `content`.
    var variations: [Platform: TextAreaState] = [:]
    /// The network whose text the editor shows (nil: the base text).
    var tab: Platform?
    var mediaPath = TextInputState()
    /// The attachments: rows as stored (whatever their path, remote ones included) and
    /// files attached since.
    var media: [ComposerMedia] = []
    var firstComment = TextInputState()
    var hashtags = TextInputState()
    var mentions = TextInputState()
    var focus: Field = .content
    /// The row under the cursor in the accounts, campaign and template lists.
    var listCursor = 0

    var dirty = false
    var saveError: String?
    /// Someone else's version after a refused save, and the write that was refused.
    var conflict: PostSnapshot?
    var refusedWrite: PostWriteRequest?
    /// After Ctrl-o / "copy mine": the fields to carry onto the copy once it is written.
    var carryOnto: CarriedFields?
    /// Placeholders of a template still to be asked for.
    var placeholders: PlaceholderPrompt?
    /// Bumped on every edit; the recovery timer writes only the latest.
    var revision = 0
    /// Where `Esc` goes back to.
    var returnPane: Pane = .health
    var loadRequest: RequestID?
    /// A recovery file waiting for its post to be read before it is applied.
    var pendingRecovery: ComposerRecovery?

    var isEmpty: Bool {
        content.isEmpty && variations.values.allSatisfy(\.isEmpty) && media.isEmpty && firstComment.isEmpty
    }

    /// What the database last said about the post.
    var status: PostStatus { loaded?.status ?? .draft }
    /// Only drafts and scheduled posts can be changed.
    var readOnly: Bool { !(loaded?.status.isEditable ?? true) }

    // MARK: Derived

    /// Accounts that can be chosen (the active ones).
    var accounts: [ComposerAccount] { choices?.accounts ?? [] }

    /// The chosen accounts, including inactive ones the post already goes out on.
    var chosenAccounts: [ComposerAccount] { selectedAccounts.compactMap { choices?.account($0) } }

    /// The networks of the chosen accounts, in the usual order.
    var platforms: [Platform] { Array(Set(chosenAccounts.map(\.platform))).sorted() }

    var campaign: ComposerCampaign? { choices?.campaign(campaignID) }
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

    /// The non-empty per-network texts.
    var variationTexts: [Platform: String] { variations.compactMapValues { $0.isEmpty ? nil : $0.text } }

    /// Splits "bread, #baking  vegan" into ["#bread", "#baking", "#vegan"].
    static func words(_ text: String, prefix: Character) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map { word in
            word.first == prefix ? String(word) : String(prefix) + word
        }
    }

    /// What the rules check: the base text, the non-empty variations, first comment, media.
    var draftContent: DraftContent {
        DraftContent(text: content.text, variations: variationTexts, firstComment: settings.firstComment,
                     media: media.compactMap(\.info))
    }

    /// What the fields differ from the stored post by (everything, for a new post), without
    /// the time. Texts compare byte for byte: a text that only looks the same is a change.
    var contentEdit: PostEdit {
        var edit = PostEdit()
        if let loaded {
            if !content.text.utf8.elementsEqual(loaded.content.utf8) { edit.text = .set(content.text) }
            if !Self.sameTexts(loaded.variations, variationTexts) { edit.variations = .set(variationTexts) }
            if !Self.sameSettings(loaded.settings, settings) { edit.settings = .set(settings) }
        } else {
            edit.text = .set(content.text)
            if !variationTexts.isEmpty { edit.variations = .set(variationTexts) }
            if settings != PostSettings() { edit.settings = .set(settings) }
        }
        if campaignID != loaded?.campaignID { edit.campaign = .set(campaignID) }
        if templateID != loaded?.templateID { edit.template = .set(templateID) }
        let before = loaded?.accountIDs ?? []
        edit.addedAccounts = selectedAccounts.filter { !before.contains($0) }
        edit.removedAccounts = before.filter { !selectedAccounts.contains($0) }
        let kept = Set(media.compactMap(\.storedID))
        edit.removedMedia = (loaded?.media ?? []).map(\.id).filter { !kept.contains($0) }
        edit.addedMedia = media.compactMap(\.added)
        return edit
    }

    /// True when the time field was changed since the post was loaded.
    var timeEdited: Bool { !time.text.utf8.elementsEqual(loadedTimeText.utf8) }

    /// The fields as they stand, to carry onto a copy or into a recovery file.
    var fieldValues: ComposerFieldValues {
        ComposerFieldValues(content: content.text, variations: variationTexts, hashtags: hashtags.text,
                            mentions: mentions.text, firstComment: firstComment.text, accountIDs: selectedAccounts,
                            campaignID: campaignID, templateID: templateID, time: time.text,
                            mediaPaths: media.compactMap { $0.storedID == nil ? nil : $0.path },
                            addedMedia: media.compactMap(\.added))
    }

    private static func sameBytes(_ a: String?, _ b: String?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case (let a?, let b?): a.utf8.elementsEqual(b.utf8)
        default: false
        }
    }

    private static func sameTexts(_ a: [Platform: String], _ b: [Platform: String]) -> Bool {
        a.count == b.count && a.allSatisfy { sameBytes($0.value, b[$0.key]) }
    }

    private static func sameSettings(_ a: PostSettings, _ b: PostSettings) -> Bool {
        a.hashtags.count == b.hashtags.count && zip(a.hashtags, b.hashtags).allSatisfy { sameBytes($0, $1) }
            && a.mentions.count == b.mentions.count && zip(a.mentions, b.mentions).allSatisfy { sameBytes($0, $1) }
            && sameBytes(a.firstComment, b.firstComment)
    }
}

/// One attachment in the composer.
enum ComposerMedia: Hashable {
    /// A `media_files` row as stored; kept unless the user removes it, even when this
    /// machine cannot read its path (`s3://…`).
    case stored(StoredMedia)
    /// A file attached since the post was loaded.
    case added(NewMedia)

    var path: String {
        switch self {
        case .stored(let row): row.path
        case .added(let file): file.info.path
        }
    }

    var fileName: String {
        switch self {
        case .stored(let row): row.fileName.isEmpty ? row.path : row.fileName
        case .added(let file): file.info.fileName
        }
    }

    /// What the network rules check; nil for a stored row of a type postdeck does not know.
    var info: MediaInfo? {
        switch self {
        case .stored(let row): row.info
        case .added(let file): file.info
        }
    }

    var storedID: MediaID? { if case .stored(let row) = self { row.id } else { nil } }
    var added: NewMedia? { if case .added(let file) = self { file } else { nil } }
    var isRemote: Bool { if case .stored(let row) = self { row.isRemote } else { false } }
}

/// The values of the composer's fields, as the user set them: carried onto a copy of the
/// post once it is written (Ctrl-o, "copy mine to a new draft").
struct ComposerFieldValues: Equatable {
    var content: String
    var variations: [Platform: String]
    var hashtags: String
    var mentions: String
    var firstComment: String
    var accountIDs: [AccountID]
    var campaignID: CampaignID?
    var templateID: TemplateID?
    var time: String
    /// The stored attachments still attached, by path.
    var mediaPaths: [String]
    var addedMedia: [NewMedia]
}

/// Fields waiting to be put on a copy once it is written, and what to say then.
struct CarriedFields: Equatable {
    let fields: ComposerFieldValues
    /// The stored rows the fields' media paths came from: a file kept on screen but no longer
    /// on the copy (someone else removed it) is attached again from its row.
    let rows: [StoredMedia]
    let note: String
}

/// A template's unknown placeholders, asked for one at a time.
struct PlaceholderPrompt {
    let template: ComposerTemplate
    var names: [String]
    var values: [String: String]
    var input = TextInputState()
}

/// One problem the composer shows, per network or for the whole post.
struct ComposerIssue: Error, Equatable {
    let severity: SchedulingIssue.Severity
    let message: String
}

enum ComposerMessage {
    case choicesLoaded(RequestID, ComposerChoices)
    case postLoaded(RequestID, PostSnapshot?)
    case mediaInspected(String, Result<MediaInfo, MediaError>)
    case editorReturned(String?)
    /// The recovery timer fired for this revision.
    case writeRecovery(Int)
}
