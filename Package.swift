// swift-tools-version:6.0
import PackageDescription

/// Extension members come only from modules a file imports itself: without this, the full
/// Foundation's String methods leak in through TOMLKit's `import Foundation`, and one call
/// links all of Foundation and ICU into the binary (docs/PERFORMANCE.md, "A lean binary").
let swiftSettings: [SwiftSetting] = [.enableUpcomingFeature("MemberImportVisibility")]

let package = Package(
    name: "postdeck",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "postdeck", targets: ["postdeck"]),
        .executable(name: "postdeck-worker", targets: ["postdeck-worker"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CNCursesW", providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(name: "CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),

        .target(name: "PostDeckCore", swiftSettings: swiftSettings),
        .target(name: "PostDeckStore", dependencies: [
            "CLibPQ", "PostDeckCore",
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: swiftSettings),
        // The pure terminal core: cells, buffers, layout, widgets, themes, text width, the
        // sanitizer, snapshots and the memory backend. Nothing of postdeck, no terminal library.
        .target(name: "TerminalUI", dependencies: [
            .product(name: "TOMLKit", package: "TOMLKit"),
        ], swiftSettings: swiftSettings),
        // The real terminal: the ncurses backend, the key decoder and the cluster-width probe.
        .target(name: "TerminalUINCurses", dependencies: ["CNCursesW", "TerminalUI"], swiftSettings: swiftSettings),
        .target(name: "PostDeckApp", dependencies: [
            "PostDeckCore", "PostDeckStore", "TerminalUI", "TerminalUINCurses",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "TOMLKit", package: "TOMLKit"),
        ], swiftSettings: swiftSettings),
        // The publishing worker. Its own program (`postdeck worker` starts it): it links
        // libcurl, which the UI binary does not load.
        .target(name: "PostDeckWorker", dependencies: [
            "CCurl", "PostDeckStore", "PostDeckCore",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        .executableTarget(name: "postdeck-worker", dependencies: [
            "PostDeckWorker", "PostDeckStore", "PostDeckCore", "TerminalUI", // TerminalUI for its Sanitizer
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // A recording HTTP endpoint on loopback: the "network" of the worker's tests and bench.
        .target(name: "LocalEndpoint", dependencies: ["PostDeckCore"], swiftSettings: swiftSettings),
        // Gives every test target its database (a private cluster started once per test process,
        // a migrated template copied per test), the scenarios and the in-process UI driver.
        .target(name: "PostDeckTestSupport", dependencies: ["PostDeckApp", "PostDeckStore", "PostDeckCore", "TerminalUI"], path: "Tests/Support"),
        .executableTarget(name: "postdeck", dependencies: [
            "PostDeckApp", "PostDeckStore", "PostDeckCore", "TerminalUI", "LocalEndpoint",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: swiftSettings),

        .testTarget(name: "PostDeckCoreTests", dependencies: ["PostDeckCore"]),
        .testTarget(name: "PostDeckStoreTests", dependencies: ["PostDeckStore", "PostDeckCore", "PostDeckTestSupport"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"], exclude: ["__snapshots__"]),
        .testTarget(name: "TerminalUINCursesTests", dependencies: ["TerminalUINCurses", "TerminalUI"]),
        .testTarget(name: "PostDeckAppTests", dependencies: ["PostDeckApp", "PostDeckStore", "PostDeckCore", "TerminalUI", "PostDeckTestSupport"], exclude: ["__snapshots__"]),
        .testTarget(name: "PostDeckWorkerTests", dependencies: [
            "PostDeckWorker", "PostDeckStore", "PostDeckCore", "PostDeckTestSupport", "LocalEndpoint",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The real UI in this process (UIDriver on the headless screen) against real Postgres.
        .testTarget(name: "UIFlowTests", dependencies: ["PostDeckApp", "PostDeckStore", "PostDeckCore", "TerminalUI", "PostDeckTestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["postdeck", "postdeck-worker", "PostDeckStore", "PostDeckCore", "PostDeckTestSupport", "LocalEndpoint"]),
    ],
    swiftLanguageModes: [.v6]
)
