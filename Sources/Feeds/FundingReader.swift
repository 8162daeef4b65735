public import Market

/// The layout of a funding-rate file.
public enum FundingFormat: String, Sendable, Hashable, CustomStringConvertible {
    /// data.binance.vision's `calc_time,funding_interval_hours,last_funding_rate` (epoch ms).
    case binanceArchive = "Binance archive CSV"
    /// `Symbol,Date,Funding Rate` with local date-time labels (see `FundingReadOptions.utcOffsetSeconds`).
    case dateCSV = "Symbol,Date,Funding Rate CSV"
    /// The `GET /fapi/v1/fundingRate` response: `[{symbol, fundingRate, fundingTime, markPrice}]`.
    case restJSON = "fundingRate REST JSON"

    public var description: String { rawValue }
}

/// Choices for reading a funding file.
public struct FundingReadOptions: Sendable, Hashable {
    /// The offset of the file's date-time labels from UTC in seconds (`+03:00` is 10 800): the
    /// labels minus this are UTC. Epoch-ms formats ignore it.
    public var utcOffsetSeconds: Int
    /// The funding grid in hours that times are rounded to; nil uses the row's
    /// `funding_interval_hours` where the file has it, else one hour.
    public var gridHours: Int?
    /// The largest distance in ms between a time and its grid point; farther is an error (it
    /// usually means a wrong `utcOffsetSeconds`). Binance's own jitter is a few ms.
    public var toleranceMilliseconds: Int64

    public init(utcOffsetSeconds: Int = 0, gridHours: Int? = nil, toleranceMilliseconds: Int64 = 60_000) {
        self.utcOffsetSeconds = utcOffsetSeconds
        self.gridHours = gridHours
        self.toleranceMilliseconds = toleranceMilliseconds
    }
}

/// How often one step between settlements occurs.
public struct FundingIntervalCount: Sendable, Hashable {
    public var hours: Int
    public var count: Int

    public init(hours: Int, count: Int) {
        self.hours = hours
        self.count = count
    }
}

/// What a funding file holds.
public struct FundingReport: Sendable, Hashable {
    public var path: String
    public var format: FundingFormat
    /// The symbol from the rows or the file name, when known.
    public var symbol: Symbol?
    public var rows: Int
    public var firstTime: Timestamp?
    public var lastTime: Timestamp?
    /// Funding intervals in hours with how many rows have each (from the file's interval column,
    /// else from the steps between rows), ascending by hours.
    public var intervals: [FundingIntervalCount]
    public var minimumRate: Rate?
    public var maximumRate: Rate?
    /// The mean rate, rounded to 10⁻⁸.
    public var meanRate: Rate?

    public init(path: String, format: FundingFormat) {
        self.path = path
        self.format = format
        rows = 0
        intervals = []
    }
}

/// A funding file read into memory.
public struct FundingFile: Sendable, Hashable {
    /// Settlements in time order, times rounded to the funding grid.
    public var rates: [FundingRate]
    public var report: FundingReport

    public init(rates: [FundingRate], report: FundingReport) {
        self.rates = rates
        self.report = report
    }
}

/// The outcome of checking a funding file completely.
public struct FundingVerification: Sendable, Hashable {
    public var report: FundingReport
    public var problems: FeedProblems

    public init(report: FundingReport, problems: FeedProblems) {
        self.report = report
        self.problems = problems
    }
}

/// Reads funding-rate history: Binance's archive CSV, the `Symbol,Date,Funding Rate` CSV and the
/// `fundingRate` REST JSON, detected from the content. Times are rounded to the funding grid
/// (Binance's `fundingTime` carries a few ms of jitter) and must increase strictly; rates are
/// parsed exactly.
public enum FundingReader {
    /// Reads and validates a funding file.
    ///
    /// - Throws: `FeedError` naming the first problem's line.
    public static func read(
        _ path: String, options: FundingReadOptions = FundingReadOptions()
    ) throws(FeedError)
        -> FundingFile
    {
        var parser = FundingParser(path: path, options: options, problems: nil)
        try parser.run()
        return FundingFile(rates: parser.rates, report: parser.report)
    }

    /// Reads the whole file and reports every problem.
    public static func verify(
        _ path: String, options: FundingReadOptions = FundingReadOptions(), limit: Int = 100
    )
        -> FundingVerification
    {
        var parser = FundingParser(path: path, options: options, problems: FeedProblems(limit: limit))
        do {
            try parser.run()
        } catch {
            parser.problems?.record(error)
        }
        return FundingVerification(report: parser.report, problems: parser.problems ?? FeedProblems())
    }
}

/// The state behind `FundingReader`.
struct FundingParser {
    let path: String
    let options: FundingReadOptions
    var problems: FeedProblems?
    var rates: [FundingRate] = []
    var report: FundingReport
    var stepCounts: [FundingIntervalCount] = []
    var sum: Int64 = 0
    var sumOverflow = false

