import Foundation
import Testing
import PostDeckCore
import TerminalUI
@testable import PostDeckApp

/// The words of a post's detail: its times read as what they are.
@Suite struct PostDetailViewTests {
    let now = Date(timeIntervalSince1970: 1_795_608_000)  // 2026-11-25 12:00 UTC

    func post(_ status: PostStatus, scheduledAt: Date?, updatedAt: Date, accounts: [PostDetail.Account] = []) -> PostDetail {
        PostDetail(id: PostID("e1000000-0000-4000-8000-000000000001")!, clientID: ClientID("c1000000-0000-4000-8000-000000000001")!,
                   clientName: "Acme Outdoor", status: status, content: "Trail season", variations: [], settings: nil,
                   scheduledAt: scheduledAt, publishedAt: nil, createdAt: now.addingTimeInterval(-86_400), updatedAt: updatedAt,
                   campaignName: nil, templateName: nil, accounts: accounts, media: [], job: nil)
    }

    func text(_ detail: PostDetail) -> [String] {
        PostDetailView.lines(detail, zone: .utc, now: now, symbols: .unicode).map { $0.map(\.text).joined() }
    }

    @Test func aCancelledPostIsPlannedNeverGoesOut() {
        let lines = text(post(.cancelled, scheduledAt: now.addingTimeInterval(3 * 86_400), updatedAt: now.addingTimeInterval(-60)))
        #expect(!lines.contains { $0.contains("goes out") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("planned   Sat 28 Nov 12:00") })
        let scheduled = text(post(.scheduled, scheduledAt: now.addingTimeInterval(3 * 86_400), updatedAt: now.addingTimeInterval(-60)))
        #expect(scheduled.contains { $0.hasPrefix("goes out  Sat 28 Nov 12:00") })
        #expect(scheduled.contains("none: the post goes out nowhere yet"))
    }

    @Test func anUpdateJustWrittenReadsJustNowNotInTheFuture() {
        // The write's updated_at comes from the server's clock, a few seconds ahead of the UI's now.
        let lines = text(post(.scheduled, scheduledAt: now.addingTimeInterval(3_600), updatedAt: now.addingTimeInterval(2)))
        let updated = lines.first { $0.hasPrefix("updated") } ?? ""
        #expect(updated.hasSuffix("(just now)"), "\(updated)")
        #expect(!lines.contains { $0.hasPrefix("updated") && $0.contains("in under a minute") })
    }
}
