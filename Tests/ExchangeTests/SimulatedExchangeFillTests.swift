import Exchange
import Market
import Testing

private func m(_ text: String) -> Money { Money(text)! }
private func p(_ text: String) -> Price { Price(text)! }
private func q(_ text: String) -> Quantity { Quantity(text)! }

@Suite struct SimulatedExchangeFillTests {
    // MARK: Accounting

    @Test func feesRealizedPnLAndAverageEntryMatchHandComputedNumbers() throws {
        let exchange = TestMarket.exchange(
            ExchangeConfiguration(),
            [
                TestMarket.market([
                    TestMarket.flat("50000"),
                    ("50010", "50100", "49950", "50050"),
                    ("50060", "50200", "50000", "50150"),
                    ("50300", "50350", "50250", "50300"),
                    ("50300", "50500", "50290", "50450"),
                ])
            ])
        let log = EventLog(exchange)
        drive(exchange, bars: 0..<5) { i in
            switch i {
            case 0: _ = exchange.place(TestMarket.marketOrder(.buy, .long, "0.1")).orderID
            case 1: _ = exchange.place(TestMarket.marketOrder(.buy, .long, "0.1")).orderID
            case 2:
                let leg = exchange.position(TestMarket.btc, .long)
                #expect(leg.quantity == q("0.2"))
                #expect(leg.entryPrice == p("50035"))
                #expect(leg.costBasis == m("10007"))
                // Marked at the close 50 150: 0.2 × 50 150 − 10 007.
                #expect(leg.unrealizedPnL == m("23"))
                _ = exchange.place(TestMarket.marketOrder(.sell, .long, "0.15")).orderID
            case 3: _ = exchange.place(TestMarket.limitOrder(.sell, .long, "0.05", at: "50400")).orderID
            default: break
            }
        }
        let fills = log.fills
        try #require(fills.count == 4)
        // BUY 0.1 at the next open 50 010, taker: 5 001 × 0.0005.
        #expect(fills[0].price == p("50010"))
        #expect(fills[0].quoteQuantity == m("5001"))
        #expect(fills[0].commission == m("2.5005"))
        #expect(fills[0].realizedPnL == .zero)
        #expect(fills[0].isMaker == false)
        #expect(fills[0].pathPoint == .open)
        #expect(fills[0].time == exchange.barOpenTime(symbolIndex: 0, barIndex: 1))
        #expect(fills[1].commission == m("2.503"))
        // SELL 0.15 at 50 300: removed cost 10 007 − 10 007 × 0.05 / 0.2 = 7 505.25.
        #expect(fills[2].quoteQuantity == m("7545"))
        #expect(fills[2].commission == m("3.7725"))
        #expect(fills[2].realizedPnL == m("39.75"))
        // The resting SELL 0.05 at 50 400 fills as maker when the path trades through it.
        #expect(fills[3].price == p("50400"))
        #expect(fills[3].isMaker)
        #expect(fills[3].commission == m("0.504"))
        #expect(fills[3].realizedPnL == m("18.25"))
        #expect(fills[3].pathPoint == .high)
        #expect(exchange.walletBalance == m("10048.72"))
        #expect(exchange.account.realizedPnL == m("58"))
        #expect(exchange.account.commissions == m("9.28"))
        #expect(exchange.position(TestMarket.btc, .long).quantity == .zero)
        #expect(exchange.position(TestMarket.btc, .long).realizedPnL == m("58"))
        // Sequential ids; NEW, then the fill, then TRADE/FILLED.
        #expect(fills.map(\.tradeID) == [1, 2, 3, 4])
        #expect(log.updates(of: 1).map(\.executionType) == [.new, .trade])
        #expect(log.updates(of: 1).last?.status == .filled)
        let fillIndex = log.events.firstIndex(of: .fill(fills[0]))!
        guard case .order(let trade) = log.events[fillIndex + 1] else {
            Issue.record("TRADE update must follow the fill")
            return
        }
        #expect(trade.orderID == 1 && trade.executionType == .trade && trade.averagePrice == p("50010"))
    }

