/// Pieces of SQL the generator's statements share. Every statement takes the same first
/// four parameters:
///
/// - `$1` the random seed (`bigint`),
/// - `$2` now (`timestamptz`), the instant every date is relative to,
/// - `$3` the content pools (`jsonb`, `DemoContent`),
/// - `$4` the plan (`jsonb`, `DemoPlan`: counts, spans, rates).
///
/// Randomness is a hash of (seed, row key, purpose), never `random()`: a row's values do
/// not depend on the order in which the server evaluates rows, so the same seed gives the
/// same database on every run, at any chunk size.
enum DemoSQL {
    /// A uniform number in [0, 1) for `key` (a bigint expression) and `salt` (0..<64, one
    /// per purpose so that two decisions about the same row are independent).
    static func unit(_ key: String, _ salt: Int) -> String {
        precondition((0..<64).contains(salt))
        return "((hashint8extended((\(key))::bigint * 64 + \(salt), $1::bigint) & 9007199254740991)::float8 / 9007199254740992.0)"
    }

    /// A uniform integer in 0..<count.
    static func pick(_ key: String, _ salt: Int, _ count: String) -> String {
        precondition((0..<64).contains(salt))
        return "((hashint8extended((\(key))::bigint * 64 + \(salt), $1::bigint) & 2147483647) % greatest((\(count))::bigint, 1))::int"
    }

    /// A non-negative 63-bit hash, for digits of platform ids.
    static func digits(_ key: String, _ salt: Int) -> String {
        "(hashint8extended((\(key))::bigint * 64 + \(salt), $1::bigint) & 9223372036854775807)"
    }

    /// A random-looking uuid that only depends on the seed, the row's kind and its key.
    static func uuid(_ kind: String, _ key: String) -> String {
        "md5($1::bigint || ':\(kind):' || (\(key)))::uuid"
    }

    /// A time-ordered uuid (version 7 layout: 48 bits of Unix milliseconds from `time`, then
    /// hash bits). Rows generated in time order then land at the right edge of the primary
    /// key's B-tree instead of at random pages, which is what keeps a 20-million-row load fast.
    static func uuid7(_ time: String, _ kind: String, _ key: String) -> String {
        """
        overlay(overlay(lpad(to_hex((date_part('epoch', \(time)) * 1000)::bigint), 12, '0') \
        || substr(md5($1::bigint || ':\(kind):' || (\(key))), 1, 20) placing '7' from 13 for 1) placing '8' from 17 for 1)::uuid
        """
    }

    /// The id of the k-th agency / client / ... of this seed, the same in every statement.
    static func agencyID(_ k: String) -> String { uuid("agency", k) }
    static func clientID(_ k: String) -> String { uuid("client", k) }

    /// ASCII letters for slugs and handles ("Café Olé" → "Cafe Ole").
    static func ascii(_ text: String) -> String {
        "translate(\(text), 'áàâãäåçéèêëíìîïñóòôõöōúùûüÁÀÂÃÄÅÇÉÈÊËÍÌÎÏÑÓÒÔÕÖŌÚÙÛÜß', 'aaaaaaceeeeiiiinoooooouuuuAAAAAACEEEEIIIINOOOOOOUUUUs')"
    }

    /// The rows of a `jsonb` array of strings as a `text[]`.
    static func textArray(_ json: String) -> String {
        "ARRAY(SELECT jsonb_array_elements_text(\(json)))"
    }
}
