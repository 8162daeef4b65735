public import Market

/// A JSON value carried but not interpreted (`metadata`, `model_features`, `meta`, …), kept as
/// its validated raw text so it can be copied into reports or parsed later.
public struct RawJSON: Sendable, Hashable, CustomStringConvertible {
    /// The value's JSON text exactly as it appeared in the input.
    public var text: String

    /// Wraps text that is valid JSON.
    public init(text: String) { self.text = text }

    /// `{}`.
    public static let emptyObject = RawJSON(text: "{}")

    public var description: String { text }

    /// Parses the text into a tree.
    public func parse() throws(JSONError) -> JSONValue { try JSONReader.parse(text) }
}
