import Exchange
import Market
import Testing

private func m(_ text: String) -> Money { Money(text)! }
private func p(_ text: String) -> Price { Price(text)! }
private func q(_ text: String) -> Quantity { Quantity(text)! }

@Suite struct SimulatedExchangeConditionalTests {
    /// A long of `size` opened at the open of bar 1 (50 000), then `place` after bar 1, then
    /// the remaining bars.
    static func withLong(
        size: String = "0.1", _ later: [(String, String, String, String)],
        configuration: ExchangeConfiguration = ExchangeConfiguration(), place: (SimulatedExchange) -> Void
    ) -> (SimulatedExchange, EventLog) {
        let bars = [TestMarket.flat("50000"), TestMarket.flat("50000")] + later
        let exchange = TestMarket.exchange(configuration, [TestMarket.market(bars)])
        let log = EventLog(exchange)
        drive(exchange, bars: 0..<bars.count) { i in
            if i == 0 { _ = exchange.place(TestMarket.marketOrder(.buy, .long, size)).orderID }
            if i == 1 { place(exchange) }
        }
        return (exchange, log)
    }

    @Test func stopMarketFillsAtItsTriggerPriceWhenThePathMovesThroughIt() throws {
        var stopID: OrderID = 0
        let (exchange, log) = Self.withLong([("50000", "50100", "49800", "49900")]) { exchange in
            stopID = exchange.place(TestMarket.stopOrder(.stopMarket, .sell, .long, "0.1", stop: "49900")).orderID
        }
        let fill = try #require(log.fills(of: stopID).first)
        #expect(fill.price == p("49900"))
        #expect(!fill.isMaker)
        #expect(fill.orderType == .stopMarket)
        #expect(fill.pathPoint == .low)
        #expect(fill.realizedPnL == m("-10"))
        // NEW, the trigger (now a MARKET, originally STOP_MARKET), TRADE/FILLED.
        let updates = log.updates(of: stopID)
        #expect(updates.map(\.executionType) == [.new, .new, .trade])
        #expect(updates[1].type == .market && updates[1].originalType == .stopMarket)
        #expect(updates[2].status == .filled)
        #expect(exchange.openConditionalOrderCount(symbol: nil) == 0)
    }

    @Test func takeProfitMarketFillsAtItsTriggerPrice() throws {
        var id: OrderID = 0
        let (_, log) = Self.withLong([("50000", "50600", "49990", "50550")]) { exchange in
            id = exchange.place(TestMarket.stopOrder(.takeProfitMarket, .sell, .long, "0.1", stop: "50500")).orderID
        }
        let fill = try #require(log.fills(of: id).first)
        #expect(fill.price == p("50500"))
        #expect(fill.realizedPnL == m("50"))
        #expect(fill.pathPoint == .high)
    }

