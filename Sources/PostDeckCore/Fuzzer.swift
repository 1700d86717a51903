/// Runs a parser on many mutations of small valid inputs, the way coverage-less fuzzers do
/// (bit flips, boundary integers, truncation, insertion, deletion, duplication, tokens of
/// the format), to show that no input crashes it, keeps it busy, or makes it answer with
/// more than one line. Seeded: the same seed gives the same inputs, so a failure is
/// replayed from the seed its report names. Used by the test suite (100,000 inputs per
/// parser) and by `postdeck bench --fuzz N`.
public struct Fuzzer {
    /// What the parser made of one input.
    public enum Outcome: Sendable {
        /// Parsed.
        case accepted
        /// Refused with this message (which must be one line).
        case refused(String)
        /// Parsed, but into something that breaks a promise of the parser (a width the
        /// database cannot hold, too many reads).
        case violation(String)
    }

    public struct Report: Sendable {
        public let name: String
        public let seed: UInt64
        public let inputs: Int
        public var accepted = 0
        public var refused = 0
        /// The first few broken promises, with the input's number, for replaying.
        public var violations: [String] = []
        public var violationCount = 0
        /// The longest single parse, for the bench (tests never judge time).
        public var slowest: Duration = .zero
        /// The whole run.
        public var elapsed: Duration = .zero
    }

    public let name: String
    /// Valid inputs the mutations start from.
    public let samples: [[UInt8]]
    /// Byte strings the format gives meaning to, inserted or written over the input.
    public let dictionary: [[UInt8]]

    public init(name: String, samples: [[UInt8]], dictionary: [[UInt8]] = []) {
        precondition(!samples.isEmpty, "a fuzzer needs at least one valid input")
        self.name = name
        self.samples = samples
        self.dictionary = dictionary
    }

    /// Runs `parse` on `inputs` mutated inputs.
    public func run(inputs: Int, seed: UInt64, _ parse: ([UInt8]) -> Outcome) -> Report {
        var random = SeededRandom(seed: seed)
        var report = Report(name: name, seed: seed, inputs: inputs)
        let clock = ContinuousClock()
        let started = clock.now
        for index in 0..<inputs {
            let sample = samples[Int(random.next() % UInt64(samples.count))]
            let input = mutate(sample, using: &random)
            let before = clock.now
            let outcome = parse(input)
            report.slowest = max(report.slowest, clock.now - before)
            switch outcome {
            case .accepted:
                report.accepted += 1
            case .refused(let message):
                report.refused += 1
                if message.contains(where: \.isNewline) || message.isEmpty {
                    report.note("input \(index): a refusal that is not one line: \(message.debugDescription)")
                }
            case .violation(let problem):
                report.note("input \(index): \(problem)")
            }
        }
        report.elapsed = clock.now - started
        return report
    }

    /// One to four stacked mutations of `input`.
    public func mutate(_ input: [UInt8], using random: inout SeededRandom) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            switch Int.random(in: 0..<7, using: &random) {
            case 0: // flip one to eight bits
                guard !bytes.isEmpty else { continue }
                for _ in 0..<Int.random(in: 1...8, using: &random) {
                    bytes[Int.random(in: 0..<bytes.count, using: &random)] ^= UInt8(1) << UInt8.random(in: 0...7, using: &random)
                }
            case 1: // a boundary integer over 1, 2, 4 or 8 bytes, either byte order
                let width = [1, 2, 4, 8].randomElement(using: &random)!
                var value = Self.boundaryValues.randomElement(using: &random)!
                var encoded = (0..<width).map { _ -> UInt8 in defer { value >>= 8 }; return UInt8(truncatingIfNeeded: value) }
                if Bool.random(using: &random) { encoded.reverse() }
                let at = Int.random(in: 0...bytes.count, using: &random)
                let end = min(bytes.count, at + width)
                bytes.replaceSubrange(at..<end, with: encoded)
            case 2: // truncation
                bytes.removeLast(bytes.isEmpty ? 0 : Int.random(in: 1...bytes.count, using: &random))
            case 3: // insertion of random bytes
                let inserted = (0..<Int.random(in: 1...16, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
                bytes.insert(contentsOf: inserted, at: Int.random(in: 0...bytes.count, using: &random))
            case 4: // deletion of a range
                guard !bytes.isEmpty else { continue }
                let start = Int.random(in: 0..<bytes.count, using: &random)
                bytes.removeSubrange(start..<min(bytes.count, start + Int.random(in: 1...32, using: &random)))
            case 5: // a slice of the input repeated elsewhere (boxes inside boxes, segments twice)
                guard !bytes.isEmpty, bytes.count < 1 << 16 else { continue }
                let start = Int.random(in: 0..<bytes.count, using: &random)
                let slice = Array(bytes[start..<min(bytes.count, start + Int.random(in: 1...256, using: &random))])
                bytes.insert(contentsOf: slice, at: Int.random(in: 0...bytes.count, using: &random))
            default: // a token of the format, inserted or written over
                guard let token = dictionary.randomElement(using: &random) else { continue }
                let at = Int.random(in: 0...bytes.count, using: &random)
                if Bool.random(using: &random) {
                    bytes.insert(contentsOf: token, at: at)
                } else {
                    bytes.replaceSubrange(at..<min(bytes.count, at + token.count), with: token)
                }
            }
        }
        return bytes
    }

    /// Integers at the edges where checks go wrong: zero, one, the signed and unsigned
    /// limits of each width and their neighbours.
    static let boundaryValues: [UInt64] = [
        0, 1, 2, 7, 8, 15, 16, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x1_0000,
        0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFE, 0xFFFF_FFFF, 0x1_0000_0000,
        0x7FFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000, 0xFFFF_FFFF_FFFF_FFF0, 0xFFFF_FFFF_FFFF_FFFF,
    ]
}

extension Fuzzer.Report {
    mutating func note(_ problem: String) {
        violationCount += 1
        if violations.count < 5 { violations.append(problem) }
    }

    /// One line for a test failure or the bench: "jpeg: 100,000 inputs (seed 42): …".
    public var summary: String {
        "\(name): \(MetricFormat.grouped(inputs)) inputs (seed \(seed)): \(MetricFormat.grouped(accepted)) accepted, "
            + "\(MetricFormat.grouped(refused)) refused, \(violationCount) broken promises"
            + (violations.isEmpty ? "" : ": " + violations.joined(separator: "; "))
    }
}

/// SplitMix64: a small, fast, seeded generator, so a fuzz run can be replayed exactly.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
