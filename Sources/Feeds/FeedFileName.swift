public import Market

/// What a Binance-style file name says: `AVAXUSDT-1m-2026-02.csv.zst` names the symbol and the
/// interval, `BTCUSDT-fundingRate-2024-01.zip` the symbol.
public struct FeedFileName: Sendable, Hashable {
    /// The file name without folders and without `.csv`, `.json`, `.jsonl`, `.zst`, `.zip`.
    public var stem: String
    /// The leading upper-case token, when there is one (`AVAXUSDT`).
    public var symbol: Symbol?
    /// The second token when it is a Binance interval name (`1m`, `1h`, `1mo`).
    public var interval: Interval?
    /// The month or day the name covers (`…-2026-02`, `…-2024-01-15`), as the first open time
    /// and the open time after the period, when the interval token is followed by a date.
    public var period: (start: Timestamp, end: Timestamp, name: String)?

    /// Reads the name part of `path`.
    public init(path: String) {
        var name = Substring(path)
        if let slash = name.lastIndex(of: "/") { name = name[name.index(after: slash)...] }
        for suffix in [".zst", ".zip", ".gz", ".csv", ".jsonl", ".json", ".txt"] where name.hasSuffix(suffix) {
            name = name.dropLast(suffix.count)
        }
        // A second pass for `name.csv.zst`.
        for suffix in [".csv", ".jsonl", ".json"] where name.hasSuffix(suffix) {
            name = name.dropLast(suffix.count)
        }
        stem = String(name)
        let tokens = name.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "." })
        if let first = tokens.first, first.count >= 2,
            first.allSatisfy({ ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") }),
            first.contains(where: { $0 >= "A" && $0 <= "Z" })
        {
            symbol = Symbol(String(first))
        }
        if tokens.count >= 2 { interval = Interval(name: tokens[1]) }
        if interval != nil, tokens.count >= 4, let year = Self.number(tokens[2], digits: 4),
            let month = Self.number(tokens[3], digits: 2), (1...12).contains(month)
        {
            let first = Timestamp(year: year, month: month, day: 1)
            if tokens.count >= 5, let day = Self.number(tokens[4], digits: 2),
                (1...CivilTime.daysInMonth(year: year, month: month)).contains(day)
            {
                let start = Timestamp(year: year, month: month, day: day)
                let end = Timestamp(milliseconds: start.milliseconds + 86_400_000)
                period = (start, end, "\(tokens[2])-\(tokens[3])-\(tokens[4])")
            } else {
                let next = Timestamp(year: month == 12 ? year + 1 : year, month: month % 12 + 1, day: 1)
                period = (first, next, "\(tokens[2])-\(tokens[3])")
            }
        }
    }

    /// A token of exactly `digits` decimal digits as a number.
    static func number(_ token: Substring, digits: Int) -> Int? {
        guard token.count == digits, token.allSatisfy({ $0 >= "0" && $0 <= "9" }) else { return nil }
        return Int(token)
    }

    public static func == (lhs: FeedFileName, rhs: FeedFileName) -> Bool {
        lhs.stem == rhs.stem
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(stem) }
}
