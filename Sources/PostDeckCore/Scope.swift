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

    /// The zones of those of `clients` whose time zone is a zone this machine knows, by client:
    /// what the best-time heatmap bins each client's posts in.
    public static func zones(of clients: [ClientSummary]) -> [ClientID: DisplayZone] {
        var zones: [ClientID: DisplayZone] = [:]
        for client in clients {
            if let name = client.timeZone, let zone = try? DisplayZone(named: name) { zones[client.id] = zone }
        }
        return zones
    }
}
