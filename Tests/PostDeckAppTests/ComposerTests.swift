import Foundation
import Testing
import PostDeckCore
import PostDeckStore
import TerminalUI
@testable import PostDeckApp

/// A composer open on Acme Outdoor (America/New_York) with its accounts, one campaign and a template.
enum ComposerFixtures {
    static let instagram: AccountID = Fixtures.id(101)
    static let linkedin: AccountID = Fixtures.id(102)
    static let choices = ComposerChoices(
        accounts: [
            ComposerAccount(id: linkedin, platform: .linkedin, username: "acme-outdoor", tokenStatus: .expiringSoon, tokenExpiresAt: nil),
            ComposerAccount(id: instagram, platform: .instagram, username: "acme.outdoor", tokenStatus: .expired, tokenExpiresAt: nil),
        ],
        campaigns: [ComposerCampaign(id: Fixtures.id(300), name: "Winter trails", status: .active,
                                     startDate: LocalDate(year: 2026, month: 12, day: 1), endDate: LocalDate(year: 2026, month: 12, day: 31))],
        templates: [ComposerTemplate(id: Fixtures.id(400), name: "Weekly tip", content: "Tip for {{client_name}}: {{tip}}",
                                     variations: [:], settings: PostSettings(hashtags: ["#hiking"]))])

    static func state(width: Int = 120, height: Int = 40) -> AppState {
        var state = Fixtures.loadedState(width: width, height: height)
        state.scope = .client(Fixtures.acme)
        let effects = App.update(&state, .key(.char("2")))
        for case .query(let id, let slot, _) in effects where slot == "composer.choices" {
            _ = App.update(&state, .composer(.choicesLoaded(id, choices)))
        }
        return state
    }

    static func type(_ text: String, into state: inout AppState) {
        for c in text { _ = App.update(&state, .key(c == "\n" ? .enter : .char(c))) }
    }

    /// Chooses both accounts and writes a multi-line post with emoji and CJK.
    static func written(width: Int = 120, height: Int = 40) -> AppState {
        var state = self.state(width: width, height: height)
        _ = App.update(&state, .key(.backTab)); _ = App.update(&state, .key(.backTab))
        _ = App.update(&state, .key(.backTab)); _ = App.update(&state, .key(.backTab))   // accounts
        _ = App.update(&state, .key(.char(" ")))
        _ = App.update(&state, .key(.char("j")))
        _ = App.update(&state, .key(.char(" ")))
        for _ in 0..<3 { _ = App.update(&state, .key(.tab)) }                             // time
        type("2026-12-05 09:30", into: &state)
        _ = App.update(&state, .key(.tab))
        type("First snow on the ridge 🏔️❄️\n雪の山道へ 👩🏽‍🦯\n\nBook a guided hike: #hiking #winter", into: &state)
        return state
    }
}

@Suite struct ComposerPaneTests {
    @Test func nOpensANewPostForTheClientInScopeAndLoadsItsChoices() {
        let state = ComposerFixtures.state()
        #expect(state.pane == .composer)
        #expect(state.composer.clientID == Fixtures.acme)
        #expect(state.composer.accounts.count == 2)
        #expect(state.composer.focus == .content)
    }

    @Test func typingGoesToTheEditorAndGlobalKeysDoNotFire() {
        var state = ComposerFixtures.state()
        ComposerFixtures.type("q1?:n", into: &state)
        #expect(state.composer.content.text == "q1?:n")
        #expect(state.pane == .composer && state.overlay == nil && !state.quitRequested)
        #expect(state.composer.dirty)
    }

    @Test func aChangeArmsTheRecoveryTimerAndItWritesTheLatestRevision() {
        var state = ComposerFixtures.state()
        let effects = App.update(&state, .key(.char("x")))
        guard case .after(_, let key, .composer(.writeRecovery(let revision))) = effects.last else {
            Issue.record("no recovery timer"); return
        }
        #expect(key == "composer.recovery")
        let writes = App.update(&state, .composer(.writeRecovery(revision)))
        guard case .writeRecovery(let recovery) = writes.first else { Issue.record("nothing written"); return }
        #expect(recovery.content == "x" && recovery.postID == state.composer.postID.description)
        _ = App.update(&state, .key(.char("y")))
        #expect(App.update(&state, .composer(.writeRecovery(revision))).isEmpty)
    }

