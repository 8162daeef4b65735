import Feeds
import Market
import TestSupport
import Testing

/// One real sample file and what SOURCES.md and the file say about it.
struct RealKlineFile: Sendable, CustomStringConvertible {
    var path: String
    var symbol: String
    var format: KlineFormat
    var rows: Int
    var first: String
    var last: String
    /// Open, high, low, close, volume of the first and the last row, as written.
    var firstRow: [String]
    var lastRow: [String]
    var low: String
    var high: String

    var description: String { path }
}

@Suite struct KlineReaderTests {
    static let realFiles: [RealKlineFile] = [
        RealKlineFile(
            path: "data/klines/AVAXUSDT-1m-2026-02.csv.zst", symbol: "AVAXUSDT", format: .binance, rows: 40320,
            first: "2026-02-01T00:00:00.000Z", last: "2026-02-28T23:59:00.000Z",
            firstRow: ["10.1130", "10.1300", "10.1090", "10.1280", "38521"],
            lastRow: ["9.1660", "9.1670", "9.1570", "9.1620", "5486"], low: "7.534", high: "10.355"),
        RealKlineFile(
            path: "data/klines/DOTUSDT-1m-2026-02.csv.zst", symbol: "DOTUSDT", format: .binance, rows: 40320,
            first: "2026-02-01T00:00:00.000Z", last: "2026-02-28T23:59:00.000Z",
            firstRow: ["1.546", "1.547", "1.544", "1.546", "74137.9"],
            lastRow: ["1.670", "1.670", "1.658", "1.660", "202850.0"], low: "1.099", high: "1.752"),
        RealKlineFile(
            path: "data/klines/LINKUSDT-1m-2026-02.csv.zst", symbol: "LINKUSDT", format: .binance, rows: 40320,
            first: "2026-02-01T00:00:00.000Z", last: "2026-02-28T23:59:00.000Z",
            firstRow: ["9.982", "9.990", "9.974", "9.987", "24464.35"],
            lastRow: ["8.839", "8.844", "8.836", "8.840", "5758.59"], low: "7.117", high: "10.075"),
        RealKlineFile(
            path: "data/klines/LTCUSDT-1m-2026-02.csv.zst", symbol: "LTCUSDT", format: .binance, rows: 40320,
            first: "2026-02-01T00:00:00.000Z", last: "2026-02-28T23:59:00.000Z",
            firstRow: ["59.49", "59.49", "59.42", "59.45", "1554.932"],
            lastRow: ["54.35", "54.39", "54.34", "54.37", "1557.757"], low: "45", high: "61.38"),
        RealKlineFile(
            path: "data/klines/FILUSDT-1m-2024-04.csv.zst", symbol: "FILUSDT", format: .binance, rows: 43200,
            first: "2024-04-01T00:00:00.000Z", last: "2024-04-30T23:59:00.000Z",
            firstRow: ["9.972", "9.984", "9.971", "9.982", "36627.4"],
            lastRow: ["5.618", "5.625", "5.617", "5.622", "8507.8"], low: "4.912", high: "10.423"),
        RealKlineFile(
            path: "data/klines/spot/BTCUSDT-1m-2024-01.csv.zst", symbol: "BTCUSDT", format: .ohlcv, rows: 44641,
            first: "2024-01-01T00:00:00.000Z", last: "2024-02-01T00:00:00.000Z",
            firstRow: ["42283.58", "42298.62", "42261.02", "42298.61", "35.92724"],
            lastRow: ["42580.0", "42632.86", "42573.46", "42632.86", "53.79874"], low: "38555", high: "48969.48"),
        RealKlineFile(
            path: "data/klines/spot/ETHUSDT-1m-2024-01.csv.zst", symbol: "ETHUSDT", format: .ohlcv, rows: 44641,
            first: "2024-01-01T00:00:00.000Z", last: "2024-02-01T00:00:00.000Z",
            firstRow: ["2281.87", "2282.94", "2281.27", "2282.2", "170.0969"],
            lastRow: ["2283.15", "2286.53", "2282.43", "2286.53", "366.9413"], low: "2100", high: "2717.32"),
        RealKlineFile(
            path: "data/klines/spot/BNBUSDT-1m-2024-01.csv.zst", symbol: "BNBUSDT", format: .ohlcv, rows: 44641,
            first: "2024-01-01T00:00:00.000Z", last: "2024-02-01T00:00:00.000Z",
            firstRow: ["311.9", "312.1", "311.6", "312.1", "408.725"],
            lastRow: ["300.5", "300.8", "300.4", "300.8", "415.425"], low: "287.5", high: "334.3"),
    ]

    static func values(_ series: KlineSeries, _ index: Int) -> [Int64] {
        [series.opens[index], series.highs[index], series.lows[index], series.closes[index], series.volumes[index]]
    }

    static func raw(_ texts: [String]) -> [Int64] { texts.map { FixedPointParser.parse($0)! } }

    @Test(arguments: realFiles)
    func readsRealFile(_ file: RealKlineFile) throws {
        let result = try KlineReader.read(Fixtures.path(file.path))
        let series = result.series
        let report = result.report
        #expect(series.count == file.rows)
        #expect(report.rows == file.rows)
        #expect(series.symbol == Symbol(file.symbol))
        #expect(series.interval == .m1)
        #expect(report.format == file.format)
        #expect(report.hasHeader)
        #expect(report.gaps.isEmpty)
        #expect(report.firstOpenTime?.description == file.first)
        #expect(report.lastOpenTime?.description == file.last)
        #expect(Self.values(series, 0) == Self.raw(file.firstRow))
        #expect(Self.values(series, series.count - 1) == Self.raw(file.lastRow))
        #expect(report.lowestPrice == Price(file.low))
        #expect(report.highestPrice == Price(file.high))
        // Every bar is one minute after the previous one.
        #expect(zip(series.openTimes, series.openTimes.dropFirst()).allSatisfy { $1 - $0 == 60_000 })
    }

