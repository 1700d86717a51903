import Foundation
import Testing
@testable import PostDeckCore

/// The import file reader on 100,000 mutations of small valid files per run (bit flips,
/// CSV's own bytes inserted or written over, truncation, deletion, repetition, bytes that
/// are not UTF-8): no crash (the run would stop), every refusal one line, and what it
/// accepts never holds more than the input. The seed is random per run and named in any
/// failure; POSTDECK_FUZZ_SEED replays one.
@Suite struct CSVFuzzTests {
    static let inputs = 100_000
    static let seed = ProcessInfo.processInfo.environment["POSTDECK_FUZZ_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 0...UInt64.max)

    static let samples: [[UInt8]] = [
        CSVReader.byteOrderMark + Array("client,accounts,date,content,status\r\nAcme,ig:acme,2027-06-01 09:00,\"Line one 🏔️\r\n雪の山道へ, \"\"quoted\"\"\",scheduled\r\n".utf8),
        Array("date,content,content_instagram,hashtags\n2027-06-01 09:00,\"a\nb\",,#x #y\n,,\n2027-06-02 10:30,plain,\"ig only 👩🏽‍🦯\",\n".utf8),
        Array("06/01/2027 09:00,Hootsuite message,https://example.com/a\n06/02/2027 09:00,\"With, comma\",\n".utf8),
    ]

    /// Bytes CSV gives meaning to, and bytes that break UTF-8 or the database.
    static let tokens: [[UInt8]] = [[0x22], [0x2C], [0x0D], [0x0A], [0x0D, 0x0A], [0x22, 0x22], [0x22, 0x2C, 0x22],
                                    CSVReader.byteOrderMark, [0x00], [0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]]

    @Test func mutatedFilesAreReadOrRefusedInOneLine() {
        var random = SeededRandom(seed: Self.seed)
        var accepted = 0, refused = 0
        var failures: [String] = []
        for index in 0..<Self.inputs {
            let input = Self.mutate(Self.samples[Int(random.next() % UInt64(Self.samples.count))], using: &random)
            do {
                let records = try CSVReader.records(input)
                accepted += 1
                let bytes = records.reduce(0) { $0 + $1.fields.reduce(0) { $0 + $1.count } }
                if bytes > input.count { failures.append("input \(index): \(bytes) field bytes from \(input.count)") }
                if zip(records, records.dropFirst()).contains(where: { $0.line > $1.line }) || records.contains(where: { $0.line < 1 || $0.fields.isEmpty }) {
                    failures.append("input \(index): records out of order or empty")
                }
            } catch {
                refused += 1
                if error.description.contains(where: \.isNewline) { failures.append("input \(index): \(error.description.debugDescription)") }
            }
            let file = ImportFile.read(input)
            for problem in file.problems where problem.message.contains(where: \.isNewline) || problem.message.isEmpty {
                failures.append("input \(index): \(problem.message.debugDescription)")
            }
            if file.rows.contains(where: { $0.number < 1 || $0.number > file.rowCount }) { failures.append("input \(index): row numbers out of range") }
            if failures.count > 5 { break }
        }
        #expect(failures.isEmpty, "seed \(Self.seed): \(failures.prefix(5))")
        // Both paths are reached: the mutations are neither all harmless nor all fatal.
        #expect(accepted > 0 && refused > 0, "seed \(Self.seed): \(accepted) accepted, \(refused) refused")
    }

    static func mutate(_ sample: [UInt8], using random: inout SeededRandom) -> [UInt8] {
        var bytes = sample
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            switch Int.random(in: 0..<6, using: &random) {
            case 0 where !bytes.isEmpty:
                bytes[Int.random(in: 0..<bytes.count, using: &random)] ^= UInt8(1) << UInt8.random(in: 0...7, using: &random)
            case 1:
                let token = tokens.randomElement(using: &random)!
                let at = Int.random(in: 0...bytes.count, using: &random)
                if Bool.random(using: &random) { bytes.insert(contentsOf: token, at: at) }
                else { bytes.replaceSubrange(at..<min(bytes.count, at + token.count), with: token) }
            case 2 where !bytes.isEmpty:
                bytes.removeLast(Int.random(in: 1...bytes.count, using: &random))
            case 3 where !bytes.isEmpty:
                let start = Int.random(in: 0..<bytes.count, using: &random)
                bytes.removeSubrange(start..<min(bytes.count, start + Int.random(in: 1...16, using: &random)))
            case 4 where !bytes.isEmpty && bytes.count < 4_096:
                let start = Int.random(in: 0..<bytes.count, using: &random)
                let slice = bytes[start..<min(bytes.count, start + Int.random(in: 1...64, using: &random))]
                bytes.insert(contentsOf: slice, at: Int.random(in: 0...bytes.count, using: &random))
            default:
                bytes.insert(UInt8.random(in: 0...255, using: &random), at: Int.random(in: 0...bytes.count, using: &random))
            }
        }
        return bytes
    }
}