    @Test
    func gapThroughStopFillsAtTheOpenOnTheRealFilusdtCrashBar() throws {
        // FILUSDT 2024-04-12 18:30 … 18:37 UTC; the 18:35 bar opens at 6.550 above the 18:34
        // close 6.538 and falls to 5.500 (close 5.527, −15.5 % on the previous close).
        let all = FILData.klines
        let start = Timestamp(year: 2024, month: 4, day: 12, hour: 18, minute: 30)
        let klines = all.slice(from: start, through: start.adding(seconds: 7 * 60))
        try #require(klines.count == 8)
        let crash = 5
        #expect(klines.openTimes[crash] == 1_712_946_900_000)
        let change = Price(raw: klines.closes[crash]).relativeDistance(from: Price(raw: klines.closes[crash - 1]))
        #expect(change.rounded(decimals: 3, .nearest) == Rate("-0.155")!)
        let exchange = TestMarket.exchange(
            ExchangeConfiguration(), [SymbolMarket(rules: FILData.rules, klines: klines)])
        let log = EventLog(exchange)
        var shortStop: OrderID = 0
        var longStop: OrderID = 0
        drive(exchange, bars: 0..<klines.count) { i in
            if i == 0 {
                _ = exchange.place(TestMarket.marketOrder(.buy, .long, "100", symbol: "FILUSDT")).orderID
                _ = exchange.place(TestMarket.marketOrder(.sell, .short, "100", symbol: "FILUSDT")).orderID
            }
            if i == crash - 1 {
                shortStop =
                    exchange.place(
                        TestMarket.stopOrder(.stopMarket, .buy, .short, "100", stop: "6.545", symbol: "FILUSDT")
                    ).orderID
                longStop =
                    exchange.place(
                        TestMarket.stopOrder(.stopMarket, .sell, .long, "100", stop: "6.200", symbol: "FILUSDT")
                    ).orderID
            }
        }
        // The BUY stop at 6.545 is gapped through: it fills at the open 6.550, not at 6.545.
        let gapped = try #require(log.fills(of: shortStop).first)
        #expect(gapped.price == p("6.55"))
        #expect(gapped.pathPoint == .open)
        #expect(gapped.time == Timestamp(milliseconds: 1_712_946_900_000))
        // Entry 7.157 → 6.550 on 100 FIL.
        #expect(gapped.realizedPnL == m("60.7"))
        // The SELL stop at 6.200 is crossed inside the bar: it fills at 6.200, not at the low 5.500.
        let crossed = try #require(log.fills(of: longStop).first)
        #expect(crossed.price == p("6.2"))
        #expect(crossed.pathPoint == .low)
        #expect(crossed.realizedPnL == m("-95.7"))
        #expect(!crossed.ambiguous)
    }

    @Test func stopLimitTakesWhenMarketableAndRestsOtherwise() throws {
        // BUY STOP 50 100 with limit 50 150: marketable at the trigger → taker at 50 100.
        // BUY STOP 50 100 with limit 50 050: rests as LIMIT and fills as maker when the path
        // later trades below 50 050.
        let bars = [
            TestMarket.flat("50000"), ("50000", "50200", "49990", "50150"), ("50150", "50160", "50000", "50020"),
        ]
        let exchange = TestMarket.exchange(ExchangeConfiguration(), [TestMarket.market(bars)])
        let log = EventLog(exchange)
        var taker: OrderID = 0
        var rester: OrderID = 0
        drive(exchange, bars: 0..<3) { i in
            guard i == 0 else { return }
            taker =
                exchange.place(
                    TestMarket.stopOrder(.stop, .buy, .long, "0.01", stop: "50100", price: "50150")
                ).orderID
            rester =
                exchange.place(
                    TestMarket.stopOrder(.stop, .buy, .long, "0.01", stop: "50100", price: "50050")
                ).orderID
        }
        let takerFill = try #require(log.fills(of: taker).first)
        #expect(takerFill.price == p("50100") && !takerFill.isMaker && takerFill.pathPoint == .high)
        let restUpdates = log.updates(of: rester)
        #expect(restUpdates.map(\.executionType) == [.new, .new, .trade])
        #expect(restUpdates[1].type == .limit && restUpdates[1].originalType == .stop)
        let restFill = try #require(log.fills(of: rester).first)
        #expect(restFill.price == p("50050") && restFill.isMaker)
        #expect(restFill.barTime == exchange.barOpenTime(symbolIndex: 0, barIndex: 2))
    }

    @Test func takeProfitLimitTriggersIntoALimitAtItsPrice() throws {
        var id: OrderID = 0
        let (_, log) = Self.withLong([("50000", "50600", "49990", "50550")]) { exchange in
            id =
                exchange.place(
                    TestMarket.stopOrder(.takeProfit, .sell, .long, "0.1", stop: "50500", price: "50500")
                ).orderID
        }
        let fill = try #require(log.fills(of: id).first)
        #expect(fill.price == p("50500"))
        #expect(fill.orderType == .takeProfit)
    }

