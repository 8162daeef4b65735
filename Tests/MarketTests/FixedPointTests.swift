import Market
import Testing

@Suite struct FixedPointTests {
    @Test(arguments: [
        ("0", Int64(0)), ("1", 100_000_000), ("-1", -100_000_000), ("33.1730", 3_317_300_000),
        ("0.00000001", 1), ("1e-05", 1000), ("1.5E2", 15_000_000_000), (".5", 50_000_000), ("2.", 200_000_000),
        ("+3", 300_000_000), ("0.123456780000", 12_345_678), ("92233720368.54775807", Int64.max),
    ])
    func parsesExactly(text: String, raw: Int64) {
        #expect(FixedPointParser.parse(text) == raw)
    }

    @Test(arguments: ["", "-", ".", "abc", "1.2.3", "1e", "0.000000001", "92233720368.54775808", "1,5", " 1", "1 "])
    func rejectsMalformed(text: String) {
        #expect(FixedPointParser.parse(text) == nil)
    }

    @Test func printsExactly() {
        #expect(Price("33.1730")!.description == "33.173")
        #expect(Price("33.1730")!.formatted(decimals: 4) == "33.1730")
        #expect(Money("-0.5")!.description == "-0.5")
        #expect(Money.zero.description == "0")
        #expect(Quantity("0.001")!.formatted(decimals: 3) == "0.001")
        #expect(Price(raw: Int64.min + 1).description == "-92233720368.54775807")
    }

    @Test func roundsToGridInEachDirection() {
        let tick = Price("0.10")!
        let value = Price("30000.25")!
        #expect(value.rounded(toMultipleOf: tick, .down) == Price("30000.2")!)
        #expect(value.rounded(toMultipleOf: tick, .up) == Price("30000.3")!)
        #expect(value.rounded(toMultipleOf: tick, .nearest) == Price("30000.3")!)
        #expect(Price("30000.24")!.rounded(toMultipleOf: tick, .nearest) == Price("30000.2")!)
        #expect(Price("-1.25")!.rounded(toMultipleOf: tick, .down) == Price("-1.3")!)
        #expect(Price("-1.25")!.rounded(toMultipleOf: tick, .towardZero) == Price("-1.2")!)
        #expect(value.rounded(toMultipleOf: .zero, .down) == value)
        #expect(Price("1.23456789")!.rounded(decimals: 2, .up) == Price("1.24")!)
    }

    @Test func productsUseWideIntermediates() {
        // 60 000 × 0.010 = 600 notional; taker 0.05 % = 0.30 (binance-usdm §3.2 worked example).
        let notional = Price("60000.0")!.notional(Quantity("0.010")!)
        #expect(notional == Money("600")!)
        #expect(notional.scaled(by: Rate("0.0005")!) == Money("0.3")!)
        #expect(notional.scaled(by: Rate("0.0002")!) == Money("0.12")!)
        // A product whose intermediate exceeds 64 bits.
        let big = Price("90000")!.notional(Quantity("1000000")!)
        #expect(big == Money("90000000000")!)
        // Average price of 0.001 @ 50 000 and 0.002 @ 51 000 (SP10): 50 666.66666667.
        let cost = Price("50000")!.notional(Quantity("0.001")!) + Price("51000")!.notional(Quantity("0.002")!)
        #expect(cost.price(per: Quantity("0.003")!) == Price("50666.66666667")!)
        #expect(cost.price(per: Quantity("0.003")!, .down) == Price("50666.66666666")!)
    }

    @Test func shareIsProRata() {
        let funding = Money("-1.00000001")!
        let a = funding.share(Quantity("1")!, of: Quantity("3")!, .towardZero)
        #expect(a == Money("-0.33333333")!)
    }
}

@Suite struct TimestampTests {
    @Test func printsISO8601WithMilliseconds() {
        #expect(Timestamp(milliseconds: 1_769_904_000_000).iso8601 == "2026-02-01T00:00:00.000Z")
        #expect(Timestamp(milliseconds: 1_769_904_059_999).iso8601 == "2026-02-01T00:00:59.999Z")
        #expect(Timestamp(milliseconds: 0).iso8601 == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp(milliseconds: -1).iso8601 == "1969-12-31T23:59:59.999Z")
    }

