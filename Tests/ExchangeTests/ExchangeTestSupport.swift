import Exchange
import Foundation
import Market
import TestSupport

/// Builders shared by the exchange tests: BTCUSDT-like rules, klines from text, an event log,
/// and a driver that runs the loop's event order.
enum TestMarket {
    static let btc: Symbol = "BTCUSDT"
    /// 2024-01-01T00:00:00Z.
    static let start = Timestamp(year: 2024, month: 1, day: 1)

    /// BTCUSDT leverage brackets (freqtrade snapshot 2024-10-24, first five tiers).
    static let btcBrackets: [LeverageBracket] = [
        LeverageBracket(
            bracket: 1, initialLeverage: 125, notionalFloor: 0, notionalCap: 50_000, maintMarginRatio: Rate("0.004")!,
            cum: 0),
        LeverageBracket(
            bracket: 2, initialLeverage: 100, notionalFloor: 50_000, notionalCap: 600_000,
            maintMarginRatio: Rate("0.005")!, cum: 50),
        LeverageBracket(
            bracket: 3, initialLeverage: 75, notionalFloor: 600_000, notionalCap: 3_000_000,
            maintMarginRatio: Rate("0.0065")!, cum: 950),
        LeverageBracket(
            bracket: 4, initialLeverage: 50, notionalFloor: 3_000_000, notionalCap: 12_000_000,
            maintMarginRatio: Rate("0.01")!, cum: 11_450),
        LeverageBracket(
            bracket: 5, initialLeverage: 25, notionalFloor: 12_000_000, notionalCap: 70_000_000,
            maintMarginRatio: Rate("0.02")!, cum: 131_450),
    ]

    static func rules(
        _ symbol: Symbol = btc, tick: String = "0.1", step: String = "0.001", minQuantity: String = "0.001",
        pricePrecision: Int = 2, quantityPrecision: Int = 3, minNotional: String = "5",
        brackets: [LeverageBracket] = btcBrackets, liquidationFee: String = "0.0125", triggerProtect: String = "0.05"
    ) -> SymbolRules {
        SymbolRules(
            symbol: symbol, baseAsset: "BTC", pricePrecision: pricePrecision, quantityPrecision: quantityPrecision,
            tickSize: Price(tick)!, minPrice: Price("100")!, maxPrice: Price("1000000")!, stepSize: Quantity(step)!,
            minQuantity: Quantity(minQuantity)!, maxQuantity: Quantity("1000")!, marketMaxQuantity: Quantity("120")!,
            minNotional: Money(minNotional)!, multiplierUp: Rate("1.05")!, multiplierDown: Rate("0.95")!,
            triggerProtect: Rate(triggerProtect)!, liquidationFee: Rate(liquidationFee)!,
            marketTakeBound: Rate("0.05")!, brackets: brackets)
    }

    /// Klines from (open, high, low, close) text, consecutive bars from `start`.
    static func klines(
        _ symbol: Symbol = btc, interval: Interval = .m1, start: Timestamp = start,
        _ bars: [(String, String, String, String)]
    ) -> KlineSeries {
        var series = KlineSeries(symbol: symbol, interval: interval)
        var time = start
        for bar in bars {
            series.append(
                Kline(
                    openTime: time, open: Price(bar.0)!, high: Price(bar.1)!, low: Price(bar.2)!, close: Price(bar.3)!,
                    volume: 1, closeTime: interval.next(after: time).adding(milliseconds: -1)))
            time = interval.next(after: time)
        }
        return series
    }

    /// BTCUSDT klines from (open, high, low, close) text.
    static func klines(_ bars: [(String, String, String, String)]) -> KlineSeries { klines(btc, bars) }

    /// A flat bar at `price`.
    static func flat(_ price: String) -> (String, String, String, String) { (price, price, price, price) }

    /// Fee-free configuration (hand-checked liquidation and PnL numbers).
    static func feeless(_ base: ExchangeConfiguration = ExchangeConfiguration()) -> ExchangeConfiguration {
        var configuration = base
        configuration.makerFee = .zero
        configuration.takerFee = .zero
        return configuration
    }

