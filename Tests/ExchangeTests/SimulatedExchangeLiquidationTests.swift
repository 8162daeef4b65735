import Exchange
import Market
import Testing

private func m(_ text: String) -> Money { Money(text)! }
private func p(_ text: String) -> Price { Price(text)! }

@Suite struct SimulatedExchangeLiquidationTests {
    /// Fee-free, 10×, `mode`; `orders[i]` is placed after bar i.
    static func run(
        _ bars: [(String, String, String, String)], mode: MarginMode, balance: Money = 10000,
        brackets: [LeverageBracket] = TestMarket.btcBrackets, orders: [Int: [OrderRequest]]
    ) -> (SimulatedExchange, EventLog) {
        var configuration = TestMarket.feeless(ExchangeConfiguration(initialBalance: balance))
        configuration.marginMode = mode
        let exchange = TestMarket.exchange(
            configuration, [TestMarket.market(bars, rules: TestMarket.rules(brackets: brackets))])
        let log = EventLog(exchange)
        drive(exchange, bars: 0..<bars.count) { i in
            for request in orders[i] ?? [] { _ = exchange.place(request).orderID }
        }
        return (exchange, log)
    }

    static func cents(_ price: Price?) -> Price? { price?.rounded(decimals: 2, .nearest) }

    @Test func isolatedLongMatchesTheWorkedCheck() {
        // 1 BTC at 50 000, 10×, W = 5 000, tier 1: LP = 45 000 / 0.996 = 45 180.72.
        let (exchange, _) = Self.run(
            [TestMarket.flat("50000"), TestMarket.flat("50000")], mode: .isolated,
            orders: [0: [TestMarket.marketOrder(.buy, .long, "1")]])
        let leg = exchange.position(TestMarket.btc, .long)
        #expect(leg.isolatedWallet == m("5000"))
        #expect(Self.cents(leg.liquidationPrice) == p("45180.72"))
        #expect(leg.marginMode == .isolated)
    }

    @Test func isolatedShortMatchesTheWorkedCheck() {
        // 1 BTC short at 50 000, W = 5 000, a single 0.4 % tier: LP = 55 000 / 1.004 = 54 780.88.
        let (exchange, _) = Self.run(
            [TestMarket.flat("50000"), TestMarket.flat("50000")], mode: .isolated, brackets: [],
            orders: [0: [TestMarket.marketOrder(.sell, .short, "1")]])
        #expect(Self.cents(exchange.position(TestMarket.btc, .short).liquidationPrice) == p("54780.88"))
    }

    @Test func isolatedLongInTier2MatchesTheWorkedCheck() {
        // 2 BTC at 60 000, 10×, W = 12 000, tier 2 (0.5 %, cum 50): LP = 54 246.23.
        let (exchange, _) = Self.run(
            [TestMarket.flat("60000"), TestMarket.flat("60000")], mode: .isolated, balance: 20000,
            orders: [0: [TestMarket.marketOrder(.buy, .long, "2")]])
        #expect(Self.cents(exchange.position(TestMarket.btc, .long).liquidationPrice) == p("54246.23"))
    }

    @Test func crossHedgeMatchesTheWorkedCheck() {
        // WB 10 000, LONG 1 at 50 000, SHORT 0.5 at 52 000, 0.4 % each:
        // LP = (10 000 − 50 000 + 26 000) / (0.006 − 0.5) = 28 340.08, shared by both legs.
        let (exchange, _) = Self.run(
            [TestMarket.flat("50000"), TestMarket.flat("50000"), TestMarket.flat("52000"), TestMarket.flat("52000")],
            mode: .cross, brackets: [],
            orders: [
                0: [TestMarket.marketOrder(.buy, .long, "1")], 1: [TestMarket.marketOrder(.sell, .short, "0.5")],
            ])
        #expect(exchange.walletBalance == m("10000"))
        #expect(Self.cents(exchange.position(TestMarket.btc, .long).liquidationPrice) == p("28340.08"))
        #expect(Self.cents(exchange.position(TestMarket.btc, .short).liquidationPrice) == p("28340.08"))
    }

