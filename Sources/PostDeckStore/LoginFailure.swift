import PostDeckCore
import FoundationEssentials
import CLibPQ

/// Tells a refused login from a server that cannot be reached, for a connection that failed
/// before it was up. libpq gives no SQLSTATE then (the server's error never becomes a
/// result), only its message and `PQconnectionNeedsPassword`, so the classification is:
///
/// - no password was supplied where the server asks for one (libpq's flag, in any language);
/// - or the server's message is one of its refusals of the login itself (SQLSTATE classes
///   28 and 3D, and 42501 for the CONNECT privilege), matched on the server's English texts.
///
/// Anything else (no such socket, connection refused, timeouts, "the database system is
/// starting up", "too many connections") is a network or server condition that may pass,
/// and is retried. A refusal in a server language other than English is retried too: the
/// safe mistake, with the backoff that bounds how often.
enum LoginFailure {
    /// Phrases of the server's startup refusals (src/backend/libpq/auth.c, postinit.c).
    /// Each entry is the parts that must all appear.
    static let refusals: [[String]] = [
        ["authentication failed for user"],       // password, md5, scram, peer, ident, ldap, radius, cert (28P01, 28000)
        ["no pg_hba.conf entry"],                 // 28000
        ["pg_hba.conf rejects connection"],       // 28000
        ["is not permitted to log in"],           // 28000: a NOLOGIN role
        ["FATAL:", "role \"", "\" does not exist"],   // 28000
        ["FATAL:", "database \"", "\" does not exist"], // 3D000
        ["permission denied for database"],       // 42501
        ["does not have CONNECT privilege"],      // 42501
        ["no password supplied"],                 // libpq's own, when no password is known
        ["SCRAM authentication requires"],        // libpq: channel binding / server signature
    ]

    /// The error a failed connection stands for.
    static func error(for handle: OpaquePointer) -> StoreError {
        let message = Connection.firstLine(PQerrorMessage(handle))
        if PQconnectionNeedsPassword(handle) == 1 {
            return .loginRefused("the server asks for a password and none was given")
        }
        return classify(message)
    }

    /// `.loginRefused` with the server's reason for a refusal, else `.cannotConnect`.
    static func classify(_ message: String) -> StoreError {
        guard refusals.contains(where: { parts in parts.allSatisfy { message.contains($0) } }) else {
            return .cannotConnect(message.isEmpty ? "connection failed" : message)
        }
        // "connection to server on socket "…" failed: FATAL:  password authentication failed
        // for user "x"": the server's own words are the reason.
        if let range = message.firstRange(of: "FATAL:") {
            return .loginRefused(message[range.upperBound...].trimmingSpaces())
        }
        if let start = message.indices.last(where: { message[$0...].hasPrefix(" failed: ") }) {
            return .loginRefused(String(message[start...].dropFirst(" failed: ".count)))
        }
        return .loginRefused(message)
    }
}