    static func exchange(
        _ configuration: ExchangeConfiguration = ExchangeConfiguration(), _ markets: [SymbolMarket]
    ) -> SimulatedExchange {
        try! SimulatedExchange(configuration: configuration, markets: markets)
    }

    static func market(_ bars: [(String, String, String, String)], rules: SymbolRules = rules()) -> SymbolMarket {
        SymbolMarket(rules: rules, klines: klines(rules.symbol, bars))
    }

    // MARK: Requests

    static func marketOrder(
        _ side: Side, _ positionSide: PositionSide, _ quantity: String, symbol: Symbol = btc
    )
        -> OrderRequest
    {
        OrderRequest(
            symbol: symbol, side: side, positionSide: positionSide, type: .market, quantity: Quantity(quantity)!)
    }

    static func limitOrder(
        _ side: Side, _ positionSide: PositionSide, _ quantity: String, at price: String, _ tif: TimeInForce = .gtc,
        symbol: Symbol = btc
    ) -> OrderRequest {
        OrderRequest(
            symbol: symbol, side: side, positionSide: positionSide, type: .limit, quantity: Quantity(quantity)!,
            price: Price(price)!, timeInForce: tif)
    }

    static func stopOrder(
        _ type: OrderType, _ side: Side, _ positionSide: PositionSide, _ quantity: String?, stop: String,
        price: String? = nil, working: WorkingType = .contractPrice, closePosition: Bool = false,
        tif: TimeInForce? = nil, oco: Int64? = nil, symbol: Symbol = btc
    ) -> OrderRequest {
        OrderRequest(
            symbol: symbol, side: side, positionSide: positionSide, type: type,
            quantity: quantity.map { Quantity($0)! },
            price: price.map { Price($0)! }, stopPrice: Price(stop)!, timeInForce: tif, workingType: working,
            closePosition: closePosition, ocoGroup: oco)
    }
}

/// Records every event an exchange emits.
final class EventLog {
    var events: [ExchangeEvent] = []

    init(_ exchange: SimulatedExchange) {
        exchange.onEvent = { [unowned self] event in self.events.append(event) }
    }

    var fills: [Fill] {
        events.compactMap { if case .fill(let fill) = $0 { fill } else { nil } }
    }

    var updates: [OrderUpdate] {
        events.compactMap { if case .order(let update) = $0 { update } else { nil } }
    }

    var funding: [FundingPayment] {
        events.compactMap { if case .funding(let payment) = $0 { payment } else { nil } }
    }

    func updates(of orderID: OrderID) -> [OrderUpdate] { updates.filter { $0.orderID == orderID } }

    func fills(of orderID: OrderID) -> [Fill] { fills.filter { $0.orderID == orderID } }
}

/// Runs the loop's event order over bars `range` of symbol 0 (one symbol) or every symbol:
/// funding, process, `decide` (step 3), mark to market.
func drive(
    _ exchange: SimulatedExchange, bars range: Range<Int>, decide: (Int) -> Void = { _ in }
) {
    for i in range {
        let time = exchange.barOpenTime(symbolIndex: 0, barIndex: i)!
        exchange.settleFunding(through: time)
        for s in exchange.symbolList.indices { exchange.processBar(symbolIndex: s, barIndex: i) }
        decide(i)
        for s in exchange.symbolList.indices { exchange.markToMarket(symbolIndex: s, barIndex: i) }
    }
}

extension Result where Success == OrderAck, Failure == ExchangeRejection {
    /// The accepted order's id (traps in tests when rejected).
    var orderID: OrderID {
        switch self {
        case .success(let ack): return ack.orderID
        case .failure(let rejection): fatalError("order rejected: \(rejection)")
        }
    }

    var rejection: ExchangeRejection? {
        if case .failure(let rejection) = self { return rejection }
        return nil
    }
}
