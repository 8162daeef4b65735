import Market
import TestSupport
import Testing

@testable import TradeEngine

/// Vectors Q1–Q3 of §8.6 and the minimum-amount rule of §6.10.
@Suite struct OrderSizingTests {
    static let btc = SymbolRules(
        symbol: "BTCUSDT", tickSize: Fixtures.price("0.10"), stepSize: Fixtures.quantity("0.001"),
        minQuantity: Fixtures.quantity("0.001"), minNotional: 100)

    @Test func q1PercentBranchFallsToTheMinimumWithoutAPortfolio() throws {
        let amount = try OrderSizing.amount(
            quantity: Fixtures.quantity("0.001"), positionSizePercent: Rate.one, portfolioValue: .zero, price: 50_000,
            minimum: Fixtures.quantity("0.002"))
        #expect(amount == Fixtures.quantity("0.002"))
    }

    @Test(arguments: [("0.01", "0.01"), ("0.0001", "0.002"), ("0", "0.002")])
    func q2FixedQuantityIsRaisedToTheMinimum(quantity: String, expected: String) throws {
        let amount = try OrderSizing.amount(
            quantity: Fixtures.quantity(quantity), positionSizePercent: nil, portfolioValue: 10_000, price: 50_000,
            minimum: Fixtures.quantity("0.002"))
        #expect(amount == Fixtures.quantity(expected))
    }

    @Test func q3FallbackIs110DollarsOfNotional() throws {
        #expect(try OrderSizing.fallbackAmount(price: 50_000) == Fixtures.quantity("0.0022"))
        #expect(try OrderSizing.fallbackAmount(price: 3_000) == Fixtures.quantity("0.03666667"))
        #expect(try OrderSizing.fallbackAmount(price: 1_134) == Fixtures.quantity("0.09700176"))
        #expect(throws: SizingError.cannotCalculate(price: .zero)) { try OrderSizing.fallbackAmount(price: .zero) }
        #expect(throws: SizingError.cannotCalculate(price: -1)) { try OrderSizing.fallbackAmount(price: -1) }
    }

    @Test func minimumAmountUsesTheNotionalFloorWithFivePercentMargin() throws {
        // 100 / 50 000 = 0.002 → × 1.05 = 0.0021 → up to the step: 0.003.
        #expect(try OrderSizing.minimumAmount(rules: Self.btc, price: 50_000) == Fixtures.quantity("0.003"))
        // minQty dominates at a high price: 0.001 × 1.05 → 0.002.
        #expect(try OrderSizing.minimumAmount(rules: Self.btc, price: 1_000_000) == Fixtures.quantity("0.002"))
    }

    @Test func percentBranchSizesFromTheBalance() throws {
        // 10 000 × 0.05 / 50 000 = 0.01.
        let amount = try OrderSizing.amount(
            quantity: .zero, positionSizePercent: Fixtures.rate("0.05"), portfolioValue: 10_000, price: 50_000,
            minimum: Fixtures.quantity("0.003"))
        #expect(amount == Fixtures.quantity("0.01"))
        #expect(OrderSizing.quantityToSend(Fixtures.quantity("0.0109"), rules: Self.btc) == Fixtures.quantity("0.010"))
    }

    /// Values that pass every reader's checks but whose amount or notional leaves the fixed-point
    /// range are a sizing error, never a trap.
    @Test func extremePricesAndFiltersAreOutOfRange() throws {
        let tiny = Price(raw: 1)
        // 100 / 0.00000001 = 10¹⁰ contracts; × 1.05 and its notional still fit.
        #expect(try OrderSizing.minimumAmount(rules: Self.btc, price: tiny) == Fixtures.quantity("10500000000"))
        var rich = Self.btc
        rich.minNotional = 1_000_000_000
        #expect(throws: SizingError.outOfRange(price: tiny)) {
            try OrderSizing.minimumAmount(rules: rich, price: tiny)
        }
        #expect(
            SizingError.outOfRange(price: tiny).description
                == "Cannot calculate order amount (out of range at price 0.00000001)")
        // minQty near the top of the range (allowed when PRICE_FILTER maxPrice is 0).
        var huge = Self.btc
        huge.minQuantity = Fixtures.quantity("90000000000")
        #expect(throws: SizingError.outOfRange(price: 50_000)) {
            try OrderSizing.minimumAmount(rules: huge, price: 50_000)
        }
        let top = Price(raw: .max)
        var big = Self.btc
        big.minQuantity = 1_000
        #expect(throws: SizingError.outOfRange(price: top)) { try OrderSizing.minimumAmount(rules: big, price: top) }
        #expect(throws: SizingError.outOfRange(price: tiny)) {
            try OrderSizing.amount(
                quantity: .zero, positionSizePercent: Rate.one, portfolioValue: 1_000_000_000, price: tiny,
                minimum: Fixtures.quantity("0.003"))
        }
    }
}
