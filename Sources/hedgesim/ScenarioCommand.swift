import ArgumentParser
import Backtest
import Foundation
import Pipeline

/// `hedgesim scenario …`: the scenario file reference.
struct ScenarioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "Scenario file reference and checks.",
        subcommands: [Keys.self, Check.self]
    )

    /// `hedgesim scenario keys`: every key with its type, default and meaning (Markdown).
    struct Keys: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print every scenario key with its type, default and meaning (a Markdown table).")

        func run() {
            print("| key | type | default | meaning |")
            print("|---|---|---|---|")
            for key in ScenarioSchema.keys {
                let type = key.typeName.replacingOccurrences(of: "|", with: "\\|")
                print("| `\(key.path)` | \(type) | \(key.defaultText) | \(key.summary) |")
            }
        }
    }

    /// `hedgesim scenario check FILE`: validates a scenario and its data without running it.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a scenario and load its data without simulating; print what it would run.")

        @Argument(help: "The scenario file.")
        var scenario: String

        @Option(name: .customLong("set"), help: "Override a scenario key (repeatable).")
        var overrides: [String] = []

        func run() throws {
            try CLIError.run {
                Terminal.print(try ScenarioCheck.describe(scenarioPath: scenario, overrides: overrides))
            }
        }
    }
}
