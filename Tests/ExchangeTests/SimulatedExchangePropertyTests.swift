import Exchange
import Market
import TestSupport
import Testing

/// A random but reproducible trader: market, limit, stop, take-profit, stop-limit, trailing and
/// closePosition orders, OCO pairs and cancels, on either leg.
struct RandomTrader {
    var random: SplitMix64
    let symbol: Symbol
    let tick: Int64
    /// Trade only the LONG leg (drives a cross account into liquidation on the crash).
    var longOnly = false

    mutating func act(on exchange: SimulatedExchange, openOrders: inout [OrderID]) {
        for _ in 0..<random.int(0...3) {
            guard let last = exchange.lastPrice(symbol) else { return }
            let side = random.pick([Side.buy, .sell])
            let positionSide = longOnly ? .long : random.pick([PositionSide.long, .short])
            let quantity = Quantity(raw: Int64(random.int(1...300)) * 10_000_000)
            let offset = Int64(random.int(1...400)) * tick
            let above = Price(raw: last.raw + offset)
            let below = Price(raw: max(tick, last.raw - offset))
            let working = random.pick([WorkingType.contractPrice, .markPrice])
            let oco: Int64? = random.int(0...3) == 0 ? Int64(random.int(1...5)) : nil
            var request: OrderRequest
            switch random.int(0...9) {
            case 0, 1:
                request = OrderRequest(
                    symbol: symbol, side: side, positionSide: positionSide, type: .market, quantity: quantity)
            case 2, 3:
                let price = random.int(0...1) == 0 ? above : below
                request = OrderRequest(
                    symbol: symbol, side: side, positionSide: positionSide, type: .limit, quantity: quantity,
                    price: price, timeInForce: random.pick([.gtc, .gtc, .ioc, .fok, .gtx]))
            case 4, 5:
                let type = random.pick([OrderType.stopMarket, .takeProfitMarket])
                let rises = (type == .stopMarket) == (side == .buy)
                request = OrderRequest(
                    symbol: symbol, side: side, positionSide: positionSide, type: type, quantity: quantity,
                    stopPrice: rises ? above : below, workingType: working, ocoGroup: oco)
            case 6:
                let type = random.pick([OrderType.stop, .takeProfit])
                let rises = (type == .stop) == (side == .buy)
                let stop = rises ? above : below
                request = OrderRequest(
                    symbol: symbol, side: side, positionSide: positionSide, type: type, quantity: quantity,
                    price: Price(raw: stop.raw + Int64(random.int(-20...20)) * tick), stopPrice: stop,
                    timeInForce: random.pick([.gtc, .ioc, .gteGtc]), workingType: working, ocoGroup: oco)
            case 7:
                let type = random.pick([OrderType.stopMarket, .takeProfitMarket])
                let close = positionSide.closingSide
                let rises = (type == .stopMarket) == (close == .buy)
                request = OrderRequest(
                    symbol: symbol, side: close, positionSide: positionSide, type: type,
                    stopPrice: rises ? above : below, workingType: working, closePosition: true, ocoGroup: oco)
            case 8:
                request = OrderRequest(
                    symbol: symbol, side: side, positionSide: positionSide, type: .trailingStopMarket,
                    quantity: quantity, workingType: working,
                    activationPrice: random.int(0...1) == 0 ? nil : (side == .sell ? above : below),
                    callbackRate: Rate(raw: Int64(random.int(1...50)) * 10_000_000))
            default:
                if !openOrders.isEmpty {
                    let id = openOrders.remove(at: random.int(0...(openOrders.count - 1)))
                    _ = exchange.cancel(symbol: symbol, orderID: id)
                }
                continue
            }
            if case .success(let ack) = exchange.place(request), ack.status == .new { openOrders.append(ack.orderID) }
        }
    }
}

/// Checks every event as it arrives: wallet identity, fills inside their bar, legs never negative.
final class InvariantChecker {
    let exchange: SimulatedExchange
    let klines: KlineSeries
    let initial: Money
    var realized = Money.zero
    var commissions = Money.zero
    var funding = Money.zero
    var liquidationFees = Money.zero
    var events: [ExchangeEvent] = []
    var violations: [String] = []

    init(_ exchange: SimulatedExchange, klines: KlineSeries, initial: Money) {
        self.exchange = exchange
        self.klines = klines
        self.initial = initial
        exchange.onEvent = { [unowned self] event in self.record(event) }
    }

