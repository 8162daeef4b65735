import Exchange
import Foundation
import Market
import Results
import TestSupport
import TradeEngine

@testable import Backtest

/// A temporary folder holding a scenario, its klines and its signals, for end-to-end tests that
/// need hand-made prices.
struct ScenarioWorkspace {
    let path: String

    init(_ name: String = "ws") {
        path =
            FileManager.default.temporaryDirectory.path
            + "/hedgesim-\(name)-\(ProcessInfo.processInfo.globallyUniqueString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes a file and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let file = path + "/" + name
        _ = FileManager.default.createFile(atPath: file, contents: Data(text.utf8))
        return file
    }

    /// A 12-column Binance kline CSV from (open, high, low, close) tuples of 1m bars from `start`.
    static func klines(start: Timestamp, _ bars: [(String, String, String, String)]) -> String {
        var text =
            "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore\n"
        for (i, bar) in bars.enumerated() {
            let open = start.milliseconds + Int64(i) * 60_000
            text += "\(open),\(bar.0),\(bar.1),\(bar.2),\(bar.3),10,\(open + 59_999),300000,100,5,150000,0\n"
        }
        return text
    }

    /// One signal line in the live contract.
    static func signal(
        strategy: String, symbol: String = "BTCUSDT", action: String, at time: Timestamp, price: String,
        confidence: String = "0.8", quantity: String = "0.0", stopLoss: String? = nil, takeProfit: String? = nil,
        stopLossPct: String? = nil, takeProfitPct: String? = nil, positionSizePct: String? = nil
    ) -> String {
        var fields = [
            "\"strategy_id\":\"\(strategy)\"", "\"symbol\":\"\(symbol)\"", "\"action\":\"\(action)\"",
            "\"confidence\":\(confidence)", "\"price\":\(price)", "\"current_price\":\(price)",
            "\"quantity\":\(quantity)", "\"source\":\"petrosa-cio\"", "\"strategy\":\"\(strategy)\"",
            "\"timestamp\":\"\(time.iso8601)\"",
        ]
        if let stopLoss { fields.append("\"stop_loss\":\(stopLoss)") }
        if let takeProfit { fields.append("\"take_profit\":\(takeProfit)") }
        if let stopLossPct { fields.append("\"stop_loss_pct\":\(stopLossPct)") }
        if let takeProfitPct { fields.append("\"take_profit_pct\":\(takeProfitPct)") }
        if let positionSizePct { fields.append("\"position_size_pct\":\(positionSizePct)") }
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// A scenario over the repository's symbol rules and brackets.
    func scenario(
        klines: [String: String], signals: String, extra: String = "", dataExtra: String = "", name: String = "s.yaml"
    ) -> String {
        let klineLines = klines.keys.sorted().map { "    \($0): \(klines[$0]!)" }.joined(separator: "\n")
        return write(
            name,
            """
            name: test
            data:
              interval: 1m
            \(dataExtra)
              klines:
            \(klineLines)
              symbol_rules: \(Fixtures.path("data/rules/exchange-info.json"))
              leverage_brackets: \(Fixtures.path("data/rules/leverage-brackets.json"))
            signals: \(signals)
            \(extra)
            """)
    }

    /// Loads and runs a scenario file (with overrides), checking `afterBar` at every bar.
    static func run(
        _ file: String, overrides: [String] = [],
        afterBar: ((Dispatcher<SimulatedExchange>, SimulatedExchange, Timestamp) -> Void)? = nil
    ) throws -> RunResult {
        let scenario = try ScenarioLoader.load(path: file, overrides: overrides)
        let data = try ScenarioData.load(scenario)
        return try Simulation.run(scenario, data: data, label: scenario.name, progress: nil, afterBar: afterBar)
    }
}
