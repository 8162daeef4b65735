public import Market

/// What a signal asks for (`action`, required): `buy`, `sell`, `hold` or `close`.
///
/// The live engine derives the position side from it: `buy` → LONG, anything else (`sell`, and
/// also `close`) → SHORT; a `close` signal is processed like an entry (reference §9.7).
public enum SignalAction: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case buy
    case sell
    case hold
    case close

    /// LONG for `buy`, SHORT for everything else, as the live dispatcher derives it.
    @inlinable public var positionSide: PositionSide { self == .buy ? .long : .short }

    /// A dense index (buy 0, sell 1, hold 2, close 3).
    @inlinable var index: Int {
        switch self {
        case .buy: 0
        case .sell: 1
        case .hold: 2
        case .close: 3
        }
    }

    public var description: String { rawValue }
}
