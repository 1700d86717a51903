import Foundation
import Testing
@testable import PostDeckCore

/// The import planner: every row judged by the scheduling model with the composer's
/// rules, every problem named by row and column, and re-imports that change only what
/// changed in the file.
@Suite struct ImportPlannerTests {
    typealias F = ImportFixtures
    static let header = "client,accounts,date,timezone,pick,status,content,content_instagram,media,campaign,template,key,id\n"

    @Test func aCleanFileBecomesTheComposersChangesInTheClientsZone() throws {
        let csv = """
            client,accounts,date,status,content,content_linkedin,hashtags,first_comment,campaign
            Acme Outdoor,facebook:acme.outdoor acme-outdoor,2027-06-01 09:00,,"Trail day 🏔️
            雪の山道へ",LinkedIn words,#trail #snow,First!,
            Acme Outdoor,linkedin:acme-outdoor,2027-12-05 10:00,draft,Planned,,,,Winter trails
            Acme Outdoor,linkedin:acme-outdoor,,,Someday,,,,
            """
        let plan = F.plan(csv)
        #expect(plan.isClean, "\(plan.problems)")
        #expect(plan.rows.map(\.action) == [.create, .create, .create])
        guard case .createScheduled(let client, let edit, let at) = plan.rows[0].writes[0].change else {
            Issue.record("row 1 is not scheduled: \(plan.rows[0].writes)"); return
        }
        #expect(client == F.acme.id)
        #expect(at == instant("2027-06-01T13:00:00Z"), "09:00 in New York, the client's zone")
        #expect(edit.text == .set("Trail day 🏔️\n雪の山道へ"))
        #expect(edit.variations == .set([.linkedin: "LinkedIn words"]))
        #expect(edit.settings == .set(PostSettings(hashtags: ["#trail", "#snow"], firstComment: "First!")))
        #expect(edit.addedAccounts == [F.facebook, F.linkedin])
        guard case .create(_, let draft) = plan.rows[1].writes[0].change else { Issue.record("row 2 is not a draft"); return }
        #expect(draft.time == .set(instant("2027-12-05T15:00:00Z")), "a dated draft keeps its planned time")
        #expect(draft.campaign == .set(F.id(301)))
        guard case .create(_, let undated) = plan.rows[2].writes[0].change else { Issue.record("row 3 is not a draft"); return }
        #expect(undated.time == .keep)
        #expect(plan.rows.allSatisfy { $0.marker.key.hasPrefix("june.csv#") })
        #expect(plan.summary == "3 new posts (1 scheduled, 2 drafts), 0 updated, 0 unchanged")
    }

