import Foundation
import Testing
@testable import PostDeckCore

/// The scheduling model: what each change is judged on, and how hard.
@Suite struct SchedulingTests {
    static let now = instant("2026-11-25T12:00:00Z")
    static let client = ClientID("c1000000-0000-4000-8000-000000000001")!
    static let instagram = ComposerAccount(id: AccountID("d1000000-0000-4000-8000-000000000001")!, platform: .instagram,
                                           username: "acme", tokenStatus: .healthy, tokenExpiresAt: nil)
    static let linkedin = ComposerAccount(id: AccountID("d1000000-0000-4000-8000-000000000002")!, platform: .linkedin,
                                          username: "acme-li", tokenStatus: .expired, tokenExpiresAt: nil)
    static let tiktok = ComposerAccount(id: AccountID("d1000000-0000-4000-8000-000000000003")!, platform: .tiktok,
                                        username: "acme-tt", tokenStatus: .healthy, tokenExpiresAt: nil, active: false)
    static let campaign = ComposerCampaign(id: CampaignID("e1000000-0000-4000-8000-000000000001")!, name: "December",
                                           status: .active, startDate: day("2026-12-01"), endDate: day("2026-12-31"))
    static let context = SchedulingContext(now: now, choices: ComposerChoices(accounts: [instagram, linkedin, tiktok],
                                                                             campaigns: [campaign], templates: []),
                                           zone: zone("Europe/Berlin"))
    static let photo = MediaInfo(path: "/tmp/a.jpg", format: .jpeg, byteSize: 1_000, width: 1080, height: 1080)

    static func post(_ status: PostStatus, at: Date? = nil, accounts: [ComposerAccount] = [instagram],
                     text: String = "Hello", media: [StoredMedia] = []) -> PostSnapshot {
        PostSnapshot(id: PostID("f1000000-0000-4000-8000-000000000001")!, clientID: client, status: status, content: text,
                     scheduledAt: at, targets: accounts.map { .init(id: .random(), accountID: $0.id, status: .pending) },
                     media: media, updatedAt: now)
    }

    static func kinds(_ issues: [SchedulingIssue]) -> [SchedulingIssue.Kind] { issues.map(\.kind) }

    @Test func savingTheTextOfAScheduledPostWhoseTimeHasPassedIsNotBlockedByTheTime() {
        let overdue = Self.post(.scheduled, at: Self.now.addingTimeInterval(-3_600),
                                media: [StoredMedia(id: .random(), path: "s3://x/a.jpg", fileName: "a.jpg", mimeType: "image/jpeg",
                                                    mediaType: .image, byteSize: 1_000, width: 1080, height: 1080)])
        let issues = Scheduling.check(.save(PostEdit(text: .set("Hello!"))), to: overdue, in: Self.context)
        #expect(issues.allowsWrite, "\(issues)")
    }

