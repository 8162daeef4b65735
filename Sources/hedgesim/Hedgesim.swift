import ArgumentParser

/// The `hedgesim` command line: parse, call the library, print.
@main
struct Hedgesim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hedgesim",
        abstract: "Deterministic backtests of multi-strategy trading on Binance USDⓈ-M futures in hedge mode.",
        version: "0.1.0",
        subcommands: [DataCommand.self, SignalsCommand.self, ExportCommand.self, ReportCommand.self, BenchCommand.self]
    )
}