    @Test func isolatedLiquidationClosesAtTheLiquidationPriceAndLosesTheIsolatedWallet() throws {
        let (exchange, log) = Self.run(
            [TestMarket.flat("50000"), TestMarket.flat("50000"), ("50000", "50000", "45000", "45500")],
            mode: .isolated,
            orders: [
                0: [TestMarket.marketOrder(.buy, .long, "1")],
                1: [TestMarket.stopOrder(.takeProfitMarket, .sell, .long, "1", stop: "55000")],
            ])
        let fill = try #require(log.fills.last)
        #expect(fill.isLiquidation)
        #expect(fill.orderType == .liquidation)
        #expect(fill.side == .sell && fill.positionSide == .long)
        #expect(Self.cents(fill.price) == p("45180.72"))
        #expect(fill.pathPoint == .low)
        #expect(fill.commission == .zero)
        #expect(fill.clientOrderID == "autoclose-\(fill.orderID)")
        // The clearance fee (1.25 % of ~45 181) is capped at what is left of the isolated wallet.
        #expect(fill.realizedPnL - fill.liquidationFee == m("-5000"))
        #expect(exchange.walletBalance == m("5000"))
        #expect(exchange.account.liquidationFees == fill.liquidationFee)
        #expect(exchange.position(TestMarket.btc, .long).quantity == .zero)
        // The leg's take-profit expires with reason 5 before the liquidation fill.
        let expired = try #require(log.updates(of: 2).last)
        #expect(expired.status == .expired && expired.expiryReason == .liquidation)
        #expect(log.updates(of: fill.orderID).map(\.executionType) == [.calculated])
    }

    @Test func aStopTouchedBeforeTheLiquidationPriceFiresFirst() throws {
        let (exchange, log) = Self.run(
            [TestMarket.flat("50000"), TestMarket.flat("50000"), ("50000", "50000", "45000", "45500")],
            mode: .isolated,
            orders: [
                0: [TestMarket.marketOrder(.buy, .long, "1")],
                1: [TestMarket.stopOrder(.stopMarket, .sell, .long, "1", stop: "46000")],
            ])
        let fill = try #require(log.fills.last)
        #expect(!fill.isLiquidation)
        #expect(fill.price == p("46000"))
        #expect(exchange.walletBalance == m("6000"))
    }

    @Test func crossLiquidationClosesEveryCrossLegAndCapsTheFeeAtTheWallet() throws {
        // Cross long 1 BTC at 50 000 with 10 000: LP = −40 000 / −0.996 = 40 160.64.
        let (exchange, log) = Self.run(
            [TestMarket.flat("50000"), TestMarket.flat("50000"), ("50000", "50000", "40000", "40500")],
            mode: .cross, brackets: [],
            orders: [
                0: [TestMarket.marketOrder(.buy, .long, "1")],
                1: [TestMarket.limitOrder(.buy, .long, "0.01", at: "30000")],
            ])
        let fill = try #require(log.fills.last)
        #expect(fill.isLiquidation)
        #expect(Self.cents(fill.price) == p("40160.64"))
        #expect(exchange.walletBalance == .zero)
        #expect(fill.realizedPnL - fill.liquidationFee == m("-10000"))
        #expect(log.updates(of: 2).last?.expiryReason == .liquidation)
    }

