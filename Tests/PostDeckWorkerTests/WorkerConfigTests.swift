import Testing
import PostDeckCore
@testable import PostDeckWorker

/// `[worker]` in config.toml.
@Suite struct WorkerConfigTests {
    @Test func theWorkerTableSetsDefaultsAndRateLimitsAndOtherTablesAreIgnored() throws {
        let config = try WorkerConfig.parse("""
            [rules.instagram]
            caption = 2000

            [worker]
            concurrency = 16
            backoff = 10
            timeout = 12.5
            per_account = 2

            [worker.networks]
            linkedin = 2
            tiktok = 1
            """, file: "config.toml")
        #expect(config == WorkerConfig(concurrency: 16, backoff: 10, timeout: 12.5,
                                       limits: RateLimits(perNetwork: [.linkedin: 2, .tiktok: 1], perAccount: 2)))
        #expect(try WorkerConfig.parse("", file: "config.toml") == WorkerConfig())
    }

    @Test func aMistakeIsOneLineNamingTheFileAndTheKey() {
        let cases: [(String, String)] = [
            ("[worker]\nconcurency = 4\n", "config.toml: worker.concurency: unknown setting (concurrency, backoff, timeout, per_account, networks)"),
            ("[worker]\nconcurrency = 0\n", "config.toml: worker.concurrency: expected a whole number of at least 1"),
            ("[worker]\nbackoff = \"soon\"\n", "config.toml: worker.backoff: expected a number of seconds above 0"),
            ("[worker.networks]\nmyspace = 1\n", "config.toml: worker.networks.myspace: unknown network (linkedin, instagram, tiktok, facebook)"),
            ("worker = 3\n", "config.toml: worker: expected a table [worker]"),
        ]
        for (source, message) in cases {
            #expect(throws: WorkerConfigError.self) { try WorkerConfig.parse(source, file: "config.toml") }
            do {
                _ = try WorkerConfig.parse(source, file: "config.toml")
            } catch {
                #expect(error.description == message)
            }
        }
        do {
            _ = try WorkerConfig.parse("[worker\n", file: "config.toml")
            Issue.record("broken TOML was accepted")
        } catch {
            #expect(error.description.hasPrefix("config.toml:1: invalid TOML"))
        }
    }
}
