import ArgumentParser
import Pipeline
import Reports
import Sweep

/// `hedgesim report DB [--run ID] [--html PATH [--symbol S] [--from T] [--to T]]`: the summary
/// tables of a report, from the database alone, or the report as one HTML page.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print the summary tables of a report (per run, per strategy, and a comparison across runs).",
        discussion: """
            With --html, writes the report as one self-contained HTML page instead (charts as inline SVG, \
            no network, no scripts; printable): equity and drawdown, cumulative PnL per strategy, hit and win \
            rates, the mode comparison, fees and funding, ambiguous exits, strategy collaboration, and a price \
            chart with entries and exits for --symbol between --from and --to. On a sweep report, prints its \
            ranking and leave-one-strategy-out tables, or with --html writes the sweep page (heat map, Δ with 95 % \
            CI per point, per-window bars, marginal contribution per strategy).
            """
    )

    @Argument(help: "The report database (.sqlite).")
    var database: String

    @Option(
        name: .customLong("run"),
        help: ArgumentHelp("Only this run id (repeatable); default every run.", valueName: "id"))
    var runIDs: [Int64] = []

    @Option(help: ArgumentHelp("Write the report as an HTML page here instead of printing it.", valueName: "path"))
    var html: String?

    @Flag(help: "If another hedgesim is writing the same output, wait for it instead of failing (exit 75).")
    var wait = false

    @Option(help: "The price chart's symbol (default: the one with the most strategy positions).")
    var symbol: String?

    @Option(
        help: ArgumentHelp(
            "The price chart's start, ISO-8601 UTC (2026-02-03 or 2026-02-03T12:00); default the first bar.",
            valueName: "time"))
    var from: String?

    @Option(
        help: ArgumentHelp(
            "The price chart's end, inclusive (a date alone means the end of that day); default the last bar.",
            valueName: "time"))
    var to: String?

    func validate() throws {
        if html == nil && (symbol != nil || from != nil || to != nil || wait) {
            throw ValidationError("--symbol, --from, --to and --wait apply to the HTML report; add --html PATH")
        }
        if let from, HTMLReportOptions.parseTime(from, endOfDay: false) == nil {
            throw ValidationError("--from: not an ISO-8601 time (\(from))")
        }
        if let to, HTMLReportOptions.parseTime(to, endOfDay: true) == nil {
            throw ValidationError("--to: not an ISO-8601 time (\(to))")
        }
    }

    func run() throws {
        try CLIError.run {
            try SweepShardReport.refuse(database, command: "report")
            if try SweepReport.isSweepReport(database) {
                // A sweep report: its ranking and leave-one-strategy-out tables, or its page.
                guard let html else {
                    print(try SweepSummary.render(dbPath: database))
                    return
                }
                guard runIDs.isEmpty, symbol == nil, from == nil, to == nil else {
                    throw ReportError(
                        .usage, "\(database): a sweep report; --run, --symbol, --from and --to apply to run reports")
                }
                Interrupt.install()
                let bytes = try SweepHTMLReport.write(
                    dbPath: database, to: html, wait: wait, isCancelled: { Interrupt.isRequested })
                Terminal.print("html \(html) (\(TextFormat.grouped(bytes / 1024)) KB)")
                return
            }
            guard let html else {
                Terminal.print(try ReportSummary.render(dbPath: database, runIDs: runIDs.isEmpty ? nil : runIDs))
                return
            }
            let options = HTMLReportOptions(
                runIDs: runIDs, symbol: symbol, from: from.flatMap { HTMLReportOptions.parseTime($0, endOfDay: false) },
                to: to.flatMap { HTMLReportOptions.parseTime($0, endOfDay: true) })
            Interrupt.install()
            let bytes = try HTMLReport.write(
                dbPath: database, options: options, to: html, wait: wait, isCancelled: { Interrupt.isRequested })
            Terminal.print("html \(html) (\(TextFormat.grouped(bytes / 1024)) KB)")
        }
    }
}
