// swift-tools-version:6.1
import PackageDescription

/// Settings every target shares, applied in one loop at the end (as swift-log does).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "anniversaryd",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "anniversaryd", targets: ["anniversaryd"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // MARK: - Libraries, in dependency order

        .target(
            name: "AnniversaryCore",
            dependencies: [.product(name: "Mustache", package: "swift-mustache")]
        ),
        .target(
            name: "AnniversaryConfig",
            dependencies: [
                "AnniversaryCore",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(name: "AnniversaryInterchange", dependencies: ["AnniversaryCore"]),
        .target(name: "CSQLiteSetup"),
        .target(
            name: "AnniversaryStore",
            dependencies: [
                "AnniversaryCore",
                "CSQLiteSetup",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "AnniversaryDelivery",
            dependencies: [
                "AnniversaryCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(name: "CAnniversary"),
        .target(
            name: "AnniversaryDaemon",
            dependencies: [
                "CAnniversary",
                "AnniversaryCore",
                "AnniversaryConfig",
                "AnniversaryStore",
                "AnniversaryDelivery",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "anniversaryd",
            dependencies: [
                "AnniversaryCore",
                "AnniversaryConfig",
                "AnniversaryStore",
                "AnniversaryDelivery",
                "AnniversaryDaemon",
                "AnniversaryInterchange",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "AnniversaryTesting",
            dependencies: ["AnniversaryCore", "AnniversaryDelivery", "AnniversaryDaemon"],
            path: "Tests/AnniversaryTesting"
        ),

        // MARK: - Tests

        .testTarget(name: "AnniversaryCoreTests", dependencies: ["AnniversaryCore"]),
        .testTarget(name: "AnniversaryInterchangeTests", dependencies: ["AnniversaryInterchange", "AnniversaryCore", "AnniversaryTesting"]),
        .testTarget(name: "AnniversaryConfigTests", dependencies: ["AnniversaryConfig", "AnniversaryCore", "AnniversaryTesting"]),
        .testTarget(
            name: "AnniversaryStoreTests",
            dependencies: ["AnniversaryStore", "AnniversaryCore", "AnniversaryTesting", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "AnniversaryDeliveryTests",
            dependencies: [
                "AnniversaryDelivery", "AnniversaryCore", "AnniversaryTesting",
                .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(
            name: "AnniversaryDaemonTests",
            dependencies: [
                "AnniversaryDaemon", "AnniversaryCore", "AnniversaryConfig",
                "AnniversaryStore", "AnniversaryDelivery", "AnniversaryTesting",
                .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "anniversarydTests",
            dependencies: ["anniversaryd", "AnniversaryTesting", "AnniversaryStore", "AnniversaryCore", "AnniversaryDaemon"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets where !["CAnniversary", "CSQLiteSetup"].contains(target.name) {
    target.swiftSettings = (target.swiftSettings ?? []) + swiftSettings
}
