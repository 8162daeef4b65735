/// One notional tier of a symbol's leverage brackets (`GET /fapi/v1/leverageBracket`).
///
/// Maintenance margin of a position whose notional falls in this tier is
/// `notional × maintMarginRatio − cum`.
public struct LeverageBracket: Sendable, Hashable {
    /// 1-based tier number.
    public var bracket: Int
    /// The highest leverage allowed in this tier.
    public var initialLeverage: Int
    /// Notional floor (inclusive) in USDT.
    public var notionalFloor: Money
    /// Notional cap (exclusive) in USDT.
    public var notionalCap: Money
    /// Maintenance margin ratio.
    public var maintMarginRatio: Rate
    /// Maintenance amount ("cum"): `cum_n = cum_{n−1} + floor_n × (MMR_n − MMR_{n−1})`.
    public var cum: Money

    public init(
        bracket: Int, initialLeverage: Int, notionalFloor: Money, notionalCap: Money,
        maintMarginRatio: Rate, cum: Money
    ) {
        self.bracket = bracket
        self.initialLeverage = initialLeverage
        self.notionalFloor = notionalFloor
        self.notionalCap = notionalCap
        self.maintMarginRatio = maintMarginRatio
        self.cum = cum
    }

    /// The maintenance margin of a position with this notional in this tier.
    @inlinable public func maintenanceMargin(notional: Money) -> Money {
        notional.magnitude.scaled(by: maintMarginRatio, .up) - cum
    }
}

extension Array where Element == LeverageBracket {
    /// The tier containing `notional` (the last tier for anything above every cap); nil when
    /// the list is empty.
    public func bracket(forNotional notional: Money) -> LeverageBracket? {
        let value = notional.magnitude
        for tier in self where value < tier.notionalCap {
            return tier
        }
        return last
    }

    /// The largest notional allowed at `leverage`: the highest cap among tiers whose initial
    /// leverage is at least `leverage` (nil when none allows it).
    public func maxNotional(atLeverage leverage: Int) -> Money? {
        var best: Money? = nil
        for tier in self where tier.initialLeverage >= leverage {
            if best == nil || tier.notionalCap > best! { best = tier.notionalCap }
        }
        return best
    }
}
