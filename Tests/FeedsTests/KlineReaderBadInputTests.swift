import Feeds
import Market
import TestSupport
import Testing

/// Each damaged file must fail with exactly this `file:line: message (value)`.
@Suite struct KlineReaderBadInputTests {
    static let cases: [(String, String)] = [
        ("AVAXUSDT-1m-empty.csv", "1: empty file (0 bytes)"),
        (
            "AVAXUSDT-1m-truncated.csv",
            "5: truncated last line: no newline and 4 of 12 columns (1769904180000,10.1620,10.1730,)"
        ),
        (
            "AVAXUSDT-1m-columns.csv",
            "4: expected 12 columns, found 11 "
                + "(1769904120000,10.1250,10.1630,10.1210,10.1630,22518,1769904179999,228230.1710,12…)"
        ),
        ("AVAXUSDT-1m-nonnumeric.csv", "4: high is not a number (10.1x30)"),
        ("AVAXUSDT-1m-highlow.csv", "4: high below low (high 10.1210, low 10.1630)"),
        ("AVAXUSDT-1m-negvolume.csv", "5: negative volume (-46476)"),
        (
            "AVAXUSDT-1m-backwards.csv",
            "5: open time goes backwards (2026-02-01T00:02:00.000Z after 2026-02-01T00:03:00.000Z)"
        ),
        ("AVAXUSDT-1m-duplicate.csv", "5: duplicate open time (2026-02-01T00:02:00.000Z)"),
        (
            "AVAXUSDT-1m-offgrid.csv",
            "4: open time off the 1m grid (2026-02-01T00:02:30.000Z after 2026-02-01T00:01:00.000Z)"
        ),
        ("AVAXUSDT-1m-utf8.csv", "3: invalid UTF-8 at byte 101 (0xFF)"),
        ("AVAXUSDT-1m-units.csv", "3: open time in microseconds in a millisecond file (1769904120000000)"),
        ("AVAXUSDT-1m-cut.csv.zst", "671: zstd stream cut short (after 66116 bytes)"),
        ("AVAXUSDT-1m-damaged.zip", "1: zip: corrupt deflate data (invalid distance too far back)"),
    ]

    @Test(arguments: cases)
    func readFailsAtTheExactLine(_ name: String, _ expected: String) throws {
        let path = Fixtures.feeds("bad/" + name)
        let error = #expect(throws: FeedError.self) { try KlineReader.read(path) }
        #expect(error?.description == "\(path):\(expected)")
        #expect(error?.kind == .badData)
    }

    @Test(arguments: cases)
    func verifyReportsTheSameFirstProblem(_ name: String, _ expected: String) throws {
        let path = Fixtures.feeds("bad/" + name)
        let result = KlineReader.verify(path)
        #expect(result.problems.errors.first?.description == "\(path):\(expected)")
    }

