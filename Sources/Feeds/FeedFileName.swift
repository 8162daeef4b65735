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
    }
}
