import Testing
@testable import PostDeckCore

@Suite struct MediaRulesTests {
    let rules = PlatformRules.standard

    func photo(_ name: String = "photo.jpg", _ width: Int? = 1080, _ height: Int? = 1080, bytes: Int64 = 500_000) -> MediaInfo {
        MediaInfo(path: "/srv/media/\(name)", format: .jpeg, byteSize: bytes, width: width, height: height)
    }
    func video(_ name: String = "clip.mp4", seconds: Double? = 30, _ width: Int = 1080, _ height: Int = 1920,
               bytes: Int64 = 5_000_000) -> MediaInfo {
        MediaInfo(path: "/srv/media/\(name)", format: .mp4, byteSize: bytes, width: width, height: height, durationSeconds: seconds)
    }
    let pdf = MediaInfo(path: "/srv/media/deck.pdf", format: .pdf, byteSize: 2_000_000)
    func errors(_ media: [MediaInfo], _ platform: Platform, text: String = "caption") -> [String] {
        rules.validate(DraftContent(text: text, media: media), for: platform).filter { $0.severity == .error }.map(\.message)
    }

    // MARK: Counts and kinds

    @Test func instagramNeedsOneToTenItemsAndMayMixThem() {
        #expect(errors([], .instagram) == ["Instagram: needs at least one photo or video"])
        #expect(errors(Array(repeating: photo(), count: 9) + [video()], .instagram).isEmpty)
        #expect(errors(Array(repeating: photo(), count: 11), .instagram) == ["Instagram: 11 photos, limit 10"])
        #expect(errors(Array(repeating: photo(), count: 6) + Array(repeating: video(), count: 5), .instagram)
            == ["Instagram: 11 attachments, limit 10"])
    }

    @Test func tiktokTakesOneVideoOrUpToThirtyFivePhotos() {
        #expect(errors([], .tiktok) == ["TikTok: needs a video or photos"])
        #expect(errors([video()], .tiktok).isEmpty)
        #expect(errors(Array(repeating: photo(), count: 35), .tiktok).isEmpty)
        #expect(errors(Array(repeating: photo(), count: 36), .tiktok) == ["TikTok: 36 photos, limit 35"])
        #expect(errors([video(), video()], .tiktok) == ["TikTok: takes one video per post (2 attached)"])
        #expect(errors([photo(), video()], .tiktok) == ["TikTok: cannot mix photos and video in one post"])
    }

    @Test func linkedInTakesOneVideoOrTwentyImagesOrOneDocument() {
        #expect(errors([], .linkedin).isEmpty)
        #expect(errors(Array(repeating: photo(), count: 20), .linkedin).isEmpty)
        #expect(errors(Array(repeating: photo(), count: 21), .linkedin) == ["LinkedIn: 21 photos, limit 20"])
        #expect(errors([video(seconds: 60, 1920, 1080)], .linkedin).isEmpty)
        #expect(errors([pdf], .linkedin).isEmpty)
        #expect(errors([pdf, photo()], .linkedin) == ["LinkedIn: a document must be the only attachment"])
    }

    @Test func facebookTakesTenPhotosOrOneVideo() {
        #expect(errors(Array(repeating: photo(), count: 10), .facebook).isEmpty)
        #expect(errors(Array(repeating: photo(), count: 11), .facebook) == ["Facebook: 11 photos, limit 10"])
        #expect(errors([photo(), video()], .facebook) == ["Facebook: cannot mix photos and video in one post"])
        #expect(errors([pdf], .facebook) == ["Facebook: cannot post a document (deck.pdf)"])
    }

    @Test func documentsAreRefusedWhereTheNetworkHasNone() {
        #expect(errors([pdf], .instagram) == ["Instagram: cannot post a document (deck.pdf)"])
    }

    // MARK: Sizes, shapes and lengths

    @Test func instagramImageSizeLimitIsEightMegabytes() {
        #expect(errors([photo(bytes: 8_000_000)], .instagram).isEmpty)
        #expect(errors([photo("big.jpg", bytes: 8_000_001)], .instagram)
            == ["Instagram: big.jpg is 8,000,001 bytes, limit 8,000,000 bytes"])
        #expect(errors([photo("huge.jpg", bytes: 9_200_000)], .instagram) == ["Instagram: huge.jpg is 9.2 MB, limit 8 MB"])
    }

    @Test func instagramAspectRatioRunsFromFourFiveToOnePointNineOne() {
        #expect(errors([photo("portrait.jpg", 1080, 1350)], .instagram).isEmpty)
        #expect(errors([photo("landscape.jpg", 1080, 566)], .instagram).isEmpty)
        #expect(errors([photo("story.jpg", 1080, 1920)], .instagram)
            == ["Instagram: story.jpg is 1080×1920 (0.56:1), allowed 0.8:1 to 1.91:1"])
        #expect(errors([photo("wide.jpg", 1080, 540)], .instagram)
            == ["Instagram: wide.jpg is 1080×540 (2:1), allowed 0.8:1 to 1.91:1"])
        #expect(errors([photo("tiny.jpg", 300, 300)], .instagram) == ["Instagram: tiny.jpg is 300 pixels wide, minimum 320"])
    }

    @Test func unreadableImageSizeIsAWarningWhereShapeMatters() {
        let issues = rules.validate(DraftContent(text: "x", media: [photo("odd.jpg", nil, nil)]), for: .instagram)
        #expect(issues.map(\.message) == ["Instagram: cannot read the size of odd.jpg to check it"])
        #expect(issues.first?.severity == .warning)
        #expect(rules.validate(DraftContent(text: "x", media: [photo("odd.jpg", nil, nil)]), for: .facebook).isEmpty)
    }

    @Test func linkedInLimitsImagePixels() {
        #expect(errors([photo("ok.jpg", 6_000, 6_000)], .linkedin).isEmpty)
        #expect(errors([photo("big.jpg", 6_016, 6_016)], .linkedin)
            == ["LinkedIn: big.jpg has 36,192,256 pixels, limit 36,152,320"])
    }

    @Test func videoDurationsAtTheirBoundaries() {
        #expect(errors([video(seconds: 3)], .instagram).isEmpty)
        #expect(errors([video("short.mp4", seconds: 2.4)], .instagram) == ["Instagram: short.mp4 is 2 s long, minimum 3 s"])
        #expect(errors([video(seconds: 600)], .tiktok).isEmpty)
        #expect(errors([video("long.mp4", seconds: 601)], .tiktok) == ["TikTok: long.mp4 is 10:01 long, limit 10:00"])
        #expect(errors([video(seconds: 30 * 60, 1920, 1080)], .linkedin).isEmpty)
        #expect(errors([video("film.mp4", seconds: 4 * 3_600 + 1)], .facebook) == ["Facebook: film.mp4 is 4:00:01 long, limit 4:00:00"])
    }

    @Test func linkedInVideoAspectRatio() {
        #expect(errors([video("pano.mp4", 3_000, 1_000)], .linkedin) == ["LinkedIn: pano.mp4 is 3:1, allowed 0.42:1 to 2.4:1"])
    }

    @Test func videoSizeLimits() {
        #expect(errors([video("big.mp4", bytes: 300_000_001)], .instagram) == ["Instagram: big.mp4 is 300,000,001 bytes, limit 300,000,000 bytes"])
        #expect(errors([video(bytes: 4_000_000_000)], .tiktok).isEmpty)
    }
}

