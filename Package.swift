// swift-tools-version:6.0
//
// hedgesim: a deterministic backtesting and simulation engine for multi-strategy trading on
// Binance USDⓈ-M perpetual futures in hedge mode.
//
// Determinism: no result may depend on hash order (Swift seeds `Hasher` per process). Code in
// every target iterates arrays, sorted keys or `OrderedDictionary`, never a `Dictionary`/`Set`
// where the order could reach a result. See docs/design.md, "Determinism and exact money".
import PackageDescription

/// One settings array for every target: Swift 6 language mode plus the upcoming features that
/// keep dependencies out of public APIs unless a module means to re-export them.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

/// Tests compile the invariant checks in (positions, balances, attribution identities checked
/// after each mutating step). Release builds leave them out.
let checkedSettings: [SwiftSetting] =
    swiftSettings + [
        .define("HEDGESIM_INVARIANT_CHECKS", .when(configuration: .debug))
    ]

let package = Package(
    name: "hedgesim",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "hedgesim", targets: ["hedgesim"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"]), .brew(["zstd"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),
        // glibc's mallopt, for the process's memory policy (Sources/Pipeline/ProcessMemory.swift).
        .systemLibrary(name: "CMalloc"),
        // SHA-256 block compression in C: the x86 SHA extensions when present (digests of every
        // input file and result row), a portable implementation otherwise.
        .target(name: "CSHA256"),
        .target(name: "Market", swiftSettings: checkedSettings),
        .target(name: "Feeds", dependencies: ["Market", "CZstd", "CZlib"], swiftSettings: checkedSettings),
        .target(name: "TradeEngine", dependencies: ["Market"], swiftSettings: checkedSettings),
        .target(
            name: "Exchange",
            dependencies: ["Market", .product(name: "HeapModule", package: "swift-collections")],
            swiftSettings: checkedSettings
        ),
        // The run records, their column lists (report tables and result digest) and SHA-256.
        .target(name: "Results", dependencies: ["Market", "TradeEngine", "CSHA256"], swiftSettings: checkedSettings),
        .target(
            name: "Backtest",
            dependencies: [
                "Market", "Feeds", "TradeEngine", "Exchange", "Results",
                .product(name: "Yams", package: "Yams"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            swiftSettings: checkedSettings
        ),
        .target(
            name: "Reports", dependencies: ["Market", "TradeEngine", "Results", "CSQLite"],
            swiftSettings: checkedSettings),
        // Paired block bootstrap, multiple-comparison adjustments and return ratios (docs/statistics.md).
        .target(name: "Statistics", dependencies: ["Market"], swiftSettings: checkedSettings),
        // The reference strategies behind `hedgesim signals generate`: klines in, recorded signals out.
        .target(name: "ReferenceStrategies", dependencies: ["Market", "Feeds"], swiftSettings: checkedSettings),
        // What each command does, as library calls: the run-and-report pipeline of `run` and
        // `compare` (it reads the clock for the run's wall times; no target below it does),
        // scenario checks, exports, data file reports.
        .target(
            name: "Pipeline",
            dependencies: ["Market", "Feeds", "Results", "Backtest", "Reports", "Statistics", "CMalloc"],
            swiftSettings: checkedSettings),
        // Sweeps: grids of settings × strategy sets × walk-forward windows on data loaded once,
        // their runs in parallel and the sweep report (docs/sweeps.md).
        .target(
            name: "Sweep",
            dependencies: ["Market", "TradeEngine", "Exchange", "Results", "Backtest", "Reports", "Statistics"],
            swiftSettings: checkedSettings),
        // The benchmarks behind `hedgesim bench …`: synthetic workloads, timing loops, child
        // processes and /proc readings, kept out of the product modules.
        .target(
            name: "Bench",
            dependencies: ["Market", "Feeds", "TradeEngine", "Exchange", "Results", "Backtest", "Reports", "Pipeline"],
            swiftSettings: checkedSettings
        ),
        .executableTarget(
            name: "hedgesim",
            dependencies: [
                "Market", "Feeds", "TradeEngine", "Results", "Backtest", "Reports", "ReferenceStrategies", "Pipeline",
                "Bench", "Sweep", "Capture", "NATS",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // A general NATS client (core protocol + JetStream consumers) on swift-nio; no hedgesim types.
        .target(
            name: "NATS",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(name: "NATSBench", dependencies: ["NATS"], swiftSettings: swiftSettings),
        // `hedgesim signals record`: NATS messages into rotated zstd JSONL files (issue 17).
        .target(
            name: "Capture",
            dependencies: [
                "NATS", "Feeds", "Market", "TradeEngine", "CZstd", .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "CaptureBench", dependencies: ["Capture", "NATS", .product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: swiftSettings),
        .target(
            name: "TestSupport", dependencies: ["Market"], path: "Sources/TestSupport", swiftSettings: swiftSettings),
        .testTarget(name: "MarketTests", dependencies: ["Market", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "FeedsTests",
            dependencies: ["Feeds", "Market", "TestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TradeEngineTests", dependencies: ["TradeEngine", "Market", "TestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ExchangeTests", dependencies: ["Exchange", "Feeds", "Market", "TestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "BacktestTests",
            dependencies: [
                "Backtest", "Results", "TradeEngine", "Exchange", "Feeds", "Market", "TestSupport", "Bench",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ReportsTests",
            dependencies: ["Reports", "Results", "Backtest", "TradeEngine", "Market", "TestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ResultsTests", dependencies: ["Results", "TradeEngine", "Market", "CSHA256"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "StatisticsTests", dependencies: ["Statistics", "Market", "TestSupport"], swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ReferenceStrategiesTests", dependencies: ["ReferenceStrategies", "Feeds", "Market", "TestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "PipelineTests",
            dependencies: ["Pipeline", "Reports", "Results", "Backtest", "Market", "TestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "SweepTests", dependencies: ["Sweep", "Backtest", "Reports", "Market", "TestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "BenchTests",
            dependencies: [
                "Bench", "Pipeline", "Reports", "Results", "Backtest", "TradeEngine", "Exchange", "Feeds", "Market",
                "TestSupport",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "NATSTests", dependencies: ["NATS", "TestSupport"], resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "CaptureTests",
            dependencies: [
                "Capture", "NATS", "Feeds", "TradeEngine", "TestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "HedgesimTests", dependencies: ["TestSupport", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings),
    ],
    swiftLanguageModes: [.v6]
)