    @Test func everyKindOfBadRowIsNamedByItsRowAndColumn() {
        let long = String(repeating: "雪", count: 2_201)
        let rows = [
            "Nobody,linkedin:acme-outdoor,2027-06-01 09:00,,,,text,,,,,,",                       // 1
            "Acme Outdoor,nosuch,2027-06-01 09:00,,,,text,,,,,,",                          // 2
            "Acme Outdoor,acme.outdoor,2027-06-01 09:00,,,,text,,,,,,",                    // 3
            "Acme Outdoor,linkedin:acme-outdoor,12/31/2027 09:00,,,,text,,,,,,",                 // 4
            "Acme Outdoor,linkedin:acme-outdoor,45640,,,,text,,,,,,",                            // 5
            "Acme Outdoor,linkedin:acme-outdoor,2028-03-12 02:30,,,,text,,,,,,",                 // 6
            "Acme Outdoor,linkedin:acme-outdoor,2027-11-07 01:30,,,,text,,,,,,",                 // 7
            "Acme Outdoor,linkedin:acme-outdoor,2027-01-01 09:00,,,,text,,,,,,",                 // 8
            "Acme Outdoor,linkedin:acme-outdoor,2027-06-01 09:00,,,sent,text,,,,,,",             // 9
            "Acme Outdoor,linkedin:acme-outdoor,2027-06-01 09:00,,first,,text,,,,,,",            // 10
            "Acme Outdoor,linkedin:acme-outdoor,2027-06-01 09:00,Mars/Olympus,,,text,,,,,,",     // 11
            "Acme Outdoor,ig:acme.outdoor,2027-06-01 09:00,,,,\(long),,,,,,",              // 12
            "Acme Outdoor,ig:acme.outdoor,2027-06-01 09:00,,,,short,\(long),,,,,",         // 13
            "Acme Outdoor,linkedin:acme-outdoor,2027-06-01 09:00,,,,text,,s3://bucket/a.jpg,,,,", // 14
            "Acme Outdoor,linkedin:acme-outdoor,2027-06-01 09:00,,,,text,,/nonexistent/x.jpg,,,,", // 15
            "Acme Outdoor,linkedin:acme-outdoor,2027-06-01 09:00,,,,text,,,Nope,,,",             // 16
            "Acme Outdoor,linkedin:acme-outdoor,2027-06-01 09:00,,,,text,,,Summer 2026,,,",      // 17
            "Acme Outdoor,linkedin:acme-outdoor,2027-06-01 09:00,,,,,,,,Weekly tip,,",           // 18
            "Acme Outdoor,linkedin:acme-outdoor,2027-06-01 09:00,,,,text,,,,,,not-a-uuid",       // 19
            "Acme Outdoor,linkedin:acme-outdoor,2027-06-01 09:00,,,,text,,,,,a,",                // 20
            "Acme Outdoor,linkedin:acme-outdoor,2027-06-02 09:00,,,,text,,,,,a,",                // 21
            "Acme Outdoor,linkedin:acme-outdoor,,,,scheduled,text,,,,,,",                        // 22
            "Acme Outdoor,,2027-06-01 09:00,,,,text,,,,,,",                                // 23
            "Acme Outdoor,linkedin:acme-outdoor,2027-06-01 09:00,,,,text,,,,Nope,,",             // 24
        ]
        let plan = F.plan(Self.header + rows.joined(separator: "\n") + "\n")
        let expected: [(Int, String, String)] = [
            (1, "client", "no client named \"Nobody\""),
            (2, "accounts", "no active account \"nosuch\" of Acme Outdoor"),
            (3, "accounts", "2 accounts are named \"acme.outdoor\""),
            (4, "date", "could be read more than one way"),
            (5, "date", "serial day number"),
            (6, "date", "does not exist in America/New_York"),
            (7, "date", "happens twice in America/New_York"),
            (8, "date", "is in the past"),
            (9, "status", "\"sent\" is not a status"),
            (10, "pick", "\"first\" is neither earlier nor later"),
            (11, "timezone", "Mars/Olympus"),
            (12, "content", "Instagram: caption is 2,201 characters"),
            (13, "content_instagram", "Instagram: caption is 2,201 characters"),
            (14, "media", "s3://bucket/a.jpg is not a file on this machine"),
            (15, "media", "x.jpg: no such file"),
            (16, "campaign", "no campaign \"Nope\" of Acme Outdoor"),
            (17, "campaign", "campaign Summer 2026 is completed"),
            (18, "template", "placeholders without a value: tip"),
            (19, "id", "is not a post id"),
            (21, "key", "row 20 has the same key"),
            (22, "date", "a scheduled post needs a date"),
            (23, "accounts", "choose at least one account"),
            (24, "template", "no active template \"Nope\""),
        ]
        for (row, column, text) in expected {
            let problem = plan.problem(row: row, column: column)
            #expect(problem?.message.contains(text) == true, "row \(row), column \(column): \(plan.problems.filter { $0.row == row })")
        }
        #expect(Set(plan.problems.compactMap(\.row)) == Set(expected.map(\.0)), "no other row has a problem: \(plan.places)")
        #expect(!plan.isClean)
        #expect(plan.problem(row: 4)?.message.contains("--date-order") == true, "a slash date says how to read it")
        #expect(plan.problem(row: 6)?.message.contains("did you mean 03:30?") == true, "a skipped time suggests the next valid one")
        #expect(plan.problem(row: 7)?.message.contains("pick column") == true, "a doubled time asks for the pick column")
        #expect(plan.problems.allSatisfy { !$0.message.contains("\n") })
    }

    @Test func anExpiredTokenOnAScheduledPostIsAQuestionNotAProblem() {
        let plan = F.plan("client,accounts,date,content\nAcme Outdoor,facebook:acme.outdoor,2027-06-01 09:00,Dance\n")
        #expect(plan.isClean)
        #expect(plan.confirmations.map(\.place) == ["row 1, column accounts"])
        #expect(plan.confirmations.first?.message.contains("token expired") == true)
    }

    @Test func aDoubledTimeTakesThePickedReading() throws {
        let csv = "client,accounts,date,pick,content\nAcme Outdoor,linkedin:acme-outdoor,2027-11-07 01:30,later,Fall back\n"
            + "Acme Outdoor,linkedin:acme-outdoor,2027-11-07 01:30,earlier,Fall back\n"
        let plan = F.plan(csv)
        #expect(plan.isClean, "\(plan.problems)")
        #expect(plan.rows.map(\.time) == [instant("2027-11-07T06:30:00Z"), instant("2027-11-07T05:30:00Z")])
    }

