/// A trading pair as Binance names it (`BTCUSDT`). Case-sensitive, as the live engine is.
@frozen public struct Symbol: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The pair's name.
    public let name: String

    @inlinable public init(_ name: String) { self.name = name }
    @inlinable public init(stringLiteral value: String) { self.name = value }

    public var description: String { name }

    @inlinable public static func < (lhs: Symbol, rhs: Symbol) -> Bool { lhs.name < rhs.name }
}
