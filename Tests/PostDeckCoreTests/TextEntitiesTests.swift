import Testing
@testable import PostDeckCore

@Suite struct TextEntitiesTests {
    @Test func hashtagsInAnyScriptWithoutTheSign() {
        #expect(TextEntities.hashtags(in: "New drop #Sale #日本 #café #tag_2!") == ["Sale", "日本", "café", "tag_2"])
    }

    @Test func hashtagWithCombiningMarkStaysWhole() {
        // "cafe" + U+0301 COMBINING ACUTE ACCENT.
        #expect(TextEntities.hashtags(in: "#cafe\u{301} time") == ["cafe\u{301}"])
    }

    @Test func notHashtags() {
        #expect(TextEntities.hashtags(in: "a#b &#39; #2026 ##double # alone") == [])
        #expect(TextEntities.hashtags(in: "see https://acme.com/page#pricing and www.acme.com/#x") == [])
        #expect(TextEntities.hashtags(in: "(see www.acme.com/#x)") == [])
    }

    @Test func punctuationEndsAHashtag() {
        #expect(TextEntities.hashtags(in: "(#launch), #day1. #x-y") == ["launch", "day1", "x"])
    }

    @Test func duplicatesAreKeptForCounting() {
        #expect(TextEntities.hashtags(in: "#a #a #A").count == 3)
    }

    @Test func mentionsSkipEmailAddressesAndTrailingDots() {
        #expect(TextEntities.mentions(in: "Thanks @acme.co. and @jane_doe, mail hi@acme.com") == ["acme.co", "jane_doe"])
        #expect(TextEntities.mentions(in: "@日本 @ alone https://x.com/@team") == ["日本"])
    }
}
