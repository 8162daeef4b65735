public import Market

/// The live engine's protective-price guards (§6.6, §6.10), reproduced for the `live_compat`
/// protection model. Pure functions on exact values; prices are rounded to the tick only when
/// an order is placed.
public enum LiveProtectionRules {
    /// `MIN_SL_DISTANCE_PCT`: stop-loss fractions below it are raised to it (§6.6 step 4).
    public static let minStopDistance = Rate(raw: 500_000)
    /// `te_min_sl_distance_pct / 100`: the floor of the direction and market-side guards.
    public static let safetyFloor = Rate(raw: 6_000_000)
    /// The "plausible" distance cap of the direction guard.
    public static let plausibleCap = Rate(raw: 20_000_000)
    /// The PERCENT_PRICE safety margin (1 %).
    public static let percentPriceMargin = Rate(raw: 1_000_000)

    /// Which protective order a price is for.
    public enum Kind: Sendable, Hashable {
        case stopLoss
        case takeProfit
    }

    /// Why a guard failed.
    public enum Failure: Error, Sendable, Hashable {
        /// The reference price was not positive.
        case invalidReference
    }

    /// The price on the required side of `reference` at relative distance `d`.
    static func onSide(_ kind: Kind, _ side: PositionSide, _ reference: Price, _ d: Rate) -> Price {
        // LONG: SL below, TP above. SHORT: SL above, TP below.
        let below = (side == .long) == (kind == .stopLoss)
        return reference.scaled(by: below ? Rate.one - d : Rate.one + d)
    }

    /// `correct_protective_price` (#479, §6.6 step 6): puts a protective price on the required
    /// side of the reference, within the plausible cap.
    public static func correctDirection(
        _ kind: Kind, side: PositionSide, requested: Price, reference: Price, percentHint: Rate?, minDistance: Rate
    ) throws(Failure) -> Price {
        guard reference.isPositive else { throw .invalidReference }
        let below = (side == .long) == (kind == .stopLoss)
        let correctSide = below ? requested < reference : requested > reference
        let distance = requested.relativeDistance(from: reference).magnitude
        if correctSide {
            return distance <= plausibleCap ? requested : onSide(kind, side, reference, plausibleCap)
        }
        if let hint = percentHint, hint.isPositive {
            return onSide(kind, side, reference, Rate.min(Rate.max(hint, minDistance), plausibleCap))
        }
        if distance > plausibleCap { return onSide(kind, side, reference, minDistance) }
        return onSide(kind, side, reference, Rate.max(distance, minDistance))
    }

    /// The market-side stop validation (#551, §6.6 step 7): a LONG stop must sit at least
    /// `floor` below the live price, a SHORT stop at least `floor` above; otherwise it is
    /// re-anchored there. Returns nil when the floor is pathological (≥ the plausible cap) and
    /// live would flatten the position instead.
    public static func marketSideStop(
        side: PositionSide, stop: Price, market: Price, floor: Rate
    ) throws(Failure)
        -> Price?
    {
        guard market.isPositive else { throw .invalidReference }
        guard floor < plausibleCap else { return nil }
        if side == .long {
            let limit = market.scaled(by: Rate.one - floor)
            return stop <= limit ? stop : limit
        }
        let limit = market.scaled(by: Rate.one + floor)
        return stop >= limit ? stop : limit
    }

    /// What `validate_and_adjust_price_for_percent_filter` decided.
    public enum PercentFilterOutcome: Sendable, Hashable {
        case unchanged(Price)
        /// Adjusted; `clamped541` marks the #541 narrow-band clamp.
        case adjusted(Price, clamped541: Bool)
        /// Refused (`sl_within_safety_floor`).
        case refused
    }

    /// `validate_and_adjust_price_for_percent_filter` (§6.10).
    /// - Parameters:
    ///   - stopShaped: true for STOP / STOP_LOSS / STOP_MARKET kinds.
    ///   - floorPercent: `te_min_sl_distance_pct` as a fraction (0.06).
    public static func percentFilter(
        price: Price, market m: Price, multiplierUp: Rate, multiplierDown: Rate, stopShaped: Bool, floor: Rate
    ) -> PercentFilterOutcome {
        let up = multiplierUp.isPositive ? multiplierUp : Rate(raw: 110_000_000)
        let down = multiplierDown.isPositive ? multiplierDown : Rate(raw: 90_000_000)
        let maxP = m.scaled(by: up).scaled(by: Rate.one - percentPriceMargin)
        let minP = m.scaled(by: down).scaled(by: Rate.one + percentPriceMargin)
        let floorLo = m.scaled(by: Rate.one - floor)
        let floorHi = m.scaled(by: Rate.one + floor)
        if stopShaped && price > m && maxP < floorHi { return .adjusted(maxP, clamped541: true) }
        if stopShaped && price < m && minP > floorLo { return .adjusted(minP, clamped541: true) }
        if price < minP {
            return .adjusted(stopShaped && minP > floorLo ? floorLo : minP, clamped541: false)
        }
        if price > maxP {
            return .adjusted(stopShaped && maxP < floorHi ? floorHi : maxP, clamped541: false)
        }
        if stopShaped && ((m < price && price < floorHi) || (floorLo < price && price < m)) { return .refused }
        return .unchanged(price)
    }

    /// The OCO direction defence (§6.7 step 4): LONG needs SL < entry < TP, SHORT TP < entry < SL.
    public static func directionInversion(
        side: PositionSide, stop: Price, target: Price, entry: Price?
    )
        -> (stopWrong: Bool, targetWrong: Bool)?
    {
        guard let entry, entry.isPositive else { return nil }
        let stopWrong = side == .long ? !(stop < entry) : !(stop > entry)
        let targetWrong = side == .long ? !(target > entry) : !(target < entry)
        return stopWrong || targetWrong ? (stopWrong, targetWrong) : nil
    }

    /// The -2021 retry ladder of individual protective orders (§6.7): 1 % then 2 % further away
    /// for a stop (below for LONG), the same direction for a take-profit, as live.
    public static func retryLadder(_ price: Price, side: PositionSide) -> [Price] {
        side == .long
            ? [price.scaled(by: Rate(raw: 99_000_000)), price.scaled(by: Rate(raw: 98_000_000))]
            : [price.scaled(by: Rate(raw: 101_000_000)), price.scaled(by: Rate(raw: 102_000_000))]
    }
}
