import ArgumentParser
import Bench

/// `hedgesim bench report [--rows N]`: the report writer's throughput on synthetic fills (run it
/// from a release build).
struct BenchReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Measure the report writer's throughput (rows per second) on synthetic fills."
    )

    @Option(help: "Fills per write.")
    var rows: Int = 1_000_000

    @Option(help: "Writes to time; the median is reported.")
    var repetitions: Int = 5

    @Option(name: .customLong("dir"), help: "Where to write (default: a temporary folder, removed afterwards).")
    var directory: String?

    func validate() throws {
        guard rows > 0, repetitions > 0 else { throw ValidationError("--rows and --repetitions must be positive") }
    }

    func run() throws {
        let result = try ReportBenchmark.measure(rows: rows, repetitions: repetitions, directory: directory)
        for line in result.lines { print(line) }
    }
}
