import Exchange
import Market
import Testing

private func p(_ text: String) -> Price { Price(text)! }

/// `processBar(symbolIndex:barIndex:through:)`: a bar's path walked up to an instant, the
/// driver acting there, then the rest (docs/design.md, "The event-order contract"). On 1m bars
/// the path points are O at +0 s, the first extreme at +20 s, the second at +40 s, C at +59.999 s.
@Suite struct BarWalkTests {
    /// A long of 0.1 filled at bar 1's open, a stop at 49 000 and a target at 51 000 (an OCO
    /// pair) placed after bar 1, then a two-sided bar 2 (`ohlc`: the high at +20 s first) and a
    /// flat bar 3. With `detail`, the bars are hourly and bar 2 is replayed on three 1m detail
    /// klines whose first reaches the low (at +40 s) before any high.
    static func bracketed(
        detail: Bool = false, through: [Int64], between: (SimulatedExchange, Int64) -> Void = { _, _ in }
    ) -> (log: EventLog, exchange: SimulatedExchange) {
        var configuration = ExchangeConfiguration()
        configuration.pricePath = .ohlc
        let bars = [
            TestMarket.flat("50000"), TestMarket.flat("50000"), ("50000", "51200", "48500", "50000"),
            TestMarket.flat("50000"),
        ]
        var market = TestMarket.market(bars)
        if detail {
            market = SymbolMarket(
                rules: TestMarket.rules(), klines: TestMarket.klines(TestMarket.btc, interval: .h1, bars),
                detailKlines: TestMarket.klines(
                    TestMarket.btc, interval: .m1, start: TestMarket.start.adding(seconds: 7200),
                    [
                        ("50000", "50100", "48500", "48600"), ("48600", "49900", "48600", "49800"),
                        ("49800", "51200", "49800", "50000"),
                    ]))
        }
        let exchange = TestMarket.exchange(configuration, [market])
        let log = EventLog(exchange)
        for i in 0..<2 {
            exchange.processBar(symbolIndex: 0, barIndex: i)
            if i == 0 { _ = exchange.place(TestMarket.marketOrder(.buy, .long, "0.1")) }
            if i == 1 {
                _ = exchange.place(TestMarket.stopOrder(.stopMarket, .sell, .long, "0.1", stop: "49000", oco: 1))
                _ = exchange.place(TestMarket.stopOrder(.takeProfitMarket, .sell, .long, "0.1", stop: "51000", oco: 1))
            }
            exchange.markToMarket(symbolIndex: 0, barIndex: i)
        }
        let open = exchange.barOpenTime(symbolIndex: 0, barIndex: 2)!.milliseconds
        for offset in through {
            exchange.processBar(symbolIndex: 0, barIndex: 2, through: open + offset)
            between(exchange, open + offset)
        }
        exchange.processBar(symbolIndex: 0, barIndex: 2)
        exchange.markToMarket(symbolIndex: 0, barIndex: 2)
        exchange.processBar(symbolIndex: 0, barIndex: 3)
        exchange.markToMarket(symbolIndex: 0, barIndex: 3)
        return (log, exchange)
    }

    static func summary(_ log: EventLog) -> [String] {
        log.fills.map { "\($0.orderID) \($0.price) \($0.time) \($0.pathPoint) \($0.ambiguous)" }
    }

    /// Stopping anywhere (before the open, at and between path points, at the close) and going
    /// on changes nothing when nothing happens at the stops: the same fills, prices and times.
    @Test(arguments: [
        [Int64](), [-1], [0], [1], [19_999], [20_000], [20_001, 30_000], [39_999, 40_000, 40_000], [59_998],
        [59_999], [5_000, 25_000, 45_000, 59_000],
    ])
    func walkingInPiecesIsWalkingAtOnce(through: [Int64]) {
        let whole = Self.summary(Self.bracketed(through: []).log)
        #expect(whole.count == 2)  // the entry, then the target at the high
        #expect(Self.summary(Self.bracketed(through: through).log) == whole)
    }

