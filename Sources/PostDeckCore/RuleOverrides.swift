/// Changes to the standard rules read from the config file, for when a network moves a
/// limit before postdeck is updated. Shaped as plain tables so any config reader can
/// fill it, for example from TOML:
///
///     [rules.instagram]
///     caption_limit = 2200
///     max_items = 20
///     max_image_mb = 8
///
/// Unknown networks, unknown keys and impossible values are errors naming the culprit,
/// never silently ignored.
public struct RuleOverrides: Hashable, Sendable {
    public private(set) var values: [Platform: [RuleKey: Double]]

    public static let none = RuleOverrides(checked: [:])

    private init(checked values: [Platform: [RuleKey: Double]]) { self.values = values }

    /// Reads `table[network][key] = value`; networks by schema name ("instagram"), keys as in `RuleKey`.
    public init(_ table: [String: [String: Double]]) throws(RuleOverrideError) {
        var values: [Platform: [RuleKey: Double]] = [:]
        for (network, entries) in table {
            guard let platform = Platform(rawValue: network.lowercased()) else { throw .unknownNetwork(network) }
            for (name, value) in entries {
                guard let key = RuleKey(rawValue: name) else { throw .unknownKey(network: network, key: name) }
                guard value.isFinite, value >= 0, !key.isWhole || value == value.rounded(), value <= RuleKey.largestValue else {
                    throw .badValue(network: network, key: name, value: value)
                }
                values[platform, default: [:]][key] = value
            }
            if let low = values[platform]?[.minImageAspectRatio], let high = values[platform]?[.maxImageAspectRatio], low > high {
                throw .badValue(network: network, key: RuleKey.minImageAspectRatio.rawValue, value: low)
            }
        }
        self.values = values
    }
}

/// A rule that the config file may change, named as in the file.
public enum RuleKey: String, CaseIterable, Sendable, Hashable {
    case captionLimit = "caption_limit"
    case hashtagLimit = "hashtag_limit"
    case mentionLimit = "mention_limit"
    case firstCommentLimit = "first_comment_limit"
    case foldLength = "fold_length"
    case maxItems = "max_items"
    case maxImages = "max_images"
    case maxVideos = "max_videos"
    case maxDocuments = "max_documents"
    case maxImageMB = "max_image_mb"
    case maxVideoMB = "max_video_mb"
    case maxDocumentMB = "max_document_mb"
    case minImageWidth = "min_image_width"
    case maxImagePixels = "max_image_pixels"
    case minVideoSeconds = "min_video_seconds"
    case maxVideoSeconds = "max_video_seconds"
    case maxImageAspectRatio = "max_image_aspect_ratio"
    case minImageAspectRatio = "min_image_aspect_ratio"

    /// The largest value any key takes: a billion (pixels, seconds, megabytes), far above any
    /// network's limit and small enough that a limit in megabytes still fits in bytes.
    public static let largestValue: Double = 1_000_000_000

    /// Keys that take whole numbers (counts, lengths, pixels); the others take decimals.
    var isWhole: Bool {
        switch self {
        case .maxImageMB, .maxVideoMB, .maxDocumentMB, .minVideoSeconds, .maxVideoSeconds,
             .minImageAspectRatio, .maxImageAspectRatio: false
        default: true
        }
    }

    func apply(_ value: Double, to rules: inout NetworkRules) {
        let whole = Int(value)
        let bytes = Int64(value * 1_000_000)
        switch self {
        case .captionLimit: rules.captionLimit = whole
        case .hashtagLimit: rules.hashtagLimit = whole
        case .mentionLimit: rules.mentionLimit = whole
        case .firstCommentLimit: rules.firstCommentLimit = whole
        case .foldLength: rules.foldLength = whole
        case .maxItems: rules.media.maxItems = whole
        case .maxImages: rules.media.maxImages = whole
        case .maxVideos: rules.media.maxVideos = whole
        case .maxDocuments: rules.media.maxDocuments = whole
        case .maxImageMB: rules.media.maxImageBytes = bytes
        case .maxVideoMB: rules.media.maxVideoBytes = bytes
        case .maxDocumentMB: rules.media.maxDocumentBytes = bytes
        case .minImageWidth: rules.media.minImageWidth = whole
        case .maxImagePixels: rules.media.maxImagePixels = whole
        case .minVideoSeconds: rules.media.minVideoSeconds = value
        case .maxVideoSeconds: rules.media.maxVideoSeconds = value
        case .minImageAspectRatio:
            let upper = rules.media.imageAspectRatio?.upperBound ?? .greatestFiniteMagnitude
            rules.media.imageAspectRatio = min(value, upper)...upper
        case .maxImageAspectRatio:
            let lower = rules.media.imageAspectRatio?.lowerBound ?? 0
            rules.media.imageAspectRatio = lower...max(value, lower)
        }
    }
}

/// Why the rules section of the config file cannot be used.
public enum RuleOverrideError: Error, Hashable, Sendable, CustomStringConvertible {
    case unknownNetwork(String)
    case unknownKey(network: String, key: String)
    case badValue(network: String, key: String, value: Double)

    public var description: String {
        switch self {
        case .unknownNetwork(let network):
            "rules: unknown network \"\(network)\" (expected \(Platform.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .unknownKey(let network, let key):
            "rules.\(network): unknown key \"\(key)\" (expected one of \(RuleKey.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .badValue(let network, let key, let value):
            "rules.\(network).\(key): \(value) is not allowed (a\(RuleKey(rawValue: key)?.isWhole == true ? " whole" : "") number from 0 to 1,000,000,000)"
        }
    }
}
