import Foundation
import Testing
import PostDeckCore
import PostDeckStore
import TerminalUI
@testable import PostDeckApp

/// What the composer sends: only what the user changed, the change they asked for, and
/// the right thing after a refusal, a discard or an undo.
@Suite struct ComposerWriteTests {
    /// The write sent, with its request JSON parsed.
    func sentWrite(_ effects: [Effect]) -> (id: RequestID, request: [String: Any], stamp: String?, at: String?)? {
        for effect in effects {
            guard case .query(let id, "post.write", let query) = effect, let json = query.parameters[0]?.sqlText,
                  let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { continue }
            return (id, object, query.parameters[1]?.sqlText, query.parameters[2]?.sqlText)
        }
        return nil
    }

    static let remote = StoredMedia(id: Fixtures.id(900), path: "s3://bucket/acme/shoe.jpg", fileName: "shoe.jpg",
                                    mimeType: "image/jpeg", mediaType: .image, byteSize: 200_000, width: 1080, height: 1080)

    /// A scheduled post of Acme on Instagram, with a file stored in S3, open in the composer.
    static func scheduledPost(_ status: PostStatus = .scheduled) -> (AppState, PostSnapshot) {
        var state = ComposerFixtures.state()
        let post = PostSnapshot(id: Fixtures.id(800), clientID: Fixtures.acme, status: status, content: "Tab\there CRLF\r\n and \u{202e}",
                                scheduledAt: Fixtures.now.addingTimeInterval(5 * 86_400),
                                targets: [.init(id: .random(), accountID: ComposerFixtures.instagram, status: .pending)],
                                media: [remote], updatedAt: Fixtures.now)
        ComposerPane.load(&state, post)
        state.composer.choices = ComposerFixtures.choices
        return (state, post)
    }

    @Test func fixingATypoInAScheduledPostSendsOnlyTheTextNeverStatusTimeOrMedia() throws {
        var (state, post) = Self.scheduledPost()
        #expect(state.composer.media == [.stored(Self.remote)], "a file this machine cannot read stays attached")
        _ = App.update(&state, .key(.char("!")))
        let sent = try #require(sentWrite(App.update(&state, .key(.ctrl("s")))))
        #expect(sent.request["change"] as? String == "save")
        let edit = try #require(sent.request["edit"] as? [String: Any])
        #expect(Array(edit.keys) == ["content"])
        #expect(Array((edit["content"] as? String ?? "").utf8) == Array((post.content + "!").utf8), "the text byte for byte")
        #expect(sent.stamp == post.updatedAt.sqlText && sent.at == nil)
    }

    @Test func savingWithNothingChangedWritesNothing() {
        var (state, _) = Self.scheduledPost()
        #expect(sentWrite(App.update(&state, .key(.ctrl("s")))) == nil)
        #expect(state.note?.text.contains("nothing changed") == true)
    }

    @Test func removingAFileSendsExactlyThatRow() throws {
        var (state, _) = Self.scheduledPost(.draft)
        _ = App.update(&state, .key(.ctrl("x")))
        let sent = try #require(sentWrite(App.update(&state, .key(.ctrl("s")))))
        let edit = try #require(sent.request["edit"] as? [String: Any])
        #expect(edit["media_remove"] as? [String] == [Self.remote.id.description])
        #expect(edit.count == 1)
    }

    @Test func keepMineAfterASchedulingConflictSchedulesAgainNotADraft() throws {
        var (state, post) = Self.scheduledPost()
        _ = App.update(&state, .key(.char("!")))
        let sent = try #require(sentWrite(App.update(&state, .key(.ctrl("t")))))
        #expect(sent.request["change"] as? String == "schedule")
        let theirs = PostSnapshot(id: post.id, clientID: post.clientID, status: .scheduled, content: "their text",
                                  scheduledAt: post.scheduledAt, targets: post.targets, media: post.media,
                                  updatedAt: Fixtures.now.addingTimeInterval(30))
        _ = App.update(&state, .postWritten(sent.id, .refused(PostWriteRefusal(reason: .changedElsewhere, current: theirs,
                                                                               databaseNow: Fixtures.now))))
        #expect(state.composer.conflict == theirs)
        let retry = try #require(sentWrite(App.update(&state, .key(.ctrl("s")))))
        #expect(retry.request["change"] as? String == "schedule")
        #expect(retry.stamp == theirs.updatedAt.sqlText, "over their version")
    }