    @Test func theTimezoneCellThenTzThenTheClientsZoneReadTheDate() {
        let csv = "client,accounts,date,timezone,content\nAcme Outdoor,linkedin:acme-outdoor,2027-06-01 09:00,Asia/Tokyo,a\n"
            + "Acme Outdoor,linkedin:acme-outdoor,2027-06-01 09:00,,b\n"
        #expect(F.plan(csv).rows.map(\.time) == [instant("2027-06-01T00:00:00Z"), instant("2027-06-01T13:00:00Z")])
        var options = ImportOptions(source: "x.csv", zone: "Europe/London")
        options.environmentTZ = "UTC"
        #expect(F.plan(csv, options: options).rows.map(\.time) == [instant("2027-06-01T00:00:00Z"), instant("2027-06-01T08:00:00Z")])
    }

    @Test func slashDatesAreReadWhenTheFileSaysTheirOrder() {
        let csv = "client,accounts,date,content\nAcme Outdoor,linkedin:acme-outdoor,31/12/2027 09:00,New year's eve\n"
        #expect(F.plan(csv).problem(row: 1, column: "date") != nil)
        var options = ImportOptions(source: "x.csv")
        options.dateOrder = .dmy
        let plan = F.plan(csv, options: options)
        #expect(plan.isClean, "\(plan.problems)")
        #expect(plan.rows.first?.time == instant("2027-12-31T14:00:00Z"))
        #expect(SlashDateOrder.mdy.rewrite("12/31/2027 9am") == "2027-12-31 9am")
        #expect(SlashDateOrder.dmy.rewrite("31/12/27 09:00") == "31/12/27 09:00", "a two-digit year stays refused")
    }

    @Test func hootsuitesThreeColumnsNeedAClientAndAccountsAndAppendTheLink() throws {
        let csv = "2027-06-01 09:00,Our new trail map,https://acme.example/map\n2027-06-02 10:00,\"No link, just words\",\n"
        let bare = F.plan(csv)
        #expect(bare.problems.map(\.message).contains("Hootsuite's file (date, message, link) needs --client"))
        #expect(bare.problems.map(\.message).contains("Hootsuite's file (date, message, link) needs --account"))
        let plan = F.plan(csv, options: ImportOptions(source: "hoot.csv", client: "Acme Outdoor", accounts: ["linkedin:acme-outdoor"]))
        #expect(plan.isClean, "\(plan.problems)")
        let texts = plan.rows.compactMap { $0.writes.first?.change.edit?.text.newValue }
        #expect(texts == ["Our new trail map https://acme.example/map", "No link, just words"])
        #expect(plan.rows.allSatisfy { $0.status == .scheduled })
    }

    @Test func anEmptyContentCellTakesTheTemplatesTextVariationsAndHashtags() throws {
        let plan = F.plan("client,accounts,date,content,template\nAcme Outdoor,linkedin:acme-outdoor,2027-06-01 09:00,,Launch\n")
        #expect(plan.isClean, "\(plan.problems)")
        let edit = try #require(plan.rows.first?.writes.first?.change.edit)
        #expect(edit.text == .set("New at Acme Outdoor on Tue 1 Jun"))
        #expect(edit.variations == .set([.linkedin: "Acme Outdoor launches on 2027-06-01"]))
        #expect(edit.settings.newValue?.hashtags == ["#launch"])
        #expect(edit.template == .set(F.id(402)))
    }

    // MARK: Re-imports

    static let month = """
        client,accounts,date,content,hashtags
        Acme Outdoor,linkedin:acme-outdoor,2027-06-01 09:00,One,#a
        Acme Outdoor,linkedin:acme-outdoor,2027-06-02 09:00,Two,#b
        Acme Outdoor,linkedin:acme-outdoor,2027-06-03 09:00,Three,#c

        """

    @Test func importingTheSameFileAgainChangesNothing() {
        let first = F.plan(Self.month)
        let again = F.plan(Self.month, posts: F.written(first))
        #expect(again.isClean)
        #expect(again.rows.map(\.action) == [.unchanged, .unchanged, .unchanged])
        #expect(again.rows.map(\.post) == first.rows.map(\.post), "the same posts, found by their keys")
        #expect(again.changing.isEmpty)
    }