    @Test func schedulingNeedsAccountsATimeAheadAndTextTheNetworksTake() {
        let draft = Self.post(.draft, accounts: [])
        #expect(Self.kinds(Scheduling.check(.schedule(PostEdit(), at: Self.now.addingTimeInterval(-60)), to: draft, in: Self.context))
                .contains(.timeInPast(Self.now.addingTimeInterval(-60))))
        #expect(Self.kinds(Scheduling.check(.schedule(PostEdit(), at: Self.now.addingTimeInterval(60)), to: draft, in: Self.context))
                .contains(.noAccounts))
        let textOnly = Self.post(.draft)
        let issues = Scheduling.check(.schedule(PostEdit(), at: Self.now.addingTimeInterval(86_400)), to: textOnly, in: Self.context)
        #expect(issues.errors.contains { if case .network(let rule) = $0.kind { rule.platform == .instagram } else { false } },
                "Instagram needs media")
        // The same rule on a draft is only advice.
        let saved = Scheduling.check(.save(PostEdit(text: .set("still no photo"))), to: textOnly, in: Self.context)
        #expect(saved.allowsWrite && saved.contains { if case .network = $0.kind { $0.severity == .warning } else { false } })
    }

    @Test func anExpiredTokenAsksBeforeSchedulingAndOnlyWarnsOtherwise() {
        let draft = Self.post(.draft, accounts: [Self.linkedin], text: "Hello network")
        let schedule = Scheduling.check(.schedule(PostEdit(), at: Self.now.addingTimeInterval(86_400)), to: draft, in: Self.context)
        #expect(schedule.allowsWrite && schedule.needsConfirmation)
        let scheduled = Self.post(.scheduled, at: Self.now.addingTimeInterval(86_400), accounts: [Self.linkedin], text: "Hello network")
        let edit = Scheduling.check(.save(PostEdit(text: .set("Hello again"))), to: scheduled, in: Self.context)
        #expect(edit.allowsWrite && !edit.needsConfirmation && edit.contains { if case .tokenUnusable = $0.kind { true } else { false } })
    }

    @Test func onlyActiveAccountsOfTheClientCanBeAddedAndAnInactiveOneAlreadyThereWarns() {
        let draft = Self.post(.draft)
        let foreign = AccountID.random()
        #expect(Self.kinds(Scheduling.check(.save(PostEdit(addedAccounts: [foreign])), to: draft, in: Self.context)).contains(.unknownAccount(foreign)))
        #expect(Self.kinds(Scheduling.check(.save(PostEdit(addedAccounts: [Self.tiktok.id])), to: draft, in: Self.context))
                .contains(.unknownAccount(Self.tiktok.id)))
        let onInactive = Self.post(.scheduled, at: Self.now.addingTimeInterval(86_400), accounts: [Self.tiktok])
        let issues = Scheduling.check(.save(PostEdit(text: .set("x"))), to: onInactive, in: Self.context)
        #expect(issues.contains { $0.kind == .inactiveAccount(Self.tiktok) && $0.severity == .warning })
    }

    @Test func movesAreAheadOfNowForDraftsAndScheduledPostsButADraftMayPlanThePast() {
        let draft = Self.post(.draft, at: Self.now.addingTimeInterval(86_400))
        let past = Self.now.addingTimeInterval(-86_400)
        #expect(!Scheduling.check(.move(to: past), to: draft, in: Self.context).allowsWrite)
        let planned = Scheduling.check(.save(PostEdit(time: .set(past))), to: draft, in: Self.context)
        #expect(planned.allowsWrite && Self.kinds(planned).contains(.plannedTimeInPast(past)))
        let scheduled = Self.post(.scheduled, at: Self.now.addingTimeInterval(86_400))
        #expect(Self.kinds(Scheduling.check(.save(PostEdit(time: .set(nil))), to: scheduled, in: Self.context)).contains(.noTime))
    }

    @Test func onlyDraftsAndScheduledPostsChangeAndOnlyScheduledOnesUnschedule() {
        for status in [PostStatus.publishing, .published, .failed, .cancelled] {
            #expect(Self.kinds(Scheduling.check(.cancel, to: Self.post(status), in: Self.context)) == [.notEditable(status)])
        }
        #expect(Self.kinds(Scheduling.check(.unschedule, to: Self.post(.draft), in: Self.context)) == [.notScheduled])
        #expect(Self.kinds(Scheduling.check(.cancel, to: nil, in: Self.context)) == [.notFound])
        #expect(Scheduling.check(.duplicate(copy: .random()), to: Self.post(.published), in: Self.context).isEmpty,
                "any post can be copied to a new draft")
    }

    @Test func aTimeOutsideTheCampaignWarns() {
        let draft = Self.post(.draft)
        let january = instant("2027-01-05T09:00:00Z")
        let issues = Scheduling.check(.save(PostEdit(campaign: .set(Self.campaign.id), time: .set(january))), to: draft, in: Self.context)
        #expect(issues.contains { $0.kind == .outsideCampaign(Self.campaign, january) && $0.severity == .warning })
        #expect(issues.first { if case .outsideCampaign = $0.kind { true } else { false } }?.description
                == "Tue 5 Jan 10:00 is outside campaign December (2026-12-01 to 2026-12-31)")
    }

    @Test func textTheDatabaseCannotHoldIsRefusedWhereverItIsWritten() {
        let draft = Self.post(.draft)
        let nul = Scheduling.check(.save(PostEdit(settings: .set(PostSettings(firstComment: "ab\0c")))), to: draft, in: Self.context)
        #expect(Self.kinds(nul).contains(.text(.nul(field: .firstComment, byteOffset: 2))))
        let long = String(repeating: "é", count: PostText.characterLimit + 1)
        let tooLong = Scheduling.check(.save(PostEdit(variations: .set([.facebook: long]))), to: draft, in: Self.context)
        #expect(Self.kinds(tooLong).contains(.text(.tooLong(field: .variation(.facebook), characters: PostText.characterLimit + 1,
                                                           limit: PostText.characterLimit))))
    }

    @Test func undoingToAScheduledTimeThatHasPassedIsRefused() {
        let before = Self.post(.scheduled, at: Self.now.addingTimeInterval(-60))
        let after = Self.post(.cancelled, at: Self.now.addingTimeInterval(-60))
        #expect(Self.kinds(Scheduling.check(.restore(from: after, to: before), to: after, in: Self.context))
                == [.timeInPast(Self.now.addingTimeInterval(-60))])
    }
}

