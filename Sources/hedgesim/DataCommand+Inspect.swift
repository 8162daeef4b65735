import ArgumentParser
import Feeds
import Pipeline

extension DataCommand {
    /// `hedgesim data inspect FILE…`: what each file holds.
    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print what each file holds: symbol, interval, rows, time range, gaps, price or rate range.",
            discussion: "Reading stops at a file's first problem; use `data verify` to list every problem.")

        @OptionGroup var options: DataFileOptions

        func run() throws {
            var status = ExitStatus.ok
            let funding = FundingReadOptions(
                utcOffsetSeconds: try options.utcOffsetSeconds(), gridHours: options.fundingGridHours)
            for (index, path) in options.files.enumerated() {
                if index > 0 { print("") }
                do {
                    Terminal.print(try DataFileReport.describe(path, funding: funding))
                } catch {
                    CLIError.print(CLIError.message(for: error))
                    if status == .ok { status = ExitStatus(error) }
                }
            }
            if status != .ok { throw status.exitCode }
        }
    }
}
