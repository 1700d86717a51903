import Foundation
import Testing
@testable import PostDeckCore

/// Post ids typed in part, as git takes abbreviated commit ids, and the short ids printed for them.
@Suite struct PostIDPrefixTests {
    let id = PostID("8f14e45f-ceea-467f-a0e6-4f1b5e3c2a10")!

    @Test func eightOrMoreHexDigitsWithOrWithoutDashesAreAPrefix() throws {
        #expect(try PostIDPrefix(parsing: "8f14e45f").digits == "8f14e45f")
        #expect(try PostIDPrefix(parsing: " 8F14E45F-CE ").digits == "8f14e45fce")
        #expect(try PostIDPrefix(parsing: "8f14e45f-ce").description == "8f14e45f-ce")
        #expect(try PostIDPrefix(parsing: id.description).id == id)
        #expect(try PostIDPrefix(parsing: "8f14e45f").id == nil)
    }

    @Test func shortOrNonHexTextIsRefusedWithAnExample() {
        #expect(throws: PostIDPrefixError.tooShort("8f14e45")) { try PostIDPrefix(parsing: "8f14e45") }
        #expect(throws: PostIDPrefixError.tooShort("")) { try PostIDPrefix(parsing: "") }
        #expect(throws: PostIDPrefixError.notAnID("not-a-uuid")) { try PostIDPrefix(parsing: "not-a-uuid") }
        #expect(throws: PostIDPrefixError.notAnID(id.description + "0")) { try PostIDPrefix(parsing: id.description + "0") }
        for error in [PostIDPrefixError.tooShort("8f"), .notAnID("x")] {
            #expect(!error.description.contains("\n") && error.description.contains("for example 8f14e45f"))
        }
    }

    @Test func theRangeOfAPrefixRunsFromZerosToEffs() throws {
        let prefix = try PostIDPrefix(parsing: "8f14e45f-c")
        #expect(prefix.lowest.description == "8f14e45f-c000-0000-0000-000000000000")
        #expect(prefix.highest.description == "8f14e45f-cfff-ffff-ffff-ffffffffffff")
        #expect(prefix.matches(id))
        #expect(!(try PostIDPrefix(parsing: "8f14e45f-d")).matches(id))
    }

    @Test func aShortIdIsEightDigitsUnlessANeighbourStartsTheSame() {
        #expect(id.short(distinctFrom: []) == "8f14e45f")
        #expect(id.short(distinctFrom: [PostID("8f14e460-0000-4000-8000-000000000000")!]) == "8f14e45f")
        #expect(id.short(distinctFrom: [PostID("8f14e45f-ce00-4000-8000-000000000000")!]) == "8f14e45f-cee")
        #expect(id.short(distinctFrom: [id]) == "8f14e45f", "itself is no neighbour")
        let twin = PostID("8f14e45f-ceea-467f-a0e6-4f1b5e3c2a11")!
        #expect(id.short(distinctFrom: [twin]) == id.description)
    }

    @Test func onlyOneMatchIsUnique() throws {
        let prefix = try PostIDPrefix(parsing: "8f14e45f")
        let match = PostIDMatch(id: id, clientName: "Acme", status: .scheduled, time: nil, excerpt: "hi")
        #expect(try PostIDLookupError.unique(prefix, among: [match]) == match)
        #expect(throws: PostIDLookupError.notFound(prefix)) { try PostIDLookupError.unique(prefix, among: []) }
        #expect(throws: PostIDLookupError.ambiguous(prefix, [match, match], more: false)) {
            try PostIDLookupError.unique(prefix, among: [match, match])
        }
        #expect(throws: PostIDLookupError.ambiguous(prefix, [match], more: true)) { try PostIDLookupError.unique(prefix, among: [match], more: true) }
        #expect(PostIDLookupError.ambiguous(prefix, [match, match], more: false).description
                == "post id 8f14e45f is ambiguous: 2 posts start with it; type more of the id")
    }
}