    @Test func trailingStopFollowsTheHighAndFillsAtTheCallbackLevel() throws {
        // Watermark 50 000 at placement; the high 51 000 moves the level to 50 490 (1 %); the
        // next bar visits its high first, then falls through 50 490.
        var id: OrderID = 0
        let (_, log) = Self.withLong([
            ("50000", "51000", "49990", "50700"), ("50700", "50800", "50400", "50500"),
        ]) { exchange in
            var request = OrderRequest(
                symbol: TestMarket.btc, side: .sell, positionSide: .long, type: .trailingStopMarket,
                quantity: q("0.1"), callbackRate: Rate("1")!)
            request.clientOrderID = "trail"
            id = exchange.place(request).orderID
        }
        let fill = try #require(log.fills(of: id).first)
        #expect(fill.price == p("50490"))
        #expect(fill.orderType == .trailingStopMarket)
        #expect(fill.pathPoint == .low)
        #expect(fill.clientOrderID == "trail")
        #expect(log.updates(of: id).first?.callbackRate == Rate("1")!)
    }

    @Test func trailingStopWaitsForItsActivationPrice() throws {
        // Activation 50 800: the first bar's high 50 700 does not activate it (its fall to 50 100
        // is ignored); the second bar's high 51 000 does, and the fall through 50 490 fills.
        var id: OrderID = 0
        let (_, log) = Self.withLong([
            ("50000", "50700", "49990", "50100"), ("50100", "51000", "50090", "50400"),
        ]) { exchange in
            id =
                exchange.place(
                    OrderRequest(
                        symbol: TestMarket.btc, side: .sell, positionSide: .long, type: .trailingStopMarket,
                        quantity: q("0.1"), activationPrice: p("50800"), callbackRate: Rate("1")!)
                ).orderID
        }
        let fill = try #require(log.fills(of: id).first)
        #expect(fill.price == p("50490"))
        #expect(fill.barTime == TestMarket.start.adding(seconds: 180))
    }

    @Test func closePositionTakesTheLegSizeAtTriggerAndTheOthersExpireWhenTheLegGoesFlat() throws {
        // closePosition stop placed on 0.1, the leg grows to 0.15 before it triggers.
        let bars = [
            TestMarket.flat("50000"), TestMarket.flat("50000"), TestMarket.flat("50000"),
            ("50000", "50010", "49400", "49500"),
        ]
        let exchange = TestMarket.exchange(ExchangeConfiguration(), [TestMarket.market(bars)])
        let log = EventLog(exchange)
        var closeAll: OrderID = 0
        var takeProfitAll: OrderID = 0
        var gte: OrderID = 0
        var orphan: OrderID = 0
        drive(exchange, bars: 0..<4) { i in
            if i == 0 { _ = exchange.place(TestMarket.marketOrder(.buy, .long, "0.1")).orderID }
            if i == 1 {
                closeAll =
                    exchange.place(
                        TestMarket.stopOrder(.stopMarket, .sell, .long, nil, stop: "49500", closePosition: true)
                    ).orderID
                takeProfitAll =
                    exchange.place(
                        TestMarket.stopOrder(.takeProfitMarket, .sell, .long, nil, stop: "52000", closePosition: true)
                    ).orderID
                gte =
                    exchange.place(
                        TestMarket.stopOrder(.stopMarket, .sell, .long, "0.05", stop: "48000", tif: .gteGtc)
                    ).orderID
                orphan = exchange.place(TestMarket.stopOrder(.stopMarket, .sell, .long, "0.05", stop: "47000")).orderID
                _ = exchange.place(TestMarket.marketOrder(.buy, .long, "0.05")).orderID
            }
        }
        let fill = try #require(log.fills(of: closeAll).first)
        #expect(fill.quantity == q("0.15"))
        #expect(fill.price == p("49500"))
        #expect(log.updates(of: closeAll).first?.quantity == .zero)
        #expect(log.updates(of: closeAll).last?.quantity == q("0.15"))
        // closePosition and GTE_GTC orders of the leg expire with reason 6 at the same point.
        for id in [takeProfitAll, gte] {
            let last = try #require(log.updates(of: id).last)
            #expect(last.status == .expired && last.expiryReason == .gteConditionUnsatisfied)
            #expect(last.time == fill.time)
        }
        // A plain close-side STOP_MARKET stays working, as Binance leaves it.
        #expect(exchange.orderStatus(orphan) == .new)
        #expect(exchange.openConditionalOrderCount(symbol: nil) == 1)
    }

