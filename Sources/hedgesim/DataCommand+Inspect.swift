import ArgumentParser
import Feeds
import Market

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
                    try inspect(path, funding: funding)
                } catch {
                    CLIError.print(CLIError.message(for: error))
                    if status == .ok { status = ExitStatus(error) }
                }
            }
            if status != .ok { throw status.exitCode }
        }

        func inspect(_ path: String, funding: FundingReadOptions) throws(FeedError) {
            switch try FeedKind.detect(path) {
            case .klines:
                let file = try KlineReader.read(path)
                print(DataCommand.describe(file.report))
            case .funding:
                let file = try FundingReader.read(path, options: funding)
                print(DataCommand.describe(file.report))
            case .exchangeInfo:
                let rules = try ExchangeInfoReader.read(path)
                print(path)
                print(
                    DataCommand.field(
                        "rules",
                        "exchangeInfo, \(rules.count) symbols: " + rules.map(\.symbol.name).joined(separator: ", ")))
            case .leverageBrackets:
                let brackets = try LeverageBracketReader.read(path)
                print(path)
                let list = brackets.map { entry in
                    "\(entry.symbol) (\(entry.brackets.count), \(entry.brackets.map(\.initialLeverage).max() ?? 0)x)"
                }
                print(
                    DataCommand.field(
                        "brackets", "leverage brackets, \(brackets.count) symbols: " + list.joined(separator: ", ")))
            }
        }
    }

    /// One indented `name  value` line.
    static func field(_ name: String, _ value: String) -> String {
        "  " + name + String(repeating: " ", count: max(1, 13 - name.count)) + value
    }

    static func describe(_ report: KlineReport) -> String {
        var lines = [report.path]
        let header = report.hasHeader ? "header" : "no header"
        lines.append(
            field(
                "klines",
                "\(report.symbol) \(report.interval) (interval from \(report.intervalSource)); \(report.format), "
                    + "\(header), \(report.timeFormat)"))
        lines.append(field("rows", "\(report.rows)"))
        if let first = report.firstOpenTime, let last = report.lastOpenTime {
            lines.append(field("time", "\(first) … \(last)"))
        }
        if let largest = report.largestGap {
            lines.append(
                field(
                    "gaps",
                    "\(report.gaps.count) (\(report.missingBars) bars missing); largest \(largest.missingBars) bars, "
                        + "\(largest.from) … \(largest.through)"))
        } else {
            lines.append(field("gaps", "none"))
        }
        if let low = report.lowestPrice, let high = report.highestPrice {
            lines.append(field("price", "\(low) … \(high)"))
        }
        return lines.joined(separator: "\n")
    }

    static func describe(_ report: FundingReport) -> String {
        var lines = [report.path]
        lines.append(field("funding", "\(report.symbol.map(\.name) ?? "symbol unknown"); \(report.format)"))
        lines.append(field("rows", "\(report.rows)"))
        if let first = report.firstTime, let last = report.lastTime {
            lines.append(field("time", "\(first) … \(last)"))
        }
        let intervals = report.intervals.map { "\($0.hours)h × \($0.count)" }.joined(separator: ", ")
        lines.append(field("interval", intervals.isEmpty ? "unknown" : intervals))
        if let low = report.minimumRate, let high = report.maximumRate {
            let mean = report.meanRate.map { ", mean \($0)" } ?? ""
            lines.append(field("rate", "min \(low), max \(high)\(mean)"))
        }
        return lines.joined(separator: "\n")
    }
}
