import Testing
@testable import PostDeckCore

/// Lengths below are worked out by hand in UTF-16 code units:
/// "👨‍👩‍👧‍👦" = 4 emoji × 2 + 3 ZWJ = 11, "👍🏽" = 2 + 2 = 4, "日" = 1, "𠀋" = 2, "e\u{301}" = 2.
@Suite struct PlatformRulesTests {
    let rules = PlatformRules.standard
    let family = "👨‍👩‍👧‍👦"
    let thumbsUpMediumSkin = "👍🏽"

    func a(_ count: Int) -> String { String(repeating: "a", count: count) }
    func photo(_ name: String = "photo.jpg", _ width: Int = 1080, _ height: Int = 1080, bytes: Int64 = 500_000) -> MediaInfo {
        MediaInfo(path: "/tmp/\(name)", format: .jpeg, byteSize: bytes, width: width, height: height)
    }
    func video(_ name: String = "clip.mp4", seconds: Double = 30, _ width: Int = 1080, _ height: Int = 1920,
               bytes: Int64 = 5_000_000) -> MediaInfo {
        MediaInfo(path: "/tmp/\(name)", format: .mp4, byteSize: bytes, width: width, height: height, durationSeconds: seconds)
    }
    func messages(_ draft: DraftContent, _ platform: Platform) -> [String] {
        rules.validate(draft, for: platform).map(\.message)
    }
    func errors(_ draft: DraftContent, _ platform: Platform) -> [String] {
        rules.validate(draft, for: platform).filter { $0.severity == .error }.map(\.message)
    }

    // MARK: Caption length, each network at its exact limit

    @Test(arguments: [(Platform.linkedin, 3_000, "3,000"), (.instagram, 2_200, "2,200"),
                      (.tiktok, 2_200, "2,200"), (.facebook, 63_206, "63,206")])
    func captionAtLimitPassesAndOneMoreFails(platform: Platform, limit: Int, limitText: String) {
        let media = platform == .tiktok ? [video()] : [photo()]
        #expect(errors(DraftContent(text: a(limit), media: media), platform).isEmpty)
        let over = DraftContent(text: a(limit + 1), media: media)
        #expect(errors(over, platform) == ["\(platform.displayName): caption is \(MetricFormat.grouped(limit + 1)) characters, limit \(limitText)"])
        #expect(rules.validate(over, for: platform).first?.field == .caption)
    }

    @Test func instagramCountsAZWJFamilyAsElevenCharacters() {
        let exact = DraftContent(text: a(2_189) + family, media: [photo()])
        #expect(errors(exact, .instagram).isEmpty)
        let over = DraftContent(text: a(2_190) + family, media: [photo()])
        #expect(errors(over, .instagram) == ["Instagram: caption is 2,201 characters, limit 2,200"])
    }

