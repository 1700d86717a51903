import Foundation
import Testing
@testable import PostDeckCore

/// Every media parser on 100,000 mutations of small valid files per run: no crash (the run
/// would stop), no answer the database cannot hold, no refusal longer than a line, no walk
/// past the read budget. The seed is random per run and named in any failure; set
/// POSTDECK_FUZZ_SEED to replay one. `postdeck bench --fuzz 1000000` runs a million.
@Suite struct MediaFuzzTests {
    static let inputs = 100_000
    static let seed = ProcessInfo.processInfo.environment["POSTDECK_FUZZ_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 0...UInt64.max)

    @Test(arguments: SampleMedia.Parser.allCases)
    func mutatedFilesGetAnAnswerOrAOneLineRefusal(_ parser: SampleMedia.Parser) {
        let report = MediaSniffer.fuzz(parser, inputs: Self.inputs, seed: Self.seed)
        #expect(report.violationCount == 0, "\(report.summary)")
        #expect(report.accepted + report.refused == Self.inputs)
        // Both paths are reached: the mutations are neither all harmless nor all fatal.
        #expect(report.accepted > 0 && report.refused > 0, "\(report.summary)")
    }

    @Test(arguments: SampleMedia.Parser.allCases)
    func everySampleIsValidBeforeItIsMutated(_ parser: SampleMedia.Parser) throws {
        for sample in parser.samples {
            let info = try MediaSniffer.inspect(bytes: sample.bytes, path: sample.name)
            #expect(info.format.rawValue == parser.rawValue || (parser == .mp4 && info.format == .mov), "\(sample.name)")
            if parser != .pdf { #expect(info.width != nil && info.height != nil, "\(sample.name)") }
        }
    }

    @Test func theSameSeedGivesTheSameInputs() {
        let fuzzer = Fuzzer(name: "x", samples: [SampleMedia.png(width: 1, height: 1)])
        var first = SeededRandom(seed: 7), second = SeededRandom(seed: 7)
        for _ in 0..<100 {
            #expect(fuzzer.mutate([1, 2, 3, 4, 5, 6, 7, 8], using: &first) == fuzzer.mutate([1, 2, 3, 4, 5, 6, 7, 8], using: &second))
        }
    }
}
