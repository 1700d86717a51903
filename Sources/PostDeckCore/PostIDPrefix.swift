import FoundationEssentials

/// How a user names a post on the command line: its id, or the start of it, at least eight
/// hex digits, as git takes abbreviated commit ids. Dashes are optional and case does not
/// matter (`8f14e45f`, `8F14E45F-CE`, the full id).
public struct PostIDPrefix: Hashable, Sendable, CustomStringConvertible {
    /// The fewest hex digits accepted: the length of the short ids the agenda prints.
    public static let minimumLength = 8

    /// The hex digits typed, lower-cased, dashes removed (8 to 32 of them).
    public let digits: String

    public init(parsing text: String) throws(PostIDPrefixError) {
        let trimmed = text.trimmingSpaces()
        let digits = trimmed.lowercased().filter { $0 != "-" }
        guard digits.allSatisfy(\.isHexDigit), digits.count <= 32 else { throw .notAnID(trimmed) }
        guard digits.count >= Self.minimumLength else { throw .tooShort(trimmed) }
        self.digits = digits
    }

    /// The smallest id that starts with the prefix: the prefix followed by zeros.
    public var lowest: PostID { PostID(Self.uuid(digits.padded(to: 32, with: "0"))) }

    /// The largest id that starts with the prefix: the prefix followed by `f`s. Postgres
    /// orders uuids byte by byte, so [lowest, highest] is one range of the primary key.
    public var highest: PostID { PostID(Self.uuid(digits.padded(to: 32, with: "f"))) }

    /// The whole id, when all 32 digits were typed.
    public var id: PostID? { digits.count == 32 ? lowest : nil }

    /// True when `id` starts with this prefix.
    public func matches(_ id: PostID) -> Bool { id.hexDigits.hasPrefix(digits) }

    /// The digits in the id's dashed form: "8f14e45f", "8f14e45f-ce".
    public var description: String { Self.dashed(digits) }

    /// `digits` with dashes where a uuid's text has them (after the 8th, 12th, 16th and 20th digit).
    static func dashed(_ digits: String) -> String {
        var text = ""
        for (index, digit) in digits.enumerated() {
            if [8, 12, 16, 20].contains(index) { text.append("-") }
            text.append(digit)
        }
        return text
    }

    private static func uuid(_ digits: String) -> UUID { UUID(uuidString: dashed(digits))! }
}

/// Why a POST_ID argument names no post id at all.
public enum PostIDPrefixError: Error, Hashable, Sendable, CustomStringConvertible {
    case notAnID(String)
    case tooShort(String)

    public var description: String {
        switch self {
        case .notAnID(let text):
            "\"\(text)\" is not a post id: use the id or its first \(PostIDPrefix.minimumLength) or more hex digits, "
                + "as the agenda prints them (for example 8f14e45f)"
        case .tooShort(let text):
            "\"\(text)\" is too short to name a post: type at least \(PostIDPrefix.minimumLength) hex digits of its id "
                + "(for example 8f14e45f)"
        }
    }
}

/// A post whose id starts with a typed prefix, with enough to tell it from the others.
public struct PostIDMatch: Hashable, Sendable {
    public let id: PostID
    public let clientName: String
    public let status: PostStatus
    /// When it goes out or went out; nil for an unscheduled draft.
    public let time: Date?
    /// The start of its text.
    public let excerpt: String

    public init(id: PostID, clientName: String, status: PostStatus, time: Date?, excerpt: String) {
        self.id = id
        self.clientName = clientName
        self.status = status
        self.time = time
        self.excerpt = excerpt
    }
}

/// A prefix that names no post, or more than one.
public enum PostIDLookupError: Error, Hashable, Sendable, CustomStringConvertible {
    case notFound(PostIDPrefix)
    /// The first few posts that share the prefix, and whether there are more.
    case ambiguous(PostIDPrefix, [PostIDMatch], more: Bool)

    /// The one post among `matches` (the posts whose id starts with `prefix`), or the error that says why not.
    public static func unique(_ prefix: PostIDPrefix, among matches: [PostIDMatch], more: Bool = false) throws(PostIDLookupError) -> PostIDMatch {
        guard let first = matches.first else { throw .notFound(prefix) }
        guard matches.count == 1, !more else { throw .ambiguous(prefix, matches, more: more) }
        return first
    }

    public var description: String {
        switch self {
        case .notFound(let prefix):
            prefix.id == nil ? "no post id starts with \(prefix)" : "no post has id \(prefix)"
        case .ambiguous(let prefix, let matches, let more):
            "post id \(prefix) is ambiguous: \(more ? "more than \(matches.count)" : "\(matches.count)") posts start with it; "
                + "type more of the id"
        }
    }
}

extension Identifier {
    /// The 32 hex digits of the id, lower-cased, without dashes.
    public var hexDigits: String { description.filter { $0 != "-" } }

    /// The id as the agenda prints it: its first `minimum` hex digits, or as many more as it
    /// takes to tell it from `neighbours` (the ids just before and after it in order), as git
    /// abbreviates commit ids. Dashed like the full id: "8f14e45f", "e1000000-0000-4000-8000-00000000002".
    public func short(distinctFrom neighbours: [Identifier], minimum: Int = PostIDPrefix.minimumLength) -> String {
        let digits = Array(hexDigits)
        let shared = neighbours.filter { $0 != self }.map { neighbour in
            zip(digits, neighbour.hexDigits).prefix(while: { $0 == $1 }).count
        }.max() ?? 0
        let length = min(32, max(minimum, shared + 1))
        return PostIDPrefix.dashed(String(digits.prefix(length)))
    }
}
