import Foundation
import Market
import TestSupport

/// A test-only reader for Binance's 12-column kline CSV (header optional). The real reader
/// lives in `Feeds`, which this target does not depend on.
extension KlineSeries {
    static func loadTestCSV(path: String, symbol: Symbol, interval: Interval) -> KlineSeries? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        var series = KlineSeries(symbol: symbol, interval: interval)
        for line in text.split(separator: "\n") {
            guard let first = line.first, first.isNumber else { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count >= 6, let time = Int64(fields[0]), let open = Price(fields[1]),
                let high = Price(fields[2]), let low = Price(fields[3]), let close = Price(fields[4]),
                let volume = Quantity(fields[5])
            else { return nil }
            series.append(
                openTime: time, open: open.raw, high: high.raw, low: low.raw, close: close.raw, volume: volume.raw)
        }
        return series
    }
}

/// The real FILUSDT 1m klines of April 2024 (data.binance.vision), looked up in the repository's
/// `data/` folder first, then in the shared data folder the project was set up with.
enum FILData {
    static let relative = "data/real/owlacar-dotcom_isda/FILUSDT-1m-2024-04.csv"

    static let klines: KlineSeries? = {
        for path in [Fixtures.path(relative), "/work/shared/" + relative] {
            if let series = KlineSeries.loadTestCSV(path: path, symbol: "FILUSDT", interval: .m1) { return series }
        }
        return nil
    }()

    static var available: Bool { klines != nil }

    /// FILUSDT rules close to the 2024 exchangeInfo entry.
    static let rules = SymbolRules(
        symbol: "FILUSDT", baseAsset: "FIL", pricePrecision: 3, quantityPrecision: 1, tickSize: Price("0.001")!,
        minPrice: Price("0.001")!, maxPrice: Price("2000")!, stepSize: Quantity("0.1")!, minQuantity: Quantity("0.1")!,
        maxQuantity: Quantity("1000000")!, minNotional: Money("5")!, multiplierUp: Rate("1.05")!,
        multiplierDown: Rate("0.95")!, triggerProtect: Rate("0.05")!, liquidationFee: Rate("0.015")!,
        brackets: [
            LeverageBracket(
                bracket: 1, initialLeverage: 50, notionalFloor: 0, notionalCap: 5_000,
                maintMarginRatio: Rate("0.01")!, cum: 0),
            LeverageBracket(
                bracket: 2, initialLeverage: 25, notionalFloor: 5_000, notionalCap: 25_000,
                maintMarginRatio: Rate("0.02")!, cum: 50),
            LeverageBracket(
                bracket: 3, initialLeverage: 20, notionalFloor: 25_000, notionalCap: 100_000,
                maintMarginRatio: Rate("0.025")!, cum: 175),
            LeverageBracket(
                bracket: 4, initialLeverage: 10, notionalFloor: 100_000, notionalCap: 1_000_000,
                maintMarginRatio: Rate("0.05")!, cum: 2_675),
        ])
}