    @Test func filHasTheFifteenPercentMinute() throws {
        let series = try KlineReader.read(Fixtures.path("data/klines/FILUSDT-1m-2024-04.csv.zst")).series
        let index = series.firstIndex(atOrAfter: Timestamp(iso8601: "2024-04-12T18:35:00Z")!)
        let bar = series[index]
        #expect(bar.open == Price("6.550"))
        #expect(bar.low == Price("5.500"))
        #expect(bar.close == Price("5.527"))
        let change = bar.close.relativeDistance(from: bar.open)
        #expect(change == Rate("-0.15618321"))
    }

    @Test(arguments: [
        "klines/AVAXUSDT-1m-2026-02-head.csv", "klines/AVAXUSDT-1m-2026-02-noheader.csv",
        "klines/AVAXUSDT-1m-2026-02-us.csv", "klines/AVAXUSDT-1m-2026-02-crlf.csv",
        "klines/AVAXUSDT-1m-2026-02-head.csv.zst", "klines/AVAXUSDT-1m-2026-02-head.zip",
        "klines/AVAXUSDT-1m-2026-02-stored.zip",
    ])
    func everyLayoutGivesTheSameKlines(_ name: String) throws {
        let reference = try KlineReader.read(Fixtures.feeds("klines/AVAXUSDT-1m-2026-02-head.csv")).series
        let result = try KlineReader.read(Fixtures.feeds(name))
        #expect(result.series == reference)
        #expect(result.series.count == 6)
        #expect(result.report.timeFormat == (name.contains("-us") ? .microseconds : .milliseconds))
        #expect(result.report.hasHeader == !(name.contains("noheader") || name.contains("-us")))
    }

    @Test func sixColumnSpotFile() throws {
        let result = try KlineReader.read(Fixtures.feeds("klines/BTCUSDT-1m-2024-01-head.csv"))
        #expect(result.report.format == .ohlcv)
        #expect(result.report.timeFormat == .dateTime)
        #expect(result.series.openTimes.first == Timestamp(year: 2024, month: 1, day: 1).milliseconds)
        #expect(result.series[1].close == Price("42320.0"))
        #expect(result.series[1].closeTime == Timestamp(iso8601: "2024-01-01T00:01:59.999Z"))
    }

    @Test func intervalFromTheDataWhenTheNameHasNone() throws {
        let options = KlineReadOptions(symbol: "AVAXUSDT")
        let lines = LineReader(
            source: try ByteSources.open(Fixtures.feeds("klines/AVAXUSDT-1m-2026-02-head.csv")), path: "klines.csv")
        let result = try KlineReader.read(lines, options: options)
        #expect(result.report.interval == .m1)
        #expect(result.report.intervalSource == "close time")
        #expect(result.series.symbol == "AVAXUSDT")
    }

    @Test func gapsAreReportedAsRanges() throws {
        let result = try KlineReader.read(Fixtures.feeds("klines/AVAXUSDT-1m-2026-02-gap.csv"))
        #expect(result.series.count == 4)
        #expect(
            result.report.gaps == [
                KlineGap(
                    from: Timestamp(iso8601: "2026-02-01T00:02:00Z")!,
                    through: Timestamp(iso8601: "2026-02-01T00:03:00Z")!,
                    missingBars: 2, line: 4)
            ])
        #expect(result.report.largestGap?.missingBars == 2)
        #expect(result.report.missingBars == 2)
    }

    @Test func gapsAreErrorsOnRequest() throws {
        let path = Fixtures.feeds("klines/AVAXUSDT-1m-2026-02-gap.csv")
        let error = #expect(throws: FeedError.self) {
            try KlineReader.read(path, options: KlineReadOptions(allowGaps: false))
        }
        #expect(error?.description == "\(path):4: gap of 2 bars (2026-02-01T00:02:00.000Z to 2026-02-01T00:03:00.000Z)")
    }

    @Test func verifyCollectsEveryProblem() throws {
        let path = Fixtures.feeds("bad/AVAXUSDT-1m-duplicate.csv")
        let result = KlineReader.verify(path, options: KlineReadOptions(allowGaps: false))
        #expect(
            result.problems.errors.map(\.description) == ["\(path):5: duplicate open time (2026-02-01T00:02:00.000Z)"])
        #expect(result.report.rows == 6)
    }

    @Test func verifyCapsTheList() throws {
        // Nine rows repeat the first row's time: nine problems.
        var text = "datetime,open,high,low,close,volume\n"
        for _ in 0..<10 { text += "2024-01-01 00:00:00,1,1,1,1,1\n" }
        let all = KlineReader.verify(LineReader(source: MemorySource(text), path: "X-1m.csv"))
        #expect(all.problems.count == 9)
        #expect(all.problems.errors.first?.description == "X-1m.csv:3: duplicate open time (2024-01-01T00:00:00.000Z)")
        let capped = KlineReader.verify(LineReader(source: MemorySource(text), path: "X-1m.csv"), limit: 3)
        #expect(capped.problems.errors.map(\.line) == [3, 4, 5])
        #expect(capped.problems.omitted == 6)
        #expect(capped.report.rows == 1)
    }

    @Test func verifyGoesOnAfterABadRow() throws {
        let path = Fixtures.feeds("bad/AVAXUSDT-1m-nonnumeric.csv")
        let result = KlineReader.verify(path)
        #expect(result.problems.errors.map(\.description) == ["\(path):4: high is not a number (10.1x30)"])
        #expect(result.report.rows == 5)
        #expect(result.report.gaps.count == 1)
    }
}
