import Market
import Testing

@testable import Exchange

/// The exchange's bar columns and state storage: a scoped exchange (reading the klines in place)
/// and a copying one see the same bars, and debug builds check accesses to the state.
@Suite struct SimulatedExchangeStorageTests {
    /// Three symbols: 1m bars with mark klines that skip a bar, calendar-month bars, and no bars.
    static func markets() -> [SymbolMarket] {
        let bars = [
            TestMarket.flat("50000"), ("50000", "50400", "49800", "50300"), ("50300", "50350", "49000", "49100"),
            ("49100", "49900", "49050", "49800"), ("49800", "51000", "49700", "50900"),
        ]
        // The mark series has bars 0 and 1 only; bars 2 … 4 fall back to the klines.
        let markSeries = TestMarket.klines([TestMarket.flat("50010"), ("50010", "50500", "49900", "50250")])
        let monthly = TestMarket.rules("ETHUSDT")
        let empty = TestMarket.rules("XRPUSDT")
        return [
            SymbolMarket(rules: TestMarket.rules(), klines: TestMarket.klines(bars), markKlines: markSeries),
            SymbolMarket(
                rules: monthly, klines: TestMarket.klines(monthly.symbol, interval: .mo1, bars)),
            SymbolMarket(rules: empty, klines: KlineSeries(symbol: empty.symbol, interval: .m1)),
        ]
    }

    /// Orders that rest, trigger on either price and fill across the bars; every event, the
    /// bar times and the final marks.
    static func drive(_ exchange: SimulatedExchange) -> [String] {
        let log = EventLog(exchange)
        var trace: [String] = []
        for i in 0..<5 {
            for s in 0..<2 {
                exchange.processBar(symbolIndex: s, barIndex: i)
                let symbol = exchange.symbolList[s]
                if i == 0 {
                    _ = exchange.place(TestMarket.marketOrder(.buy, .long, "0.1", symbol: symbol))
                    _ = exchange.place(
                        TestMarket.stopOrder(
                            .stopMarket, .sell, .long, "0.1", stop: "49500", working: .markPrice, symbol: symbol))
                    _ = exchange.place(TestMarket.limitOrder(.buy, .long, "0.1", at: "49900", symbol: symbol))
                }
                exchange.markToMarket(symbolIndex: s, barIndex: i)
                trace.append(
                    "\(symbol) \(i) \(exchange.currentTime) \(exchange.markPrice(symbol).map(\.description) ?? "-")")
            }
        }
        return trace + log.events.map { "\($0)" }
    }

    @Test func scopedAndCopyingExchangesSeeTheSameBars() throws {
        let markets = Self.markets()
        let copying = Self.drive(try SimulatedExchange(configuration: ExchangeConfiguration(), markets: markets))
        let scoped = try SimulatedExchange.withExchange(configuration: ExchangeConfiguration(), markets: markets) {
            Self.drive($0)
        }
        #expect(copying == scoped)
        #expect(copying.count > 20)
        // The calendar-month symbol's bar 1 (February 2024) closes at its last millisecond.
        #expect(copying.contains("ETHUSDT 1 2024-02-29T23:59:59.999Z 50300"))
        // The mark klines drive the mark while they have bars, the klines after.
        #expect(copying.contains("BTCUSDT 1 2024-01-01T00:01:59.999Z 50250"))
        #expect(copying.contains("BTCUSDT 2 2024-01-01T00:02:59.999Z 49100"))
    }

    /// Streamed bars with mark prices matched to them: the marks drive the mark price; a mark
    /// column that is not one per bar, or funding marks not one per settlement, are refused.
    @Test func streamedMarksAreOnePerBar() throws {
        let bars = TestMarket.klines([TestMarket.flat("50000"), ("50000", "50400", "49800", "50300")])
        let marks = TestMarket.klines([TestMarket.flat("50010"), ("50010", "50500", "49900", "50250")])
        let short = TestMarket.klines([TestMarket.flat("50010")])
        let market = SymbolMarket(rules: TestMarket.rules(), klines: KlineSeries(symbol: TestMarket.btc, interval: .m1))
        let configuration = ExchangeConfiguration()
        try KlineColumns.withColumns(of: [bars, marks, short]) { columns in
            let mark = try SimulatedExchange.withExchange(
                configuration: configuration, markets: [market], streamed: [columns[0]], marks: [columns[1]]
            ) { exchange in
                exchange.processBar(symbolIndex: 0, barIndex: 1)
                exchange.markToMarket(symbolIndex: 0, barIndex: 1)
                return exchange.markPrice(TestMarket.btc)
            }
            #expect(mark == Price("50250"))
            #expect(throws: ExchangeSetupError("streamed mark prices not one per bar (BTCUSDT)")) {
                try SimulatedExchange.withExchange(
                    configuration: configuration, markets: [market], streamed: [columns[0]], marks: [columns[2]]
                ) { _ in }
            }
            #expect(throws: ExchangeSetupError("streamed funding marks not one per settlement (BTCUSDT)")) {
                try SimulatedExchange.withExchange(
                    configuration: configuration, markets: [market], streamed: [columns[0]], fundingMarks: [[1]]
                ) { _ in }
            }
        }
    }

    #if DEBUG
    /// Debug builds check every access to the exchange's state: reading it while one of its
    /// fields is being modified traps.
    @Test func overlappingStateAccessTrapsInDebugBuilds() async {
        await #expect(processExitsWith: .failure) {
            let exchange = try! SimulatedExchange(
                configuration: ExchangeConfiguration(), markets: [TestMarket.market([TestMarket.flat("50000")])])
            exchange.state.ocoGroups.append(OcoMember(group: 1, order: 0))
            exchange.state.ocoGroups.removeAll { _ in exchange.state.now >= 0 }
        }
    }
    #endif
}
