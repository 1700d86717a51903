/// Which clients a pane shows: every client of every agency, or one client.
public enum Scope: Sendable, Hashable {
    case allClients
    case client(ClientID)

    public var clientID: ClientID? {
        if case .client(let id) = self { return id }
        return nil
    }
}

/// A client as pickers and headers show it.
public struct ClientSummary: Sendable, Equatable, Identifiable {
    public let id: ClientID
    public let name: String
    public let agencyName: String
    /// The client's agency; nil where the caller did not read it.
    public let agencyID: AgencyID?
    /// The client's IANA time zone (`preferences->>'timezone'`), if it has one.
    public let timeZone: String?

    public init(id: ClientID, name: String, agencyName: String, timeZone: String?, agencyID: AgencyID? = nil) {
        self.id = id
        self.name = name
        self.agencyName = agencyName
        self.timeZone = timeZone
        self.agencyID = agencyID
    }
}
