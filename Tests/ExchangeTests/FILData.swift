import Feeds
import Market
import TestSupport

/// The real FILUSDT 1m klines of April 2024 (data.binance.vision) from the repository's sample
/// data, read with the `Feeds` kline reader.
enum FILData {
    static let path = Fixtures.path("data/klines/FILUSDT-1m-2024-04.csv.zst")

    /// The klines; a missing or unreadable sample file fails the test that needs it.
    static let klines: KlineSeries = {
        do {
            return try KlineReader.read(path).series
        } catch {
            fatalError("sample data missing: \(error)")
        }
    }()

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
