import Feeds
import Market
import TestSupport
import Testing

/// Every decimal in the real kline files parses exactly and prints back to the same text with
/// the same number of decimals.
@Suite struct DecimalRoundTripTests {
    static let files = [
        "data/klines/AVAXUSDT-1m-2026-02.csv.zst", "data/klines/DOTUSDT-1m-2026-02.csv.zst",
        "data/klines/LINKUSDT-1m-2026-02.csv.zst", "data/klines/LTCUSDT-1m-2026-02.csv.zst",
        "data/klines/FILUSDT-1m-2024-04.csv.zst", "data/klines/spot/BTCUSDT-1m-2024-01.csv.zst",
        "data/klines/spot/ETHUSDT-1m-2024-01.csv.zst", "data/klines/spot/BNBUSDT-1m-2024-01.csv.zst",
    ]

    @Test(arguments: files)
    func everyDecimalRoundTrips(_ file: String) throws {
        let lines = try LineReader(path: Fixtures.path(file))
        _ = try lines.next()  // header
        var checked = 0
        var failures: [String] = []
        while let line = try lines.next() {
            let fields = line.bytes.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
            // Decimal columns: OHLCV, and the 12-column format's quote and taker volumes.
            let columns = fields.count == 12 ? [1, 2, 3, 4, 5, 7, 9, 10] : [1, 2, 3, 4, 5]
            for column in columns {
                let text = String(decoding: fields[column], as: UTF8.self)
                let decimals = text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 } ?? 0
                guard let value = Price(text), value.formatted(decimals: decimals) == text else {
                    failures.append("\(line.number): \(text)")
                    continue
                }
                checked += 1
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
        #expect(checked > 200_000)
    }
}