    init(path: String, options: FundingReadOptions, problems: FeedProblems?) {
        self.path = path
        self.options = options
        self.problems = problems
        report = FundingReport(path: path, format: .binanceArchive)
        report.symbol = FeedFileName(path: path).symbol
    }

    mutating func fail(_ error: FeedError) throws(FeedError) {
        if problems == nil { throw error }
        problems!.record(error)
    }

    func error(_ line: Int, _ message: String, _ value: String) -> FeedError {
        FeedError(file: path, line: line, message: message, value: value)
    }

    mutating func run() throws(FeedError) {
        let lines = try LineReader(path: path)
        guard let first = try lines.next() else {
            try fail(error(1, "empty file", "0 bytes"))
            return
        }
        let firstByte = first.bytes.first(where: { $0 != 0x20 && $0 != 0x09 })
        if firstByte == 0x5B || firstByte == 0x7B {
            report.format = .restJSON
            var data = Array(first.bytes)
            data.append(0x0A)
            while let line = try lines.next() {
                data.append(contentsOf: line.bytes)
                data.append(0x0A)
            }
            try readJSON(JSONFile.parse(data, path: path))
        } else {
            try readCSV(first, lines)
        }
        finish()
    }

    mutating func readCSV(_ first: LineReader.Line, _ lines: LineReader) throws(FeedError) {
        var pending: LineReader.Line? = first
        let firstByte = first.bytes.first ?? 0
        var columns = 3
        if !(firstByte >= 0x30 && firstByte <= 0x39) {
            let header = String(decoding: first.bytes, as: UTF8.self).lowercased()
            let names = header.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters()
            }
            if names == ["calc_time", "funding_interval_hours", "last_funding_rate"] {
                report.format = .binanceArchive
            } else if names == ["symbol", "date", "funding rate"] {
                report.format = .dateCSV
            } else {
                try fail(
                    error(
                        first.number,
                        "unrecognised funding header: expected calc_time,funding_interval_hours,last_funding_rate"
                            + " or Symbol,Date,Funding Rate",
                        FeedError.text(first.bytes)))
                return
            }
            columns = names.count
            pending = nil
        }
        var rows = 0
        while true {
            let line: LineReader.Line
            if let waiting = pending {
                line = waiting
                pending = nil
            } else if let next = try lines.next() {
                line = next
            } else {
                break
            }
            if line.bytes.isEmpty { continue }
            rows += 1
            if let bad = UTF8Validation.firstInvalidOffset(line.bytes) {
                try fail(error(line.number, "invalid UTF-8 at byte \(bad + 1)", FeedError.hex(line.bytes[bad])))
                continue
            }
            let fields = KlineParser.fields(line.bytes)
            guard fields.count == columns else {
                let message =
                    !line.hasNewline && fields.count < columns
                    ? "truncated last line: no newline and \(fields.count) of \(columns) columns"
                    : "expected \(columns) columns, found \(fields.count)"
                try fail(error(line.number, message, FeedError.text(line.bytes)))
                continue
            }
            if report.format == .binanceArchive {
                guard let time = KlineParser.integer(fields[0]) else {
                    try fail(error(line.number, "calc_time is not an integer time", FeedError.text(fields[0])))
                    continue
                }
                guard let hours = KlineParser.integer(fields[1]), hours >= 1, hours <= 24 else {
                    try fail(
                        error(
                            line.number, "funding_interval_hours is not a whole number of hours from 1 to 24",
                            FeedError.text(fields[1])))
                    continue
                }
                guard let rate = FixedPointParser.parse(fields[2]) else {
                    try fail(error(line.number, "last_funding_rate is not a decimal", FeedError.text(fields[2])))
                    continue
                }
                try add(line: line.number, time: time, rate: rate, intervalHours: Int(hours))
            } else {
                let symbolText = String(decoding: fields[0], as: UTF8.self).filter { $0 != "-" && $0 != "/" }
                if !symbolText.isEmpty {
                    if report.symbol == nil || rows == 1 {
                        report.symbol = Symbol(symbolText)
                    } else if report.symbol != Symbol(symbolText) {
                        try fail(error(line.number, "a second symbol in one funding file", symbolText))
                        continue
                    }
                }
                guard let local = ISO8601.timestamp(fields[1])?.milliseconds else {
                    try fail(error(line.number, "Date is not a date-time", FeedError.text(fields[1])))
                    continue
                }
                guard let rate = FixedPointParser.parse(fields[2]) else {
                    try fail(error(line.number, "Funding Rate is not a decimal", FeedError.text(fields[2])))
                    continue
                }
                let utc = local - Int64(options.utcOffsetSeconds) * 1000
                try add(line: line.number, time: utc, rate: rate, intervalHours: nil)
            }
        }
        if rows == 0 { try fail(error(lines.lineNumber + 1, "no data rows", "header only")) }
    }

    mutating func readJSON(_ json: JSONValue) throws(FeedError) {
        guard let items = json.array else {
            try fail(error(json.line, "expected an array of funding rows", json.preview))
            return
        }
        if items.isEmpty { try fail(error(json.line, "no data rows", "[]")) }
        for (index, item) in items.enumerated() {
            guard item.members != nil else {
                try fail(error(item.line, "expected a funding row object", item.preview))
                continue
            }
            if let symbolValue = item["symbol"] {
                guard let text = symbolValue.string, !text.isEmpty else {
                    try fail(error(symbolValue.line, "symbol is not a string", symbolValue.preview))
                    continue
                }
                if index == 0 {
                    report.symbol = Symbol(text)
                } else if report.symbol != Symbol(text) {
                    try fail(error(symbolValue.line, "a second symbol in one funding file", text))
                    continue
                }
            }
            guard let timeValue = item["fundingTime"] else {
                try fail(error(item.line, "missing fundingTime", item.preview))
                continue
            }
            guard let timeText = timeValue.numberText, let time = KlineParser.integer(text: timeText) else {
                try fail(error(timeValue.line, "fundingTime is not an integer time", timeValue.preview))
                continue
            }
            guard let rateValue = item["fundingRate"] else {
                try fail(error(item.line, "missing fundingRate", item.preview))
                continue
            }
            guard let rateText = rateValue.numberText, let rate = FixedPointParser.parse(rateText) else {
                try fail(error(rateValue.line, "fundingRate is not a decimal", rateValue.preview))
                continue
            }
            if let mark = item["markPrice"], !(mark.numberText == "") {
                guard let text = mark.numberText, FixedPointParser.parse(text) != nil else {
                    try fail(error(mark.line, "markPrice is not a decimal", mark.preview))
                    continue
                }
            }
            try add(line: timeValue.line, time: time, rate: rate, intervalHours: nil)
        }
    }

    /// Rounds, checks order and stores one settlement.
    mutating func add(line: Int, time: Int64, rate: Int64, intervalHours: Int?) throws(FeedError) {
        let gridHours = options.gridHours ?? intervalHours ?? 1
        let grid = Int64(gridHours) * 3_600_000
        let shifted = time + grid / 2
        let rounded = (shifted >= 0 ? shifted / grid : (shifted - grid + 1) / grid) * grid
        let offset = time - rounded
        if abs(offset) > options.toleranceMilliseconds {
            try fail(
                error(
                    line, "funding time is \(offset) ms off the \(gridHours)h grid (wrong UTC offset?)",
                    Timestamp(milliseconds: time).description))
            return
        }
        if let previous = rates.last {
            if rounded == previous.time.milliseconds {
                try fail(error(line, "duplicate funding time", Timestamp(milliseconds: rounded).description))
                return
            }
            if rounded < previous.time.milliseconds {
                try fail(
                    error(
                        line, "funding time goes backwards",
                        "\(Timestamp(milliseconds: rounded)) after \(previous.time)"))
                return
            }
        }
        let stepHours: Int? =
            intervalHours ?? rates.last.map { Int((rounded - $0.time.milliseconds) / 3_600_000) }
        if let hours = stepHours { count(hours) }
        rates.append(
            FundingRate(time: Timestamp(milliseconds: rounded), rate: Rate(raw: rate), intervalHours: intervalHours))
        let (total, overflow) = sum.addingReportingOverflow(rate)
        sum = total
        if overflow { sumOverflow = true }
    }

    mutating func count(_ hours: Int) {
        if let index = stepCounts.firstIndex(where: { $0.hours == hours }) {
            stepCounts[index].count += 1
        } else {
            stepCounts.append(FundingIntervalCount(hours: hours, count: 1))
        }
    }

    mutating func finish() {
        report.rows = rates.count
        report.firstTime = rates.first?.time
        report.lastTime = rates.last?.time
        report.intervals = stepCounts.sorted { $0.hours < $1.hours }
        if !rates.isEmpty {
            report.minimumRate = rates.map(\.rate).min()
            report.maximumRate = rates.map(\.rate).max()
            if !sumOverflow {
                report.meanRate = Rate(raw: FixedPointMath.mulDiv(sum, 1, Int64(rates.count), .nearest))
            }
        }
    }
}

extension Substring {
    /// The text without leading and trailing spaces, tabs and carriage returns.
    func trimmingCharacters() -> String {
        var text = self
        while let first = text.first, first == " " || first == "\t" || first == "\r" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text = text.dropLast() }
        return String(text)
    }
}
