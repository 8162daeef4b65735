import ArgumentParser
import Feeds

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
                let (summary, problems) = check(path, funding: funding)
                if problems.isEmpty {
                    print("\(path): ok (\(summary))")
                    continue
                }
                for problem in problems.errors {
                    print(problem.kind == .missingFile ? "\(path): no such file" : problem.description)
                }
                if problems.omitted > 0 { print("\(path): \(problems.omitted) more problems not listed") }
                let first = ExitStatus(problems.errors[0])
                if status == .ok || first == .missingFile { status = first }
            }
            if status != .ok { throw status.exitCode }
        }

        /// A one-line summary and the problems of one file.
        func check(_ path: String, funding: FundingReadOptions) -> (String, FeedProblems) {
            let kind: FeedKind
            do {
                kind = try FeedKind.detect(path)
            } catch {
                var problems = FeedProblems(limit: maxProblems)
                problems.record(error)
                return ("", problems)
            }
            switch kind {
            case .klines:
                let result = KlineReader.verify(path, options: KlineReadOptions(allowGaps: !noGaps), limit: maxProblems)
                let count = result.report.gaps.count
                let gaps = count == 0 ? "no gaps" : count == 1 ? "1 gap" : "\(count) gaps"
                return (
                    "klines, \(result.report.symbol) \(result.report.interval), \(result.report.rows) rows, \(gaps)",
                    result.problems
                )
            case .funding:
                let result = FundingReader.verify(path, options: funding, limit: maxProblems)
                return ("funding, \(result.report.rows) rows", result.problems)
            case .exchangeInfo:
                let result = ExchangeInfoReader.verify(path, limit: maxProblems)
                return ("exchangeInfo, \(result.rules.count) symbols", result.problems)
            case .leverageBrackets:
                let result = LeverageBracketReader.verify(path, limit: maxProblems)
                return ("leverage brackets, \(result.brackets.count) symbols", result.problems)
            }
        }
    }
}
