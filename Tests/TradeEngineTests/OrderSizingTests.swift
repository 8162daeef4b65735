import Market
import TestSupport
import Testing

@testable import TradeEngine

/// Vectors Q1–Q3 of §8.6 and the minimum-amount rule of §6.10.
@Suite struct OrderSizingTests {
    static let btc = SymbolRules(
        symbol: "BTCUSDT", tickSize: Fixtures.price("0.10"), stepSize: Fixtures.quantity("0.001"),
        minQuantity: Fixtures.quantity("0.001"), minNotional: 100)

    @Test func q1PercentBranchFallsToTheMinimumWithoutAPortfolio() {
        let amount = OrderSizing.amount(
            quantity: Fixtures.quantity("0.001"), positionSizePercent: Rate.one, portfolioValue: .zero, price: 50_000,
            minimum: Fixtures.quantity("0.002"))
        #expect(amount == Fixtures.quantity("0.002"))
    }

    @Test(arguments: [("0.01", "0.01"), ("0.0001", "0.002"), ("0", "0.002")])
    func q2FixedQuantityIsRaisedToTheMinimum(quantity: String, expected: String) {
        let amount = OrderSizing.amount(
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

    @Test func minimumAmountUsesTheNotionalFloorWithFivePercentMargin() {
        // 100 / 50 000 = 0.002 → × 1.05 = 0.0021 → up to the step: 0.003.
        #expect(OrderSizing.minimumAmount(rules: Self.btc, price: 50_000) == Fixtures.quantity("0.003"))
        // minQty dominates at a high price: 0.001 × 1.05 → 0.002.
        #expect(OrderSizing.minimumAmount(rules: Self.btc, price: 1_000_000) == Fixtures.quantity("0.002"))
    }

    @Test func percentBranchSizesFromTheBalance() {
        // 10 000 × 0.05 / 50 000 = 0.01.
        let amount = OrderSizing.amount(
            quantity: .zero, positionSizePercent: Fixtures.rate("0.05"), portfolioValue: 10_000, price: 50_000,
            minimum: Fixtures.quantity("0.003"))
        #expect(amount == Fixtures.quantity("0.01"))
        #expect(OrderSizing.quantityToSend(Fixtures.quantity("0.0109"), rules: Self.btc) == Fixtures.quantity("0.010"))
    }
}
