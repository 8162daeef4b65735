import ArgumentParser
import Feeds
import Pipeline

extension DataCommand {
    /// `hedgesim data verify FILE…`: every problem in each file.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check files completely and name every problem as file:line: message (value).",
            discussion: "Exits 65 when a file is malformed, 66 when one is missing.")

        @OptionGroup var options: DataFileOptions

        @Flag(name: .customLong("no-gaps"), help: "Treat missing klines as errors.")
        var noGaps = false

        @Option(name: .customLong("max-problems"), help: "List at most this many problems per file.")
        var maxProblems = 100

        func validate() throws {
            guard maxProblems >= 1 else { throw ValidationError("--max-problems must be at least 1") }
        }

        func run() throws {
            var status = ExitStatus.ok
            let funding = FundingReadOptions(
                utcOffsetSeconds: try options.utcOffsetSeconds(), gridHours: options.fundingGridHours)
            for path in options.files {
                let (summary, problems) = DataFileReport.verify(
                    path, funding: funding, allowGaps: !noGaps, limit: maxProblems)
                if problems.isEmpty {
                    Terminal.print("\(path): ok (\(summary))")
                    continue
                }
                for problem in problems.errors {
                    Terminal.print(problem.kind == .missingFile ? "\(path): no such file" : problem.description)
                }
                if problems.omitted > 0 { Terminal.print("\(path): \(problems.omitted) more problems not listed") }
                let first = ExitStatus(problems.errors[0])
                if status == .ok || first == .missingFile { status = first }
            }
            if status != .ok { throw status.exitCode }
        }
    }
}
