import FoundationEssentials

/// The composer's part of `posts.post_settings`: hashtags, mentions and the first comment.
/// Other keys written by other tools are kept when a post is saved.
public struct PostSettings: Hashable, Sendable, Codable {
    public var hashtags: [String]
    public var mentions: [String]
    public var firstComment: String?

    public init(hashtags: [String] = [], mentions: [String] = [], firstComment: String? = nil) {
        self.hashtags = hashtags
        self.mentions = mentions
        self.firstComment = firstComment
    }

    enum CodingKeys: String, CodingKey {
        case hashtags, mentions
        case firstComment = "first_comment"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        hashtags = (try? container.decodeIfPresent([String].self, forKey: .hashtags)) ?? []
        mentions = (try? container.decodeIfPresent([String].self, forKey: .mentions)) ?? []
        firstComment = try? container.decodeIfPresent(String.self, forKey: .firstComment)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if !hashtags.isEmpty { try container.encode(hashtags, forKey: .hashtags) }
        if !mentions.isEmpty { try container.encode(mentions, forKey: .mentions) }
        if let firstComment, !firstComment.isEmpty { try container.encode(firstComment, forKey: .firstComment) }
    }
}