    @Test(arguments: [
        ("2026-02-01T00:00:00Z", Int64(1_769_904_000_000)),
        ("2026-02-01T00:00:00.000Z", 1_769_904_000_000),
        ("2026-02-01", 1_769_904_000_000),
        ("2026-02-01T00:00", 1_769_904_000_000),
        ("2026-02-01 03:00:00", 1_769_914_800_000),
        ("2026-02-01T03:00:00+03:00", 1_769_904_000_000),
        ("2026-02-01T03:00:00+0300", 1_769_904_000_000),
        ("2026-01-31T21:00:00-03:00", 1_769_904_000_000),
        ("2026-06-10T14:15:00.123456+00:00", 1_781_100_900_123),
        ("2024-02-29T12:00:00Z", 1_709_208_000_000),
        ("20260201", 1_769_904_000_000),
        ("1969-12-31T23:59:59.9999Z", -1),
    ])
    func parsesISO8601Variants(text: String, ms: Int64) {
        #expect(Timestamp(iso8601: text)?.milliseconds == ms)
    }

    @Test(arguments: [
        "2026-02-30", "2026-13-01", "2026-02-01T25:00", "2026-02-01X", "2026-02-01T00:00:00.Z",
        "2026-02-01T00:00:60", "2026-02-01T00:00:00z", "0000-01-01",
    ])
    func rejectsBadISO8601(text: String) {
        #expect(Timestamp(iso8601: text) == nil)
    }

    @Test func intervalsAdvance() {
        let t = Timestamp(iso8601: "2026-01-31T00:00:00Z")!
        #expect(Interval.m1.next(after: t) == t.adding(milliseconds: 60_000))
        #expect(Interval.mo1.next(after: Timestamp(iso8601: "2025-12-01")!) == Timestamp(iso8601: "2026-01-01")!)
        #expect(Interval(name: "1mo") == .mo1)
        #expect(Interval.matching(milliseconds: 300_000) == .m5)
    }
}

@Suite struct LeverageBracketTests {
    /// BTCUSDT 2024-10 tiers (binance-usdm §5.1), first three.
    static let btc: [LeverageBracket] = [
        LeverageBracket(
            bracket: 1, initialLeverage: 125, notionalFloor: 0, notionalCap: 50_000,
            maintMarginRatio: Rate("0.004")!, cum: 0),
        LeverageBracket(
            bracket: 2, initialLeverage: 100, notionalFloor: 50_000, notionalCap: 600_000,
            maintMarginRatio: Rate("0.005")!, cum: 50),
        LeverageBracket(
            bracket: 3, initialLeverage: 75, notionalFloor: 600_000, notionalCap: 3_000_000,
            maintMarginRatio: Rate("0.0065")!, cum: 950),
    ]

    @Test func picksTheTierAndItsMaintenanceMargin() {
        let tier = Self.btc.bracket(forNotional: Money("108492")!)!
        #expect(tier.bracket == 2)
        #expect(tier.maintenanceMargin(notional: Money("108492")!) == Money("492.46")!)
        #expect(Self.btc.bracket(forNotional: Money("49999.99")!)!.bracket == 1)
        #expect(Self.btc.maxNotional(atLeverage: 100) == Money("600000")!)
        #expect(Self.btc.maxNotional(atLeverage: 126) == nil)
    }
}

@Suite struct FixedPointRoundingParseTests {
    @Test(arguments: [
        ("0.30000000000000004", RoundingDirection.nearest, Int64(30_000_000)),
        ("0.021999999999999999", .nearest, 2_200_000),
        ("0.123456785", .nearest, 12_345_679),
        ("0.123456784999", .nearest, 12_345_678),
        ("0.1234567850001", .nearest, 12_345_679),
        ("-0.123456785", .nearest, -12_345_679),
        ("0.123456789", .down, 12_345_678),
        ("-0.123456781", .down, -12_345_679),
        ("0.123456781", .up, 12_345_679),
        ("0.000000004", .nearest, 0),
        ("0.000000005", .nearest, 1),
        ("1e-12", .nearest, 0),
        ("45123.123456789", .towardZero, 4_512_312_345_678),
    ])
    func roundsExtraDigits(text: String, direction: RoundingDirection, raw: Int64) {
        #expect(FixedPointParser.parse(text, rounding: direction) == raw)
        #expect(FixedPointParser.parse(text) == nil || FixedPointParser.parse(text) == raw)
    }
}