    @Test func discardingUnsavedChangesDiscardsThemForGood() {
        var state = ComposerFixtures.written()
        _ = App.update(&state, .key(.escape))
        _ = App.update(&state, .key(.char("y")))
        #expect(state.pane != .composer)
        _ = App.update(&state, .key(.char("2")))
        #expect(state.composer.content.text.isEmpty && state.composer.selectedAccounts.isEmpty)
        #expect(!state.composer.dirty)
    }

    @Test func aSavedPostKeepsItsFieldsFocusAndCursorAndLaterTypingStaysUnsaved() throws {
        var state = ComposerFixtures.written()
        let sent = try #require(sentWrite(App.update(&state, .key(.ctrl("s")))))
        #expect(sent.request["change"] as? String == "create")
        let focus = state.composer.focus
        _ = App.update(&state, .key(.char("?")))   // typed while the save is on its way
        let stored = PostSnapshot(id: state.composer.postID, clientID: Fixtures.acme, status: .draft,
                                  content: String(state.composer.content.text.dropLast()),
                                  settings: state.composer.settings, campaignID: nil,
                                  scheduledAt: try ComposerPane.typedTime(state).get(),
                                  targets: state.composer.selectedAccounts.map { .init(id: .random(), accountID: $0, status: .pending) },
                                  updatedAt: Fixtures.now)
        _ = App.update(&state, .postWritten(sent.id, .done(PostWriteRecord(post: stored.id, change: .create(client: Fixtures.acme, PostEdit()),
                                                                          before: nil, after: stored, job: .none))))
        #expect(state.composer.focus == focus && state.composer.loaded == stored)
        #expect(state.composer.dirty, "the character typed during the save is still unsaved")
        #expect(state.note?.text.hasPrefix("saved the new draft") == true)
    }

    @Test func undoOfANewPostAsksBeforeDeletingIt() throws {
        var state = ComposerFixtures.written()
        let sent = try #require(sentWrite(App.update(&state, .key(.ctrl("s")))))
        let stored = PostSnapshot(id: state.composer.postID, clientID: Fixtures.acme, status: .draft, content: state.composer.content.text,
                                  settings: state.composer.settings, scheduledAt: try ComposerPane.typedTime(state).get(),
                                  targets: state.composer.selectedAccounts.map { .init(id: .random(), accountID: $0, status: .pending) },
                                  updatedAt: Fixtures.now, storedForm: "{\"post\": {}}")
        _ = App.update(&state, .postWritten(sent.id, .done(PostWriteRecord(post: stored.id, change: .create(client: Fixtures.acme, PostEdit()),
                                                                          before: nil, after: stored, job: .none))))
        _ = App.update(&state, .key(.escape))
        #expect(state.pane != .composer)
        #expect(sentWrite(App.update(&state, .key(.char("u")))) == nil, "nothing is deleted before a yes")
        guard case .confirm(let question, _) = state.overlay else { Issue.record("no question"); return }
        #expect(question.question.contains("deletes the post"))
        let undo = try #require(sentWrite(App.update(&state, .key(.char("y")))))
        #expect(undo.request["change"] as? String == "restore" && undo.request["to"] is NSNull)
        #expect(undo.stamp == stored.updatedAt.sqlText)
    }

    @Test func theAmbiguousTimeOfAClockChangeIsPickedWithUpAndDown() throws {
        var state = ComposerFixtures.state()
        _ = App.update(&state, .key(.backTab))   // time
        #expect(state.composer.focus == .time)
        ComposerFixtures.type("2027-11-07 01:30", into: &state)   // New York falls back that night
        #expect(ComposerPane.issues(state).contains { $0.message.contains("happens twice") })
        _ = App.update(&state, .key(.down))
        #expect(try ComposerPane.typedTime(state).get() == CalendarFixtures.utc("2027-11-07 06:30"))
        _ = App.update(&state, .key(.up))
        #expect(try ComposerPane.typedTime(state).get() == CalendarFixtures.utc("2027-11-07 05:30"))
    }
}
