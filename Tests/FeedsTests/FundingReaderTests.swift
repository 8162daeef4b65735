import Feeds
import Market
import TestSupport
import Testing

@Suite struct FundingReaderTests {
    @Test(arguments: [
        ("BTCUSDT", "-0.00012359", "0.00033597", "-0.003", "0.003", "0.00013662"),
        ("ETHUSDT", "0.0001", "0.00031621", "-0.00356332", "0.00375", "0.000169"),
    ])
    func readsRealHistory(
        symbol: String, firstRate: String, lastRate: String, minimum: String, maximum: String, mean: String
    ) throws {
        let file = try FundingReader.read(Fixtures.path("data/funding/\(symbol)-fundingRate-2020-2023.csv.zst"))
        #expect(file.rates.count == 4383)
        #expect(file.report.format == .binanceArchive)
        #expect(file.report.symbol == Symbol(symbol))
        #expect(
            file.rates.first
                == FundingRate(time: Timestamp(year: 2020, month: 1, day: 1), rate: Rate(firstRate)!, intervalHours: 8))
        #expect(
            file.rates.last
                == FundingRate(
                    time: Timestamp(year: 2023, month: 12, day: 31, hour: 16), rate: Rate(lastRate)!, intervalHours: 8))
        #expect(file.report.minimumRate == Rate(minimum))
        #expect(file.report.maximumRate == Rate(maximum))
        #expect(file.report.meanRate == Rate(mean))
        #expect(file.report.intervals == [FundingIntervalCount(hours: 8, count: 4383)])
        #expect(
            zip(file.rates, file.rates.dropFirst()).allSatisfy {
                $1.time.milliseconds - $0.time.milliseconds == 28_800_000
            })
    }

    @Test func localLabelsWithAnExplicitOffset() throws {
        let archive = try FundingReader.read(Fixtures.feeds("funding/BTCUSDT-fundingRate-2020-01.csv"))
        let local = try FundingReader.read(
            Fixtures.feeds("funding/BTC-USDT_binance_2020-01-01_funding_history.csv"),
            options: FundingReadOptions(utcOffsetSeconds: 3 * 3600))
        #expect(local.report.format == .dateCSV)
        #expect(local.report.symbol == "BTCUSDT")
        #expect(local.rates.map(\.time) == archive.rates.map(\.time))
        #expect(local.rates.map(\.rate) == archive.rates.map(\.rate))
        // The jittered label `2020-01-02 03:00:00.002` lands on the grid.
        #expect(local.rates[3].time == Timestamp(year: 2020, month: 1, day: 2))
        #expect(local.report.intervals == [FundingIntervalCount(hours: 8, count: 5)])
    }

    @Test func aWrongOffsetIsCaughtOnTheEightHourGrid() throws {
        let path = Fixtures.feeds("bad/BTC-USDT-funding-offset.csv")
        let error = #expect(throws: FeedError.self) {
            try FundingReader.read(path, options: FundingReadOptions(gridHours: 8))
        }
        #expect(
            error?.description
                == "\(path):2: funding time is 10800000 ms off the 8h grid (wrong UTC offset?) (2020-01-01T03:00:00.000Z)"
        )
    }

    @Test func restJSON() throws {
        let file = try FundingReader.read(Fixtures.feeds("funding/http_futures_market_funding_rate.json"))
        #expect(file.report.format == .restJSON)
        #expect(file.report.symbol == "BTCUSDT")
        #expect(
            file.rates == [
                FundingRate(time: Timestamp(milliseconds: 1_570_608_000_000), rate: Rate("-0.0375")!),
                FundingRate(time: Timestamp(milliseconds: 1_570_636_800_000), rate: Rate("0.0001")!),
            ])
    }

    @Test func restJSONWithJitterAndMarkPrice() throws {
        let text = """
            [{"symbol":"BTCUSDT","fundingRate":"0.00010000","fundingTime":1789459200005,"markPrice":"76936.2"},
             {"symbol":"BTCUSDT","fundingRate":"-0.00002","fundingTime":1789488000001,"markPrice":""}]
            """
        let path = try temporaryFile("funding.json", text)
        let file = try FundingReader.read(path)
        #expect(file.rates.map(\.time.milliseconds) == [1_789_459_200_000, 1_789_488_000_000])
    }

    @Test(arguments: [
        ("BTCUSDT-fundingRate-rate.csv", "4: last_funding_rate is not a decimal (-0.00OO9664)"),
        ("BTCUSDT-fundingRate-duplicate.csv", "5: duplicate funding time (2020-01-01T16:00:00.000Z)"),
        ("BTCUSDT-fundingRate-syntax.json", "3: expected ',' or ']' in array ({\"symbol\": \"BTCUSDT\"…)"),
        ("BTCUSDT-fundingRate-type.json", "4: fundingRate is not a decimal ({value…})"),
    ])
    func badFunding(_ name: String, _ expected: String) throws {
        let path = Fixtures.feeds("bad/" + name)
        let error = #expect(throws: FeedError.self) { try FundingReader.read(path) }
        #expect(error?.description == "\(path):\(expected)")
        let verified = FundingReader.verify(path)
        #expect(verified.problems.errors.first?.description == "\(path):\(expected)")
    }

    @Test func unknownHeader() throws {
        let path = try temporaryFile("funding-header.csv", "time,rate\n1,2\n")
        let error = #expect(throws: FeedError.self) { try FundingReader.read(path) }
        #expect(error?.line == 1)
        #expect(error?.message.hasPrefix("unrecognised funding header") == true)
    }
}