    /// The same with a bar replayed on its detail klines (the stop at the first minute's low).
    @Test(arguments: [
        [Int64](), [0], [20_000], [39_999], [40_000], [59_999], [60_000], [61_000, 130_000], [3_000_000],
    ])
    func walkingADetailReplayInPiecesIsWalkingAtOnce(through: [Int64]) {
        let whole = Self.summary(Self.bracketed(detail: true, through: []).log)
        #expect(whole.count == 2)
        #expect(whole.last?.contains("49000") == true)
        #expect(Self.summary(Self.bracketed(detail: true, through: through).log) == whole)
    }

    /// A stop at a path point's exact time sees that point's fills; one millisecond earlier
    /// does not; the clock stands at the instant asked for, the prices at the last point walked.
    @Test func aStopAtAPathPointsTimeSeesItsFills() {
        var seen: [(Int64, Int, Price?)] = []
        _ = Self.bracketed(through: [19_999, 20_000]) { exchange, instant in
            seen.append((exchange.currentTime.milliseconds - instant, 0, exchange.lastPrice(TestMarket.btc)))
        }
        var counts: [Int] = []
        _ = Self.bracketed(through: [19_999, 20_000]) { exchange, _ in
            counts.append(exchange.openConditionalOrderCount(symbol: TestMarket.btc))
        }
        #expect(seen.map(\.0) == [0, 0])
        #expect(seen.map(\.2) == [p("50000"), p("51200")])  // the open, then the high
        #expect(counts == [2, 0])  // the target filled at +20 s, its OCO stop canceled
    }

    /// A MARKET order placed while the walk stands still fills at the next bar's open, never
    /// inside its own bar; a LIMIT order acts from the next path point after its placement.
    @Test func ordersPlacedWhileStoppedActLater() throws {
        var market: OrderID = 0
        var limit: OrderID = 0
        let (log, exchange) = Self.bracketed(through: [10_000]) { exchange, _ in
            market = exchange.place(TestMarket.marketOrder(.buy, .long, "0.01")).orderID
            limit = exchange.place(TestMarket.limitOrder(.buy, .long, "0.01", at: "48600")).orderID
        }
        let entry = try #require(log.fills(of: market).first)
        #expect(entry.time == TestMarket.start.adding(seconds: 180))  // the next bar's open
        let resting = try #require(log.fills(of: limit).first)
        #expect(resting.price == p("48600"))
        #expect(resting.time == TestMarket.start.adding(seconds: 160))  // the low at +40 s
        let created = try #require(log.updates(of: market).first)
        #expect(created.time == TestMarket.start.adding(seconds: 130))  // placed at the instant
        #expect(exchange.currentTime == TestMarket.start.adding(seconds: 239).adding(milliseconds: 999))
    }

    /// A bar that cannot trigger anything is still walked point by point when stopped inside,
    /// so the prices at the instant are the path's, not the close's.
    @Test func aQuietBarStoppedInsideShowsThePriceAtTheInstant() {
        let bars = [TestMarket.flat("50000"), ("50000", "50400", "49800", "50100")]
        let exchange = TestMarket.exchange(ExchangeConfiguration(), [TestMarket.market(bars)])
        exchange.processBar(symbolIndex: 0, barIndex: 0)
        exchange.markToMarket(symbolIndex: 0, barIndex: 0)
        let open = TestMarket.start.adding(seconds: 60).milliseconds
        var prices: [Price?] = []
        for offset: Int64 in [0, 20_000, 40_000, 59_999] {
            exchange.processBar(symbolIndex: 0, barIndex: 1, through: open + offset)
            prices.append(exchange.lastPrice(TestMarket.btc))
            #expect(exchange.hasSuspendedWalk(symbolIndex: 0) == (offset < 59_999))
        }
        #expect(prices == [p("50000"), p("49800"), p("50400"), p("50100")])  // adaptive: the nearer low first
    }
}
