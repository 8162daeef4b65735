import Market
import TestSupport
import Testing

@testable import TradeEngine

/// Vectors PM1, PM3–PM10, P1–P3 and I1's position-manager half of petrosa-tradeengine.md §8.5 /
/// §8.1 (portfolio 10 000). PM2 (a fill without a price, booked at the order's target) has no
/// counterpart: the simulated exchange's fills always carry their price.
@Suite struct PositionBookTests {
    let btcLong = PositionKey("BTCUSDT", .long)
    let btcShort = PositionKey("BTCUSDT", .short)
    let t = Timestamp(iso8601: "2024-01-01T12:00:00Z")!

    @Test func pm1OpensALong() {
        var book = PositionBook()
        book.apply(key: btcLong, side: .buy, price: 50_000, quantity: Fixtures.quantity("0.001"), at: t)
        #expect(book.position(btcLong)?.quantity == Fixtures.quantity("0.001"))
        #expect(book.position(btcLong)?.averagePrice == 50_000)
    }

    /// I1, the position-manager half: fills LONG 0.001 @ 45 000, SHORT 0.001 @ 45 000, LONG
    /// 0.002 @ 46 000 leave two positions, LONG 0.003 and SHORT 0.001.
    @Test func i1HedgedFillsKeepTwoPositions() {
        var book = PositionBook()
        book.apply(key: btcLong, side: .buy, price: 45_000, quantity: Fixtures.quantity("0.001"), at: t)
        book.apply(key: btcShort, side: .sell, price: 45_000, quantity: Fixtures.quantity("0.001"), at: t)
        book.apply(key: btcLong, side: .buy, price: 46_000, quantity: Fixtures.quantity("0.002"), at: t)
        #expect(book.positions.count == 2)
        #expect(book.position(btcLong)?.quantity == Fixtures.quantity("0.003"))
        #expect(book.position(btcShort)?.quantity == Fixtures.quantity("0.001"))
        #expect(book.positions(symbol: "BTCUSDT").count == 2)
    }

    @Test func pm3AccumulatesWithAVolumeWeightedPrice() {
        var book = PositionBook()
        book.apply(key: btcLong, side: .buy, price: 50_000, quantity: Fixtures.quantity("0.001"), at: t)
        book.apply(key: btcLong, side: .buy, price: 51_000, quantity: Fixtures.quantity("0.001"), at: t)
        let p = book.position(btcLong)!
        #expect(p.quantity == Fixtures.quantity("0.002"))
        #expect(p.averagePrice == 50_500)
        #expect(p.accumulationCount == 1)
    }

    @Test func pm4PartialReduceRealizesPnL() {
        var book = PositionBook()
        book.apply(key: btcLong, side: .buy, price: 50_000, quantity: Fixtures.quantity("0.001"), at: t)
        let realized = book.apply(
            key: btcLong, side: .sell, price: 52_000, quantity: Fixtures.quantity("0.0005"), at: t)
        #expect(realized == 1)
        #expect(book.position(btcLong)?.quantity == Fixtures.quantity("0.0005"))
        #expect(book.position(btcLong)?.realizedPnL == 1)
        #expect(book.dailyPnL(at: t) == 1)
    }

    @Test func pm5FullReduceRemovesThePosition() {
        var book = PositionBook()
        book.apply(key: btcLong, side: .buy, price: 50_000, quantity: Fixtures.quantity("0.001"), at: t)
        book.apply(key: btcLong, side: .sell, price: 52_000, quantity: Fixtures.quantity("0.001"), at: t)
        #expect(book.position(btcLong) == nil)
    }

    @Test func pm6ShortCloseRealizesAndRemoves() {
        var book = PositionBook()
        book.apply(key: btcShort, side: .sell, price: 50_000, quantity: Fixtures.quantity("0.002"), at: t)
        book.apply(key: btcShort, side: .buy, price: 48_000, quantity: Fixtures.quantity("0.002"), at: t)
        #expect(book.dailyPnL(at: t) == 4)
        #expect(book.position(btcShort) == nil)
    }