@Suite struct CountersAndOverridesTests {
    @Test func counterTurnsWarningAtNinetyPercentAndErrorPastTheLimit() {
        #expect(Counter(.caption, used: 1_979, limit: 2_200).state == .ok)
        #expect(Counter(.caption, used: 1_980, limit: 2_200).state == .warning)
        #expect(Counter(.caption, used: 2_200, limit: 2_200).state == .warning)
        #expect(Counter(.caption, used: 2_201, limit: 2_200).state == .error)
        #expect(Counter(.caption, used: 2_215, limit: 2_200).text == "2,215/2,200")
        #expect(Counter(.caption, used: 2_215, limit: 2_200).remaining == -15)
    }

    @Test func countersPerNetwork() {
        let draft = DraftContent(text: "Hi #one #two 👨‍👩‍👧‍👦", firstComment: "more", media: [])
        let instagram = PlatformRules.standard.counters(draft, for: .instagram)
        #expect(instagram.map(\.kind) == [.caption, .hashtags, .firstComment, .media])
        #expect(instagram[0].used == 3 + 5 + 5 + 11)
        #expect(instagram[1].used == 2 && instagram[1].limit == 30)
        #expect(instagram[3].used == 0 && instagram[3].limit == 10)
        #expect(PlatformRules.standard.counters(draft, for: .tiktok).map(\.kind) == [.caption, .media])
    }

