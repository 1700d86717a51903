/// The publishing rules of one network: text limits, what media a post may carry, and
/// where the feed folds a caption. Values come from the networks' public documentation
/// (sources in docs/RULES.md) and can be overridden from the config file.
public struct NetworkRules: Hashable, Sendable {
    public let platform: Platform
    /// How the network counts caption and comment length.
    public var counting: TextCounting
    public var captionLimit: Int
    /// Hashtags allowed in the caption (and, separately, in the first comment); nil for no limit.
    public var hashtagLimit: Int?
    /// Accounts that may be @mentioned; exceeding it is a warning, the networks enforce it loosely.
    public var mentionLimit: Int?
    /// Length limit of a first comment; nil when the network has no first comment.
    public var firstCommentLimit: Int?
    /// Roughly how many characters (grapheme clusters) show before "… more" in the feed.
    public var foldLength: Int
    /// Whether a post may be text alone.
    public var requiresMedia: Bool
    public var media: MediaLimits

    /// Whether this network takes a first comment at all.
    public var hasFirstComment: Bool { firstCommentLimit != nil }
}

/// What attachments a network accepts in one post.
public struct MediaLimits: Hashable, Sendable {
    /// Attachments of any kind in one post (a carousel's size).
    public var maxItems: Int
    public var maxImages: Int
    public var maxVideos: Int
    /// PDFs (LinkedIn document posts); 0 where documents are not accepted.
    public var maxDocuments: Int
    /// Whether images and videos may share a post (Instagram carousels may).
    public var allowsMixedImagesAndVideo: Bool
    public var maxImageBytes: Int64?
    public var maxVideoBytes: Int64?
    public var maxDocumentBytes: Int64?
    /// Allowed image width/height ratios, inclusive (Instagram 4:5 = 0.8 to 1.91:1).
    public var imageAspectRatio: ClosedRange<Double>?
    public var videoAspectRatio: ClosedRange<Double>?
    public var minImageWidth: Int?
    /// Largest image in pixels (width × height).
    public var maxImagePixels: Int?
    public var minVideoSeconds: Double?
    public var maxVideoSeconds: Double?
}

extension NetworkRules {
    static let megabyte: Int64 = 1_000_000

    /// The rules as the networks publish them; see docs/RULES.md for each source.
    public static func standard(for platform: Platform) -> NetworkRules {
        switch platform {
        case .linkedin:
            NetworkRules(
                platform: .linkedin, counting: .utf16, captionLimit: 3_000, hashtagLimit: nil, mentionLimit: nil,
                firstCommentLimit: 1_250, foldLength: 210, requiresMedia: false,
                media: MediaLimits(
                    maxItems: 20, maxImages: 20, maxVideos: 1, maxDocuments: 1, allowsMixedImagesAndVideo: false,
                    maxImageBytes: 5 * megabyte, maxVideoBytes: 500 * megabyte, maxDocumentBytes: 100 * megabyte,
                    imageAspectRatio: nil, videoAspectRatio: (1 / 2.4)...2.4, minImageWidth: nil,
                    maxImagePixels: 36_152_320, minVideoSeconds: 3, maxVideoSeconds: 30 * 60))
        case .instagram:
            NetworkRules(
                platform: .instagram, counting: .utf16, captionLimit: 2_200, hashtagLimit: 30, mentionLimit: 20,
                firstCommentLimit: 2_200, foldLength: 125, requiresMedia: true,
                media: MediaLimits(
                    maxItems: 10, maxImages: 10, maxVideos: 10, maxDocuments: 0, allowsMixedImagesAndVideo: true,
                    maxImageBytes: 8 * megabyte, maxVideoBytes: 300 * megabyte, maxDocumentBytes: nil,
                    imageAspectRatio: 0.8...1.91, videoAspectRatio: nil, minImageWidth: 320,
                    maxImagePixels: nil, minVideoSeconds: 3, maxVideoSeconds: 15 * 60))
        case .tiktok:
            NetworkRules(
                platform: .tiktok, counting: .utf16, captionLimit: 2_200, hashtagLimit: nil, mentionLimit: nil,
                firstCommentLimit: nil, foldLength: 100, requiresMedia: true,
                media: MediaLimits(
                    maxItems: 35, maxImages: 35, maxVideos: 1, maxDocuments: 0, allowsMixedImagesAndVideo: false,
                    maxImageBytes: 20 * megabyte, maxVideoBytes: 4_000 * megabyte, maxDocumentBytes: nil,
                    imageAspectRatio: nil, videoAspectRatio: nil, minImageWidth: nil,
                    maxImagePixels: nil, minVideoSeconds: 3, maxVideoSeconds: 10 * 60))
        case .facebook:
            NetworkRules(
                platform: .facebook, counting: .utf16, captionLimit: 63_206, hashtagLimit: nil, mentionLimit: nil,
                firstCommentLimit: 8_000, foldLength: 477, requiresMedia: false,
                media: MediaLimits(
                    maxItems: 10, maxImages: 10, maxVideos: 1, maxDocuments: 0, allowsMixedImagesAndVideo: false,
                    maxImageBytes: 10 * megabyte, maxVideoBytes: 10_000 * megabyte, maxDocumentBytes: nil,
                    imageAspectRatio: nil, videoAspectRatio: nil, minImageWidth: nil,
                    maxImagePixels: nil, minVideoSeconds: nil, maxVideoSeconds: 240 * 60))
        }
    }
}
