import Foundation
import Testing
import PostDeckCore
import TerminalUI
@testable import PostDeckApp

/// Theme files and the config file's rules on 100,000 mutations each per run: every one
/// gives a theme or rules, or one line naming what is wrong; none crashes. The seed is
/// random per run and named in any failure; POSTDECK_FUZZ_SEED replays one.
@Suite struct TOMLFuzzTests {
    static let inputs = 100_000
    static let seed = ProcessInfo.processInfo.environment["POSTDECK_FUZZ_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 0...UInt64.max)

    @Test(arguments: TOMLFuzz.Target.allCases)
    func mutatedFilesGiveAResultOrAOneLineError(_ target: TOMLFuzz.Target) {
        let report = TOMLFuzz.run(target, inputs: Self.inputs, seed: Self.seed)
        #expect(report.violationCount == 0, "\(report.summary)")
        #expect(report.accepted > 0 && report.refused > 0, "\(report.summary)")
    }

    @Test func theSamplesAreValidBeforeTheyAreMutated() throws {
        let theme = try ThemeParser.parse(TOMLFuzz.sampleTheme, file: "sample", catalog: .postdeck)
        _ = try ThemeParser.resolve([try ThemeParser.parse(BuiltinThemes.defaultTheme, file: "default", catalog: .postdeck), theme], name: "fuzz")
        let overrides = try RulesConfig.parse(TOMLFuzz.sampleConfig, file: "sample")
        #expect(overrides.values[.instagram]?[.captionLimit] == 2200)
    }

    @Test func deeplyNestedTablesAreRefusedNotRecursedInto() throws {
        let deep = "[roles." + Array(repeating: "a", count: 5_000).joined(separator: ".") + "]\nfg = \"red\"\n"
        #expect(throws: ThemeError.self) { try ThemeParser.parse(deep, file: "deep.toml", catalog: .postdeck) }
    }

    @Test func aLimitTooLargeToCountInBytesIsRefused() {
        #expect(throws: RulesConfigError.self) { try RulesConfig.parse("[rules.instagram]\nmax_image_mb = 1e15\n", file: "c") }
    }
}