    @Test func overridesChangeOnlyWhatTheySay() throws {
        let overrides = try RuleOverrides(["instagram": ["caption_limit": 100, "max_items": 20, "max_image_mb": 30]])
        let rules = PlatformRules(overrides: overrides)
        #expect(rules[.instagram].captionLimit == 100)
        #expect(rules[.instagram].media.maxItems == 20)
        #expect(rules[.instagram].media.maxImageBytes == 30_000_000)
        #expect(rules[.instagram].hashtagLimit == 30)
        #expect(rules[.tiktok] == PlatformRules.standard[.tiktok])
        let draft = DraftContent(text: String(repeating: "a", count: 101), media: [
            MediaInfo(path: "p.jpg", format: .jpeg, byteSize: 1_000, width: 1_080, height: 1_080)])
        #expect(rules.validate(draft, for: .instagram).map(\.message) == ["Instagram: caption is 101 characters, limit 100"])
        #expect(rules.canSchedule(draft, on: [.tiktok]))
        #expect(!rules.canSchedule(draft, on: [.tiktok, .instagram]))
        #expect(rules.canSchedule(DraftContent(text: "ok"), on: [.linkedin, .facebook]))
    }

    @Test func aspectRatioOverridesApplyTogether() throws {
        let rules = PlatformRules(overrides: try RuleOverrides(["instagram": ["min_image_aspect_ratio": 2, "max_image_aspect_ratio": 3]]))
        #expect(rules[.instagram].media.imageAspectRatio == 2...3)
    }

    @Test func badOverridesNameTheCulprit() {
        #expect(throws: RuleOverrideError.unknownNetwork("myspace")) { try RuleOverrides(["myspace": ["caption_limit": 1]]) }
        #expect(throws: RuleOverrideError.unknownKey(network: "instagram", key: "caption")) {
            try RuleOverrides(["instagram": ["caption": 1]])
        }
        #expect(throws: RuleOverrideError.badValue(network: "tiktok", key: "caption_limit", value: 2.5)) {
            try RuleOverrides(["tiktok": ["caption_limit": 2.5]])
        }
        #expect(throws: RuleOverrideError.badValue(network: "tiktok", key: "max_items", value: -1)) {
            try RuleOverrides(["tiktok": ["max_items": -1]])
        }
        #expect(RuleOverrideError.unknownNetwork("myspace").description
            == "rules: unknown network \"myspace\" (expected linkedin, instagram, tiktok, facebook)")
    }

    @Test func previewFoldsAtTheNetworksLengthWithoutSplittingEmoji() {
        let caption = String(repeating: "a", count: 124) + "👍🏽" + "tail"
        let preview = PlatformRules.standard.preview(DraftContent(text: caption), for: .instagram)
        #expect(preview.isFolded)
        #expect(preview.visible == String(repeating: "a", count: 124) + "👍🏽")
        #expect(preview.text.hasSuffix("👍🏽… more"))
        let short = PlatformRules.standard.preview(DraftContent(text: "short"), for: .instagram)
        #expect(!short.isFolded && short.text == "short")
        #expect(CaptionPreview("word " + String(repeating: "b", count: 10), foldLength: 5).visible == "word")
    }
}
