import FoundationEssentials
import Glibc
import PostDeckApp
import PostDeckCore

/// `postdeck bench --fuzz N`: every parser of untrusted input (the six media parsers, theme
/// files, the config file's rules) on N mutated inputs each, with the time per input and the
/// slowest single input. The test suite runs 100,000 per parser; this runs as many as asked.
struct FuzzBench {
    let inputs: Int
    let seed: UInt64

    func run(note: (String) -> Void) -> String {
        var reports: [Fuzzer.Report] = []
        for parser in SampleMedia.Parser.allCases {
            note("fuzzing \(parser.rawValue)…")
            reports.append(MediaSniffer.fuzz(parser, inputs: inputs, seed: seed))
        }
        for target in TOMLFuzz.Target.allCases {
            note("fuzzing \(target.rawValue)…")
            reports.append(TOMLFuzz.run(target, inputs: inputs, seed: seed))
        }
        var text = "## Parser fuzzing (seed \(seed))\n\n"
        text += "| parser | inputs | accepted | refused | broken promises | time | per input | slowest input |\n"
        text += "|---|---:|---:|---:|---:|---:|---:|---:|\n"
        for report in reports {
            let seconds = Self.seconds(report.elapsed)
            text += "| \(report.name) | \(MetricFormat.grouped(report.inputs)) | \(MetricFormat.grouped(report.accepted)) "
                + "| \(MetricFormat.grouped(report.refused)) | \(report.violationCount) | \(MetricFormat.fixed(seconds, places: 1)) s "
                + "| \(MetricFormat.fixed(seconds * 1e6 / Double(max(1, report.inputs)), places: 1)) µs "
                + "| \(MetricFormat.fixed(Self.seconds(report.slowest) * 1e3, places: 2)) ms |\n"
        }
        for report in reports where report.violationCount > 0 { text += "\n" + report.summary + "\n" }
        return text
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
