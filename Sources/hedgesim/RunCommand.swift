import ArgumentParser
import Pipeline

/// `hedgesim run SCENARIO`.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario and write its SQLite report.",
        discussion: """
            Loads the scenario and its data, replays every recorded signal through the live engine's logic \
            on the simulated exchange, writes the report (atomically: an interrupted run leaves the previous report as it was) and \
            prints the per-strategy summary, the run digest and the speed.
            """
    )

    @OptionGroup var options: SimulationOptions

    func run() throws {
        try CLIError.run { try options.execute([.scenario]) }
    }
}
