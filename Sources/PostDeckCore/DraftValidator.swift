/// Checks one draft against one network's rules and words each problem for a manager.
/// Used through `PlatformRules.validate(_:for:)`.
struct DraftValidator {
    typealias Issue = PlatformRules.Issue

    let rules: NetworkRules
    let draft: DraftContent
    private var name: String { rules.platform.displayName }

    init(rules: NetworkRules, draft: DraftContent) {
        self.rules = rules
        self.draft = draft
    }

    func issues() -> [Issue] {
        textIssues() + firstCommentIssues() + mediaIssues()
    }

    private func issue(_ severity: Issue.Severity, _ field: Issue.Field, _ text: String) -> Issue {
        Issue(platform: rules.platform, severity: severity, field: field, message: "\(name): \(text)")
    }

    private func characters(_ count: Int) -> String {
        "\(MetricFormat.grouped(count)) character\(count == 1 ? "" : "s")"
    }

    // MARK: Text

    private func textIssues() -> [Issue] {
        let caption = draft.caption(for: rules.platform)
        var found: [Issue] = []
        let length = rules.counting.length(of: caption)
        if length > rules.captionLimit {
            found.append(issue(.error, .caption,
                "caption is \(characters(length)), limit \(MetricFormat.grouped(rules.captionLimit))"))
        }
        if caption.allSatisfy(\.isWhitespace), draft.media.isEmpty, !rules.requiresMedia {
            found.append(issue(.error, .caption, "the post is empty: write a caption or attach media"))
        }
        let hashtags = TextEntities.hashtags(in: caption).count
        if let limit = rules.hashtagLimit, hashtags > limit {
            found.append(issue(.error, .hashtags, "caption has \(hashtags) hashtags, limit \(limit)"))
        }
        let mentions = TextEntities.mentions(in: caption).count
        if let limit = rules.mentionLimit, mentions > limit {
            found.append(issue(.warning, .mentions, "caption mentions \(mentions) accounts, more than \(limit) may be refused"))
        }
        return found
    }

    private func firstCommentIssues() -> [Issue] {
        guard let comment = draft.meaningfulFirstComment else { return [] }
        guard let limit = rules.firstCommentLimit else {
            return [issue(.warning, .firstComment, "has no first comment; it will be left out")]
        }
        var found: [Issue] = []
        let length = rules.counting.length(of: comment)
        if length > limit {
            found.append(issue(.error, .firstComment,
                "first comment is \(characters(length)), limit \(MetricFormat.grouped(limit))"))
        }
        let hashtags = TextEntities.hashtags(in: comment).count
        if let hashtagLimit = rules.hashtagLimit, hashtags > hashtagLimit {
            found.append(issue(.error, .hashtags, "first comment has \(hashtags) hashtags, limit \(hashtagLimit)"))
        }
        return found
    }

    // MARK: Media

    private func mediaIssues() -> [Issue] {
        let limits = rules.media
        let media = draft.media
        let images = media.filter { $0.format.isImage }
        let videos = media.filter { $0.format.isVideo }
        let documents = media.filter { $0.mediaType == .document }
        var found: [Issue] = []

        if media.isEmpty {
            if rules.requiresMedia { found.append(issue(.error, .media, requiredMediaText())) }
            return found
        }
        if !documents.isEmpty {
            if limits.maxDocuments == 0 {
                found.append(issue(.error, .media, "cannot post a document (\(documents[0].fileName))"))
            } else if documents.count > limits.maxDocuments || media.count > documents.count {
                found.append(issue(.error, .media, "a document must be the only attachment"))
            }
        }
        if !limits.allowsMixedImagesAndVideo, !images.isEmpty, !videos.isEmpty {
            found.append(issue(.error, .media, "cannot mix photos and video in one post"))
        }
        if videos.count > limits.maxVideos {
            found.append(issue(.error, .media, limits.maxVideos == 1
                ? "takes one video per post (\(videos.count) attached)"
                : "\(videos.count) videos, limit \(limits.maxVideos)"))
        }
        if images.count > limits.maxImages {
            found.append(issue(.error, .media, "\(images.count) photos, limit \(limits.maxImages)"))
        }
        if media.count > limits.maxItems, images.count <= limits.maxImages, videos.count <= limits.maxVideos {
            found.append(issue(.error, .media, "\(media.count) attachments, limit \(limits.maxItems)"))
        }
        for item in media { found += fileIssues(item) }
        return found
    }