    @Test func tiktokCountsASkinToneEmojiAsFour() {
        #expect(errors(DraftContent(text: a(2_196) + thumbsUpMediumSkin, media: [video()]), .tiktok).isEmpty)
        #expect(errors(DraftContent(text: a(2_197) + thumbsUpMediumSkin, media: [video()]), .tiktok)
            == ["TikTok: caption is 2,201 characters, limit 2,200"])
    }

    @Test func linkedInCountsCJKIdeographsOnceAndSupplementaryOnesTwice() {
        #expect(errors(DraftContent(text: String(repeating: "日", count: 3_000)), .linkedin).isEmpty)
        #expect(errors(DraftContent(text: String(repeating: "日", count: 2_999) + "𠀋"), .linkedin)
            == ["LinkedIn: caption is 3,001 characters, limit 3,000"])
    }

    @Test func facebookCountsCombiningMarksSeparately() {
        // 31,603 × "e\u{301}" = 63,206 units; one more plain letter goes over.
        let accented = String(repeating: "e\u{301}", count: 31_603)
        #expect(errors(DraftContent(text: accented), .facebook).isEmpty)
        #expect(errors(DraftContent(text: accented + "x"), .facebook) == ["Facebook: caption is 63,207 characters, limit 63,206"])
    }

    @Test func variationReplacesTheBaseTextForItsNetworkOnly() {
        let draft = DraftContent(text: a(2_500), variations: [.instagram: "short"], media: [photo()])
        #expect(errors(draft, .instagram).isEmpty)
        #expect(!errors(draft, .tiktok).isEmpty)
        #expect(errors(draft, .linkedin).isEmpty)
    }

    @Test func emptyTextOnlyPostIsAnError() {
        #expect(errors(DraftContent(text: "  \n"), .linkedin) == ["LinkedIn: the post is empty: write a caption or attach media"])
        #expect(errors(DraftContent(text: "", media: [photo()]), .facebook).isEmpty)
    }

    // MARK: Hashtags, mentions, first comment

    @Test func instagramAllowsThirtyHashtagsNotThirtyOne() {
        let thirty = (1...30).map { "#t\($0)" }.joined(separator: " ")
        #expect(errors(DraftContent(text: thirty, media: [photo()]), .instagram).isEmpty)
        let issues = rules.validate(DraftContent(text: thirty + " #one_more", media: [photo()]), for: .instagram)
        #expect(issues.map(\.message) == ["Instagram: caption has 31 hashtags, limit 30"])
        #expect(issues.first?.field == .hashtags && issues.first?.severity == .error)
    }

    @Test func hashtagsInsideLinksAreNotCounted() {
        let thirty = (1...30).map { "#t\($0)" }.joined(separator: " ")
        #expect(errors(DraftContent(text: thirty + " https://acme.com/#more", media: [photo()]), .instagram).isEmpty)
    }

    @Test func otherNetworksHaveNoHashtagLimit() {
        let many = (1...60).map { "#t\($0)" }.joined(separator: " ")
        #expect(errors(DraftContent(text: many, media: [video()]), .tiktok).isEmpty)
        #expect(errors(DraftContent(text: many), .linkedin).isEmpty)
    }

    @Test func tooManyMentionsIsOnlyAWarning() {
        let mentions = (1...21).map { "@user\($0)" }.joined(separator: " ")
        let issues = rules.validate(DraftContent(text: mentions, media: [photo()]), for: .instagram)
        #expect(issues.map(\.severity) == [.warning])
        #expect(issues.first?.message == "Instagram: caption mentions 21 accounts, more than 20 may be refused")
    }

    @Test func firstCommentLimitsPerNetwork() {
        let ok = DraftContent(text: "hi", firstComment: a(1_250))
        #expect(messages(ok, .linkedin).isEmpty)
        let over = DraftContent(text: "hi", firstComment: a(1_249) + thumbsUpMediumSkin)
        #expect(errors(over, .linkedin) == ["LinkedIn: first comment is 1,253 characters, limit 1,250"])
        let instagram = DraftContent(text: "hi", firstComment: a(2_201), media: [photo()])
        #expect(errors(instagram, .instagram) == ["Instagram: first comment is 2,201 characters, limit 2,200"])
    }

    @Test func tiktokHasNoFirstCommentSoItIsAWarning() {
        let issues = rules.validate(DraftContent(text: "hi", firstComment: "more #tags", media: [video()]), for: .tiktok)
        #expect(issues.map(\.message) == ["TikTok: has no first comment; it will be left out"])
        #expect(issues.first?.severity == .warning && issues.first?.field == .firstComment)
        #expect(rules.validate(DraftContent(text: "hi", firstComment: "  ", media: [video()]), for: .tiktok).isEmpty)
    }

    @Test func firstCommentHashtagsAreLimitedOnTheirOwn() {
        let thirtyOne = (1...31).map { "#t\($0)" }.joined(separator: " ")
        #expect(errors(DraftContent(text: "hi", firstComment: thirtyOne, media: [photo()]), .instagram)
            == ["Instagram: first comment has 31 hashtags, limit 30"])
    }
}
