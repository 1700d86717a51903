import ArgumentParser
import PostDeckCore

/// `--status draft,scheduled`: post states named on the command line, as `agenda` and
/// `export posts` take them.
enum StatusList {
    /// The states `text` names (none: every state); an unknown name is a usage error listing the valid ones.
    static func parse(_ text: String?) throws -> Set<PostStatus> {
        var result = Set<PostStatus>()
        for name in (text ?? "").split(separator: ",").map({ $0.trimmingSpaces() }) where !name.isEmpty {
            guard let value = PostStatus(rawValue: name) else {
                throw ValidationError("unknown post status '\(name)': use \(PostStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            result.insert(value)
        }
        return result
    }
}
