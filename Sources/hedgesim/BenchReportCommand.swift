import ArgumentParser
import Foundation
import Reports

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
        let folder =
            directory
            ?? FileManager.default.temporaryDirectory.path + "/hedgesim-bench-"
            + ProcessInfo.processInfo
            .globallyUniqueString
        defer { if directory == nil { try? FileManager.default.removeItem(atPath: folder) } }
        let result = try ReportBenchmark.measure(rows: rows, repetitions: repetitions, directory: folder)
        for (index, seconds) in result.seconds.enumerated() {
            print("write \(index + 1): \(String(format: "%.3f", seconds)) s")
        }
        print(
            "rows \(result.rows), median \(String(format: "%.3f", result.medianSeconds)) s, "
                + "\(String(format: "%.0f", result.rowsPerSecond)) rows/s")
    }
}
