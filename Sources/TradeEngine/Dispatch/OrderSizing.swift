public import Market

/// Why an order amount could not be computed.
public enum SizingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Price not positive (live: "Cannot calculate order amount").
    case cannotCalculate(price: Price)
    /// The amount or its notional lies outside the fixed-point range (about 9.2 × 10¹⁰): an
    /// extreme `current_price`, quantity or filter. Live would send an order Binance refuses.
    case outOfRange(price: Price)

    public var description: String {
        switch self {
        case .cannotCalculate(let price): "Cannot calculate order amount (price \(price))"
        case .outOfRange(let price): "Cannot calculate order amount (out of range at price \(price))"
        }
    }
}

/// The live engine's quantity calculation (§6.3, §6.10), on exact values.
///
/// Live computes an unrounded float and lets the exchange client round it to nearest when it
/// formats the request, while its books keep the unrounded amount (§9.9). Here the amount sent is
/// floored to the lot step and the books record what the exchange executed.
public enum OrderSizing {
    /// The live fallback notional when the minimum cannot be looked up: $110.
    public static let fallbackNotional: Money = 110

    /// `calculate_min_order_amount` (§6.10): `max(minQty, minNotional / price) × 1.05`, rounded
    /// up to the step; one more step if the notional is still below the minimum.
    /// - Throws: `SizingError.outOfRange` when the amount or its notional overflows.
    public static func minimumAmount(rules: SymbolRules, price: Price) throws(SizingError) -> Quantity {
        try minimumAmount(filters: OrderFilters(rules), price: price)
    }

    /// `minimumAmount(rules:price:)` from the filters alone.
    public static func minimumAmount(filters rules: OrderFilters, price: Price) throws(SizingError) -> Quantity {
        guard price.isPositive else { return rules.minQuantity }
        guard let byNotional = rules.minNotional.quantity(checkedAt: price, .up),
            let scaled = Quantity.max(rules.minQuantity, byNotional).scaled(checkedBy: 105, over: 100, .up),
            var amount = scaled.rounded(checkedToMultipleOf: rules.stepSize, .up),
            let notional = price.notional(checked: amount)
        else { throw .outOfRange(price: price) }
        if notional < rules.minNotional {
            guard let next = amount.adding(checked: rules.stepSize) else { throw .outOfRange(price: price) }
            amount = next
        }
        return amount
    }

    /// The $110 fallback of §6.3 step 5 (used when a symbol's filters are unknown).
    public static func fallbackAmount(price: Price) throws(SizingError) -> Quantity {
        guard price.isPositive else { throw .cannotCalculate(price: price) }
        return fallbackNotional.quantity(at: price, .nearest)
    }

    /// `_calculate_order_amount` (§6.3) before step rounding.
    /// - Parameters:
    ///   - quantity: the signal's `quantity` (0 or negative means none).
    ///   - positionSizePercent: the processor-scaled `position_size_pct` (nil or 0 means none).
    ///   - portfolioValue: the available balance.
    ///   - price: the signal's `current_price`.
    ///   - minimum: `minimumAmount(rules:price:)`.
    /// - Throws: `SizingError.outOfRange` when the balance's share at `price` overflows.
    public static func amount(
        quantity: Quantity, positionSizePercent: Rate?, portfolioValue: Money, price: Price, minimum: Quantity
    ) throws(SizingError) -> Quantity {
        let pct = positionSizePercent.flatMap { $0.isZero ? nil : $0 }
        if quantity.isPositive && pct == nil {
            return quantity >= minimum ? quantity : minimum
        }
        if let pct, pct.isPositive {
            guard portfolioValue.isPositive, price.isPositive else { return minimum }
            guard let share = portfolioValue.scaled(checkedBy: pct, .towardZero),
                let amount = share.quantity(checkedAt: price, .towardZero)
            else { throw .outOfRange(price: price) }
            return Quantity.max(amount, minimum)
        }
        if quantity.isPositive { return Quantity.max(quantity, minimum) }
        return minimum
    }

    /// The quantity sent to the exchange: the amount floored to the lot step.
    public static func quantityToSend(_ amount: Quantity, rules: SymbolRules) -> Quantity {
        quantityToSend(amount, filters: OrderFilters(rules))
    }

    /// `quantityToSend(_:rules:)` from the filters alone.
    public static func quantityToSend(_ amount: Quantity, filters: OrderFilters) -> Quantity {
        amount.rounded(toMultipleOf: filters.stepSize, .down)
    }
}
