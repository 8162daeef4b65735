import Market
import TestSupport
import Testing

@testable import TradeEngine

/// Vectors SP1, SP3–SP18 of §8.3 and OP1 of §8.6, on the exact-value book. SP2 (a fill
/// without a price) has no counterpart: the simulated exchange's fills always carry their price.
@Suite struct StrategyBookTests {
    let t = Timestamp(iso8601: "2024-01-01T12:00:00Z")!
    let meta = StrategyMetadata(timeframe: "1h", confidence: 0.8, strength: "strong", rationale: nil)

    @discardableResult
    func open(
        _ book: inout StrategyBook, strategy: String = "test-strategy", symbol: Symbol = "BTCUSDT",
        side: PositionSide = .long, qty: String = "0.001", price: Price = 50_000, orderID: OrderID? = 123,
        decision: String? = nil
    ) -> Int {
        book.open(
            strategyID: strategy, signalID: "sig", decisionID: decision, signalSequence: 1, symbol: symbol, side: side,
            quantity: Fixtures.quantity(qty), price: price, time: t, entryOrderID: orderID, takeProfit: 52_000,
            stopLoss: 48_000, metadata: meta)
    }

    @Test(arguments: [
        ("sp", 1, "sp-000001"), ("pc", 42, "pc-000042"), ("ep", 999_999, "ep-999999"), ("sp", 1_000_000, "sp-1000000"),
        ("sp", 999_999_999, "sp-999999999"), ("sp", 1_000_000_000, "sp-1000000000"),
        ("longer", 0, "longer-000000"), ("toolong", 12, "toolong-000012"),
    ])
    func idsHaveAtLeastSixDigits(prefix: String, number: Int, id: String) {
        #expect(StrategyBook.id(prefix, number) == id)
    }

    @Test func sp1CreatesAStrategyPosition() {
        var book = StrategyBook()
        let i = open(&book)
        let p = book.positions[i]
        #expect(p.id == "sp-000001")
        #expect(p.strategyID == "test-strategy")
        #expect(p.symbol == "BTCUSDT")
        #expect(p.side == .long)
        #expect(p.entryQuantity == Fixtures.quantity("0.001"))
        #expect(p.entryPrice == 50_000)
        #expect(p.takeProfitPrice == 52_000 && p.stopLossPrice == 48_000)
        #expect(p.status == .open)
        #expect(p.exchangePositionKey == "BTCUSDT_LONG")
    }

    @Test func sp3To4QueriesByStrategyAndOpenByKey() {
        var book = StrategyBook()
        open(&book)
        let second = open(&book)
        open(&book, strategy: "other")
        #expect(book.positionIndices(strategyID: "test-strategy") == [0, 1])
        #expect(book.positionIndices(strategyID: "nobody").isEmpty)
        book.close(
            second, quantity: Fixtures.quantity("0.001"), price: 51_000, time: t, reason: .manual, orderID: nil,
            ambiguous: false)
        #expect(book.openPositionIndices(PositionKey("BTCUSDT", .long)).count == 2)
    }

    @Test func sp6PartialClose() {
        var book = StrategyBook()
        let i = open(&book)
        let realized = book.close(
            i, quantity: Fixtures.quantity("0.0005"), price: 51_000, time: t, reason: .manual, orderID: nil,
            ambiguous: false)
        #expect(realized == Fixtures.money("0.5"))
        #expect(book.positions[i].status == .partial)
        #expect(book.positions[i].remainingQuantity == Fixtures.quantity("0.0005"))
    }