/// Text read from files and the command line.
@Suite struct PostTextTests {
    @Test func nulAndInvalidUTF8AreRefusedWithTheirByteOffset() {
        #expect(throws: PostTextError.nul(field: nil, byteOffset: 5)) { try PostText.decode(Array("hello\0world".utf8)) }
        #expect(throws: PostTextError.invalidUTF8(byteOffset: 3)) { try PostText.decode([0x61, 0x62, 0x63, 0xC3, 0x28]) }
        #expect(throws: PostTextError.invalidUTF8(byteOffset: 0)) { try PostText.decode([0xED, 0xA0, 0x80]) }   // a surrogate
        #expect(throws: PostTextError.invalidUTF8(byteOffset: 0)) { try PostText.decode([0xC0, 0xAF]) }         // overlong
        #expect(throws: PostTextError.invalidUTF8(byteOffset: 1)) { try PostText.decode([0x61, 0xF0, 0x9F, 0x98]) }  // cut short
    }

    @Test func validTextComesBackByteForByte() throws {
        let text = "tab\there\r\nCRLF \u{1b}]52;c;aGk=\u{07} \u{202e}rtl e\u{301} 👨🏿‍⚕️ 🇬🇧 \u{85}"
        #expect(Array(try PostText.decode(Array(text.utf8)).utf8) == Array(text.utf8))
    }
}

/// `--account` and import's `accounts` column.
@Suite struct AccountMatchTests {
    static func account(_ platform: Platform, _ username: String) -> ComposerAccount {
        ComposerAccount(id: .random(), platform: platform, username: username, tokenStatus: .healthy, tokenExpiresAt: nil)
    }
    static let accounts = [account(.instagram, "sakurabotanics"), account(.tiktok, "sakurabotanics"),
                           account(.facebook, "SakuraBotanics"), account(.linkedin, "sakura-botanics")]

    @Test func aUsernameSeveralAccountsShareIsRefusedListingThem() {
        guard case .failure(let error) = AccountMatch.resolve("sakurabotanics", among: Self.accounts) else {
            Issue.record("an ambiguous name was accepted"); return
        }
        #expect(error.description == "3 accounts are named \"sakurabotanics\": pass one of instagram:sakurabotanics, "
                + "tiktok:sakurabotanics, facebook:SakuraBotanics (or its id)")
    }

    @Test func anIdPlatformAndNameOrUniqueNameFindOneAccount() throws {
        #expect(try AccountMatch.resolve("tiktok:sakurabotanics", among: Self.accounts).get() == Self.accounts[1])
        #expect(try AccountMatch.resolve("ig:@SakuraBotanics", among: Self.accounts).get() == Self.accounts[0])
        #expect(try AccountMatch.resolve("@sakura-botanics", among: Self.accounts).get() == Self.accounts[3])
        #expect(try AccountMatch.resolve(Self.accounts[2].id.description, among: Self.accounts).get() == Self.accounts[2])
        #expect(throws: AccountMatchError.unknownPlatform("x")) { try AccountMatch.resolve("x:sakura", among: Self.accounts).get() }
        #expect(throws: AccountMatchError.noAccount("nobody")) { try AccountMatch.resolve("nobody", among: Self.accounts).get() }
    }
}
