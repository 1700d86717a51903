import Foundation
import Testing
import PostDeckCore
@testable import PostDeckStore
import PostDeckTestSupport

/// Posts named by id prefixes, short ids and each network's text, on the calendar scenario,
/// whose posts all start with `e1000000-0000-4000-8000-0000000000`.
@Suite struct PostQueriesTests {
    typealias S = CalendarScenario

    static func makeDatabase(extra ids: [String] = []) throws -> Connection {
        let db = try TestDatabase.make().connect()
        try S.install(on: db)
        for id in ids {
            try db.execute("INSERT INTO posts (id, client_id, status, content) VALUES ($1::uuid, $2::uuid, 'draft', $3)",
                           [id, S.acme, "post \(id)"])
        }
        return db
    }

    func prefix(_ text: String) throws -> PostIDPrefix { try PostIDPrefix(parsing: text) }

    func lookup(_ db: Connection, _ text: String) throws -> Result<PostID, PostIDLookupError> {
        do {
            return .success(try db.run(PostQueries.resolve(try prefix(text))).id)
        } catch let error as PostIDLookupError {
            return .failure(error)
        }
    }

    @Test func aUniquePrefixOrTheWholeIdNamesItsPost() throws {
        let db = try Self.makeDatabase(extra: ["f7a3c2b1-aaaa-4aaa-8aaa-aaaaaaaaaaaa"])
        #expect(try lookup(db, "f7a3c2b1") == .success(PostID("f7a3c2b1-aaaa-4aaa-8aaa-aaaaaaaaaaaa")!))
        #expect(try lookup(db, "F7A3C2B1-AA") == .success(PostID("f7a3c2b1-aaaa-4aaa-8aaa-aaaaaaaaaaaa")!))
        #expect(try lookup(db, S.post(20).description) == .success(S.post(20)))
        #expect(try lookup(db, "e1000000000040008000000000000021") == .success(S.post(21)), "dashes are optional")
    }

    @Test func aSharedPrefixIsRefusedListingThePostsThatShareIt() throws {
        let db = try Self.makeDatabase()
        guard case .failure(.ambiguous(_, let matches, let more)) = try lookup(db, "e1000000-0000-4000-8000-00000000002") else {
            Issue.record("not ambiguous"); return
        }
        #expect(matches.map(\.id) == (20...24).map(S.post))
        #expect(!more)
        #expect(matches.first?.clientName == "Acme Outdoor")
        #expect(matches.first?.excerpt == "Spring launch — new trail shoes")
        #expect(matches.last?.time == nil, "the unscheduled draft")
        // Thirteen posts start with e1000000: ten are listed, and it says there are more.
        guard case .failure(let error) = try lookup(db, "e1000000"), case .ambiguous(_, let first, true) = error else {
            Issue.record("not ambiguous with more"); return
        }
        #expect(first.count == PostQueries.listedMatches)
        #expect(error.description == "post id e1000000 is ambiguous: more than 10 posts start with it; type more of the id")
    }

    @Test func aPrefixNoPostHasIsNotFound() throws {
        let db = try Self.makeDatabase()
        #expect(try lookup(db, "abcdef01") == .failure(.notFound(try prefix("abcdef01"))))
        guard case .failure(let error) = try lookup(db, "e1000000-0000-4000-8000-000000000099") else { Issue.record("found"); return }
        #expect(error.description == "no post has id e1000000-0000-4000-8000-000000000099")
        #expect(PostIDLookupError.notFound(try prefix("abcdef01")).description == "no post id starts with abcdef01")
    }

    @Test func theRangeOfAPrefixEndsWhereTheNextPrefixStarts() throws {
        let db = try Self.makeDatabase(extra: ["abcdef01-ffff-4fff-bfff-ffffffffffff", "abcdef02-0000-4000-8000-000000000000",
                                               "abcdef00-ffff-4fff-bfff-ffffffffffff"])
        #expect(try lookup(db, "abcdef01") == .success(PostID("abcdef01-ffff-4fff-bfff-ffffffffffff")!))
        #expect(try lookup(db, "abcdef02") == .success(PostID("abcdef02-0000-4000-8000-000000000000")!))
        #expect(try lookup(db, "abcdef00") == .success(PostID("abcdef00-ffff-4fff-bfff-ffffffffffff")!))
    }

    @Test func shortIdsAreEightDigitsOrAsManyAsTellThemApartAndResolveBack() throws {
        let alone = "0123abcd-1111-4111-8111-111111111111"
        let twins = ["f7a3c2b1-aaaa-4aaa-8aaa-aaaaaaaaaaaa", "f7a3c2b1-bbbb-4bbb-8bbb-bbbbbbbbbbbb"]
        let db = try Self.makeDatabase(extra: [alone] + twins)
        let ids = ([alone] + twins).map { PostID($0)! } + [S.post(20), S.post(8)]
        let short = try db.run(PostQueries.shortIDs(ids))
        #expect(short[PostID(alone)!] == "0123abcd")
        #expect(short[PostID(twins[0])!] == "f7a3c2b1-a")
        #expect(short[PostID(twins[1])!] == "f7a3c2b1-b")
        #expect(short[S.post(20)] == S.post(20).description, "its neighbour differs only in the last digit")
        for id in ids {
            let text = try #require(short[id])
            #expect(try lookup(db, text) == .success(id), "\(text) names its post")
        }
        #expect(try db.run(PostQueries.shortIDs([])).isEmpty)
    }

    @Test func textsCarryTheWholeContentAndEachNetworksVariation() throws {
        let db = try Self.makeDatabase()
        let long = String(repeating: "trail ", count: 80)
        try db.execute("UPDATE posts SET content = $1 WHERE id = $2::uuid", [long, S.post(21)])
        try db.execute("""
            UPDATE posts SET content_variations = '{"instagram": 5, "myspace": "x", "tiktok": "hi 👋"}'::jsonb WHERE id = $1::uuid
            """, [S.post(23)])
        try db.execute("UPDATE posts SET content_variations = '[\"not an object\"]'::jsonb WHERE id = $1::uuid", [S.post(24)])
        let texts = try db.run(PostQueries.texts([S.post(20), S.post(21), S.post(23), S.post(24)]))
        #expect(texts[S.post(20)]?.caption(for: .instagram) == "Spring launch 🌸 #trail")
        #expect(texts[S.post(20)]?.caption(for: .linkedin) == "Spring launch — new trail shoes")
        #expect(texts[S.post(21)]?.text == long, "not cut to an excerpt")
        #expect(texts[S.post(23)]?.variations == [.tiktok: "hi 👋"], "only text values of known networks")
        #expect(texts[S.post(24)]?.variations == [:])
    }
}
