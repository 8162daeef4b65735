/// "Nice" axis ticks for a numeric range: steps of 1, 2 or 5 × 10ᵏ, a domain widened to whole
/// steps, and labels with just the decimals the step needs.
///
/// Tick values are computed as integer multiples of the step (`k × m × 10ᵉ`, divided rather than
/// multiplied by a power of ten when `e < 0`), so `0.1 + 0.2`-style drift never reaches a label.
struct NiceTicks: Sendable, Hashable {
    /// The step's mantissa: 1, 2 or 5.
    var mantissa: Int64
    /// The step's power of ten.
    var exponent: Int
    /// The first and last tick as multiples of the step.
    var first: Int64
    var last: Int64

    /// Ticks covering `lower...upper`: the smallest nice step that splits the range into at most
    /// `maxCount` parts, so the widened domain has at most `maxCount + 2` intervals (at least one).
    ///
    /// An empty range (`lower == upper`) is widened around its value; NaN or infinite bounds
    /// give the ticks of 0...1.
    init(lower: Double, upper: Double, maxCount: Int) {
        var lo = min(lower, upper)
        var hi = max(lower, upper)
        if !lo.isFinite || !hi.isFinite {
            lo = 0
            hi = 1
        }
        if hi - lo < max(abs(hi), abs(lo), 1e-12) * 1e-9 {
            let pad = lo == 0 ? 1 : abs(lo) * 0.05
            lo -= pad
            hi += pad
        }
        let count = Double(max(1, maxCount))
        let raw = (hi - lo) / count
        // One below ⌊log₁₀ raw⌋, then up to the smallest 1, 2 or 5 × 10ᵉ that is ≥ raw.
        var exponent = (raw.isFinite && raw > 0 ? raw : 1).floorLogTen - 1
        var mantissa: Int64 = 1
        var found = false
        while !found {
            for m: Int64 in [1, 2, 5] {
                let step = Self.value(Int64(1), mantissa: m, exponent: exponent)
                if step >= raw * (1 - 1e-12) {
                    mantissa = m
                    found = true
                    break
                }
            }
            if !found { exponent += 1 }
        }
        self.mantissa = mantissa
        self.exponent = exponent
        let step = Self.value(1, mantissa: mantissa, exponent: exponent)
        first = Int64((lo / step + 1e-9).rounded(.down))
        last = Int64((hi / step - 1e-9).rounded(.up))
        if first == last { last += 1 }
    }

    /// The step between ticks.
    var step: Double { Self.value(1, mantissa: mantissa, exponent: exponent) }

    /// The tick values, lowest first.
    var values: [Double] { (first...last).map { Self.value($0, mantissa: mantissa, exponent: exponent) } }

    /// The widened domain: the first and last tick.
    var domain: ClosedRange<Double> {
        Self.value(
            first, mantissa: mantissa, exponent: exponent)...Self.value(last, mantissa: mantissa, exponent: exponent)
    }

    /// Decimals a label needs at this step (0 for steps ≥ 1).
    var decimals: Int { max(0, -exponent) }

    /// The label of a tick value: `1,500`, `0.25`, `-2`.
    func label(_ value: Double) -> String { HTMLText.fixed(value, decimals: decimals) }

    /// `k × mantissa × 10^exponent`.
    static func value(_ k: Int64, mantissa: Int64, exponent: Int) -> Double {
        var power = 1.0
        for _ in 0..<abs(exponent) { power *= 10 }
        let units = Double(k * mantissa)
        return exponent >= 0 ? units * power : units / power
    }
}

/// A linear map from a data domain onto a pixel range (the range may run backwards, as a y axis
/// does).
struct LinearScale: Sendable, Hashable {
    var domain: ClosedRange<Double>
    var range: (start: Double, end: Double)

    init(domain: ClosedRange<Double>, range: (Double, Double)) {
        self.domain = domain
        self.range = (range.0, range.1)
    }

    /// The pixel position of `value` (the range's middle for an empty domain).
    func callAsFunction(_ value: Double) -> Double {
        let span = domain.upperBound - domain.lowerBound
        guard span > 0 else { return (range.start + range.end) / 2 }
        return range.start + (value - domain.lowerBound) / span * (range.end - range.start)
    }

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.domain == rhs.domain && lhs.range.start == rhs.range.start && lhs.range.end == rhs.range.end
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(domain)
        hasher.combine(range.start)
        hasher.combine(range.end)
    }
}

extension Double {
    /// ⌊log₁₀ self⌋ for a positive finite value, by counting powers of ten (exact and the same
    /// on every platform); at most one too low near a power of ten, which callers tolerate.
    fileprivate var floorLogTen: Int {
        var value = self
        var exponent = 0
        while value >= 10 {
            value /= 10
            exponent += 1
        }
        while value < 1 {
            value *= 10
            exponent -= 1
        }
        return exponent
    }
}