    @Test(
        arguments: [
            (
                "1769904000000,1,2,0.5,1.5,10\n1769904060000,1,2,0.5,1.5\n",
                "x-1m.csv:2: expected 6 columns, found 5 (1769904060000,1,2,0.5,1.5)"
            ),
            ("a,b,c\n", "x-1m.csv:1: unrecognised header: expected 12 or 6 columns, found 3 (a,b,c)"),
            ("open_time,open,high,low,close,volume\n", "x-1m.csv:2: no data rows (header only)"),
            ("1769904000000,1,2,3\n", "x-1m.csv:1: expected 12 or 6 columns, found 4 (1769904000000,1,2,3)"),
            (
                "1769904000000,1,2,0.5,1.5,1e400\n",
                "x-1m.csv:1: volume is out of range or has more than 8 decimals (1e400)"
            ),
            (
                "1769904000000,1,2,0.5,1.5,0.000000001\n",
                "x-1m.csv:1: volume is out of range or has more than 8 decimals (0.000000001)"
            ),
            ("1769904000000,1,2,0.5,1.7,10\n\n1769904060000,1,2,0.5,1.5,10\n", "x-1m.csv:2: empty line ()"),
            ("2024-02-30 00:00:00,1,2,0.5,1.5,10\n", "x-1m.csv:1: time is not a date-time (2024-02-30 00:00:00)"),
            (
                "1769904000000,1,2,0.5,1.5,10\n1769904090000,1,2,0.5,1.5,10\n",
                "x-1m.csv:2: open time off the 1m grid (2026-02-01T00:01:30.000Z after 2026-02-01T00:00:00.000Z)"
            ),
            (
                "1769904000000,1,2,0.5,1.5,10\n1769904000000,1,2,0.5,1.5,10\n",
                "x-1m.csv:2: duplicate open time (2026-02-01T00:00:00.000Z)"
            ),
            ("1769904000000,1,2,1.5,1.2,10\n", "x-1m.csv:1: low above open or close (open 1, low 1.5, close 1.2)"),
            ("1769904000000,1,2,0.5,2.5,10\n", "x-1m.csv:1: high below open or close (open 1, high 2, close 2.5)"),
            ("1769904000000,0,2,0,1.5,10\n", "x-1m.csv:1: open price is not above zero (0)"),
            ("1769904000000,1,2,-10,1.5,10\n", "x-1m.csv:1: low price is not above zero (-10)"),
            (
                "1769904000000,1,2,0.5,1.5,10\n1769904060000,-10,-10,-10,-10,10\n",
                "x-1m.csv:2: open price is not above zero (-10)"
            ),
            ("1769904000000,0,0,0,0,0\n", "x-1m.csv:1: open price is not above zero (0)"),
            (
                "1769904000000,1.0,1.1,0.9,1.0,1,1769904179999,1,1,1,1,0\n",
                "x-1m.csv:1: close time says 3m, the file name says 1m (1769904000000,1.0,1.1,0.9,1.0,1,1769904179999,1,1,1,1,0)"
            ),
            (
                "1769904000000,1.0,1.1,0.9,1.0,1,1769904059999,1,1,1,1,0\n1769904060000,1.0,1.1,0.9,1.0,1,1769904119999,1,1,1,1,0\n"
                    + "1769904120000,1.0,1.1,0.9,1.0,1,1769904240000,1,1,1,1,0\n",
                "x-1m.csv:3: close time outside the 1m bar (2026-02-01T00:02:00.000Z to 2026-02-01T00:04:00.000Z)"
            ),
            ("1769904000000,1.0,1.1,0.9,1.0,1,1769904059999,1,x,1,1,0\n", "x-1m.csv:1: count is not an integer (x)"),
            (
                "1769904000000,1.0,1.1,0.9,1.0,1,1769904059999,1,1,1,1.2.3,0\n",
                "x-1m.csv:1: taker_buy_quote_volume is not a number (1.2.3)"
            ),
        ] as [(String, String)])
    func inMemoryProblems(_ text: String, _ expected: String) throws {
        let error = #expect(throws: FeedError.self) {
            try KlineReader.read(LineReader(source: MemorySource(text), path: "x-1m.csv"))
        }
        #expect(error?.description == expected)
    }

    @Test(
        arguments: [
            (
                "AVAXUSDT-1m-2026-03.csv", "1769904000000,1,2,0.5,1.5,10\n",
                "AVAXUSDT-1m-2026-03.csv:1: first open time outside 2026-03, the file name's period (2026-02-01T00:00:00.000Z)"
            ),
            (
                "AVAXUSDT-1m-2026-01-30.csv", "time,open,high,low,close,volume\n1769903880000,1,2,0.5,1.5,10\n",
                "AVAXUSDT-1m-2026-01-30.csv:2: first open time outside 2026-01-30, the file name's period (2026-01-31T23:58:00.000Z)"
            ),
        ])
    func firstRowOutsideTheFileNamesPeriod(_ name: String, _ text: String, _ expected: String) throws {
        let error = #expect(throws: FeedError.self) {
            try KlineReader.read(LineReader(source: MemorySource(text), path: name))
        }
        #expect(error?.description == expected)
        #expect(
            KlineReader.verify(LineReader(source: MemorySource(text), path: name)).problems.errors.first?.description
                == expected)
    }

    @Test func theFileNamesPeriod() {
        let month = FeedFileName(path: "/x/AVAXUSDT-1m-2026-12.csv.zst").period
        #expect(month?.start == Timestamp(year: 2026, month: 12, day: 1))
        #expect(month?.end == Timestamp(year: 2027, month: 1, day: 1))
        #expect(FeedFileName(path: "BTCUSDT-1h-2024-02-29.zip").period?.name == "2024-02-29")
        #expect(FeedFileName(path: "BTCUSDT-1h-2023-02-29.zip").period?.name == "2023-02")
        #expect(FeedFileName(path: "AVAXUSDT-1m-2026-02-head.csv").period?.name == "2026-02")
        #expect(FeedFileName(path: "BTCUSDT-1mo-2024.csv").period == nil)
        #expect(FeedFileName(path: "BTCUSDT-2024-01.csv").period == nil)
    }

    @Test func stepThatIsNoIntervalWithoutName() throws {
        let text = "2024-01-01 00:00:00,1,2,0.5,1.5,10\n2024-01-01 00:00:07,1,2,0.5,1.5,10\n"
        let error = #expect(throws: FeedError.self) {
            try KlineReader.read(LineReader(source: MemorySource(text), path: "x.csv"))
        }
        #expect(error?.description == "x.csv:2: time step is not a Binance interval (7000 ms)")
    }
}
