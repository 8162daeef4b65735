import Exchange
import Market
import Testing

private func m(_ text: String) -> Money { Money(text)! }
private func p(_ text: String) -> Price { Price(text)! }

@Suite struct SimulatedExchangeFundingTests {
    static let bars = [
        TestMarket.flat("50000"), TestMarket.flat("50000"), TestMarket.flat("50000"), TestMarket.flat("51000"),
        TestMarket.flat("51000"), TestMarket.flat("52000"), TestMarket.flat("52000"),
    ]

    static func time(_ bar: Int) -> Timestamp { TestMarket.start.adding(seconds: Int64(bar) * 60) }

    @Test func legsPayOrReceiveMarkTimesSizeTimesRateWithTheRightSign() throws {
        // The mark bar at each settlement opens 10 above the kline: 51 010 and 52 010.
        let marks = Self.bars.enumerated().map { index, bar -> (String, String, String, String) in
            index == 3 ? TestMarket.flat("51010") : index == 5 ? TestMarket.flat("52010") : bar
        }
        let market = SymbolMarket(
            rules: TestMarket.rules(), klines: TestMarket.klines(Self.bars), markKlines: TestMarket.klines(marks),
            funding: [
                FundingRate(time: Self.time(3), rate: Rate("0.0001")!),
                FundingRate(time: Self.time(5), rate: Rate("-0.0002")!),
            ])
        let exchange = TestMarket.exchange(TestMarket.feeless(), [market])
        let log = EventLog(exchange)
        drive(exchange, bars: 0..<Self.bars.count) { i in
            if i == 0 {
                _ = exchange.place(TestMarket.marketOrder(.buy, .long, "0.1")).orderID
                _ = exchange.place(TestMarket.marketOrder(.sell, .short, "0.2")).orderID
            }
        }
        let payments = log.funding
        try #require(payments.count == 4)
        // +0.01 %: the LONG pays 0.1 × 51 010 × 0.0001, the SHORT receives 0.2 × 51 010 × 0.0001.
        #expect(payments[0].positionSide == .long && payments[0].amount == m("-0.5101"))
        #expect(payments[1].positionSide == .short && payments[1].amount == m("1.0202"))
        #expect(payments[0].markPrice == p("51010") && payments[0].time == Self.time(3))
        // −0.02 %: the LONG receives, the SHORT pays.
        #expect(payments[2].amount == m("1.0402"))
        #expect(payments[3].amount == m("-2.0804"))
        #expect(exchange.account.funding == m("-0.5301"))
        // Mark-to-market moves no cash; funding is the only wallet change in a fee-free run.
        #expect(exchange.walletBalance == m("9999.4699"))
    }

    @Test func aLegOpenedAtOrAfterTheSettlementDoesNotPayIt() throws {
        // The long opens at the open of bar 3 (= the settlement time); funding for bar 3 is settled
        // late, after the bar was processed.
        let market = SymbolMarket(
            rules: TestMarket.rules(), klines: TestMarket.klines(Self.bars),
            funding: [FundingRate(time: Self.time(3), rate: Rate("0.0001")!)])
        let exchange = TestMarket.exchange(TestMarket.feeless(), [market])
        let log = EventLog(exchange)
        for i in 0..<5 {
            exchange.processBar(symbolIndex: 0, barIndex: i)
            if i == 1 { _ = exchange.place(TestMarket.marketOrder(.sell, .short, "0.1")).orderID }
            if i == 2 { _ = exchange.place(TestMarket.marketOrder(.buy, .long, "0.1")).orderID }
            exchange.markToMarket(symbolIndex: 0, barIndex: i)
        }
        exchange.settleFunding(through: Self.time(4))
        #expect(log.funding.map(\.positionSide) == [.short])
        #expect(log.funding.first?.amount == m("0.51"))
    }

    @Test func isolatedFundingMovesTheIsolatedWalletAndTheLiquidationPrice() throws {
        var configuration = TestMarket.feeless()
        configuration.marginMode = .isolated
        let market = SymbolMarket(
            rules: TestMarket.rules(brackets: []), klines: TestMarket.klines(Self.bars),
            funding: [FundingRate(time: Self.time(3), rate: Rate("0.01")!)])
        let exchange = TestMarket.exchange(configuration, [market])
        var before: Price?
        drive(exchange, bars: 0..<Self.bars.count) { i in
            if i == 0 { _ = exchange.place(TestMarket.marketOrder(.buy, .long, "1")).orderID }
            if i == 2 { before = exchange.position(TestMarket.btc, .long).liquidationPrice }
        }
        // 1 % of 51 000 leaves the isolated wallet: 5 000 − 510.
        let leg = exchange.position(TestMarket.btc, .long)
        #expect(leg.isolatedWallet == m("4490"))
        #expect(try #require(leg.liquidationPrice) > (try #require(before)))
    }

    @Test func settlementsOfSeveralSymbolsComeInTimeThenSymbolOrder() {
        let eth: Symbol = "ETHUSDT"
        let bars = [TestMarket.flat("100"), TestMarket.flat("100"), TestMarket.flat("100"), TestMarket.flat("100")]
        let funding = [
            FundingRate(time: Self.time(2), rate: Rate("0.001")!),
            FundingRate(time: Self.time(3), rate: Rate("0.001")!),
        ]
        let markets = [TestMarket.btc, eth].map { symbol in
            SymbolMarket(
                rules: TestMarket.rules(symbol, brackets: []), klines: TestMarket.klines(symbol, bars), funding: funding
            )
        }
        let exchange = TestMarket.exchange(TestMarket.feeless(), markets.reversed())
        let log = EventLog(exchange)
        for i in 0..<2 {
            exchange.processBar(symbolIndex: 0, barIndex: i)
            exchange.processBar(symbolIndex: 1, barIndex: i)
            if i == 0 {
                _ = exchange.place(TestMarket.marketOrder(.buy, .long, "1", symbol: eth)).orderID
                _ = exchange.place(TestMarket.marketOrder(.buy, .long, "1")).orderID
            }
        }
        exchange.settleFunding(through: Self.time(3))
        #expect(
            log.funding.map { "\($0.symbol)@\($0.time.milliseconds / 60_000 % 60)" } == [
                "BTCUSDT@2", "ETHUSDT@2", "BTCUSDT@3", "ETHUSDT@3",
            ])
    }
}