    private func requiredMediaText() -> String {
        switch rules.platform {
        case .tiktok: "needs a video or photos"
        default: "needs at least one photo or video"
        }
    }

    private func fileIssues(_ item: MediaInfo) -> [Issue] {
        let limits = rules.media
        var found: [Issue] = []
        let sizeLimit: Int64? = item.format.isImage ? limits.maxImageBytes
            : item.format.isVideo ? limits.maxVideoBytes : limits.maxDocumentBytes
        if let sizeLimit, item.byteSize > sizeLimit {
            var size = MetricFormat.bytes(item.byteSize), limit = MetricFormat.bytes(sizeLimit)
            if size == limit {
                // Rounded they look equal: say it in bytes so the message makes sense.
                (size, limit) = ("\(MetricFormat.grouped(Int(item.byteSize))) bytes", "\(MetricFormat.grouped(Int(sizeLimit))) bytes")
            }
            found.append(issue(.error, .media, "\(item.fileName) is \(size), limit \(limit)"))
        }
        if item.format.isImage {
            found += imageIssues(item)
        } else if item.format.isVideo {
            found += videoIssues(item)
        }
        return found
    }

    private func imageIssues(_ item: MediaInfo) -> [Issue] {
        let limits = rules.media
        let checksSize = limits.imageAspectRatio != nil || limits.minImageWidth != nil || limits.maxImagePixels != nil
        guard let width = item.width, let height = item.height, width > 0, height > 0 else {
            return checksSize ? [issue(.warning, .media, "cannot read the size of \(item.fileName) to check it")] : []
        }
        var found: [Issue] = []
        if let range = limits.imageAspectRatio, let ratio = item.aspectRatio, !range.containsRatio(ratio) {
            found.append(issue(.error, .media,
                "\(item.fileName) is \(width)×\(height) (\(ratioText(ratio))), allowed \(ratioText(range.lowerBound)) to \(ratioText(range.upperBound))"))
        }
        if let minWidth = limits.minImageWidth, width < minWidth {
            found.append(issue(.error, .media, "\(item.fileName) is \(width) pixels wide, minimum \(minWidth)"))
        }
        if let maxPixels = limits.maxImagePixels, width * height > maxPixels {
            found.append(issue(.error, .media,
                "\(item.fileName) has \(MetricFormat.grouped(width * height)) pixels, limit \(MetricFormat.grouped(maxPixels))"))
        }
        return found
    }

    private func videoIssues(_ item: MediaInfo) -> [Issue] {
        let limits = rules.media
        var found: [Issue] = []
        if limits.minVideoSeconds != nil || limits.maxVideoSeconds != nil {
            if let seconds = item.durationSeconds {
                if let minimum = limits.minVideoSeconds, seconds < minimum {
                    found.append(issue(.error, .media,
                        "\(item.fileName) is \(MetricFormat.duration(seconds)) long, minimum \(MetricFormat.duration(minimum))"))
                }
                if let maximum = limits.maxVideoSeconds, seconds > maximum {
                    found.append(issue(.error, .media,
                        "\(item.fileName) is \(MetricFormat.duration(seconds)) long, limit \(MetricFormat.duration(maximum))"))
                }
            } else {
                found.append(issue(.warning, .media, "cannot read the length of \(item.fileName) to check it"))
            }
        }
        if let range = limits.videoAspectRatio, let ratio = item.aspectRatio, !range.containsRatio(ratio) {
            found.append(issue(.error, .media,
                "\(item.fileName) is \(ratioText(ratio)), allowed \(ratioText(range.lowerBound)) to \(ratioText(range.upperBound))"))
        }
        return found
    }

    /// "1.91:1", "0.8:1", "2:1".
    private func ratioText(_ ratio: Double) -> String {
        let hundredths = Int((ratio * 100).rounded())
        let fraction = hundredths % 100
        let text = fraction == 0 ? "\(hundredths / 100)"
            : fraction % 10 == 0 ? "\(hundredths / 100).\(fraction / 10)"
            : "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
        return text + ":1"
    }
}

extension ClosedRange<Double> {
    /// Aspect ratios compared at 0.5 % tolerance: 1080×566 is 1.908:1 and counts as 1.91:1.
    func containsRatio(_ ratio: Double) -> Bool {
        ratio >= lowerBound * 0.995 && ratio <= upperBound * 1.005
    }
}
