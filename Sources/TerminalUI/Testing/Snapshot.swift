#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Golden-file comparison of rendered buffers, shared by every test target.
///
/// A snapshot file holds three layers of a buffer: the text, the role of each cell
/// (`Role.legendCode`) and the extra attributes (`Style.attributeCode`). Files live in
/// `__snapshots__/<Suite>/<name>.<W>x<H>.txt` beside the test file. A missing or
/// different file fails the test with a readable line diff; files are written only
/// when `POSTDECK_RECORD_SNAPSHOTS=1` is set, and the test still fails so a recording
/// run can never pass by accident.
///
/// It throws instead of using the testing library's assertions so this target does not
/// link the testing library: `try assertSnapshot(buffer, named: "empty")`.
public struct SnapshotMismatch: Error, CustomStringConvertible {
    public let path: String
    public let message: String
    public var description: String { "snapshot \(path): \(message)" }
}

/// Compares `buffer` with its golden file; see `SnapshotMismatch`.
///
/// - Parameters:
///   - name: the snapshot name (defaults to the calling function's name).
///   - suite: the folder under `__snapshots__` (defaults to the test file's name).
public func assertSnapshot(_ buffer: Buffer, named name: String? = nil, suite: String? = nil,
                           filePath: StaticString = #filePath, function: StaticString = #function) throws {
    let testFile = "\(filePath)"
    let directory = testFile.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
    let fileName = testFile.split(separator: "/").last.map(String.init) ?? "Tests"
    let suiteName = suite ?? (fileName.hasSuffix(".swift") ? String(fileName.dropLast(6)) : fileName)
    let baseName = name ?? String("\(function)".prefix { $0 != "(" })
    let folder = "\(directory)/__snapshots__/\(suiteName)"
    let path = "\(folder)/\(baseName).\(buffer.width)x\(buffer.height).txt"
    let actual = Snapshot.render(buffer)

    if let value = getenv("POSTDECK_RECORD_SNAPSHOTS"), String(cString: value) == "1" {
        Snapshot.makeDirectories(folder)
        guard Snapshot.write(actual, to: path) else {
            throw SnapshotMismatch(path: path, message: "could not write the file")
        }
        throw SnapshotMismatch(path: path, message: "recorded; review it, then run again without POSTDECK_RECORD_SNAPSHOTS")
    }
    guard let expected = Snapshot.read(path) else {
        throw SnapshotMismatch(path: path, message: "missing; run with POSTDECK_RECORD_SNAPSHOTS=1 to record it\n\(actual)")
    }
    if expected != actual {
        throw SnapshotMismatch(path: path, message: "differs (- expected, + actual):\n" + Snapshot.diff(expected, actual))
    }
}

/// The file format and helpers behind `assertSnapshot`.
public enum Snapshot {
    /// The text of a snapshot file for `buffer`.
    public static func render(_ buffer: Buffer) -> String {
        var lines = ["--- text \(buffer.width)x\(buffer.height)"]
        lines += buffer.textLines()
        lines.append("--- roles (legend: Role.legendCode)")
        lines += buffer.styleLines()
        lines.append("--- attributes (1 bold, 2 underline, 4 reverse, 8 dim, summed in hex)")
        lines += buffer.attributeLines()
        if let cursor = buffer.cursor { lines.append("--- cursor \(cursor.x),\(cursor.y)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A line diff showing only changed lines with their numbers.
    public static func diff(_ expected: String, _ actual: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        for i in 0..<max(a.count, b.count) {
            let l = i < a.count ? String(a[i]) : nil, r = i < b.count ? String(b[i]) : nil
            if l == r { continue }
            if let l { out.append(String(format3(i + 1)) + " - " + l) }
            if let r { out.append(String(format3(i + 1)) + " + " + r) }
        }
        return out.joined(separator: "\n")
    }

    private static func format3(_ n: Int) -> String {
        let s = String(n)
        return String(repeating: " ", count: max(0, 3 - s.count)) + s
    }

    static func read(_ path: String) -> String? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = fread(&chunk, 1, chunk.count, file)
            if n <= 0 { break }
            bytes += chunk[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func write(_ text: String, to path: String) -> Bool {
        guard let file = fopen(path, "wb") else { return false }
        defer { fclose(file) }
        let bytes = Array(text.utf8)
        return fwrite(bytes, 1, bytes.count, file) == bytes.count
    }

    static func makeDirectories(_ path: String) {
        var current = ""
        for part in path.split(separator: "/") {
            current += "/" + part
            mkdir(current, 0o755)
        }
    }
}
