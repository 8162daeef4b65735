import ArgumentParser
import Backtest
import Foundation
import Sweep

/// `hedgesim sweep merge SHARD… --out FILE`: shard reports into the sweep report.
struct SweepMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the shard reports of a sweep into the sweep report the unsharded sweep writes.",
        discussion: """
            Reads shard reports (`hedgesim sweep FILE --shard K/N`) and folders of them, checks that they are \
            one complete set of the same sweep on the same data, and writes the sweep report, with its \
            statistics, views and ranking, identical to the unsharded sweep's; prints its summary. Refuses \
            (exit 65) shards of different sweeps or data, duplicates that disagree and an incomplete set.
            """
    )

    @Argument(help: "Shard reports, or folders holding them (their .sqlite shard reports).")
    var shards: [String]

    @Option(name: .shortAndLong, help: "The sweep report to write.")
    var out: String

    @Flag(help: "If another hedgesim is writing the same report, wait for it instead of failing (exit 75).")
    var wait = false

    func validate() throws {
        if shards.isEmpty { throw ValidationError("give the shard reports (or their folder) to merge") }
    }

    func run() throws {
        try CLIError.run {
            Interrupt.install()
            let inputs = try SweepMerge.inputs(shards)
            if inputs.contains(where: { Self.sameFile($0, out) }) {
                throw ValidationError("--out \(out) is one of the shard reports")
            }
            let outcome = try SweepMerge.outcome(of: inputs)
            if Interrupt.isRequested { throw SimulationCancelled() }
            try SweepReport.build(outcome, to: out, wait: wait, isCancelled: { Interrupt.isRequested })
            print(try SweepSummary.render(dbPath: out))
            print("report: \(out)")
        }
    }

    /// True when both paths name one existing file.
    static func sameFile(_ a: String, _ b: String) -> Bool {
        let x = (a as NSString).resolvingSymlinksInPath
        let y = (b as NSString).resolvingSymlinksInPath
        return x == y || (URL(fileURLWithPath: x).standardizedFileURL == URL(fileURLWithPath: y).standardizedFileURL)
    }
}
