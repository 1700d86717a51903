import Testing
import PostDeckStore

/// The hand-written SHA-256 behind migration checksums, against FIPS 180-4 and `sha256sum`.
@Suite struct MigrationChecksumTests {
    private func checksum(_ text: String) -> String { Migration(version: 0, name: "probe", sql: text).checksum }

    @Test func matchesTheStandardTestVectors() {
        #expect(checksum("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(checksum("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(checksum("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(checksum(String(repeating: "a", count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func handlesMessagesAroundThePaddingBoundary() {
        // 55 bytes fit one block with the length; 56 need a second; 64 fill one exactly.
        #expect(checksum(String(repeating: "a", count: 55)) == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
        #expect(checksum(String(repeating: "a", count: 56)) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
        #expect(checksum(String(repeating: "a", count: 64)) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
    }

    @Test func hashesTheUTF8BytesOfTheText() {
        #expect(checksum("héllo 世界 👩‍👩‍👧") == "dbd52fce5b23b474001f745f859aa6bb14a88ece0397413c44fc97b03595efa5")
    }

    @Test func migrationOneIsPinned() {
        // Changing a shipped migration's text changes this and is refused on migrated databases.
        #expect(Migrations.all[0].checksum == "20ebcf968841908e3d2ee82aeeb452b15864691fad84ff2adbfbb008564345c3")
    }

    @Test func migrationNineIsPinned() {
        // The import's function and index (docs/SCHEMA.md): changing the text needs a new migration.
        #expect(Migrations.all.first { $0.version == 9 }?.checksum == "6878b3ff6ec014ec96be2413f86d1c3eed7c35e77bd8fc6572167be11d79e612")
    }

    @Test func versionsStartAtOneAndOnlyGrow() {
        // Versions are reserved per branch (calendar 3, composer 4, performance 5), so a
        // branch may have gaps until they are merged; the order is what the migrator needs.
        let versions = Migrations.all.map(\.version)
        #expect(versions.first == 1)
        #expect(zip(versions, versions.dropFirst()).allSatisfy { $0 < $1 })
        #expect(Migrations.latestVersion == versions.last)
    }
}
