/// A kline interval as Binance names it. `1M` (one calendar month) has no fixed length; the
/// archive calls it `1mo`, which parses too.
public enum Interval: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case m1 = "1m", m3 = "3m", m5 = "5m", m15 = "15m", m30 = "30m"
    case h1 = "1h", h2 = "2h", h4 = "4h", h6 = "6h", h8 = "8h", h12 = "12h"
    case d1 = "1d", d3 = "3d", w1 = "1w", mo1 = "1M"

    /// Parses `1m` … `1M`, and `1mo` for the month.
    public init?(name: some StringProtocol) {
        if name == "1mo" {
            self = .mo1
        } else if let value = Interval(rawValue: String(name)) {
            self = value
        } else {
            return nil
        }
    }

    public var description: String { rawValue }

    /// The fixed length in milliseconds; nil for the calendar month.
    public var milliseconds: Int64? {
        switch self {
        case .m1: 60_000
        case .m3: 180_000
        case .m5: 300_000
        case .m15: 900_000
        case .m30: 1_800_000
        case .h1: 3_600_000
        case .h2: 7_200_000
        case .h4: 14_400_000
        case .h6: 21_600_000
        case .h8: 28_800_000
        case .h12: 43_200_000
        case .d1: 86_400_000
        case .d3: 259_200_000
        case .w1: 604_800_000
        case .mo1: nil
        }
    }

    /// The open time of the bar after the one opening at `open`.
    public func next(after open: Timestamp) -> Timestamp {
        if let ms = milliseconds { return open.adding(milliseconds: ms) }
        let c = open.components
        let month = c.month == 12 ? 1 : c.month + 1
        let year = c.month == 12 ? c.year + 1 : c.year
        return Timestamp(year: year, month: month, day: 1)
    }

    /// The interval whose bars are `milliseconds` long, if any.
    public static func matching(milliseconds: Int64) -> Interval? {
        allCases.first { $0.milliseconds == milliseconds }
    }
}