    @Test func bnbDiscountTakesTenPercentOffAndReportsBNB() {
        var configuration = ExchangeConfiguration()
        configuration.bnbFeeDiscount = true
        let exchange = TestMarket.exchange(
            configuration, [TestMarket.market([TestMarket.flat("50000"), TestMarket.flat("50010")])])
        let log = EventLog(exchange)
        drive(exchange, bars: 0..<2) { i in
            if i == 0 { _ = exchange.place(TestMarket.marketOrder(.buy, .long, "0.1")).orderID }
        }
        #expect(log.fills.first?.commission == m("2.25045"))
        #expect(log.fills.first?.commissionAsset == .bnb)
    }

    @Test func realizedPlusUnrealizedStaysExactAcrossPartialCloses() {
        // Three buys at prices that do not divide evenly, then closes of awkward sizes.
        let exchange = TestMarket.exchange(
            TestMarket.feeless(),
            [
                TestMarket.market([
                    TestMarket.flat("50000"), TestMarket.flat("50000.1"), TestMarket.flat("49999.7"),
                    TestMarket.flat("50001.3"), TestMarket.flat("50003.3"), TestMarket.flat("49990.9"),
                    TestMarket.flat("50100"),
                ])
            ])
        let log = EventLog(exchange)
        drive(exchange, bars: 0..<7) { i in
            switch i {
            case 0, 1, 2: _ = exchange.place(TestMarket.marketOrder(.buy, .long, "0.003")).orderID
            case 3: _ = exchange.place(TestMarket.marketOrder(.sell, .long, "0.001")).orderID
            case 4: _ = exchange.place(TestMarket.marketOrder(.sell, .long, "0.008")).orderID
            default: break
            }
            // R + U = Σ sell proceeds + quantity × mark − Σ buy cost, exactly, at every bar.
            let leg = exchange.position(TestMarket.btc, .long)
            let proceeds = log.fills.filter { $0.side == .sell }.reduce(Money.zero) { $0 + $1.quoteQuantity }
            let cost = log.fills.filter { $0.side == .buy }.reduce(Money.zero) { $0 + $1.quoteQuantity }
            let value = leg.quantity.notional(at: exchange.markPrice(TestMarket.btc)!)
            #expect(leg.realizedPnL + leg.unrealizedPnL == proceeds + value - cost)
        }
        let leg = exchange.position(TestMarket.btc, .long)
        #expect(leg.quantity == .zero)
        // Buys 0.003 × (50 000.1 + 49 999.7 + 50 001.3) = 450.0033; sells 0.001 × 50 003.3 +
        // 0.008 × 49 990.9 = 449.9305.
        #expect(leg.realizedPnL == m("-0.0728"))
        // First close: remaining cost 450.0033 × 0.008 / 0.009 = 400.00293333, removed 50.00036667.
        #expect(log.fills.map(\.realizedPnL) == [.zero, .zero, .zero, m("0.00293333"), m("-0.07573333")])
    }

    // MARK: Market fill references

