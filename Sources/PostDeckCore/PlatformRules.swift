/// The one table of publishing rules the composer validates against, one `NetworkRules`
/// per network: the published limits (`standard`), optionally adjusted by the user's
/// config file (`init(overrides:)`) when a network changes a limit before postdeck does.
public struct PlatformRules: Hashable, Sendable {
    public private(set) var networks: [Platform: NetworkRules]

    /// The limits as the networks document them (see docs/RULES.md).
    public static let standard = PlatformRules(
        networks: Dictionary(uniqueKeysWithValues: Platform.allCases.map { ($0, NetworkRules.standard(for: $0)) }))

    private init(networks: [Platform: NetworkRules]) { self.networks = networks }

    /// The standard table with the config file's overrides applied.
    public init(overrides: RuleOverrides) {
        var networks = PlatformRules.standard.networks
        for (platform, values) in overrides.values {
            // In declaration order, so an aspect-ratio maximum is applied before its minimum.
            for key in RuleKey.allCases { if let value = values[key] { key.apply(value, to: &networks[platform]!) } }
        }
        self.networks = networks
    }

    public subscript(platform: Platform) -> NetworkRules { networks[platform]! }

    /// One problem found in a draft for one network.
    public struct Issue: Hashable, Sendable, CustomStringConvertible {
        /// Errors block scheduling; warnings are shown but let the post go out.
        public enum Severity: Sendable, Hashable, Comparable { case warning, error }

        /// The part of the draft the issue is about, so the composer can point at it.
        public enum Field: String, Sendable, Hashable { case caption, firstComment = "first comment", hashtags, mentions, media }

        public let platform: Platform
        public let severity: Severity
        public let field: Field
        /// One line a manager understands, starting with the network: "Instagram: caption is 2,215 characters, limit 2,200".
        public let message: String

        public var description: String { message }
    }

    /// Everything wrong with `draft` for `platform`, errors first.
    public func validate(_ draft: DraftContent, for platform: Platform) -> [Issue] {
        DraftValidator(rules: self[platform], draft: draft).issues()
            .sorted { $0.severity > $1.severity }
    }

    /// True when no issue for any of `platforms` is an error.
    public func canSchedule(_ draft: DraftContent, on platforms: [Platform]) -> Bool {
        !platforms.contains { validate(draft, for: $0).contains { $0.severity == .error } }
    }

    /// The composer's counters for one network: caption, and hashtags, first comment and
    /// media where the network limits them.
    public func counters(_ draft: DraftContent, for platform: Platform) -> [Counter] {
        let rules = self[platform]
        let caption = draft.caption(for: platform)
        var counters = [Counter(.caption, used: rules.counting.length(of: caption), limit: rules.captionLimit)]
        if let limit = rules.hashtagLimit {
            counters.append(Counter(.hashtags, used: TextEntities.hashtags(in: caption).count, limit: limit))
        }
        if let limit = rules.firstCommentLimit, let comment = draft.meaningfulFirstComment {
            counters.append(Counter(.firstComment, used: rules.counting.length(of: comment), limit: limit))
        }
        counters.append(Counter(.media, used: draft.media.count, limit: rules.media.maxItems))
        return counters
    }

    /// How the caption looks in the feed before "… more".
    public func preview(_ draft: DraftContent, for platform: Platform) -> CaptionPreview {
        CaptionPreview(draft.caption(for: platform), foldLength: self[platform].foldLength)
    }
}

/// A caption as the feed shows it folded: the visible start and whether "… more" follows.
public struct CaptionPreview: Hashable, Sendable {
    public let visible: String
    public let isFolded: Bool

    /// Cuts `caption` after `foldLength` grapheme clusters (never inside an emoji or a
    /// combining sequence), trimming trailing spaces at the cut.
    public init(_ caption: String, foldLength: Int) {
        guard caption.count > foldLength else {
            visible = caption
            isFolded = false
            return
        }
        let cut = caption.prefix(max(0, foldLength))
        visible = String(cut.reversed().drop(while: \.isWhitespace).reversed())
        isFolded = true
    }

    /// The visible text followed by "… more" when folded.
    public var text: String { isFolded ? visible + "… more" : visible }
}
