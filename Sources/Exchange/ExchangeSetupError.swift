/// A configuration or market-data problem found when the exchange is built.
public struct ExchangeSetupError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, with the offending value in parentheses.
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
