import Exchange
import Market
import Testing

private func p(_ text: String) -> Price { Price(text)! }
private func q(_ text: String) -> Quantity { Quantity(text)! }

@Suite struct SimulatedExchangePathTests {
    /// A long of 0.1 (plus an optional short) from the open of bar 1, a stop at 49 000 and a
    /// target at 51 000 placed after bar 1, then `bar`.
    static func bracketRun(
        _ policy: PricePathPolicy, bar: (String, String, String, String), short: String? = nil
    ) -> (stop: Fill?, target: Fill?, log: EventLog) {
        var configuration = ExchangeConfiguration()
        configuration.pricePath = policy
        let bars = [TestMarket.flat("50000"), TestMarket.flat("50000"), bar]
        let exchange = TestMarket.exchange(configuration, [TestMarket.market(bars)])
        let log = EventLog(exchange)
        var stop: OrderID = 0
        var target: OrderID = 0
        drive(exchange, bars: 0..<3) { i in
            if i == 0 {
                _ = exchange.place(TestMarket.marketOrder(.buy, .long, "0.1")).orderID
                if let short { _ = exchange.place(TestMarket.marketOrder(.sell, .short, short)).orderID }
            }
            if i == 1 {
                stop =
                    exchange.place(TestMarket.stopOrder(.stopMarket, .sell, .long, "0.1", stop: "49000", oco: 1))
                    .orderID
                target =
                    exchange.place(
                        TestMarket.stopOrder(.takeProfitMarket, .sell, .long, "0.1", stop: "51000", oco: 1)
                    ).orderID
            }
        }
        return (log.fills(of: stop).first, log.fills(of: target).first, log)
    }

    @Test(arguments: [
        (PricePathPolicy.ohlc, false), (.olhc, true), (.adaptive, false), (.pessimistic, true),
    ])
    func policyDecidesWhichExtremeComesFirst(policy: PricePathPolicy, stopFirst: Bool) {
        // |H − O| = 1 200 < |L − O| = 1 500: adaptive visits the high first; pessimistic visits
        // the extreme adverse to the long (the low).
        let run = Self.bracketRun(policy, bar: ("50000", "51200", "48500", "50000"))
        #expect((run.stop != nil) == stopFirst)
        #expect((run.target != nil) == !stopFirst)
        let fill = run.stop ?? run.target
        #expect(fill?.ambiguous == true)
        #expect(fill?.pathPoint == (stopFirst ? .low : .high))
        #expect(fill?.time == TestMarket.start.adding(seconds: 120).adding(milliseconds: 20_000))
    }

    @Test func adaptiveTieGoesToTheHighAndPessimisticFollowsTheLargerLeg() {
        #expect(Self.bracketRun(.adaptive, bar: ("50000", "51500", "48500", "50000")).target != nil)
        // Short 0.2 > long 0.1: the adverse extreme of the larger leg is the high.
        #expect(Self.bracketRun(.pessimistic, bar: ("50000", "51200", "48500", "50000"), short: "0.2").target != nil)
    }

    @Test func aOneSidedBarIsNotAmbiguous() throws {
        let run = Self.bracketRun(.adaptive, bar: ("50000", "51200", "49500", "51000"))
        let fill = try #require(run.target)
        #expect(!fill.ambiguous)
    }

    @Test func detailKlinesResolveAnAmbiguousBar() throws {
        // Hourly bars; the coarse bar touches both the stop and the target and adaptive would
        // pick the high. The 1m detail shows the low first.
        var configuration = ExchangeConfiguration()
        configuration.pricePath = .adaptive
        let hour = TestMarket.klines(
            TestMarket.btc, interval: .h1,
            [TestMarket.flat("50000"), TestMarket.flat("50000"), ("50000", "51200", "48500", "50000")])
        let detailStart = TestMarket.start.adding(seconds: 7200)
        let detail = TestMarket.klines(
            TestMarket.btc, interval: .m1, start: detailStart,
            [
                ("50000", "50100", "48500", "48600"), ("48600", "49900", "48600", "49800"),
                ("49800", "51200", "49800", "50000"),
            ])
        let exchange = TestMarket.exchange(
            configuration, [SymbolMarket(rules: TestMarket.rules(), klines: hour, detailKlines: detail)])
        let log = EventLog(exchange)
        var stop: OrderID = 0
        drive(exchange, bars: 0..<3) { i in
            if i == 0 { _ = exchange.place(TestMarket.marketOrder(.buy, .long, "0.1")).orderID }
            if i == 1 {
                stop =
                    exchange.place(TestMarket.stopOrder(.stopMarket, .sell, .long, "0.1", stop: "49000", oco: 1))
                    .orderID
                _ =
                    exchange.place(TestMarket.stopOrder(.takeProfitMarket, .sell, .long, "0.1", stop: "51000", oco: 1))
                    .orderID
            }
        }
        let fill = try #require(log.fills(of: stop).first)
        #expect(fill.pathPoint == .detail)
        #expect(!fill.ambiguous)
        #expect(fill.price == p("49000"))
        // Inside the first detail minute: high first (nearer the open), the low at +40 s.
        #expect(fill.time == detailStart.adding(seconds: 40))
        #expect(fill.barTime == detailStart)
        #expect(log.fills.count == 2)
    }

