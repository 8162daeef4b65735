import ArgumentParser
import Pipeline

/// Options `run` and `compare` share.
struct SimulationOptions: ParsableArguments {
    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(name: .customLong("set"), help: "Override a scenario key: --set exchange.taker_fee=0.0004 (repeatable).")
    var overrides: [String] = []

    @Option(name: .shortAndLong, help: "Write the SQLite report here instead of the scenario's report.path.")
    var out: String?

    @Option(help: "Also export every table and view as CSV into this folder.")
    var csv: String?

    @Option(help: ArgumentHelp("Also write the report as an HTML page here.", valueName: "path"))
    var html: String?

    @Flag(name: .shortAndLong, help: "No progress line; print only the essentials.")
    var quiet = false

    @Flag(help: "If another hedgesim is writing the same output, wait for it instead of failing (exit 75).")
    var wait = false

    /// Runs the variants through the pipeline with a progress line and Ctrl-C handling, then
    /// prints the summary and the report line.
    func execute(_ variants: [RunVariant]) throws {
        Interrupt.install()
        let request = RunRequest(
            scenarioPath: scenario, overrides: overrides, variants: variants, reportPath: out, csvDirectory: csv,
            htmlPath: html, wait: wait)
        let progress = ProgressLine(quiet: quiet)
        defer { progress.finish() }
        let outcome = try RunPipeline.run(
            request, events: { progress.show($0) }, isCancelled: { Interrupt.isRequested })
        Terminal.print(outcome.summary, terminator: outcome.summary.hasSuffix("\n") ? "" : "\n")
        Terminal.print(outcome.footer)
    }
}
