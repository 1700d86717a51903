import PostDeckCore

/// Clients, for the scope picker and for resolving `--client NAME|UUID`.
public enum ClientQueries {
    /// Every client with its agency and time zone, by name.
    public static func all() -> Query<[ClientSummary]> {
        Query("""
            SELECT c.id, c.name, c.agency_id, a.name AS agency_name, c.preferences->>'timezone' AS timezone
            FROM clients c JOIN agencies a ON a.id = c.agency_id
            ORDER BY lower(c.name), a.name, c.id
            """) { result in
            try result.rows.map { row in
                ClientSummary(id: try row.decode("id"), name: try row.decode("name"),
                              agencyName: try row.decode("agency_name"), timeZone: try row.decode("timezone"),
                              agencyID: try row.decode("agency_id"))
            }
        }
    }

    /// The clients `text` may name: the one with that id, or those with that name (ASCII
    /// case ignored); usually one row, read without reading every client.
    public static func matching(_ text: String) -> Query<[ClientSummary]> {
        Query("""
            SELECT c.id, c.name, c.agency_id, a.name AS agency_name, c.preferences->>'timezone' AS timezone
            FROM clients c JOIN agencies a ON a.id = c.agency_id
            WHERE c.id = postdeck_uuid_or_null(btrim($1)) OR lower(c.name) = lower($1)
            ORDER BY lower(c.name), a.name, c.id
            """, [text]) { result in
            try result.rows.map { row in
                ClientSummary(id: try row.decode("id"), name: try row.decode("name"),
                              agencyName: try row.decode("agency_name"), timeZone: try row.decode("timezone"),
                              agencyID: try row.decode("agency_id"))
            }
        }
    }

    /// `resolve(_:among:)` for a command: one small query when the text names one client;
    /// every client is read only when it names none (for the suggestions).
    public static func resolve(_ text: String, on connection: Connection) throws -> ClientSummary {
        let matches = try connection.run(matching(text))
        if matches.count == 1 { return matches[0] }
        return try resolve(text, among: matches.isEmpty ? connection.run(all()) : matches)
    }

    /// Finds the client a user meant by `text`: a uuid, or a name (case-insensitive). A name
    /// shared by clients of two agencies, or no match, is an error listing the candidates.
    public static func resolve(_ text: String, among clients: [ClientSummary]) throws -> ClientSummary {
        if let id = ClientID(text.trimmingSpaces()) {
            if let client = clients.first(where: { $0.id == id }) { return client }
            throw StoreError.invalid("no client has id \(id)")
        }
        let wanted = text.lowercased()
        let exact = clients.filter { $0.name.lowercased() == wanted }
        if exact.count == 1 { return exact[0] }
        if exact.count > 1 {
            let choices = exact.map { "\($0.id) (\($0.agencyName))" }.joined(separator: ", ")
            throw StoreError.invalid("\(exact.count) clients are named \"\(text)\": pass the id of one of \(choices)")
        }
        let near = NearMatch.rank(text, among: clients.map(\.name)).prefix(3)
        let suggestion = near.isEmpty ? "" : "; did you mean " + near.map { "\"\($0)\"" }.joined(separator: ", ") + "?"
        throw StoreError.invalid("no client named \"\(text)\"\(suggestion)")
    }
}

/// Near matches for a mistyped name: substring matches first, then by edit distance.
enum NearMatch {
    static func rank(_ text: String, among names: [String]) -> [String] {
        let wanted = text.lowercased()
        let scored = Set(names).compactMap { name -> (String, Int)? in
            let candidate = name.lowercased()
            if candidate.contains(wanted) || wanted.contains(candidate) { return (name, 0) }
            // The distance is at least the difference in length: skip the quadratic work
            // when that alone rules the name out (a pasted megabyte is no near match).
            let allowed = max(2, wanted.count / 3)
            if abs(wanted.count - candidate.count) > allowed { return nil }
            let distance = editDistance(Array(wanted), Array(candidate))
            return distance <= allowed ? (name, distance) : nil
        }
        return scored.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0)
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
