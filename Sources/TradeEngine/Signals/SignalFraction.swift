public import Market

/// A fraction from a signal (`position_size_pct`, `stop_loss_pct`, `take_profit_pct`), kept two
/// ways: exact at 10⁻⁸ for products, and as the Python float the live engine holds, for its
/// comparisons, truthiness (`if pct:` is false for 0.0) and `str()` forms.
public struct SignalFraction: Sendable, Hashable {
    /// The value at 10⁻⁸ (rounded to nearest when the text had more decimals).
    public var rate: Rate
    /// The Python float of the same text.
    public var float: Double

    public init(rate: Rate, float: Double) {
        self.rate = rate
        self.float = float
    }

    /// A fraction from decimal text (`"0.02"`), as the decoder reads it. Nil for non-numbers.
    public init?(_ text: String) {
        guard let raw = FixedPointParser.parse(text, rounding: .nearest) else { return nil }
        var copy = text
        let float = copy.withUTF8 { JSONNumber.parseDouble(UnsafeRawBufferPointer($0)) }
        guard !float.isNaN else { return nil }
        self.init(rate: Rate(raw: raw), float: float)
    }

    /// Python truthiness: false for 0.0.
    @inlinable public var isTruthy: Bool { float != 0 }

    /// Python's `str()` of the float: `0.02`, `0.0`.
    public var pythonText: String { PythonFloat.repr(float) }
}