    @Test func countersAndIssuesFollowTheChosenNetworks() {
        let state = ComposerFixtures.written()
        #expect(state.composer.platforms == [.linkedin, .instagram])
        let issues = ComposerPane.issues(state)
        #expect(issues.contains { $0.severity == .confirm && $0.message.contains("token expired") })
        #expect(issues.contains { $0.message.contains("outside campaign") } == false)
        #expect(issues.contains { $0.severity == .error && $0.message.hasPrefix("Instagram: needs at least one photo") })
    }

    @Test func schedulingIsBlockedByErrorsAndSaysWhy() {
        var state = ComposerFixtures.written()
        let effects = App.update(&state, .key(.ctrl("t")))
        #expect(!effects.contains { if case .query = $0 { true } else { false } })
        #expect(state.note?.kind == .error)
        #expect(state.note?.text.contains("Instagram") == true)
    }

    @Test func aDraftSaveSendsOneQueryAndASecondPressWaitsForIt() {
        var state = ComposerFixtures.written()
        let first = App.update(&state, .key(.ctrl("s")))
        #expect(first.filter { if case .query = $0 { true } else { false } }.count == 1)
        let second = App.update(&state, .key(.ctrl("s")))
        #expect(second.filter { if case .query = $0 { true } else { false } }.isEmpty)
    }

    @Test func aFailedSaveKeepsTheTextAndCanBeRetried() throws {
        var state = ComposerFixtures.written()
        let text = state.composer.content.text
        _ = App.update(&state, .key(.ctrl("s")))
        let id = try #require(state.writeInFlight?.id)
        let effects = App.update(&state, .requestFailed(id, .connectionLost("server closed the connection")))
        #expect(effects.contains { if case .writeRecovery = $0 { true } else { false } })
        #expect(state.composer.content.text == text && state.composer.dirty)
        #expect(state.note?.kind == .error)
        let retry = App.update(&state, .key(.ctrl("s")))
        #expect(retry.contains { if case .query = $0 { true } else { false } })
    }

    @Test func leavingOrQuittingWithUnsavedTextAsksFirst() {
        var state = ComposerFixtures.written()
        _ = App.update(&state, .key(.escape))
        guard case .confirm(let confirmation, _) = state.overlay else { Issue.record("no question"); return }
        #expect(confirmation.onYes == .leaveComposer(.back))
        _ = App.update(&state, .key(.char("n")))
        #expect(state.pane == .composer)
        _ = App.update(&state, .key(.ctrl("c")))
        guard case .confirm(let quit, _) = state.overlay else { Issue.record("quit did not ask"); return }
        #expect(quit.onYes == .leaveComposer(.quit))
        _ = App.update(&state, .key(.char("y")))
        #expect(state.quitRequested)
    }

    @Test func aConflictOffersKeepMineTakeTheirsOrCopy() throws {
        var state = ComposerFixtures.written()
        _ = App.update(&state, .key(.ctrl("s")))
        let id = try #require(state.writeInFlight?.id)
        let theirs = PostSnapshot(id: state.composer.postID, clientID: Fixtures.acme, status: .draft, content: "their text",
                                  updatedAt: Fixtures.now)
        _ = App.update(&state, .postWritten(id, .refused(PostWriteRefusal(reason: .exists, current: theirs, databaseNow: Fixtures.now))))
        #expect(state.composer.conflict == theirs)
        // Copy mine: their post is copied (every media row with it) and mine goes on the copy.
        let effects = App.update(&state, .key(.ctrl("o"))).besidesNoteTimer
        guard case .query(_, "post.write", let query)? = effects.last else { Issue.record("no copy written"); return }
        #expect(query.parameters[0]?.sqlText.contains("\"change\":\"duplicate\"") == true)
        #expect(state.composer.carryOnto?.fields.content == state.composer.content.text)
        #expect(state.composer.conflict == nil)
    }

