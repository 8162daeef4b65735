import Market

/// One maintenance-margin tier in raw fixed-point units.
struct MarginTier {
    var floor: Int64
    var cap: Int64
    var maintMarginRatio: Int64
    var cum: Int64
    var initialLeverage: Int

    /// The tier used when a symbol has no brackets loaded: 0.4 % maintenance, cum 0, up to
    /// 125×, no notional cap.
    static let fallback = MarginTier(
        floor: 0, cap: Int64.max, maintMarginRatio: 400_000, cum: 0, initialLeverage: 125)
}

/// A symbol's tiers, ascending by notional.
struct MarginTiers {
    var tiers: [MarginTier]

    init(_ brackets: [LeverageBracket]) {
        if brackets.isEmpty {
            tiers = [.fallback]
        } else {
            tiers = brackets.sorted { $0.notionalFloor < $1.notionalFloor }.map {
                MarginTier(
                    floor: $0.notionalFloor.raw, cap: $0.notionalCap.raw, maintMarginRatio: $0.maintMarginRatio.raw,
                    cum: $0.cum.raw, initialLeverage: $0.initialLeverage)
            }
        }
    }

    /// The tier containing `notional` (the last tier above every cap).
    @inline(__always) func tier(forNotional notional: Int64) -> MarginTier {
        for tier in tiers where notional < tier.cap { return tier }
        return tiers[tiers.count - 1]
    }

    /// The highest leverage any tier allows.
    var maxLeverage: Int { tiers.map(\.initialLeverage).max() ?? 125 }

    /// The largest notional allowed at `leverage` (nil when no tier allows it).
    func maxNotional(atLeverage leverage: Int) -> Int64? {
        var best: Int64? = nil
        for tier in tiers where tier.initialLeverage >= leverage {
            if best == nil || tier.cap > best! { best = tier.cap }
        }
        return best
    }

    /// `notional × MMR − cum` with the tier of `notional` (MMR product rounded up, as
    /// `LeverageBracket.maintenanceMargin`).
    @inline(__always) func maintenanceMargin(notional: Int64) -> Int64 {
        guard notional > 0 else { return 0 }
        let tier = tier(forNotional: notional)
        return FixedPointMath.mulScaled(notional, tier.maintMarginRatio, .up) - tier.cum
    }
}