    @Test func ordersPlacedDuringTheWalkArmFromTheNextPathPoint() throws {
        // A breakout BUY STOP_MARKET at 50 500 fills on the way to the high (50 600). The handler
        // places a take-profit at 50 550 (inside the same rising segment) and a stop at 49 500.
        // The take-profit must not fill on the segment it was placed in; the stop fills at the
        // low, flagged ambiguous because it was armed by a fill at the other extreme.
        let bars = [TestMarket.flat("50000"), ("50000", "50600", "49400", "49600")]
        let exchange = TestMarket.exchange(ExchangeConfiguration(), [TestMarket.market(bars)])
        let log = EventLog(exchange)
        var entry: OrderID = 0
        var target: OrderID = 0
        var stop: OrderID = 0
        var timesSeen: [Timestamp] = []
        exchange.onEvent = { event in
            log.events.append(event)
            guard case .fill(let fill) = event else { return }
            timesSeen.append(exchange.currentTime)
            if fill.orderID == entry {
                #expect(exchange.lastPrice(TestMarket.btc) == p("50500"))
                target =
                    exchange.place(
                        TestMarket.stopOrder(.takeProfitMarket, .sell, .long, "0.1", stop: "50550")
                    ).orderID
                stop = exchange.place(TestMarket.stopOrder(.stopMarket, .sell, .long, "0.1", stop: "49500")).orderID
            }
        }
        drive(exchange, bars: 0..<2) { i in
            if i == 0 {
                entry = exchange.place(TestMarket.stopOrder(.stopMarket, .buy, .long, "0.1", stop: "50500")).orderID
            }
        }
        let entryFill = try #require(log.fills(of: entry).first)
        #expect(entryFill.pathPoint == .high && !entryFill.ambiguous)
        #expect(log.fills(of: target).isEmpty)
        let stopFill = try #require(log.fills(of: stop).first)
        #expect(stopFill.pathPoint == .low && stopFill.ambiguous)
        let open = TestMarket.start.adding(seconds: 60)
        #expect(timesSeen == [open.adding(milliseconds: 20_000), open.adding(milliseconds: 40_000)])
        #expect(exchange.currentTime == open.adding(milliseconds: 59_999))
    }

    @Test func latencyDelaysMarketFillsToTheFirstBarOpeningAfterIt() throws {
        for (latency, bar) in [(Int64(0), 1), (30_000, 2), (60_001, 2), (60_002, 3)] {
            var configuration = ExchangeConfiguration()
            configuration.latency = latency
            let bars = [
                TestMarket.flat("50000"), TestMarket.flat("50100"), TestMarket.flat("50200"), TestMarket.flat("50300"),
            ]
            let exchange = TestMarket.exchange(configuration, [TestMarket.market(bars)])
            let log = EventLog(exchange)
            drive(exchange, bars: 0..<4) { i in
                if i == 0 {
                    _ = exchange.place(TestMarket.marketOrder(.buy, .long, "0.01")).orderID
                    _ = exchange.place(TestMarket.limitOrder(.buy, .long, "0.01", at: "50400")).orderID
                }
            }
            let fills = log.fills
            // The MARKET order placed at 00:00:59.999 fills at the open of the first bar opening at
            // or after placement + latency; the LIMIT (marketable) filled at placement.
            let market = try #require(fills.first { $0.orderID == 1 })
            #expect(market.barTime == exchange.barOpenTime(symbolIndex: 0, barIndex: bar), "latency \(latency)")
        }
    }

    @Test func latencyDelaysTheActivationOfRestingOrders() throws {
        var configuration = ExchangeConfiguration()
        configuration.latency = 30_000
        let bars = [
            TestMarket.flat("50000"), ("50000", "50000", "49000", "49500"), ("49500", "50000", "49000", "49500"),
        ]
        let exchange = TestMarket.exchange(configuration, [TestMarket.market(bars)])
        let log = EventLog(exchange)
        drive(exchange, bars: 0..<3) { i in
            if i == 0 { _ = exchange.place(TestMarket.limitOrder(.buy, .long, "0.01", at: "49500")).orderID }
        }
        let fill = try #require(log.fills.first)
        #expect(fill.barTime == exchange.barOpenTime(symbolIndex: 0, barIndex: 2))
    }

    @Test func theSameInputGivesTheSameEvents() {
        func run() -> [ExchangeEvent] {
            Self.bracketRun(.adaptive, bar: ("50000", "51200", "48500", "50000")).log.events
        }
        let first = run()
        #expect(!first.isEmpty)
        #expect(first == run())
    }

    @Test func ordersGappedThroughTogetherFillInIdOrderAtTheOpen() throws {
        let bars = [TestMarket.flat("50000"), TestMarket.flat("50000"), ("48000", "48100", "47900", "48000")]
        let exchange = TestMarket.exchange(ExchangeConfiguration(), [TestMarket.market(bars)])
        let log = EventLog(exchange)
        drive(exchange, bars: 0..<3) { i in
            if i == 0 { _ = exchange.place(TestMarket.marketOrder(.buy, .long, "0.3")).orderID }
            if i == 1 {
                _ = exchange.place(TestMarket.stopOrder(.stopMarket, .sell, .long, "0.1", stop: "49000")).orderID
                _ = exchange.place(TestMarket.stopOrder(.stopMarket, .sell, .long, "0.1", stop: "49900")).orderID
                _ = exchange.place(TestMarket.limitOrder(.buy, .long, "0.1", at: "49500")).orderID
            }
        }
        let gapFills = log.fills.filter { $0.pathPoint == .open && $0.orderID > 1 }
        // Touched in the order of the fall from 50 000: 49 900 first, then the limit at 49 500,
        // then 49 000; all at the open price.
        #expect(gapFills.map(\.orderID) == [3, 4, 2])
        #expect(gapFills.map(\.price) == [p("48000"), p("48000"), p("48000")])
        #expect(gapFills.map(\.isMaker) == [false, true, false])
    }
}
