import ArgumentParser

/// `hedgesim data …`: inspect and verify market data files.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Inspect and verify kline, funding and rules files."
    )
}
