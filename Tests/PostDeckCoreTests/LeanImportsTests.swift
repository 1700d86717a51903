import Foundation
import Testing

/// The `postdeck` binary links neither the full Foundation library nor ICU (docs/PERFORMANCE.md,
/// "A lean binary"): its targets import `FoundationEssentials`, never `Foundation`. One
/// `import Foundation` in one of them brings back several megabytes of memory at start, and
/// nothing else would notice; this test does. (The release binary's own check:
/// `nm .build/release/postdeck | grep -c '$s10Foundation'` prints 0.)
@Suite struct LeanImportsTests {
    /// The worker (`PostDeckWorker`, `postdeck-worker`) is a separate binary and may use the
    /// full Foundation; every other target under Sources is linked into `postdeck`, a new one too.
    static let workerTargets: Set<String> = ["PostDeckWorker", "postdeck-worker"]

    /// Modules that are, or pull in, the full Foundation library (and with it ICU).
    static let fullFoundation: Set<String> = ["Foundation", "CoreFoundation", "FoundationNetworking", "FoundationXML",
                                              "FoundationInternationalization"]

    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    @Test func noTargetLinkedIntoPostdeckImportsTheFullFoundation() throws {
        var offenders: [String] = []
        var files = 0
        let targets = try FileManager.default.contentsOfDirectory(atPath: Self.sources.path).filter { !Self.workerTargets.contains($0) }
        #expect(targets.contains("PostDeckCore") && targets.contains("postdeck"), "the sources were not found")
        for target in targets.sorted() {
            let folder = Self.sources.appendingPathComponent(target)
            guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { continue }
            for case let relative as String in enumerator where relative.hasSuffix(".swift") {
                files += 1
                let text = try String(contentsOfFile: folder.path + "/" + relative, encoding: .utf8)
                for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                where Self.importedModule(line).map(Self.fullFoundation.contains) == true {
                    offenders.append("Sources/\(target)/\(relative):\(number + 1): \(line)")
                }
            }
        }
        #expect(files > 100, "the sources were not found")
        #expect(offenders.isEmpty, "import FoundationEssentials (and Glibc) instead:\n\(offenders.joined(separator: "\n"))")
    }

    @Test func everyFormOfImportIsRecognised() {
        #expect(Self.importedModule("import Foundation") == "Foundation")
        #expect(Self.importedModule("@preconcurrency import Foundation") == "Foundation")
        #expect(Self.importedModule("  @_exported public import Foundation.NSString") == "Foundation")
        #expect(Self.importedModule("import class Foundation.NSString") == "Foundation")
        #expect(Self.importedModule("import FoundationEssentials") == "FoundationEssentials")
        #expect(Self.importedModule("// import Foundation") == nil)
        #expect(Self.importedModule("let imported = Foundation") == nil)
    }

    /// The top-level module an `import` line names, or nil for any other line.
    static func importedModule(_ line: some StringProtocol) -> String? {
        var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })[...]
        while let first = words.first, first.hasPrefix("@") || ["public", "internal", "package", "private", "fileprivate"].contains(first) {
            words = words.dropFirst()
        }
        guard words.first == "import", words.count >= 2 else { return nil }
        words = words.dropFirst()
        if words.count >= 2, ["class", "struct", "enum", "protocol", "typealias", "func", "var", "let"].contains(words.first!) {
            words = words.dropFirst()
        }
        return words.first.map { String($0.split(separator: ".")[0]) }
    }
}