    func record(_ event: ExchangeEvent) {
        events.append(event)
        switch event {
        case .fill(let fill):
            realized += fill.realizedPnL
            commissions += fill.commission
            liquidationFees += fill.liquidationFee
            let index = klines.firstIndex(atOrAfter: fill.barTime)
            let inside =
                index < klines.count && klines.openTimes[index] == fill.barTime.milliseconds
                && fill.price.raw >= klines.lows[index] && fill.price.raw <= klines.highs[index]
            if !inside && !fill.isLiquidation { violations.append("fill outside its bar: \(fill)") }
            if fill.quantity.raw <= 0 { violations.append("empty fill: \(fill)") }
        case .funding(let payment):
            funding += payment.amount
        case .order:
            break
        }
    }

    func check(_ context: String) {
        let expected = initial + realized - commissions + funding - liquidationFees
        if exchange.walletBalance != expected {
            violations.append("\(context): wallet \(exchange.walletBalance) ≠ \(expected)")
        }
        for side in [PositionSide.long, .short] {
            let leg = exchange.position(klines.symbol, side)
            if leg.quantity.isNegative || leg.costBasis.isNegative { violations.append("\(context): negative \(side)") }
        }
    }
}

@Suite struct SimulatedExchangePropertyTests {
    struct Scenario: Sendable, CustomTestStringConvertible {
        var seed: UInt64
        var mode: MarginMode
        var policy: PricePathPolicy
        var balance: Money = 1000
        var longOnly = false
        var testDescription: String { "seed \(seed) \(mode) \(policy) \(balance) USDT" }
    }

    static let scenarios = [
        Scenario(seed: 1, mode: .cross, policy: .adaptive), Scenario(seed: 2, mode: .isolated, policy: .pessimistic),
        Scenario(seed: 3, mode: .cross, policy: .ohlc), Scenario(seed: 4, mode: .isolated, policy: .olhc),
        Scenario(seed: 5, mode: .cross, policy: .adaptive, balance: 200, longOnly: true),
        Scenario(seed: 6, mode: .cross, policy: .pessimistic, balance: 150),
    ]

    /// Two days of real FILUSDT 1m klines around the 2024-04-12 crash, with 8-hourly funding.
    static func market() -> SymbolMarket? {
        let all = FILData.klines
        let start = Timestamp(year: 2024, month: 4, day: 12)
        let klines = all.slice(from: start, through: start.adding(seconds: 2 * 86_400 - 60))
        var random = SplitMix64(seed: 99)
        let funding = (1...5).map { k in
            FundingRate(
                time: start.adding(seconds: Int64(k) * 8 * 3600), rate: Rate(raw: Int64(random.int(-50_000...50_000))))
        }
        return SymbolMarket(rules: FILData.rules, klines: klines, funding: funding)
    }

    static func run(_ scenario: Scenario) -> (events: [ExchangeEvent], violations: [String], bars: Int) {
        guard let market = market() else { return ([], ["no data"], 0) }
        var configuration = ExchangeConfiguration(initialBalance: scenario.balance)
        configuration.marginMode = scenario.mode
        configuration.pricePath = scenario.policy
        configuration.defaultLeverage = 20
        let exchange = TestMarket.exchange(configuration, [market])
        let checker = InvariantChecker(exchange, klines: market.klines, initial: configuration.initialBalance)
        var trader = RandomTrader(
            random: SplitMix64(seed: scenario.seed), symbol: "FILUSDT", tick: 100_000, longOnly: scenario.longOnly)
        var openOrders: [OrderID] = []
        for i in 0..<market.klines.count {
            exchange.settleFunding(through: Timestamp(milliseconds: market.klines.openTimes[i]))
            checker.check("funding \(i)")
            exchange.processBar(symbolIndex: 0, barIndex: i)
            checker.check("bar \(i)")
            trader.act(on: exchange, openOrders: &openOrders)
            checker.check("orders \(i)")
            exchange.markToMarket(symbolIndex: 0, barIndex: i)
            checker.check("mark \(i)")
        }
        return (checker.events, checker.violations, market.klines.count)
    }

    @Test(arguments: scenarios)
    func randomOrderStreamsKeepTheBooksExact(_ scenario: Scenario) {
        let first = Self.run(scenario)
        #expect(first.bars == 2880)
        #expect(first.violations.isEmpty, "\(first.violations.prefix(3))")
        let fills = first.events.filter { if case .fill = $0 { true } else { false } }
        #expect(fills.count > 100)
        let second = Self.run(scenario)
        #expect(first.events == second.events)
    }
}
