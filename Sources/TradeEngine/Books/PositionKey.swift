public import Market

/// A hedge-mode leg: (symbol, LONG | SHORT). The live engine's `PositionManager` key and, printed
/// as `BTCUSDT_LONG`, its `exchange_position_key`.
public struct PositionKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var symbol: Symbol
    public var side: PositionSide

    @inlinable public init(_ symbol: Symbol, _ side: PositionSide) {
        self.symbol = symbol
        self.side = side
    }

    /// `BTCUSDT_LONG`.
    public var description: String { symbol.name + "_" + side.rawValue }

    public static func < (lhs: PositionKey, rhs: PositionKey) -> Bool {
        lhs.symbol == rhs.symbol ? lhs.side.rawValue < rhs.side.rawValue : lhs.symbol < rhs.symbol
    }
}
