import FoundationEssentials

/// A database id tagged with the kind of row it names, so a `PostID` can never be
/// passed where an `AccountID` is expected.
public struct Identifier<Tag>: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let uuid: UUID

    public init(_ uuid: UUID) { self.uuid = uuid }

    /// Parses the canonical text form (`8-4-4-4-12` hex digits); nil for anything else.
    public init?(_ text: String) {
        guard let uuid = UUID(uuidString: text) else { return nil }
        self.uuid = uuid
    }

    /// A fresh random id, for rows whose id the client chooses before the first write.
    public static func random() -> Identifier { Identifier(UUID()) }

    /// Lower-case, as Postgres prints uuids.
    public var description: String { uuid.uuidString.lowercased() }

    public static func < (lhs: Identifier, rhs: Identifier) -> Bool { lhs.description < rhs.description }
}

public enum AgencyTag {}
public enum ClientTag {}
public enum AccountTag {}
public enum PostTag {}
public enum PostPlatformTag {}
public enum CampaignTag {}
public enum TemplateTag {}
public enum MediaTag {}
public enum JobTag {}

public typealias AgencyID = Identifier<AgencyTag>
public typealias ClientID = Identifier<ClientTag>
public typealias AccountID = Identifier<AccountTag>
public typealias PostID = Identifier<PostTag>
public typealias PostPlatformID = Identifier<PostPlatformTag>
public typealias CampaignID = Identifier<CampaignTag>
public typealias TemplateID = Identifier<TemplateTag>
public typealias MediaID = Identifier<MediaTag>
public typealias JobID = Identifier<JobTag>
