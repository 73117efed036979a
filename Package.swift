// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "benchsite",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "benchsite", targets: ["benchsite"]),
        .library(name: "BenchsiteKit", targets: ["BenchsiteKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // cmark-gfm from the system (Debian: libcmark-gfm-dev, libcmark-gfm-extensions-dev).
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"]), .brew(["cmark-gfm"])]
        ),
        // zlib from the system (Debian: zlib1g-dev), to read gzip files; libdeflate (libdeflate-dev) to
        // write the published history's, two to three times faster than zlib at the same size.
        .systemLibrary(
            name: "CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CLibdeflate",
            providers: [.apt(["libdeflate-dev"])]
        ),
        .target(
            name: "BenchsiteKit",
            dependencies: [
                "CCmarkGFM",
                "CZlib",
                "CLibdeflate",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "benchsite",
            dependencies: [
                "BenchsiteKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Precision and recall of the change point detection on simulated histories.
        .executableTarget(
            name: "changepoint-simulation",
            dependencies: ["BenchsiteKit"]
        ),
        // swift-mustache only for tests: benchsite's template engine (PageTemplate) is compared with it.
        .testTarget(
            name: "BenchsiteKitTests",
            dependencies: ["BenchsiteKit", .product(name: "Mustache", package: "swift-mustache")],
            exclude: ["Fixtures"]
        ),
    ]
)
