import Foundation
import Testing
@testable import PostDeckCore

/// The other names the command line takes for a token state and a sort field: the view's
/// own values and the words the panes show.
@Suite struct TypedNameTests {
    @Test func tokenStatesReadTheViewsValuesAndThePanesWord() {
        #expect(TokenStatus(parsing: "expiring") == .expiringSoon)
        #expect(TokenStatus(parsing: "expiring_soon") == .expiringSoon)
        #expect(TokenStatus(parsing: "Expiring-Soon") == .expiringSoon)
        #expect(TokenStatus(parsing: " EXPIRED") == .expired)
        #expect(TokenStatus(parsing: "healthy") == .healthy)
        #expect(TokenStatus(parsing: "soon") == nil)
    }

    @Test func performanceSortTakesTheViewsColumnNames() {
        #expect(PerformanceSort(parsing: "total_likes") == PerformanceSort(parsing: "likes"))
        #expect(PerformanceSort(parsing: "total_views:asc") == PerformanceSort(.views, descending: false))
        #expect(PerformanceSort(parsing: "published_at") == PerformanceSort(.published))
        #expect(PerformanceSort(parsing: "client_name") == PerformanceSort(.client, descending: false))
        #expect(PerformanceSort(parsing: "total_comments:desc") == PerformanceSort(.comments))
        #expect(PerformanceSort(parsing: "total_shares") == PerformanceSort(.shares))
        #expect(PerformanceSort(parsing: "total_engagement") == nil)
        #expect(PerformanceSort(parsing: "likes:up") == nil)
    }
}
