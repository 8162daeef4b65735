/// The live `TimeFrame` enum. The signal's `timeframe` field is a free string (default `1h`)
/// that is not checked against it; unknown values get neutral weights in the (unused) helpers.
public enum TimeFrame: String, Sendable, Hashable, CaseIterable {
    case tick
    case m1 = "1m"
    case m3 = "3m"
    case m5 = "5m"
    case m15 = "15m"
    case m30 = "30m"
    case h1 = "1h"
    case h2 = "2h"
    case h4 = "4h"
    case h6 = "6h"
    case h8 = "8h"
    case h12 = "12h"
    case d1 = "1d"
    case d3 = "3d"
    case w1 = "1w"
    case mo1 = "1M"

    /// The aggregator's timeframe weight (0.1 for `tick` … 1.6 for `1M`); unknown strings
    /// weigh 1.0. Dead in the live engine: no processor uses it (reference §2.1).
    public static func aggregatorWeight(_ timeframe: String) -> Double {
        guard let frame = TimeFrame(rawValue: timeframe) else { return 1.0 }
        return [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6][frame.position]
    }

    /// The aggregator's timeframe ordinal (tick 1 … 1M 16); unknown strings are 1. Dead in the
    /// live engine.
    public static func ordinal(_ timeframe: String) -> Int {
        guard let frame = TimeFrame(rawValue: timeframe) else { return 1 }
        return frame.position + 1
    }

    var position: Int { TimeFrame.allCases.firstIndex(of: self)! }
}
