/// How recordings are split into files: one per UTC day or per UTC hour.
public enum Rotation: String, Sendable, CaseIterable {
    /// `signals-YYYY-MM-DD.jsonl.zst`.
    case daily
    /// `signals-YYYY-MM-DD-HH.jsonl.zst`.
    case hourly

    /// The period a receive instant (microseconds since 1970) falls in: a day or hour number.
    func period(of micros: Int64) -> Int64 {
        let seconds = micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000
        let length: Int64 = self == .daily ? 86_400 : 3_600
        return seconds >= 0 ? seconds / length : (seconds - length + 1) / length
    }

    /// The file-name stem of a period: `signals-2026-06-10` or `signals-2026-06-10-14`.
    func stem(of period: Int64) -> String {
        let hours = self == .daily ? period * 24 : period
        let days = hours >= 0 ? hours / 24 : (hours - 23) / 24
        let (year, month, day) = ReceiveClock.civil(days: days)
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var stem = "signals-\(year)-\(two(month))-\(two(day))"
        if self == .hourly { stem += "-\(two(hours - days * 24))" }
        return stem
    }
}