    @Test func closeSideFillsAreClippedToTheLegAndTheRestExpiresWithReason4() throws {
        var id: OrderID = 0
        let (exchange, log) = Self.withLong([("50000", "50010", "49400", "49500")]) { exchange in
            id = exchange.place(TestMarket.stopOrder(.stopMarket, .sell, .long, "0.3", stop: "49500")).orderID
        }
        let fill = try #require(log.fills(of: id).first)
        #expect(fill.quantity == q("0.1"))
        #expect(fill.orderStatus == .partiallyFilled)
        let updates = log.updates(of: id)
        #expect(updates.map(\.executionType) == [.new, .new, .trade, .expired])
        #expect(updates.last?.status == .expired && updates.last?.expiryReason == .reduceOnlyKnockout)
        #expect(updates.last?.executedQuantity == q("0.1"))
        #expect(exchange.position(TestMarket.btc, .long).quantity == .zero)
        #expect(exchange.position(TestMarket.btc, .short).quantity == .zero)
    }

    @Test func orphanedCloseOrderOnAFlatLegExpiresWithReason4WhenItTriggers() throws {
        var takeProfit: OrderID = 0
        var stop: OrderID = 0
        let (_, log) = Self.withLong([("50000", "51200", "48500", "50000")]) { exchange in
            stop = exchange.place(TestMarket.stopOrder(.stopMarket, .sell, .long, "0.1", stop: "49000")).orderID
            takeProfit =
                exchange.place(
                    TestMarket.stopOrder(.takeProfitMarket, .sell, .long, "0.1", stop: "51000")
                ).orderID
        }
        // Adaptive: |H − O| 1 200 < |L − O| 1 500, so the high comes first.
        #expect(log.fills(of: takeProfit).first?.price == p("51000"))
        #expect(log.fills(of: stop).isEmpty)
        #expect(log.updates(of: stop).last?.expiryReason == .reduceOnlyKnockout)
    }

