import ArgumentParser

/// The `hedgesim` command line: parse, call the library, print.
@main
struct Hedgesim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hedgesim",
        abstract: "Deterministic backtests of multi-strategy trading on Binance USDⓈ-M futures in hedge mode.",
        version: "0.1.0",
        subcommands: [
            RunCommand.self, CompareCommand.self, SweepCommand.self,
            ReportCommand.self, ExportCommand.self, ScenarioCommand.self,
            SignalsCommand.self,
            DataCommand.self, BenchCommand.self,
        ]
    )
}
