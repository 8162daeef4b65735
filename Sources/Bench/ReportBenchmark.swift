import Foundation
import Market
import Pipeline
import Reports
public import Results
import TradeEngine

/// Measures the report writer's throughput on synthetic fills (`hedgesim bench report`).
///
/// The synthetic run is deterministic; only the timing uses a clock, and it never reaches a
/// report.
public enum ReportBenchmark {
    /// The timings of several writes of the same run.
    public struct Result: Sendable {
        /// Rows written per repetition (fills plus the single `runs` and `run_timings` rows).
        public var rows: Int
        /// Seconds of each repetition: the whole `ReportWriter.write` (tables, indexes, views,
        /// fsync, rename).
        public var seconds: [Double]

        /// The median time.
        public var medianSeconds: Double {
            let sorted = seconds.sorted()
            guard !sorted.isEmpty else { return 0 }
            let mid = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
        }

        /// Rows per second at the median time.
        public var rowsPerSecond: Double { medianSeconds > 0 ? Double(rows) / medianSeconds : 0 }

        /// The printout of `hedgesim bench report`: every write's time, then the median and the rate.
        public var lines: [String] {
            seconds.enumerated().map { "write \($0.offset + 1): \(String(format: "%.3f", $0.element)) s" } + [
                "rows \(rows), median \(String(format: "%.3f", medianSeconds)) s, "
                    + "\(String(format: "%.0f", rowsPerSecond)) rows/s"
            ]
        }
    }

    /// A run whose only records are `fills` synthetic fills (two symbols, both legs, entries and
    /// closes, a 1-minute clock).
    public static func syntheticRun(fills: Int, header: RunHeader) -> RunResult {
        var run = RunResult(
            header: header, label: "bench", engineVersion: HedgesimVersion.current, initialBalance: 10_000)
        run.fills.reserveCapacity(fills)
        let start = Timestamp(year: 2026, month: 2, day: 1)
        let symbols: [Symbol] = ["BTCUSDT", "ETHUSDT"]
        for i in 0..<fills {
            let symbol = symbols[i & 1]
            let positionSide: PositionSide = (i >> 1) & 1 == 0 ? .long : .short
            let closing = (i >> 2) & 1 == 1
            let side = closing ? positionSide.closingSide : positionSide.openingSide
            let price = Price(
                raw: (symbol == "BTCUSDT" ? 97_000 : 3_400) * fixedPointOne + Int64(i % 10_000) * 1_000_000)
            let quantity = Quantity(raw: 1_000_000 * Int64(1 + i % 7))
            let quote = price.notional(quantity)
            let time = start.adding(milliseconds: Int64(i) * 60_000)
            let fill = Fill(
                tradeID: TradeID(i + 1), orderID: OrderID(i / 2 + 1), clientOrderID: nil, symbol: symbol, side: side,
                positionSide: positionSide, orderType: closing ? .takeProfitMarket : .market, price: price,
                quantity: quantity, quoteQuantity: quote, commission: quote.scaled(by: 5, over: 10_000, .nearest),
                commissionAsset: .usdt,
                realizedPnL: closing ? Money(raw: Int64(i % 2_000) * 1_000_000 - 900_000_000) : .zero,
                isMaker: false, isLiquidation: false, liquidationFee: .zero, time: time, barTime: time,
                pathPoint: closing ? .high : .open, ambiguous: i % 97 == 0, cumulativeQuantity: quantity,
                orderStatus: .filled)
            run.fills.append(
                FillRecord(
                    fill: fill, purpose: closing ? .takeProfit : .entry,
                    strategyPositionID: "sp-" + String(i / 8 + 1),
                    strategyID: i % 3 == 0 ? "momentum" : "mean_reversion"))
        }
        return run
    }

    /// The header of the synthetic run: a scenario `bench` in `directory` (created when missing).
    public static func header(in directory: String) throws -> RunHeader {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return RunHeader(
            scenario: "bench", scenarioFile: directory + "/bench.yaml", description: "", settingsJSON: "{}",
            portableSettingsJSON: "{}", sameDirection: "accumulate", protection: "per_strategy", positionMode: "hedge",
            pricePath: "adaptive", fillReference: "next_open", interval: "1m", symbols: ["BTCUSDT", "ETHUSDT"])
    }

    /// Writes a run of `rows` synthetic fills `repetitions` times into `directory/bench.sqlite`
    /// and returns the timings.
    ///
    /// - Parameter directory: where to write; nil: a temporary folder, removed afterwards.
    public static func measure(rows: Int, repetitions: Int = 5, directory: String? = nil) throws -> Result {
        let folder =
            directory ?? FileManager.default.temporaryDirectory.path + "/hedgesim-bench-"
            + ProcessInfo.processInfo.globallyUniqueString
        defer { if directory == nil { try? FileManager.default.removeItem(atPath: folder) } }
        let run = syntheticRun(fills: rows, header: try header(in: folder))
        let path = folder + "/bench.sqlite"
        let clock = ContinuousClock()
        var seconds: [Double] = []
        for _ in 0..<max(1, repetitions) {
            seconds.append(TextFormat.seconds(try clock.measure { try ReportWriter.write([run], to: path) }))
        }
        return Result(rows: rows + 2, seconds: seconds)
    }
}
