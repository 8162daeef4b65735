/// The side of an order or fill, as Binance spells it (`BUY`, `SELL`).
public enum Side: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case buy = "BUY"
    case sell = "SELL"

    /// The other side.
    @inlinable public var opposite: Side { self == .buy ? .sell : .buy }

    public var description: String { rawValue }
}

/// The position side of a hedge-mode order or position (`LONG`, `SHORT`); `BOTH` is the
/// one-way value, which a hedge-mode account rejects with -4061.
public enum PositionSide: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case long = "LONG"
    case short = "SHORT"
    case both = "BOTH"

    /// The order side that opens or increases this leg (BUY for LONG, SELL for SHORT).
    @inlinable public var openingSide: Side { self == .short ? .sell : .buy }

    /// The order side that closes or reduces this leg (SELL for LONG, BUY for SHORT).
    @inlinable public var closingSide: Side { self == .short ? .buy : .sell }

    /// +1 for LONG, −1 for SHORT (0 for BOTH): the sign of PnL per unit of price rise.
    @inlinable public var direction: Int64 {
        switch self {
        case .long: 1
        case .short: -1
        case .both: 0
        }
    }

    /// The other hedge leg.
    @inlinable public var opposite: PositionSide {
        switch self {
        case .long: .short
        case .short: .long
        case .both: .both
        }
    }

    public var description: String { rawValue }
}
