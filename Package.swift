// swift-tools-version: 6.0
import PackageDescription

let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "permaudit",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "permaudit", targets: ["permaudit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // The sync's HTTP client (README, "sync": why not URLSession, and its build cost).
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .executableTarget(
            name: "permaudit",
            dependencies: ["PermAuditCLI"],
            swiftSettings: strict),
        .target(
            name: "PermAuditCLI",
            dependencies: [
                "PermAuditReport", "PermAuditSite", "PermAuditGraph", "PermAuditSync", "PermAuditStore", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .target(
            name: "PermAuditReport",
            dependencies: ["PermAuditStore"],
            swiftSettings: strict),
        // Live Graph collection: the only module with an HTTP client.
        .target(
            name: "PermAuditGraph",
            dependencies: [
                "PermAuditSync", "PermAuditStore", "COpenSSL",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict),
        // The static site: Mustache templates (Sources/PermAuditSite/Templates, embedded) over the report's models.
        .target(
            name: "PermAuditSite",
            dependencies: [
                "PermAuditReport", "PermAuditStore", "PermAuditEmbedded",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            exclude: ["Templates"],
            swiftSettings: strict),
        .target(
            name: "PermAuditSync",
            dependencies: [
                "PermAuditStore", "PermAuditEmbedded",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .target(
            name: "PermAuditStore",
            dependencies: [
                "PermAuditEmbedded", "COpenSSL", "CZlib",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The C API, for binding and reading text with NUL bytes whole (GRDB stops at the first).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strict),
        // glibc's mallopt, which the commands that import set (MallocTuning); part of libc, nothing to install.
        .systemLibrary(name: "CMalloc"),
        // zlib, for the site's exports and the default catalog's database image (Debian: zlib1g-dev).
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        // libcrypto's SHA-256 (Debian: libssl-dev).
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]),
        // Migrations/*.sql, the default catalog's database image, the sample tenant and the site's files
        // compiled into the binary with C23 #embed,
        // so the executable needs nothing beside it.
        .target(
            name: "PermAuditEmbedded",
            cSettings: [.unsafeFlags(["-std=c23"])]),
        .target(
            name: "PermAuditTestSupport",
            dependencies: ["PermAuditStore", "PermAuditSync"],
            path: "Tests/PermAuditTestSupport",
            swiftSettings: strict),
        .testTarget(
            name: "PermAuditStoreTests",
            dependencies: ["PermAuditStore", "PermAuditTestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "PermAuditSyncTests",
            dependencies: ["PermAuditSync", "PermAuditStore", "PermAuditTestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "PermAuditReportTests",
            dependencies: ["PermAuditReport", "PermAuditSync", "PermAuditStore", "PermAuditTestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "PermAuditGraphTests",
            dependencies: ["PermAuditGraph", "PermAuditSync", "PermAuditStore", "PermAuditTestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "PermAuditSiteTests",
            // Depends on the executable too: the browser tests open a site the built binary writes.
            dependencies: ["PermAuditSite", "PermAuditReport", "PermAuditSync", "PermAuditStore", "PermAuditTestSupport", "CZlib", "permaudit"],
            exclude: ["browser"],
            swiftSettings: strict),
        .testTarget(
            name: "PermAuditCLITests",
            // Depends on the executable so that `swift test` builds the binary these tests run.
            dependencies: ["permaudit", "PermAuditTestSupport"],
            swiftSettings: strict),
    ]
)
