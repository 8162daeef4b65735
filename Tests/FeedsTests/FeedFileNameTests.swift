import Feeds
import Market
import TestSupport
import Testing

@Suite struct FeedFileNameTests {
    @Test(
        arguments: [
            ("data/klines/AVAXUSDT-1m-2026-02.csv.zst", "AVAXUSDT", Interval.m1),
            ("BTCUSDT-1h-2024-01-15.zip", "BTCUSDT", .h1),
            ("/x/BTCUSDT-1mo-2024.csv", "BTCUSDT", .mo1),
            ("BTCUSDT-fundingRate-2024-01.csv", "BTCUSDT", nil),
            ("klines.csv", nil, nil),
        ] as [(String, String?, Interval?)])
    func readsSymbolAndInterval(path: String, symbol: String?, interval: Interval?) {
        let name = FeedFileName(path: path)
        #expect(name.symbol?.name == symbol)
        #expect(name.interval == interval)
    }

    @Test(arguments: [
        ("data/klines/AVAXUSDT-1m-2026-02.csv.zst", FeedKind.klines),
        ("data/klines/spot/BTCUSDT-1m-2024-01.csv.zst", .klines),
        ("data/funding/BTCUSDT-fundingRate-2020-2023.csv.zst", .funding),
        ("data/rules/exchange-info.json", .exchangeInfo),
        ("data/rules/leverage-brackets.json", .leverageBrackets),
        ("Tests/FeedsTests/Fixtures/funding/http_futures_market_funding_rate.json", .funding),
        ("Tests/FeedsTests/Fixtures/funding/BTC-USDT_binance_2020-01-01_funding_history.csv", .funding),
    ])
    func detectsKinds(path: String, kind: FeedKind) throws {
        #expect(try FeedKind.detect(Fixtures.path(path)) == kind)
    }
}
