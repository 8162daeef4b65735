public import Feeds
import Market

/// `hedgesim data inspect` and `data verify`: what a market data file holds, and every problem
/// in it. The kind of file (klines, funding, exchangeInfo, leverage brackets) is detected.
public enum DataFileReport {
    /// What the file holds, as indented `name  value` lines under its path: for klines the
    /// symbol, interval, format, rows, time range, gaps and price range; for funding the rows,
    /// time range, intervals and rates; for rules and brackets the symbols.
    ///
    /// - Throws: `FeedError` at the file's first problem.
    public static func describe(_ path: String, funding: FundingReadOptions) throws(FeedError) -> String {
        switch try FeedKind.detect(path) {
        case .klines:
            return describe(try KlineReader.read(path).report)
        case .funding:
            return describe(try FundingReader.read(path, options: funding).report)
        case .exchangeInfo:
            let rules = try ExchangeInfoReader.read(path)
            return path + "\n"
                + field(
                    "rules", "exchangeInfo, \(rules.count) symbols: " + rules.map(\.symbol.name).joined(separator: ", ")
                )
        case .leverageBrackets:
            let brackets = try LeverageBracketReader.read(path)
            let list = brackets.map { entry in
                "\(entry.symbol) (\(entry.brackets.count), \(entry.brackets.map(\.initialLeverage).max() ?? 0)x)"
            }
            return path + "\n"
                + field("brackets", "leverage brackets, \(brackets.count) symbols: " + list.joined(separator: ", "))
        }
    }

    /// Checks the whole file.
    ///
    /// - Parameters:
    ///   - allowGaps: missing klines are not problems.
    ///   - limit: problems listed at most (the rest are counted).
    /// - Returns: a one-line summary (`klines, AVAXUSDT 1m, 40320 rows, no gaps`; empty when the
    ///   kind could not be detected) and the problems.
    public static func verify(
        _ path: String, funding: FundingReadOptions, allowGaps: Bool, limit: Int
    ) -> (summary: String, problems: FeedProblems) {
        let kind: FeedKind
        do {
            kind = try FeedKind.detect(path)
        } catch {
            var problems = FeedProblems(limit: limit)
            problems.record(error)
            return ("", problems)
        }
        switch kind {
        case .klines:
            let result = KlineReader.verify(path, options: KlineReadOptions(allowGaps: allowGaps), limit: limit)
            let count = result.report.gaps.count
            let gaps = count == 0 ? "no gaps" : count == 1 ? "1 gap" : "\(count) gaps"
            return (
                "klines, \(result.report.symbol) \(result.report.interval), \(result.report.rows) rows, \(gaps)",
                result.problems
            )
        case .funding:
            let result = FundingReader.verify(path, options: funding, limit: limit)
            return ("funding, \(result.report.rows) rows", result.problems)
        case .exchangeInfo:
            let result = ExchangeInfoReader.verify(path, limit: limit)
            return ("exchangeInfo, \(result.rules.count) symbols", result.problems)
        case .leverageBrackets:
            let result = LeverageBracketReader.verify(path, limit: limit)
            return ("leverage brackets, \(result.brackets.count) symbols", result.problems)
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
