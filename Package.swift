// swift-tools-version:6.0
import PackageDescription

/// Every Swift target is compiled in Swift 6 language mode with strict concurrency.
let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Preglednik",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "preglednik", targets: ["preglednik"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // C libraries from Debian, each imported by exactly one Swift wrapper module.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),

        // One error type and one TOML reader for every configuration file (Mail and Pipeline).
        .target(name: "ConfigFiles", dependencies: [.product(name: "TOMLKit", package: "TOMLKit")], swiftSettings: strict),

        // Pipeline stages.
        .target(name: "TextFolding", swiftSettings: strict),
        .target(name: "FeedParsing", dependencies: ["CLibXML2"], swiftSettings: strict),
        .target(name: "Classification",
                dependencies: ["TextFolding", "ConfigFiles"],
                swiftSettings: strict),
        .target(name: "Fetching", dependencies: ["CCurl"], swiftSettings: strict),
        .target(name: "Storage", dependencies: ["CSQLite", "TextFolding"], swiftSettings: strict),
        .target(name: "Digests",
                dependencies: [.product(name: "Mustache", package: "swift-mustache"),
                               .product(name: "TOMLKit", package: "TOMLKit")],
                swiftSettings: strict),
        .target(name: "Mail",
                dependencies: ["CCurl", "Storage", "ConfigFiles"],
                swiftSettings: strict),
        .target(name: "Pipeline",
                dependencies: ["FeedParsing", "Classification", "Fetching", "Storage", "Digests", "Mail", "TextFolding", "ConfigFiles",
                               .product(name: "Logging", package: "swift-log")],
                swiftSettings: strict),

        // The thin command line on top.
        .executableTarget(name: "preglednik",
                          dependencies: ["Pipeline", "ConfigFiles", "FeedParsing", "Classification", "Storage", "Digests",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser"),
                                         .product(name: "Logging", package: "swift-log")],
                          swiftSettings: strict),
        // Benchmarks: every figure is printed beside a C baseline measured in the same process.
        .target(name: "BenchBaselines", dependencies: ["CCurl", "CLibXML2", "CSQLite"],
                linkerSettings: [.linkedLibrary("curl")]),
        .executableTarget(name: "preglednik-bench",
                          dependencies: ["FeedParsing", "Classification", "Storage", "Fetching", "BenchBaselines",
                                         "CSQLite", "CLibXML2", "CCurl", "TestSupport"],
                          swiftSettings: strict),
        // Scorecards against real labelled data (../shared), run by .ci/run when present.
        .executableTarget(name: "preglednik-eval",
                          dependencies: ["Classification", "TextFolding", .product(name: "TOMLKit", package: "TOMLKit")],
                          swiftSettings: strict),

        .testTarget(name: "FeedParsingTests", dependencies: ["FeedParsing"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "ClassificationTests", dependencies: ["Classification", "TextFolding", "ConfigFiles"], swiftSettings: strict),
        // Shared by the test targets (and the fetch benchmark): real HTTP servers on loopback.
        .target(name: "TestSupport", dependencies: [.product(name: "FlyingFox", package: "FlyingFox")],
                path: "Tests/TestSupport", exclude: ["smtp_sink.py", "inspect_eml.py"], swiftSettings: strict),
        .testTarget(name: "FetchingTests", dependencies: ["Fetching", "TestSupport", .product(name: "FlyingFox", package: "FlyingFox")],
                    swiftSettings: strict),
        .testTarget(name: "StorageTests", dependencies: ["Storage"], swiftSettings: strict),
        .testTarget(name: "MailTests", dependencies: ["Mail", "ConfigFiles", "Storage", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "DigestsTests", dependencies: ["Digests"], swiftSettings: strict),
        .testTarget(name: "PipelineTests",
                    dependencies: ["Pipeline", "ConfigFiles", "Storage", "TestSupport", .product(name: "FlyingFox", package: "FlyingFox")],
                    resources: [], swiftSettings: strict),
    ]
)