    @Test func ocoSiblingIsCanceledAtTheSamePathPoint() throws {
        var stop: OrderID = 0
        var target: OrderID = 0
        let (exchange, log) = Self.withLong([("50000", "51200", "49990", "51100")]) { exchange in
            stop =
                exchange.place(TestMarket.stopOrder(.stopMarket, .sell, .long, "0.1", stop: "49000", oco: 7))
                .orderID
            target =
                exchange.place(
                    TestMarket.stopOrder(.takeProfitMarket, .sell, .long, "0.1", stop: "51000", oco: 7)
                ).orderID
        }
        let fill = try #require(log.fills(of: target).first)
        let canceled = try #require(log.updates(of: stop).last)
        #expect(canceled.status == .canceled && canceled.executionType == .canceled)
        #expect(canceled.time == fill.time)
        // Order of events at that point: trigger, cancel of the sibling, fill, TRADE.
        let events = log.events.suffix(4)
        #expect(
            events.map { event -> String in
                switch event {
                case .order(let update): "\(update.orderID):\(update.executionType)"
                case .fill(let fill): "\(fill.orderID):fill"
                case .funding: "funding"
                }
            } == ["\(target):NEW", "\(stop):CANCELED", "\(target):fill", "\(target):TRADE"])
        #expect(exchange.openConditionalOrderCount(symbol: nil) == 0)
    }

    @Test func markPriceTriggersWatchTheMarkKlines() throws {
        // Kline low 49 400, mark low 49 600: the MARK_PRICE stop at 49 500 does not trigger, the
        // CONTRACT_PRICE one does.
        let bars = [TestMarket.flat("50000"), TestMarket.flat("50000"), ("50000", "50010", "49400", "49800")]
        let marks = [TestMarket.flat("50000"), TestMarket.flat("50000"), ("50000", "50010", "49600", "49800")]
        let exchange = TestMarket.exchange(
            ExchangeConfiguration(),
            [
                SymbolMarket(
                    rules: TestMarket.rules(), klines: TestMarket.klines(bars), markKlines: TestMarket.klines(marks))
            ])
        let log = EventLog(exchange)
        var onMark: OrderID = 0
        var onContract: OrderID = 0
        drive(exchange, bars: 0..<3) { i in
            if i == 0 { _ = exchange.place(TestMarket.marketOrder(.buy, .long, "0.2")).orderID }
            if i == 1 {
                onMark =
                    exchange.place(
                        TestMarket.stopOrder(.stopMarket, .sell, .long, "0.1", stop: "49500", working: .markPrice)
                    ).orderID
                onContract =
                    exchange.place(TestMarket.stopOrder(.stopMarket, .sell, .long, "0.1", stop: "49500"))
                    .orderID
            }
        }
        #expect(log.fills(of: onMark).isEmpty)
        #expect(log.fills(of: onContract).first?.price == p("49500"))
        #expect(exchange.markPrice(TestMarket.btc) == p("49800"))
    }

    @Test func markTriggeredStopFillsAtTheContractPriceOfThatMoment() throws {
        // Mark falls 50 000 → 49 000 while the kline falls 50 000 → 49 500; the mark stop at
        // 49 500 triggers half way, when the contract price is 49 750.
        let bars = [TestMarket.flat("50000"), TestMarket.flat("50000"), ("50000", "50000", "49500", "49500")]
        let marks = [TestMarket.flat("50000"), TestMarket.flat("50000"), ("50000", "50000", "49000", "49000")]
        let exchange = TestMarket.exchange(
            ExchangeConfiguration(),
            [
                SymbolMarket(
                    rules: TestMarket.rules(), klines: TestMarket.klines(bars), markKlines: TestMarket.klines(marks))
            ])
        let log = EventLog(exchange)
        var id: OrderID = 0
        drive(exchange, bars: 0..<3) { i in
            if i == 0 { _ = exchange.place(TestMarket.marketOrder(.buy, .long, "0.1")).orderID }
            if i == 1 {
                id =
                    exchange.place(
                        TestMarket.stopOrder(.stopMarket, .sell, .long, "0.1", stop: "49500", working: .markPrice)
                    ).orderID
            }
        }
        #expect(log.fills(of: id).first?.price == p("49750"))
    }

    @Test func priceProtectHoldsTheTriggerWhileMarkAndLastDivergeTooMuch() throws {
        // Bar 2: the kline dips to 47 000 while the mark stays at 50 000; when the kline crosses
        // the stop at 47 400 they are 5.2 % apart (> triggerProtect 5 %). Bar 3: both fall
        // together (mark 47 100 at the low) and the stop triggers.
        let bars = [
            TestMarket.flat("50000"), TestMarket.flat("50000"), ("50000", "50000", "47000", "50000"),
            ("50000", "50000", "47000", "47000"),
        ]
        let marks = [
            TestMarket.flat("50000"), TestMarket.flat("50000"), TestMarket.flat("50000"),
            ("50000", "50000", "47100", "47100"),
        ]
        for protect in [true, false] {
            let exchange = TestMarket.exchange(
                ExchangeConfiguration(),
                [
                    SymbolMarket(
                        rules: TestMarket.rules(), klines: TestMarket.klines(bars), markKlines: TestMarket.klines(marks)
                    )
                ])
            let log = EventLog(exchange)
            var id: OrderID = 0
            drive(exchange, bars: 0..<4) { i in
                if i == 0 { _ = exchange.place(TestMarket.marketOrder(.buy, .long, "0.1")).orderID }
                if i == 1 {
                    var request = TestMarket.stopOrder(.stopMarket, .sell, .long, "0.1", stop: "47400")
                    request.priceProtect = protect
                    id = exchange.place(request).orderID
                }
            }
            let fill = try #require(log.fills(of: id).first)
            let expectedBar = protect ? 3 : 2
            #expect(fill.barTime == exchange.barOpenTime(symbolIndex: 0, barIndex: expectedBar), "protect \(protect)")
            #expect(fill.price == p("47400"))
        }
    }

    @Test func conditionalOpeningOrderIsCheckedForMarginWhenItTriggers() throws {
        // 1 000 USDT; a BUY STOP_MARKET for 1 BTC needs 5 000 of margin at trigger.
        let bars = [TestMarket.flat("50000"), ("50000", "50200", "49990", "50100")]
        let exchange = TestMarket.exchange(
            ExchangeConfiguration(initialBalance: 1000), [TestMarket.market(bars)])
        let log = EventLog(exchange)
        var id: OrderID = 0
        drive(exchange, bars: 0..<2) { i in
            if i == 0 {
                id = exchange.place(TestMarket.stopOrder(.stopMarket, .buy, .long, "1", stop: "50100")).orderID
            }
        }
        let last = try #require(log.updates(of: id).last)
        #expect(last.status == .rejected)
        #expect(last.rejectMessage == "Margin is insufficient.")
        #expect(log.fills.isEmpty)
    }

    @Test func buyTrailingStopFollowsTheLowForAShort() throws {
        // Short 0.1 from 50 000; BUY trailing 2 %: the low 49 000 moves the level to 49 980, the
        // next bar's rise through it fills there.
        let bars = [
            TestMarket.flat("50000"), TestMarket.flat("50000"), ("50000", "50010", "49000", "49200"),
            ("49200", "50100", "49190", "50000"),
        ]
        let exchange = TestMarket.exchange(ExchangeConfiguration(), [TestMarket.market(bars)])
        let log = EventLog(exchange)
        var id: OrderID = 0
        drive(exchange, bars: 0..<4) { i in
            if i == 0 { _ = exchange.place(TestMarket.marketOrder(.sell, .short, "0.1")).orderID }
            if i == 1 {
                id =
                    exchange.place(
                        OrderRequest(
                            symbol: TestMarket.btc, side: .buy, positionSide: .short, type: .trailingStopMarket,
                            quantity: q("0.1"), callbackRate: Rate("2")!)
                    ).orderID
            }
        }
        let fill = try #require(log.fills(of: id).first)
        #expect(fill.price == p("49980"))
        #expect(fill.realizedPnL == m("2"))
        #expect(fill.barTime == exchange.barOpenTime(symbolIndex: 0, barIndex: 3))
    }

    @Test func stopLimitWithImmediateOrCancelExpiresWhenNotMarketableAtTrigger() throws {
        // BUY STOP 50 100 / limit 50 050 IOC: at the trigger (50 100) the limit is below the
        // price, so nothing fills and the order expires with reason 2.
        let bars = [TestMarket.flat("50000"), ("50000", "50200", "49990", "50150")]
        let exchange = TestMarket.exchange(ExchangeConfiguration(), [TestMarket.market(bars)])
        let log = EventLog(exchange)
        var id: OrderID = 0
        drive(exchange, bars: 0..<2) { i in
            if i == 0 {
                id =
                    exchange.place(
                        TestMarket.stopOrder(.stop, .buy, .long, "0.01", stop: "50100", price: "50050", tif: .ioc)
                    ).orderID
            }
        }
        let updates = log.updates(of: id)
        #expect(updates.map(\.executionType) == [.new, .new, .expired])
        #expect(updates.last?.expiryReason == .iocRemainder)
        #expect(log.fills.isEmpty)
    }
}
