import ArgumentParser

/// `hedgesim bench …`: measure the hot paths in a release build.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure reader and engine speed (build with -c release).",
        subcommands: [
            BenchReadCommand.self, BenchDecideCommand.self, BenchExchangeCommand.self, BenchReportCommand.self,
            BenchRunCommand.self, BenchSweepCommand.self,
        ]
    )
}