    @Test func sp7To8FullCloseLongAndShort() {
        var book = StrategyBook()
        let long = open(&book)
        #expect(
            book.close(
                long, quantity: Fixtures.quantity("0.001"), price: 51_000, time: t, reason: .manual, orderID: nil,
                ambiguous: false) == 1)
        let short = open(&book, side: .short)
        #expect(
            book.close(
                short, quantity: Fixtures.quantity("0.001"), price: 49_000, time: t, reason: .manual, orderID: nil,
                ambiguous: false) == 1)
        #expect(book.positions[long].status == .closed)
        #expect(book.positions[long].realizedPnLPercent == 2.0)
    }

    @Test func sp9To10ExchangePositionAggregates() {
        var book = StrategyBook()
        open(&book, strategy: "X")
        var record = book.openExchangePosition(PositionKey("BTCUSDT", .long))!
        #expect(record.currentQuantity == Fixtures.quantity("0.001"))
        #expect(record.weightedAveragePrice == 50_000)
        #expect(record.contributingStrategies == ["X"])
        open(&book, strategy: "strategy-2", qty: "0.002", price: 51_000)
        record = book.openExchangePosition(PositionKey("BTCUSDT", .long))!
        #expect(record.currentQuantity == Fixtures.quantity("0.003"))
        #expect(record.weightedAveragePrice == Fixtures.price("50666.66666667"))
        #expect(record.totalContributions == 2)
        #expect(record.contributingStrategies == ["X", "strategy-2"])
    }

    @Test func sp11To12ReducingAndClosingALifecycle() {
        var book = StrategyBook()
        let a = open(&book, qty: "0.001")
        open(&book, qty: "0.002")
        book.close(
            a, quantity: Fixtures.quantity("0.001"), price: 50_000, time: t, reason: .manual, orderID: nil,
            ambiguous: false)
        let record = book.openExchangePosition(PositionKey("BTCUSDT", .long))!
        #expect(record.currentQuantity == Fixtures.quantity("0.002"))
        #expect(record.isOpen)
        let key = PositionKey("BTCUSDT", .long)
        book.close(
            book.openPositionIndices(key)[0], quantity: Fixtures.quantity("0.002"), price: 50_000, time: t,
            reason: .manual, orderID: nil, ambiguous: false)
        #expect(book.openExchangePosition(key) == nil)
        #expect(book.exchangePositions[0].isOpen == false)
        #expect(book.exchangePositions[0].currentQuantity == .zero)
    }

    @Test func lifecyclesAreNewRecordsForAReusedKey() {
        var book = StrategyBook()
        let a = open(&book)
        book.close(
            a, quantity: Fixtures.quantity("0.001"), price: 50_000, time: t, reason: .manual, orderID: nil,
            ambiguous: false)
        let b = open(&book)
        #expect(book.exchangePositions.count == 2)
        #expect(book.positions[b].lifecycleID == "ep-000002")
        #expect(book.contributions[1].sequence == 1)
        #expect(book.contributions[1].exchangeQuantityBefore == .zero)
    }

    @Test func sp14To15Contributions() {
        var book = StrategyBook()
        let i = open(&book, symbol: "ETHUSDT", qty: "0.5", price: 3_000)
        #expect(book.contributions.count == 1)
        #expect(book.contributions[0].strategyPositionID == book.positions[i].id)
        #expect(book.contributions[0].sequence == 1)
        open(&book, strategy: "B", symbol: "ETHUSDT", qty: "0.25", price: 3_100)
        #expect(book.contributions[1].sequence == 2)
        #expect(book.contributions[1].exchangeQuantityBefore == Fixtures.quantity("0.5"))
        #expect(book.contributions[1].exchangeQuantityAfter == Fixtures.quantity("0.75"))
    }

    @Test func sp16To17DecisionAndEntryOrderIDs() {
        var book = StrategyBook()
        let i = open(&book, qty: "0.01", orderID: 7, decision: "dec-OPEN")
        #expect(book.positions[i].decisionID == "dec-OPEN")
        #expect(book.positions[i].entryOrderID == 7)
        #expect(
            book.close(
                i, quantity: Fixtures.quantity("0.01"), price: 51_000, time: t, reason: .manual, orderID: nil,
                ambiguous: false) == 10)
    }

    @Test func op1TwoStrategiesClosedAtOnePrice() {
        var book = StrategyBook()
        let a = open(&book, strategy: "A", qty: "0.0005", price: 49_000)
        let b = open(&book, strategy: "B", qty: "0.0005", price: 51_000)
        #expect(
            book.close(
                a, quantity: Fixtures.quantity("0.0005"), price: 52_000, time: t, reason: .takeProfit, orderID: nil,
                ambiguous: false) == Fixtures.money("1.5"))
        #expect(
            book.close(
                b, quantity: Fixtures.quantity("0.0005"), price: 52_000, time: t, reason: .takeProfit, orderID: nil,
                ambiguous: false) == Fixtures.money("0.5"))
    }

    /// OP1: LONG and SHORT 50 000 → 52 000 / 48 000 × 0.001 gain 2.0 (the other way −2.0); fees of
    /// 0.02 on each side leave a net of 1.96; the PnL is 4.0 % of the entry notional.
    @Test func op1PnLFeesAndPercent() {
        var book = StrategyBook()
        let long = open(&book, qty: "0.001", price: 50_000)
        book.addCommission(long, Fixtures.money("0.02"))
        #expect(
            book.close(
                long, quantity: Fixtures.quantity("0.001"), price: 52_000, time: t, reason: .takeProfit, orderID: nil,
                ambiguous: false) == 2)
        book.addCommission(long, Fixtures.money("0.02"))
        #expect(book.positions[long].netPnL == Fixtures.money("1.96"))
        #expect(book.positions[long].realizedPnLPercent == 4.0)
        let short = open(&book, side: .short, qty: "0.001", price: 50_000)
        #expect(
            book.close(
                short, quantity: Fixtures.quantity("0.001"), price: 48_000, time: t, reason: .takeProfit, orderID: nil,
                ambiguous: false) == 2)
        let losing = open(&book, qty: "0.001", price: 50_000)
        #expect(
            book.close(
                losing, quantity: Fixtures.quantity("0.001"), price: 48_000, time: t, reason: .stopLoss, orderID: nil,
                ambiguous: false) == -2)
    }

    /// SP5: an unknown id finds nothing (live's close returns `{}`); a known one its position.
    @Test func sp5UnknownIDFindsNothing() {
        var book = StrategyBook()
        let i = open(&book)
        #expect(book.index(ofID: book.positions[i].id) == i)
        #expect(book.index(ofID: "sp-000002") == nil)
        #expect(book.index(ofID: "nope") == nil)
        #expect(book.index(ofID: "sp-") == nil)
    }

    /// SP13: reducing (closing the lifecycle of) an unknown key changes nothing and fails not.
    @Test func sp13UnknownKeyIsANoOp() {
        var book = StrategyBook()
        open(&book)
        book.closeLifecycle(PositionKey("ETHUSDT", .short), at: t)
        #expect(book.exchangePositions.count == 1 && book.exchangePositions[0].isOpen)
    }

    /// SP18: the lookup by entry order id: "283194212" finds its position, "nope" and "" nothing.
    @Test func sp18LookupByEntryOrderID() {
        var book = StrategyBook()
        open(&book, orderID: 1)
        let i = open(&book, orderID: 283_194_212)
        #expect(book.index(ofEntryOrderID: "283194212") == i)
        #expect(book.index(ofEntryOrderID: "nope") == nil)
        #expect(book.index(ofEntryOrderID: "") == nil)
        #expect(book.index(ofEntryOrderID: "5") == nil)
    }

    @Test func proRataSplitIsExactAndDeterministic() {
        var book = StrategyBook()
        open(&book, strategy: "A", qty: "1")
        open(&book, strategy: "B", qty: "1")
        open(&book, strategy: "C", qty: "1")
        let key = PositionKey("BTCUSDT", .long)
        let shares = book.proRata(Fixtures.money("-1.00000001"), over: key)
        #expect(
            shares.map(\.share) == [
                Fixtures.money("-0.33333334"), Fixtures.money("-0.33333334"), Fixtures.money("-0.33333333"),
            ])
        #expect(shares.reduce(Money.zero) { $0 + $1.share } == Fixtures.money("-1.00000001"))
    }

    @Test func liquidationClosesEveryContributor() {
        var book = StrategyBook()
        open(&book, strategy: "A", qty: "1", price: 100)
        open(&book, strategy: "B", qty: "3", price: 104)
        let key = PositionKey("BTCUSDT", .long)
        let result = book.liquidate(key, price: 90, fee: 4, time: t, orderID: 9, ambiguous: false)
        #expect(result.map(\.realized) == [-10, -42])
        #expect(book.positions.map(\.liquidationFee) == [1, 3])
        #expect(book.positions.allSatisfy { $0.status == .closed && $0.closeReason == .liquidation })
        #expect(book.exchangePositions[0].liquidated)
        #expect(!book.exchangePositions[0].isOpen)
    }

    @Test func evictionLeavesNoPnL() {
        var book = StrategyBook()
        let i = open(&book)
        book.evict(i, reason: .noExchangePosition, at: t)
        #expect(book.positions[i].status == .closedExternally)
        #expect(book.positions[i].realizedPnL == .zero)
        #expect(book.openPositionIndices(PositionKey("BTCUSDT", .long)).isEmpty)
    }
}
