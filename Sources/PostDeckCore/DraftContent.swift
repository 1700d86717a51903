/// The parts of a post the network rules look at: the text (with its per-network
/// variations from `content_variations`), the first comment and the attached media.
public struct DraftContent: Hashable, Sendable {
    public var text: String
    /// Replacement text per network; a network without one gets `text`.
    public var variations: [Platform: String]
    public var firstComment: String?
    public var media: [MediaInfo]

    public init(text: String, variations: [Platform: String] = [:], firstComment: String? = nil, media: [MediaInfo] = []) {
        self.text = text
        self.variations = variations
        self.firstComment = firstComment
        self.media = media
    }

    /// The caption that will be published on `platform`.
    public func caption(for platform: Platform) -> String { variations[platform] ?? text }

    /// The first comment, or nil when it is missing or only whitespace.
    var meaningfulFirstComment: String? {
        guard let firstComment, !firstComment.allSatisfy(\.isWhitespace) else { return nil }
        return firstComment
    }
}
