import ArgumentParser
import Foundation

/// The `hedgesim` command line: parse, call the library, print.
@main
struct Hedgesim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hedgesim",
        abstract: "Deterministic backtests of multi-strategy trading on Binance USDⓈ-M futures in hedge mode.",
        version: "0.1.0",
        subcommands: [
            RunCommand.self, CompareCommand.self, SweepCommands.self,
            ReportCommand.self, ExportCommand.self, ScenarioCommand.self,
            SignalsCommand.self,
            DataCommand.self, BenchCommand.self,
        ]
    )

    /// Parses and runs the command. A usage error is one `hedgesim: <message>` line and exit 64
    /// (the usage itself is in `--help`); help and version print as argument-parser prints them.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            let text = message(for: error)
            if code == .validationFailure, !text.isEmpty {
                CLIError.print(text.trimmingCharacters(in: .whitespacesAndNewlines))
                Foundation.exit(code.rawValue)
            }
            exit(withError: error)
        }
    }
}
