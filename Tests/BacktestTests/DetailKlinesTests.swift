import Exchange
import Feeds
import Foundation
import Market
import Results
import TestSupport
import Testing

@testable import Backtest

/// `data.detail_klines` end to end: the AVAXUSDT month resampled to 1h bars drives the run; the
/// original 1m klines resolve the bars whose high/low order decided an exit.
@Suite struct DetailKlinesTests {
    static func hourly(_ series: KlineSeries) -> String {
        var text =
            "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore\n"
        var i = 0
        while i < series.count {
            let start = series.openTimes[i] - series.openTimes[i] % 3_600_000
            var high = series.highs[i], low = series.lows[i], volume: Int64 = 0
            let open = series.opens[i]
            var j = i
            while j < series.count && series.openTimes[j] < start + 3_600_000 {
                high = max(high, series.highs[j])
                low = min(low, series.lows[j])
                volume += series.volumes[j]
                j += 1
            }
            let p = { (raw: Int64) in Price(raw: raw).formatted(decimals: 4) }
            text +=
                "\(start),\(p(open)),\(p(high)),\(p(low)),\(p(series.closes[j - 1])),\(Quantity(raw: volume)),\(start + 3_599_999),0,0,0,0,0\n"
            i = j
        }
        return text
    }

    /// The hourly scenario without and with the 1m detail klines: tight levels, so that many
    /// hourly bars reach both the stop and the target.
    static func scenarios() throws -> (without: String, with: String) {
        let minute = Fixtures.path("data/klines/AVAXUSDT-1m-2026-02.csv.zst")
        let ws = ScenarioWorkspace("detail")
        let hourly = ws.write("AVAXUSDT-1h.csv", Self.hourly(try KlineReader.read(minute).series))
        let signals = ws.write(
            "s.jsonl",
            (0..<200).map { k in
                ScenarioWorkspace.signal(
                    strategy: "s\(k % 4)", symbol: "AVAXUSDT", action: k % 2 == 0 ? "buy" : "sell",
                    at: Timestamp(iso8601: "2026-02-01T01:00:00Z")!.adding(seconds: Int64(k) * 3 * 3600),
                    price: "9", quantity: "20", stopLossPct: "0.004", takeProfitPct: "0.004")
            }.joined(separator: "\n") + "\n")
        func scenario(detail: Bool) -> String {
            var text = """
                name: detail
                data:
                  interval: 1h
                  klines: {AVAXUSDT: \(hourly)}

                """
            if detail { text += "  detail_klines: {AVAXUSDT: \(minute)}\n" }
            text += """
                  symbol_rules: \(Fixtures.path("data/rules/exchange-info.json"))
                  leverage_brackets: \(Fixtures.path("data/rules/leverage-brackets.json"))
                signals: \(signals)
                engine: {reentry_cooldown: 0s}

                """
            return ws.write(detail ? "with.yaml" : "without.yaml", text)
        }
        return (scenario(detail: false), scenario(detail: true))
    }

    @Test func detailKlinesResolveAmbiguousBars() throws {
        let (withoutPath, withPath) = try Self.scenarios()
        func scenario(detail: Bool) -> String { detail ? withPath : withoutPath }
        let without = try ScenarioWorkspace.run(scenario(detail: false))
        let with = try ScenarioWorkspace.run(scenario(detail: true))
        let ambiguousWithout = without.fills.filter(\.fill.ambiguous).count
        let ambiguousWith = with.fills.filter(\.fill.ambiguous).count
        #expect(ambiguousWithout > 10)
        #expect(ambiguousWith < ambiguousWithout / 4)
        #expect(with.fills.contains { $0.fill.pathPoint == .detail })
        #expect(!without.fills.contains { $0.fill.pathPoint == .detail })
        // The same entries either way: only the exits' order changed.
        #expect(with.strategyPositions.count == without.strategyPositions.count)
    }

    /// Streamed detail klines (spilled, read in place, the pages before the bars kept handed
    /// back) give the results of loaded ones, over the month and over a range that ends inside
    /// it (the detail bars run through the last hourly bar's end).
    @Test(arguments: [[], ["data.start=2026-02-03T05:00:00Z", "data.end=2026-02-17T13:00:00Z"]])
    func streamedDetailKlinesEqualLoaded(_ overrides: [String]) throws {
        let scenario = try ScenarioLoader.load(path: try Self.scenarios().with, overrides: overrides)
        #expect(ScenarioData.canStream(scenario))
        let loaded = try ScenarioData.load(scenario)
        let streamed = try ScenarioData.load(scenario, streaming: true)
        #expect(loaded.markets[0].detailKlines != nil)
        #expect(streamed.markets[0].detailKlines == nil)
        #expect(streamed.streamed?[0].detail?.count == loaded.markets[0].detailKlines?.count)
        let whole = try Simulation.run(scenario, data: loaded, label: "x")
        let small = try Simulation.run(
            scenario, data: streamed, label: "x", progress: nil, afterBar: nil, streamWindow: 40)
        #expect(whole.fills.contains { $0.fill.pathPoint == .detail })
        #expect(small.resultDigest == whole.resultDigest)
        #expect(small.fills.map(\.fill) == whole.fills.map(\.fill))
    }
}