    @Test func aCorrectedRowWritesOnlyWhatChangedAndKeepsEditsMadeSince() throws {
        let first = F.plan(Self.month)
        var posts = F.written(first)
        // Since the import, post 2's hashtags were changed in the composer and post 3 was moved on the calendar.
        let edited = posts[1].snapshot
        posts[1] = ImportExistingPost(snapshot: PostSnapshot(
            id: edited.id, clientID: edited.clientID, status: edited.status, content: edited.content,
            settings: PostSettings(hashtags: ["#edited"]), scheduledAt: edited.scheduledAt, targets: edited.targets,
            updatedAt: F.now.addingTimeInterval(60)), marker: posts[1].marker)
        let moved = posts[2].snapshot
        posts[2] = ImportExistingPost(snapshot: PostSnapshot(
            id: moved.id, clientID: moved.clientID, status: .scheduled, content: moved.content, settings: moved.settings,
            scheduledAt: instant("2027-06-04T13:00:00Z"), targets: moved.targets, updatedAt: F.now), marker: posts[2].marker)
        // The file: row 2's text is corrected; rows 1 and 3 are as imported.
        let corrected = Self.month.replacingOccurrences(of: ",Two,", with: ",Two (fixed),")
        let plan = F.plan(corrected, posts: posts)
        #expect(plan.isClean, "\(plan.problems)")
        #expect(plan.rows.map(\.action) == [.unchanged, .update, .unchanged], "the moved post keeps its new time")
        let update = plan.rows[1]
        #expect(update.changed == [.content])
        #expect(update.writes.count == 1 && update.writes[0].expected == edited.updatedAt.addingTimeInterval(60))
        guard case .save(let edit) = update.writes[0].change else { Issue.record("\(update.writes)"); return }
        #expect(edit.text == .set("Two (fixed)"))
        #expect(edit.settings == .set(PostSettings(hashtags: ["#edited"])), "the composer's hashtags stay")
        #expect(edit.time == .keep && edit.addedAccounts.isEmpty && edit.removedAccounts.isEmpty)
    }

    @Test func aRowChangedToDraftUnschedulesThenSavesInOneChain() throws {
        let first = F.plan(Self.month)
        let posts = F.written(first)
        let plan = F.plan(Self.month.replacingOccurrences(of: "hashtags\n", with: "hashtags,status\n")
                            .replacingOccurrences(of: ",#a\n", with: ",#a,draft\n")
                            .replacingOccurrences(of: ",#b\n", with: ",#b,scheduled\n")
                            .replacingOccurrences(of: ",#c\n", with: ",#c,scheduled\n"), posts: posts)
        #expect(plan.isClean, "\(plan.problems)")
        let row = try #require(plan.rows.first)
        #expect(row.action == .update && row.status == .draft)
        #expect(row.writes.count == 2)
        guard case .unschedule = row.writes[0].change, case .save = row.writes[1].change else { Issue.record("\(row.writes)"); return }
        #expect(row.writes[0].expected == posts[0].snapshot.updatedAt && !row.writes[0].chained)
        #expect(row.writes[1].chained && row.writes[1].expected == nil)
    }

    @Test func aPublishedPostIsLeftAloneUnlessItsRowChanged() {
        let first = F.plan(Self.month)
        let posts = F.written(first).map { post in
            let s = post.snapshot
            return ImportExistingPost(snapshot: PostSnapshot(id: s.id, clientID: s.clientID, status: .published, content: s.content,
                                                             settings: s.settings, scheduledAt: s.scheduledAt,
                                                             publishedAt: s.scheduledAt, targets: s.targets, updatedAt: s.updatedAt),
                                      marker: post.marker)
        }
        #expect(F.plan(Self.month, posts: posts).rows.map(\.action) == [.unchanged, .unchanged, .unchanged])
        let changed = F.plan(Self.month.replacingOccurrences(of: ",One,", with: ",One!,"), posts: posts)
        #expect(changed.places == ["row 1"])
        #expect(changed.problems.first?.message.contains("the post is published") == true)
    }

    @Test func anExportRowOfAnUnchangedPostWritesNothing() {
        let first = F.plan(Self.month)
        let posts = F.written(first)
        // An export names posts by id and has no marker to compare with: the post itself is.
        let zone = zone("America/New_York")
        let rows = posts.map { PostExport.row($0.snapshot, client: F.acme, clients: [F.acme, F.globex], choices: F.acmeChoices, zone: zone) }
        var csv = CSVWriter(header: PostExport.columns.map(\.rawValue))
        for row in rows { csv.append(PostExport.columns.map { row[$0] ?? "" }) }
        let unmarked = posts.map { ImportExistingPost(snapshot: $0.snapshot, marker: nil) }
        let plan = F.plan(csv.text, posts: unmarked)
        #expect(plan.isClean, "\(plan.problems)")
        #expect(plan.rows.map(\.action) == [.unchanged, .unchanged, .unchanged])
    }

    @Test func anIdOfAnotherClientsPostIsRefused() {
        let first = F.plan(Self.month)
        let post = F.written(first)[0]
        let plan = F.plan("id,client,content\n\(post.snapshot.id),Globex,Hijack\n", posts: [post])
        #expect(plan.problem(row: 1, column: "id")?.message.contains("is a post of Acme Outdoor, not of Globex") == true)
    }
}