    @Test func marketOrdersFillAtTheConfiguredReference() throws {
        let bars = [("50000", "50050", "49950", "50020"), TestMarket.flat("50100")]
        for (reference, expected) in [
            (MarketFillReference.nextOpen, "50100"), (.barClose, "50020"), (.signalPrice, "50050"),
        ] {
            var configuration = ExchangeConfiguration()
            configuration.fillReference = reference
            let exchange = TestMarket.exchange(configuration, [TestMarket.market(bars)])
            let log = EventLog(exchange)
            drive(exchange, bars: 0..<2) { i in
                guard i == 0 else { return }
                var request = TestMarket.marketOrder(.buy, .long, "0.01")
                request.referencePrice = p("50100")  // clamped to the bar's high 50 050
                let ack = exchange.place(request)
                if reference != .nextOpen { #expect((try? ack.get())?.status == .filled) }
            }
            let fill = try #require(log.fills.first)
            #expect(fill.price == p(expected), "\(reference)")
            #expect(fill.pathPoint == (reference == .nextOpen ? .open : .none))
        }
    }

    @Test func slippageMovesTakerFillsAgainstTheTakerOnTheTickAndInsideTheBar() throws {
        let bars = [
            TestMarket.flat("50000"), ("50000", "50200", "49800", "50000"), ("50000", "50000", "49800", "49900"),
        ]
        for (slippage, buy, sell) in [
            (Slippage.bps(10), "50050", "49950"), (.ticks(3), "50000.3", "49999.7"), (.none, "50000", "50000"),
        ] {
            var configuration = ExchangeConfiguration()
            configuration.slippage = slippage
            let exchange = TestMarket.exchange(configuration, [TestMarket.market(bars)])
            let log = EventLog(exchange)
            drive(exchange, bars: 0..<3) { i in
                if i == 0 {
                    _ = exchange.place(TestMarket.marketOrder(.buy, .long, "0.01")).orderID
                    _ = exchange.place(TestMarket.marketOrder(.sell, .short, "0.01")).orderID
                }
                if i == 1 { _ = exchange.place(TestMarket.marketOrder(.buy, .long, "0.01")).orderID }
            }
            let fills = log.fills
            try #require(fills.count == 3)
            #expect(fills[0].price == p(buy), "\(slippage)")
            #expect(fills[1].price == p(sell), "\(slippage)")
            // The third bar opens at its high: a slipped BUY is clamped to the high.
            #expect(fills[2].price == p("50000"))
        }
    }

    // MARK: Limit orders and time in force

    @Test func restingLimitFillsOnlyWhenThePathTradesThroughUnlessTouchCounts() throws {
        let bars = [
            TestMarket.flat("50000"), ("50000", "50050", "49900", "49950"), ("49950", "49960", "49850", "49900"),
        ]
        for touch in [false, true] {
            var configuration = ExchangeConfiguration()
            configuration.limitFillOnTouch = touch
            let exchange = TestMarket.exchange(configuration, [TestMarket.market(bars)])
            let log = EventLog(exchange)
            drive(exchange, bars: 0..<3) { i in
                if i == 0 { _ = exchange.place(TestMarket.limitOrder(.buy, .long, "0.01", at: "49900")).orderID }
            }
            let fill = try #require(log.fills.first)
            #expect(fill.price == p("49900"))
            #expect(fill.isMaker)
            #expect(fill.commission == m("0.0998"))
            #expect(fill.barTime == exchange.barOpenTime(symbolIndex: 0, barIndex: touch ? 1 : 2))
            #expect(fill.pathPoint == .low)
        }
    }

    @Test func marketableLimitsTakeAtTheLastPriceAndTimeInForceDecidesTheRest() {
        let exchange = TestMarket.exchange(
            ExchangeConfiguration(), [TestMarket.market([TestMarket.flat("50000"), TestMarket.flat("50000")])])
        drive(exchange, bars: 0..<1)
        let log = EventLog(exchange)
        // GTC / IOC / FOK above the last price: taker at the last price (price improvement).
        for tif in [TimeInForce.gtc, .ioc, .fok] {
            let ack = try? exchange.place(TestMarket.limitOrder(.buy, .long, "0.01", at: "50100", tif)).get()
            #expect(ack?.status == .filled)
        }
        #expect(log.fills.map(\.price) == [p("50000"), p("50000"), p("50000")])
        #expect(log.fills.allSatisfy { !$0.isMaker && $0.pathPoint == .none })
        // IOC below the last price: NEW, then EXPIRED with reason 2.
        let ioc = try? exchange.place(TestMarket.limitOrder(.buy, .long, "0.01", at: "49900", .ioc)).get()
        #expect(ioc?.status == .expired)
        let updates = log.updates(of: ioc!.orderID)
        #expect(updates.map(\.executionType) == [.new, .expired])
        #expect(updates.last?.expiryReason == .iocRemainder)
        // GTX below the last price rests as maker.
        let gtx = try? exchange.place(TestMarket.limitOrder(.buy, .long, "0.01", at: "49900", .gtx)).get()
        #expect(gtx?.status == .new)
        #expect(exchange.account.openOrderInitialMargin == m("49.9"))
    }
}
