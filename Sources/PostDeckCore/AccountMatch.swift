import FoundationEssentials

/// Finds the account a person means by what they typed: an id, `platform:username`
/// (`instagram:acme.outdoor`, `ig:acme.outdoor`), or a username that only one of the client's
/// accounts has. Usernames compare without case and without a leading `@`. Never guesses:
/// a name that fits several accounts is refused with the matches listed.
public enum AccountMatch {
    public static func resolve(_ typed: String, among accounts: [ComposerAccount]) -> Result<ComposerAccount, AccountMatchError> {
        let text = typed.trimmingSpaces()
        if let id = AccountID(text) {
            return accounts.first { $0.id == id }.map { .success($0) } ?? .failure(.noAccount(typed))
        }
        var platform: Platform?
        var name = Substring(text)
        if let colon = text.firstIndex(of: ":") {
            let prefix = text[..<colon].lowercased()
            guard let named = Platform.allCases.first(where: { $0.rawValue == prefix || $0.mark == prefix }) else {
                return .failure(.unknownPlatform(String(text[..<colon])))
            }
            platform = named
            name = text[text.index(after: colon)...]
        }
        let wanted = normalized(name)
        let matches = accounts.filter { account in
            (platform == nil || account.platform == platform) && normalized(Substring(account.username ?? "")) == wanted
        }
        switch matches.count {
        case 1: return .success(matches[0])
        case 0: return .failure(.noAccount(typed))
        default: return .failure(.ambiguous(typed, matches))
        }
    }

    private static func normalized(_ name: Substring) -> String {
        (name.hasPrefix("@") ? name.dropFirst() : name).lowercased()
    }
}

public enum AccountMatchError: Error, Hashable, Sendable, CustomStringConvertible {
    case noAccount(String)
    case unknownPlatform(String)
    case ambiguous(String, [ComposerAccount])

    public var description: String {
        switch self {
        case .noAccount(let typed): "no active account \"\(typed)\""
        case .unknownPlatform(let typed): "\"\(typed)\" is not a network (linkedin, instagram, tiktok, facebook)"
        case .ambiguous(let typed, let matches):
            "\(matches.count) accounts are named \"\(typed)\": pass one of "
                + matches.map { "\($0.platform.rawValue):\($0.username ?? "")" }.joined(separator: ", ") + " (or its id)"
        }
    }
}
