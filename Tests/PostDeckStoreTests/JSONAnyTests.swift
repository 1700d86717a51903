import Foundation
import Testing
import PostDeckCore
@testable import PostDeckStore
import PostDeckTestSupport

/// `JSONAny` stands in for `JSONSerialization`: what it writes, Foundation and Postgres
/// read back the same, and what they write, it reads.
@Suite struct JSONAnyTests {
    static let tricky = "quote \" backslash \\ slash / newline \n tab \t bell \u{07} é 世界 👩‍👩‍👧"

    @Test func whatItWritesFoundationReadsBackTheSame() throws {
        let value: [String: Any] = ["b": [1, 2.5, -3, true, false], "a": Self.tricky, "c": ["z": JSONAny.null, "y": "x"], "d": [String]()]
        let text = JSONAny.serialize(value)
        #expect(text.hasPrefix("{\"a\":"), "keys sorted")
        let read = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(read["a"] as? String == Self.tricky)
        #expect((read["b"] as? [Any])?.count == 5)
        #expect((read["c"] as? [String: Any])?["z"] is NSNull)
    }

    @Test func whatFoundationWritesItReads() throws {
        let source: [String: Any] = ["text": Self.tricky, "n": 42, "big": 9_007_199_254_740_993, "f": 0.25, "list": ["a", 1], "none": NSNull()]
        let data = try JSONSerialization.data(withJSONObject: source)
        let read = try #require(JSONAny.parse(String(decoding: data, as: UTF8.self)) as? [String: Any])
        #expect(read["text"] as? String == Self.tricky)
        #expect(JSONAny.int(read["n"]) == 42)
        #expect(JSONAny.int(read["big"]) == 9_007_199_254_740_993)
        #expect(read["f"] as? Double == 0.25)
        #expect(read["none"] is JSONAny.Null)
        #expect(JSONAny.parse(#""\ud83d\ude00 \u00e9""#) as? String == "😀 é", "surrogate pairs and escapes")
    }

    @Test func postgresReadsWhatItWrites() throws {
        let db = try TestDatabase.make().connect()
        let text = JSONAny.serialize(["t": Self.tricky, "n": [1, 2]])
        let row = try #require(db.execute("SELECT $1::jsonb->>'t' AS t, $1::jsonb->'n'->>1 AS n", [text]).first)
        #expect(try row.decode("t", as: String.self) == Self.tricky)
        #expect(try row.decode("n", as: String.self) == "2")
    }

    @Test func malformedTextIsNotJSON() {
        for text in ["", "{", "[1,]", "{\"a\" 1}", "tru", "\"open", "1 2", "{\"a\":1,}"] {
            #expect(JSONAny.parse(text) == nil, "\(text)")
        }
    }
}
