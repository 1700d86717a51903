/// A column of an import file (and of an export, which writes the same ones). Names are
/// matched without case; spaces and hyphens count as underscores (`First comment`).
public enum ImportColumn: String, CaseIterable, Sendable, Hashable, Comparable {
    /// The post's id, as `export` writes it: the row is that post.
    case id
    /// The spreadsheet's own name for the row, so rows can move without changing identity.
    case key
    case client
    case accounts
    case date
    case timezone
    /// `earlier` or `later`: which of two equal wall-clock times is meant when clocks go back.
    case pick
    case status
    case content
    case contentLinkedIn = "content_linkedin"
    case contentInstagram = "content_instagram"
    case contentTikTok = "content_tiktok"
    case contentFacebook = "content_facebook"
    case media
    case campaign
    case template
    case firstComment = "first_comment"
    case hashtags
    case mentions

    /// The column of one network's text.
    public static func content(for platform: Platform) -> ImportColumn {
        switch platform {
        case .linkedin: .contentLinkedIn
        case .instagram: .contentInstagram
        case .tiktok: .contentTikTok
        case .facebook: .contentFacebook
        }
    }

    /// The network a `content_…` column is for.
    public var platform: Platform? {
        Platform.allCases.first { ImportColumn.content(for: $0) == self }
    }

    /// The column a header cell names, if any.
    public init?(header: String) {
        let name = header.trimmingSpaces().lowercased()
            .replacing(" ", with: "_").replacing("-", with: "_")
        self.init(rawValue: name)
    }

    public static func < (a: ImportColumn, b: ImportColumn) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
