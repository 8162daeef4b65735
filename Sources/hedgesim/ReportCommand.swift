import ArgumentParser
import Reports

/// `hedgesim report DB [--run ID]`: the summary tables of a report, from the database alone.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print the summary tables of a report (per run, per strategy, and a comparison across runs)."
    )

    @Argument(help: "The report database (.sqlite).")
    var database: String

    @Option(
        name: .customLong("run"),
        help: ArgumentHelp("Only this run id (repeatable); default every run.", valueName: "id"))
    var runIDs: [Int64] = []

    func run() throws {
        do {
            print(try ReportSummary.render(dbPath: database, runIDs: runIDs.isEmpty ? nil : runIDs))
        } catch {
            throw CLIError.exit(error)
        }
    }
}
