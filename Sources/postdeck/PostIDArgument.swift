import ArgumentParser
import FoundationEssentials
import PostDeckCore
import PostDeckStore

/// Reads a POST_ID argument without the database: a whole id or its first 8+ hex digits.
/// A usage error (status 2) when it is neither.
func postIDPrefix(_ text: String) throws -> PostIDPrefix {
    do {
        return try PostIDPrefix(parsing: text)
    } catch {
        throw ValidationError(error.description)
    }
}

/// The post a POST_ID argument names: the one whose id starts with it, as git resolves
/// abbreviated commit ids. No match, or more than one (listed under the error, with what
/// tells them apart), is an error with status 1.
func resolvePostID(_ text: String, on connection: Connection) throws -> PostID {
    let prefix = try postIDPrefix(text)
    do {
        return try connection.run(PostQueries.resolve(prefix)).id
    } catch let error as PostIDLookupError {
        throw UserFacingError(message: error.description, hint: candidatesHint(error))
    }
}

/// "hint: the candidates are:" and one line per post, as git lists an ambiguous short id.
private func candidatesHint(_ error: PostIDLookupError) -> String? {
    guard case .ambiguous(_, let matches, let more) = error else { return nil }
    var table = TextTable(columns: [.init(title: "ID"), .init(title: "STATUS"), .init(title: "WHEN (UTC)"),
                                    .init(title: "CLIENT", maxWidth: 24), .init(title: "CONTENT", maxWidth: 40)])
    for match in matches {
        table.rows.append([match.id.description, match.status.rawValue,
                           match.time.map { DisplayZone.utc.format($0, .dateTime) } ?? "unscheduled", match.clientName,
                           match.excerpt.split(whereSeparator: \.isNewline).joined(separator: " ")])
    }
    let lines = table.render().split(separator: "\n").map { "hint:   \($0)" }
    return (["hint: the candidates are:"] + lines + (more ? ["hint:   …"] : [])).joined(separator: "\n")
}
