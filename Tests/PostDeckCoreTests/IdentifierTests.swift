import Foundation
import Testing
@testable import PostDeckCore

@Suite struct IdentifierTests {
    @Test func printsLowercaseLikePostgres() {
        let id = PostID("8F14E45F-CEEA-467A-9F1B-8A6B1C2D3E4F")
        #expect(id?.description == "8f14e45f-ceea-467a-9f1b-8a6b1c2d3e4f")
    }

    @Test func rejectsTextThatIsNotAUUID() {
        #expect(ClientID("acme") == nil)
        #expect(ClientID("") == nil)
    }

    @Test func tokenStatusesSortWorstFirst() {
        let sorted = [TokenStatus.healthy, .expired, .expiringSoon].sorted { $0.severity < $1.severity }
        #expect(sorted == [.expired, .expiringSoon, .healthy])
    }
}
