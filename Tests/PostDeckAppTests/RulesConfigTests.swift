import Foundation
import Testing
import PostDeckCore
import TerminalUI
@testable import PostDeckApp

/// The `[rules.<network>]` tables of config.toml, and the composer honouring them.
@Suite struct RulesConfigTests {
    static let file = "/home/ana/.config/postdeck/config.toml"

    func error(_ source: String) -> RulesConfigError? {
        do throws(RulesConfigError) { _ = try RulesConfig.parse(source, file: Self.file); return nil } catch { return error }
    }

    @Test func tablesPerNetworkBecomeOverridesAndOtherTablesAreLeftAlone() throws {
        let overrides = try RulesConfig.parse("""
            # limits raised early
            [ui]
            anything = "else"

            [rules.instagram]
            caption_limit = 2300
            max_image_mb = 8.5

            [rules.linkedin]
            hashtag_limit = 5
            """, file: Self.file)
        #expect(overrides.values == [.instagram: [.captionLimit: 2300, .maxImageMB: 8.5], .linkedin: [.hashtagLimit: 5]])
        let rules = PlatformRules(overrides: overrides)
        #expect(rules[.instagram].captionLimit == 2300)
        #expect(rules[.instagram].media.maxImageBytes == 8_500_000)
        #expect(rules[.tiktok] == PlatformRules.standard[.tiktok])
        #expect(try RulesConfig.parse("[ui]\nx = 1\n", file: Self.file) == .none)
    }

    @Test func anOverriddenCaptionLimitIsHonouredByValidation() throws {
        let caption = String(repeating: "雪", count: 2_250)
        let draft = DraftContent(text: caption)
        #expect(PlatformRules.standard.validate(draft, for: .instagram).contains { $0.severity == .error && $0.field == .caption })
        let raised = PlatformRules(overrides: try RulesConfig.parse("[rules.instagram]\ncaption_limit = 2300\n", file: Self.file))
        #expect(raised.validate(draft, for: .instagram).allSatisfy { $0.field != .caption })
        let lowered = PlatformRules(overrides: try RulesConfig.parse("[rules.linkedin]\ncaption_limit = 100\n", file: Self.file))
        #expect(lowered.validate(DraftContent(text: String(repeating: "a", count: 101)), for: .linkedin).contains { $0.severity == .error })
        #expect(lowered.validate(DraftContent(text: String(repeating: "a", count: 100)), for: .linkedin).allSatisfy { $0.field != .caption })
    }

    @Test func everyErrorNamesFileLineAndKey() {
        let unknownKey = error("[rules.instagram]\ncaption_limit = 2300\ncaptoin_limit = 1\n")
        #expect(unknownKey?.line == 3)
        #expect(unknownKey?.description.hasPrefix("\(Self.file):3: rules.instagram: unknown key \"captoin_limit\"") == true)

        let network = error("[rules.instagram]\ncaption_limit = 1\n\n[rules.myspace]\ncaption_limit = 1\n")
        #expect(network?.line == 4)
        #expect(network?.description.contains("unknown network \"myspace\"") == true)

        let notANumber = error("[rules.tiktok]\n\nmax_items = \"ten\"\n")
        #expect(notANumber?.description == "\(Self.file):3: rules.tiktok.max_items: expected a number")

        let fraction = error("[rules.facebook]\nhashtag_limit = 2.5\n")
        #expect(fraction?.line == 2)
        #expect(fraction?.description.contains("rules.facebook.hashtag_limit") == true)

        let negative = error("[rules.facebook]\nmax_video_mb = -1\n")
        #expect(negative?.line == 2)

        let toml = error("[rules.instagram]\ncaption_limit = = 3\n")
        #expect(toml?.line == 2)
        #expect(toml?.description.hasPrefix("\(Self.file):2: invalid TOML") == true)

        #expect(error("rules = 3\n")?.description == "\(Self.file):1: rules: expected tables [rules.<network>]")
        #expect(error("[rules]\ninstagram = 5\n")?.line == 2)
    }

    @Test func loadReadsTheXDGFileAndFallsBackToTheStandardRulesWithOneLine() throws {
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("postdeck-config-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: config) }
        let environment = ["XDG_CONFIG_HOME": config, "HOME": "/nonexistent"]
        #expect(RulesConfig.path(environment: environment) == config + "/postdeck/config.toml")
        #expect(RulesConfig.path(environment: ["HOME": "/home/ana"]) == "/home/ana/.config/postdeck/config.toml")

        let absent = RulesConfig.load(environment: environment)
        #expect(absent.rules == .standard && absent.problem == nil)

        try FileManager.default.createDirectory(atPath: config + "/postdeck", withIntermediateDirectories: true)
        try "[rules.instagram]\nhashtag_limit = 10\n".write(toFile: config + "/postdeck/config.toml", atomically: true, encoding: .utf8)
        let good = RulesConfig.load(environment: environment)
        #expect(good.problem == nil)
        #expect(good.rules[.instagram].hashtagLimit == 10)

        try "[rules.instagram]\nhashtags = 10\n".write(toFile: config + "/postdeck/config.toml", atomically: true, encoding: .utf8)
        let broken = RulesConfig.load(environment: environment)
        #expect(broken.rules == .standard)
        let problem = try #require(broken.problem)
        #expect(problem.hasPrefix(config + "/postdeck/config.toml:2: rules.instagram: unknown key \"hashtags\""))
        #expect(problem.hasSuffix("; the standard rules are used"))
        #expect(!problem.contains("\n"))
    }

    @Test func theComposerValidatesWithTheStateRules() throws {
        var state = ComposerFixtures.written()
        state.composer.content = TextAreaState(String(repeating: "a", count: 2_250))
        func captionTooLong(_ state: AppState) -> Bool {
            ComposerPane.issues(state).contains { $0.message.hasPrefix("Instagram: caption is") }
        }
        #expect(captionTooLong(state))
        state.rules = PlatformRules(overrides: try RulesConfig.parse("[rules.instagram]\ncaption_limit = 2300\n", file: "x"))
        #expect(!captionTooLong(state))
    }
}
