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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CNCursesW", providers: [.apt(["libncursesw5-dev"])]),

        .target(name: "PostDeckCore", swiftSettings: swiftSettings),
        .target(name: "PostDeckStore", dependencies: [
            "CLibPQ", "PostDeckCore",
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: swiftSettings),
        .target(name: "TerminalUI", dependencies: [
            "CNCursesW",
            .product(name: "TOMLKit", package: "TOMLKit"),
        ], swiftSettings: swiftSettings),
        .target(name: "PostDeckApp", dependencies: [
            "PostDeckCore", "PostDeckStore", "TerminalUI",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "TOMLKit", package: "TOMLKit"),
        ], swiftSettings: swiftSettings),
        // Gives every test target its database: a private cluster started once per test process.
        .target(name: "PostDeckTestSupport", dependencies: ["PostDeckStore", "PostDeckCore"], path: "Tests/Support"),
        .executableTarget(name: "postdeck", dependencies: [
            "PostDeckApp", "PostDeckStore", "PostDeckCore", "TerminalUI",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: swiftSettings),

        .testTarget(name: "PostDeckCoreTests", dependencies: ["PostDeckCore"]),
        .testTarget(name: "PostDeckStoreTests", dependencies: ["PostDeckStore", "PostDeckCore", "PostDeckTestSupport"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"], exclude: ["__snapshots__"]),
        .testTarget(name: "PostDeckAppTests", dependencies: ["PostDeckApp", "PostDeckStore", "PostDeckCore", "TerminalUI", "PostDeckTestSupport"], exclude: ["__snapshots__"]),
        .testTarget(name: "EndToEndTests", dependencies: ["postdeck", "PostDeckStore", "PostDeckCore", "PostDeckTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