    @Test func aTemplateAsksForUnknownPlaceholders() {
        var state = ComposerFixtures.state()
        for _ in 0..<2 { _ = App.update(&state, .key(.backTab)) }   // template
        _ = App.update(&state, .key(.char("j")))
        _ = App.update(&state, .key(.char(" ")))
        #expect(state.composer.placeholders?.names == ["tip"])
        ComposerFixtures.type("wax your skis", into: &state)
        _ = App.update(&state, .key(.enter))
        #expect(state.composer.content.text == "Tip for Acme Outdoor: wax your skis")
        #expect(state.composer.hashtags.text == "#hiking")
    }

    @Test func publishedPostsOpenReadOnlyAndCtrlOCopiesThemInTheDatabase() {
        var state = ComposerFixtures.state()
        let post = PostSnapshot(id: Fixtures.id(500), clientID: Fixtures.acme, status: .published, content: "done",
                                updatedAt: Fixtures.now)
        ComposerPane.load(&state, post)
        ComposerFixtures.type("xyz", into: &state)
        #expect(state.composer.content.text == "done" && state.composer.readOnly)
        let effects = App.update(&state, .key(.ctrl("o")))
        #expect(effects.contains { if case .query(_, "post.write", _) = $0 { true } else { false } })
        #expect(state.composer.carryOnto != nil)
    }

    @Test func aTimeInAClockChangeIsExplained() throws {
        let zone = try DisplayZone(named: "America/New_York")
        if case .failure(.doesNotExist(let gap)) = TimeInput.read("2027-03-14 02:30", in: zone, now: Fixtures.now) {
            #expect(gap.message.contains("does not exist") && gap.message.contains("03:30"))
        } else { Issue.record("a skipped time was accepted") }
        if case .failure(.happensTwice(let overlap)) = TimeInput.read("2026-11-01 01:30", in: zone, now: Fixtures.now) {
            #expect(overlap.message.contains("happens twice"))
        } else { Issue.record("a repeated time was not flagged") }
    }
}

@Suite struct ComposerSnapshotTests {
    static let sizes = [(80, 24), (120, 40)]

    @Test(arguments: sizes) func writingAPost(width: Int, height: Int) throws {
        let state = ComposerFixtures.written(width: width, height: height)
        try assertSnapshot(View.renderPane(state), named: "composerWriting")
    }

    @Test(arguments: sizes) func choosingAccounts(width: Int, height: Int) throws {
        var state = ComposerFixtures.written(width: width, height: height)
        for _ in 0..<4 { _ = App.update(&state, .key(.backTab)) }
        try assertSnapshot(View.renderPane(state), named: "composerAccounts")
    }
}

@Suite struct ComposerMediaCompletionTests {
    @Test func tabCompletesTheMediaPathAndMovesOnOnlyWhenItIsEmpty() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("postdeck-tab-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for file in ["trail-1.jpg", "trail-2.jpg", "summit.png"] {
            #expect(FileManager.default.createFile(atPath: folder + "/" + file, contents: Data([1])))
        }
        var state = ComposerFixtures.state()
        _ = App.update(&state, .key(.tab))
        #expect(state.composer.focus == .media)
        ComposerFixtures.type(folder + "/su", into: &state)
        #expect(App.update(&state, .key(.tab)).isEmpty)
        #expect(state.composer.focus == .media)
        #expect(state.composer.mediaPath.text == folder + "/summit.png")

        state.composer.mediaPath = TextInputState(folder + "/t")
        _ = App.update(&state, .key(.tab))
        #expect(state.composer.mediaPath.text == folder + "/trail-")
        #expect(state.note?.text == "trail-1.jpg  trail-2.jpg")
        #expect(state.composer.focus == .media)

        state.composer.mediaPath = TextInputState()
        _ = App.update(&state, .key(.tab))
        #expect(state.composer.focus == .firstComment)
    }
}
