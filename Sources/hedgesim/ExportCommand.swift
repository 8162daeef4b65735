import ArgumentParser
import Pipeline
import Reports
import Sweep

/// `hedgesim export DB [--run ID | --mode M] [--table T | --view V]… --out DIR [--format csv|jsonl]`:
/// one file per table or view (default: every table and view), exact decimals, ISO times.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export tables and views of a report as CSV (RFC 4180) or JSON Lines.",
        discussion: "Writes <dir>/<name>.csv (or .jsonl) for every table and view, or for those named with "
            + "--table/--view; of a sweep report, every sweep table and view. Decimals are exact, times ISO-8601 UTC "
            + "with milliseconds. Exits 64 for an unknown table, view, run or mode, 66 when the database does not "
            + "exist."
    )

    @Argument(help: "The report database (.sqlite).")
    var database: String

    @Option(name: .customLong("run"), help: ArgumentHelp("Only this run id (repeatable).", valueName: "id"))
    var runIDs: [Int64] = []

    @Option(
        name: .customLong("mode"),
        help: ArgumentHelp("Only the runs whose label or same_direction is this (repeatable).", valueName: "mode"))
    var modes: [String] = []

    @Option(name: .customLong("table"), help: ArgumentHelp("A table to export (repeatable).", valueName: "table"))
    var tables: [String] = []

    @Option(name: .customLong("view"), help: ArgumentHelp("A view to export (repeatable).", valueName: "view"))
    var views: [String] = []

    @Option(
        name: .customLong("out"), help: ArgumentHelp("The folder to write into (created if missing).", valueName: "dir")
    )
    var directory: String

    @Option(help: ArgumentHelp("csv (RFC 4180) or jsonl.", valueName: "format"))
    var format: String = "csv"

    @Flag(help: "If another hedgesim is writing the same output, wait for it instead of failing (exit 75).")
    var wait = false

    func validate() throws {
        guard ReportExportFormat(rawValue: format) != nil else {
            throw ValidationError("unknown format `\(format)`; use csv or jsonl")
        }
        if !runIDs.isEmpty && !modes.isEmpty { throw ValidationError("give --run or --mode, not both") }
    }

    func run() throws {
        try CLIError.run {
            try SweepShardReport.refuse(database, command: "export")
            Interrupt.install()
            let files = try ReportExport.export(
                database: database, runIDs: runIDs, modes: modes, tables: tables, views: views, to: directory,
                format: ReportExportFormat(rawValue: format) ?? .csv, wait: wait, isCancelled: { Interrupt.isRequested }
            )
            Terminal.print("wrote \(files.count) file\(files.count == 1 ? "" : "s") to \(directory)")
        }
    }
}