    @Test func pm7ZeroQuantityAddMarksUnrealizedToTheFillPrice() {
        var book = PositionBook()
        book.apply(key: btcLong, side: .buy, price: 50_000, quantity: Fixtures.quantity("0.001"), at: t)
        book.apply(key: btcLong, side: .buy, price: 51_000, quantity: .zero, at: t)
        #expect(book.position(btcLong)?.unrealizedPnL == 1)
        #expect(book.position(btcLong)?.accumulationCount == 1)  // the live quirk: a zero fill counts
    }

    @Test func pm8ZeroQuantityAddOnAShort() {
        var book = PositionBook()
        book.apply(key: btcShort, side: .sell, price: 50_000, quantity: Fixtures.quantity("0.002"), at: t)
        book.apply(key: btcShort, side: .sell, price: 49_000, quantity: .zero, at: t)
        #expect(book.position(btcShort)?.unrealizedPnL == 2)
    }

    /// PM9: live coerces string fills ("50000.0", "0.001"); here they are parsed exactly.
    @Test func pm9StringFillsParseExactly() {
        var book = PositionBook()
        book.apply(key: btcLong, side: .buy, price: Price("50000.0")!, quantity: Quantity("0.001")!, at: t)
        #expect(book.position(btcLong)?.averagePrice == 50_000)
    }

    @Test func pm10OverCloseRemovesThePosition() {
        var book = PositionBook()
        book.apply(key: btcLong, side: .buy, price: 50_000, quantity: Fixtures.quantity("0.001"), at: t)
        let realized = book.apply(key: btcLong, side: .sell, price: 51_000, quantity: Fixtures.quantity("0.002"), at: t)
        #expect(book.position(btcLong) == nil)
        #expect(realized == 1)  // PnL only on the quantity that was open
    }

    @Test func p1KeepsLongAndShortApart() {
        var book = PositionBook()
        book.apply(key: btcLong, side: .buy, price: 45_000, quantity: Fixtures.quantity("0.001"), at: t)
        book.apply(key: btcShort, side: .sell, price: 45_000, quantity: Fixtures.quantity("0.002"), at: t)
        #expect(book.positions.count == 2)
        #expect(book.position(btcLong)?.quantity == Fixtures.quantity("0.001"))
        #expect(book.position(btcShort)?.quantity == Fixtures.quantity("0.002"))
        #expect(book.positions(symbol: "BTCUSDT").count == 2)
    }

    @Test func p2KeysAreTuples() {
        var book = PositionBook()
        book.apply(
            key: PositionKey("ETHUSDT", .long), side: .buy, price: 3_000, quantity: Fixtures.quantity("0.1"), at: t)
        #expect(book.positions.map(\.key) == [PositionKey("ETHUSDT", .long)])
    }

    @Test func p3LooksUpWithoutASide() {
        var book = PositionBook()
        book.apply(
            key: PositionKey("BNBUSDT", .long), side: .buy, price: 400, quantity: Fixtures.quantity("0.5"), at: t)
        #expect(book.position(symbol: "BNBUSDT")?.quantity == Fixtures.quantity("0.5"))
    }

    @Test func dailyPnLResetsAtMidnightUTC() {
        var book = PositionBook()
        book.apply(key: btcLong, side: .buy, price: 50_000, quantity: 1, at: t)
        book.apply(key: btcLong, side: .sell, price: 49_000, quantity: Fixtures.quantity("0.5"), at: t)
        #expect(book.dailyPnL(at: t) == -500)
        let nextDay = Timestamp(iso8601: "2024-01-02T00:00:00Z")!
        #expect(book.dailyPnL(at: nextDay) == 0)
        book.apply(key: btcLong, side: .sell, price: 49_000, quantity: Fixtures.quantity("0.5"), at: nextDay)
        #expect(book.dailyPnL(at: nextDay) == -500)
    }

    @Test func reduceAgainstAMissingLegDoesNothing() {
        var book = PositionBook()
        #expect(book.apply(key: btcLong, side: .sell, price: 1, quantity: 1, at: t) == 0)
        #expect(book.positions.isEmpty)
    }
}