    @Test func aHedgedCrossPositionIsLiquidatedOnTheSideItsNetExposureLoses() throws {
        // LONG 1 at 50 000 and SHORT 0.5 at 52 000 (the worked check): the bar falling to 28 000
        // liquidates both legs at 28 340.08.
        let (exchange, log) = Self.run(
            [
                TestMarket.flat("50000"), TestMarket.flat("50000"), TestMarket.flat("52000"),
                ("52000", "52000", "28000", "30000"),
            ],
            mode: .cross, brackets: [],
            orders: [
                0: [TestMarket.marketOrder(.buy, .long, "1")], 1: [TestMarket.marketOrder(.sell, .short, "0.5")],
            ])
        let liquidations = log.fills.filter(\.isLiquidation)
        #expect(liquidations.count == 2)
        #expect(liquidations.allSatisfy { Self.cents($0.price) == p("28340.08") })
        #expect(exchange.position(TestMarket.btc, .long).quantity == .zero)
        #expect(exchange.position(TestMarket.btc, .short).quantity == .zero)
        // Equity at LP equals maintenance (170.04); the clearance fee takes it.
        #expect(exchange.walletBalance == .zero)
    }

    @Test func crossAccountIsLiquidatedAtMarkToMarketWhenSymbolsFallTogether() throws {
        // Two cross longs of 1 each (BTCUSDT and ETHUSDT at 50 000), 10 000 USDT at 20×, one
        // 0.4 % tier. Each bar walk holds the other symbol at its previous mark, so neither walk
        // alone reaches maintenance; once both are marked at the close the account is below it.
        let eth: Symbol = "ETHUSDT"
        let bars = [TestMarket.flat("50000"), TestMarket.flat("50000"), ("50000", "50000", "45100", "45100")]
        let markets = [TestMarket.btc, eth].map { symbol in
            SymbolMarket(rules: TestMarket.rules(symbol, brackets: []), klines: TestMarket.klines(symbol, bars))
        }
        var configuration = TestMarket.feeless()
        configuration.defaultLeverage = 20
        let exchange = TestMarket.exchange(configuration, markets)
        let log = EventLog(exchange)
        drive(exchange, bars: 0..<3) { i in
            if i == 0 {
                _ = exchange.place(TestMarket.marketOrder(.buy, .long, "1")).orderID
                _ = exchange.place(TestMarket.marketOrder(.buy, .long, "1", symbol: eth)).orderID
            }
        }
        // At 45 100 each: equity 10 000 − 2 × 4 900 = 200 < maintenance 0.4 % × 90 200 = 360.8.
        let liquidations = log.fills.filter(\.isLiquidation)
        #expect(liquidations.count == 2)
        #expect(liquidations.allSatisfy { $0.price == p("45100") })
        #expect(liquidations.map(\.pathPoint) == [.none, .close])
        #expect(exchange.walletBalance == .zero)
    }

    @Test func perSymbolMarginModeAndLeverageOverrideTheDefaults() {
        let eth: Symbol = "ETHUSDT"
        var configuration = TestMarket.feeless()
        configuration.marginModes = [TestMarket.btc: .isolated]
        configuration.leverage = [TestMarket.btc: 20]
        let bars = [TestMarket.flat("50000"), TestMarket.flat("50000")]
        let exchange = TestMarket.exchange(
            configuration,
            [TestMarket.market(bars), TestMarket.market(bars, rules: TestMarket.rules(eth))])
        drive(exchange, bars: 0..<2) { i in
            if i == 0 {
                _ = exchange.place(TestMarket.marketOrder(.buy, .long, "0.1")).orderID
                _ = exchange.place(TestMarket.marketOrder(.buy, .long, "0.1", symbol: eth)).orderID
            }
        }
        let isolatedLeg = exchange.position(TestMarket.btc, .long)
        #expect(isolatedLeg.marginMode == .isolated && isolatedLeg.leverage == 20)
        #expect(isolatedLeg.isolatedWallet == m("250"))
        let crossLeg = exchange.position(eth, .long)
        #expect(crossLeg.marginMode == .cross && crossLeg.leverage == 10 && crossLeg.isolatedWallet == .zero)
        // available = wallet − isolated 250 + cross uPnL 0 − cross IM 500 − open orders 0.
        #expect(exchange.availableBalance == m("9250"))
        #expect(exchange.account.positionInitialMargin == m("750"))
        #expect(exchange.account.maintenanceMargin == m("40"))
    }
}
