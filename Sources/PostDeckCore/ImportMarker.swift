/// The parts of a post an import row sets, each compared on its own on a re-import, so
/// that what changed in the file is written and what did not is left as the post has it.
public enum ImportField: String, CaseIterable, Sendable, Hashable {
    case accounts
    /// `date`, `timezone`, `pick` and `status` together: when and whether the post goes out.
    case time
    case content
    case linkedin, instagram, tiktok, facebook
    case media, campaign, template
    case firstComment = "first_comment"
    case hashtags, mentions

    public static func variation(_ platform: Platform) -> ImportField {
        switch platform {
        case .linkedin: .linkedin
        case .instagram: .instagram
        case .tiktok: .tiktok
        case .facebook: .facebook
        }
    }

    /// The network of a variation field.
    public var platform: Platform? { Platform.allCases.first { ImportField.variation($0) == self } }
}

/// What an import keeps with each post it writes, in `posts.post_settings` under
/// `postdeck_import`: the row's identity (`key`), the post it made (`post`: a copy made
/// with the composer's duplicate carries the same settings, but another id, so it is never
/// taken for the imported post), and a fingerprint of each part the row set (`fields`).
///
/// The write path keeps keys of `post_settings` it does not own, so saving in the composer
/// never drops it; `PostSettings` and the scheduling model do not read it.
public struct ImportMarker: Hashable, Sendable {
    public let key: String
    public let post: PostID
    /// `ImportField` raw value → fingerprint of what the row said.
    public let fields: [String: String]

    public init(key: String, post: PostID, fields: [String: String]) {
        self.key = key
        self.post = post
        self.fields = fields
    }

    /// The `post_settings` key.
    public static let settingsKey = "postdeck_import"

    /// A fingerprint of one part of a row: 64-bit FNV-1a of its text, as 16 hex digits.
    /// It tells whether a cell changed since the last import (not a secret, not a checksum
    /// against tampering: a changed row that collided would only be taken as unchanged).
    public static func fingerprint(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
