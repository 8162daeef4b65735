public import Market

/// Reads Binance kline CSV files into a `KlineSeries`, validating as it goes.
///
/// Accepted input: data.binance.vision's 12-column files with or without the header line (the
/// first byte being a digit means no header), epoch milliseconds or microseconds (a first open
/// time above 10¹⁴ means µs; every row must use the same unit; times are normalised to ms), and
/// the 6-column `datetime,open,high,low,close,volume` variant with `YYYY-MM-DD HH:MM:SS` UTC
/// times. Plain, `.zst` and `.zip` files are read as streams. Decimals are parsed from the bytes
/// straight into fixed-point values.
///
/// Checked: the column count, every numeric field (the trade statistics of the 12-column format
/// too, then dropped), UTF-8, strictly increasing open times (a duplicate and a step backwards are
/// distinct errors), one interval throughout (a step that is not a multiple of it is an error; a
/// multiple is a gap, reported as a range and an error only with `allowGaps: false`), the close
/// time against the interval, OHLC sanity (prices above zero, `low ≤ min(open, close)`,
/// `max(open, close) ≤ high`, `volume ≥ 0`), a truncated last line and a compressed stream cut short.
///
/// `read` stops at the first problem; `verify` goes on and collects all of them (up to a limit).
public enum KlineReader {
    /// Reads and validates a kline file.
    ///
    /// - Throws: `FeedError` naming the first problem's line.
    public static func read(
        _ path: String, options: KlineReadOptions = KlineReadOptions()
    ) throws(FeedError)
        -> KlineFile
    {
        let lines = try LineReader(path: path)
        return try read(lines, options: options)
    }

    /// `read`, with a compressed file decompressed on a background thread while this one parses
    /// (two cores for one file). On any error the file is read again the direct way, so the
    /// error is exactly the one `read` reports.
    ///
    /// - Throws: `FeedError` naming the first problem's line.
    public static func readPrefetched(
        _ path: String, options: KlineReadOptions = KlineReadOptions()
    ) throws(FeedError) -> KlineFile {
        guard path.hasSuffix(".zst") || path.hasSuffix(".zip") else { return try read(path, options: options) }
        do {
            let source = PrefetchingByteSource(try ByteSources.open(path))
            return try read(LineReader(source: source, path: path), options: options)
        } catch {
            return try read(path, options: options)
        }
    }

    /// Reads and validates a kline file like `read`, handing the bars to `body` in chunks of
    /// `chunkRows` (the last one shorter) instead of keeping them: memory stays flat in the
    /// file's length. `body` returns false to stop reading (the report then covers the rows read
    /// so far). With `prefetch`, a compressed file decompresses on a background thread; on any
    /// error the file is read again the direct way, so the error is exactly the one `read` reports.
    ///
    /// - Returns: the file's report (rows, first and last open time, interval, …).
    /// - Throws: `FeedError` naming the first problem's line.
    public static func stream(
        _ path: String, options: KlineReadOptions = KlineReadOptions(), prefetch: Bool = false,
        chunkRows: Int = 1 << 16, _ body: (KlineSeries) -> Bool
    ) throws(FeedError) -> KlineReport {
        let compressed = path.hasSuffix(".zst") || path.hasSuffix(".zip")
        guard prefetch && compressed else {
            return try stream(LineReader(path: path), options: options, chunkRows: chunkRows, body)
        }
        do {
            let source = PrefetchingByteSource(try ByteSources.open(path))
            return try stream(LineReader(source: source, path: path), options: options, chunkRows: chunkRows, body)
        } catch {
            // The exact error of the direct read; the prefetched one when that read passes.
            _ = try stream(LineReader(path: path), options: options, chunkRows: chunkRows) { _ in true }
            throw error
        }
    }

    /// `stream(_:options:prefetch:chunkRows:_:)` on a line reader (its `path` names the file).
    ///
    /// - Throws: `FeedError` naming the first problem's line.
    public static func stream(
        _ lines: LineReader, options: KlineReadOptions = KlineReadOptions(), chunkRows: Int = 1 << 16,
        _ body: (KlineSeries) -> Bool
    ) throws(FeedError) -> KlineReport {
        try withoutActuallyEscaping(
            body,
            do: { (body) throws(FeedError) -> KlineReport in
                var parser = KlineParser(path: lines.path, options: options, problems: nil, sizeHint: nil)
                parser.drain = body
                parser.drainRows = max(1, chunkRows)
                parser.series.reserveCapacity(parser.drainRows + 512)
                try parser.run(lines)
                return parser.report
            })
    }

    /// Reads and validates kline rows from a line reader (its `path` names the file).
    ///
    /// - Throws: `FeedError` naming the first problem's line.
    public static func read(
        _ lines: LineReader, options: KlineReadOptions = KlineReadOptions()
    ) throws(FeedError)
        -> KlineFile
    {
        var parser = KlineParser(path: lines.path, options: options, problems: nil, sizeHint: lines.sizeHint)
        try parser.run(lines)
        return KlineFile(series: parser.series, report: parser.report)
    }

    /// Reads the whole file and reports every problem instead of stopping at the first one.
    ///
    /// Rows with problems are left out of the report. Reading ends early only when the bytes
    /// themselves cannot be read (a missing file, a `.zst` cut short).
    public static func verify(
        _ path: String, options: KlineReadOptions = KlineReadOptions(), limit: Int = 100
    )
        -> KlineVerification
    {
        var parser = KlineParser(path: path, options: options, problems: FeedProblems(limit: limit), sizeHint: nil)
        do {
            let lines = try LineReader(path: path)
            parser.sizeHint = lines.sizeHint
            try parser.run(lines)
        } catch {
            parser.problems?.record(error)
        }
        return KlineVerification(report: parser.report, problems: parser.problems ?? FeedProblems())
    }

    /// Checks kline rows from a line reader completely (see `verify(_:options:limit:)`).
    public static func verify(
        _ lines: LineReader, options: KlineReadOptions = KlineReadOptions(), limit: Int = 100
    ) -> KlineVerification {
        var parser = KlineParser(
            path: lines.path, options: options, problems: FeedProblems(limit: limit), sizeHint: lines.sizeHint)
        do {
            try parser.run(lines)
        } catch {
            parser.problems?.record(error)
        }
        return KlineVerification(report: parser.report, problems: parser.problems ?? FeedProblems())
    }
}

/// The row-by-row state machine behind `KlineReader`.
struct KlineParser {
    let path: String
    let options: KlineReadOptions
    /// nil: stop at the first error (throw); otherwise record and go on.
    var problems: FeedProblems?
    var sizeHint: Int?
    var series: KlineSeries
    var report: KlineReport
    /// When set, `series` is handed to it (and emptied) whenever it holds `drainRows` bars, and
    /// once more at the end; it returns false to stop reading.
    var drain: ((KlineSeries) -> Bool)?
    var drainRows = Int.max
    /// Bars handed to `drain` so far, the first one's and the last one's open time.
    var drained = 0
    var drainedFirst: Int64?
    var drainedLast: Int64?
    /// `drain` asked to stop.
    var stopped = false

    var format: KlineFormat = .binance
    var timeFormat: KlineTimeFormat = .milliseconds
    var sawFirstLine = false
    var sawFirstRow = false
    var pendingBlankLine = 0
    /// The interval's length in ms; 0 while unknown, -1 for the calendar month.
    var intervalMs: Int64 = 0
    var intervalKnown = false
    var previousOpen: Int64 = 0
    var hasPrevious = false
    var lowest = Int64.max
    var highest = Int64.min
    let fileName: FeedFileName
    /// The file name's month or day, `[periodStart, periodEnd)`: the first open time must lie in it.
    let periodStart: Int64
    let periodEnd: Int64

    init(path: String, options: KlineReadOptions, problems: FeedProblems?, sizeHint: Int?) {
        self.path = path
        self.options = options
        self.problems = problems
        self.sizeHint = sizeHint
        fileName = FeedFileName(path: path)
        periodStart = fileName.period?.start.milliseconds ?? Int64.min
        periodEnd = fileName.period?.end.milliseconds ?? Int64.max
        let symbol = options.symbol ?? fileName.symbol ?? Symbol(fileName.stem)
        let interval = options.interval ?? fileName.interval ?? .m1
        series = KlineSeries(symbol: symbol, interval: interval)
        report = KlineReport(path: path, symbol: symbol, interval: interval)
        if let known = options.interval ?? fileName.interval {
            setInterval(known, source: options.interval != nil ? "option" : "file name")
        }
    }

    mutating func setInterval(_ interval: Interval, source: String) {
        intervalKnown = true
        intervalMs = interval.milliseconds ?? -1
        series.interval = interval
        report.interval = interval
        report.intervalSource = source
    }

    /// Throws `error` when stopping at the first problem, else records it.
    mutating func fail(_ error: FeedError) throws(FeedError) {
        if problems == nil { throw error }
        problems!.record(error)
    }

    func error(_ line: Int, _ message: String, _ value: String) -> FeedError {
        FeedError(file: path, line: line, message: message, value: value)
    }

    mutating func run(_ lines: LineReader) throws(FeedError) {
        while !stopped {
            let next = steady ? try fastLoop(lines) : try lines.next()
            guard let line = next else { break }
            try consume(line)
            if series.count >= drainRows { drainSeries() }
        }
        if stopped {
            finish()
            return
        }
        drainSeries()
        if !sawFirstLine {
            try fail(error(1, "empty file", "0 bytes"))
        } else if !sawFirstRow {
            try fail(error(lines.lineNumber + 1, "no data rows", report.hasHeader ? "header only" : "blank lines only"))
        }
        finish()
    }

    mutating func finish() {
        if lowest != Int64.max {
            report.lowestPrice = Price(raw: lowest)
            report.highestPrice = Price(raw: highest)
        }
        report.rows = drained + series.count
        if let first = drainedFirst ?? series.openTimes.first, let last = series.openTimes.last ?? drainedLast {
            report.firstOpenTime = Timestamp(milliseconds: first)
            report.lastOpenTime = Timestamp(milliseconds: last)
        }
    }

    /// Hands the bars read so far to `drain` and empties `series` (nothing without a drain).
    mutating func drainSeries() {
        guard let drain, !series.isEmpty else { return }
        if drainedFirst == nil { drainedFirst = series.openTimes.first }
        drainedLast = series.openTimes.last
        drained += series.count
        if !drain(series) { stopped = true }
        series.openTimes.removeAll(keepingCapacity: true)
        series.opens.removeAll(keepingCapacity: true)
        series.highs.removeAll(keepingCapacity: true)
        series.lows.removeAll(keepingCapacity: true)
        series.closes.removeAll(keepingCapacity: true)
        series.volumes.removeAll(keepingCapacity: true)
    }

    mutating func consume(_ line: LineReader.Line) throws(FeedError) {
        let bytes = line.bytes
        if bytes.isEmpty {
            if pendingBlankLine == 0 { pendingBlankLine = line.number }
            return
        }
        if pendingBlankLine != 0 {
            try fail(error(pendingBlankLine, "empty line", ""))
            pendingBlankLine = 0
        }
        if !sawFirstLine {
            sawFirstLine = true
            let first = bytes[0]
            if !(first >= 0x30 && first <= 0x39) {
                try header(line)
                return
            }
        }
        if !sawFirstRow {
            guard try firstRow(line) else { return }
        }
        try row(line)
    }

    /// Checks the header line and takes the format from its column count.
    mutating func header(_ line: LineReader.Line) throws(FeedError) {
        report.hasHeader = true
        if let bad = UTF8Validation.firstInvalidOffset(line.bytes) {
            try fail(invalidUTF8(line, at: bad))
            return
        }
        let columns = KlineParser.fields(line.bytes).count
        switch columns {
        case 12: format = .binance
        case 6: format = .ohlcv
        default:
            try fail(
                error(
                    line.number, "unrecognised header: expected 12 or 6 columns, found \(columns)",
                    FeedError.text(line.bytes)))
        }
        report.format = format
    }

    /// Settles the format, the time unit and the reserve from the first data row. Returns false
    /// when the row is unusable (the problem has been reported).
    mutating func firstRow(_ line: LineReader.Line) throws(FeedError) -> Bool {
        let fields = KlineParser.fields(line.bytes)
        if !report.hasHeader {
            if fields.count == 12 {
                format = .binance
            } else if fields.count == 6 {
                format = .ohlcv
            } else {
                try diagnose(line)
                return false
            }
            report.format = format
        }
        guard fields.count == format.columnCount else {
            try diagnose(line)
            return false
        }
        let time = fields[0]
        if time.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            let value = KlineParser.integer(time) ?? 0
            timeFormat = value > 100_000_000_000_000 ? .microseconds : .milliseconds
        } else {
            timeFormat = .dateTime
        }
        report.timeFormat = timeFormat
        if format == .binance, !intervalKnown || report.intervalSource == "file name",
            let open = KlineParser.integer(fields[0]), let close = KlineParser.integer(fields[6]), close >= open
        {
            var span = close - open + 1
            if timeFormat == .microseconds { span /= 1000 }
            if let detected = Interval.matching(milliseconds: span) {
                if !intervalKnown {
                    setInterval(detected, source: "close time")
                } else if detected != report.interval {
                    try fail(
                        error(
                            line.number, "close time says \(detected), the file name says \(report.interval)",
                            FeedError.text(line.bytes)))
                    return false
                }
            }
        }
        sawFirstRow = true
        if let size = sizeHint, drain == nil {
            series.reserveCapacity(min(size / (line.bytes.count + 1) + 16, 1 << 22))
        }
        return true
    }

    // MARK: - The row hot path

    /// One row's values as parsed (times still in the file's unit).
    struct Row {
        var time: Int64 = 0
        var open: Int64 = 0
        var high: Int64 = 0
        var low: Int64 = 0
        var close: Int64 = 0
        var volume: Int64 = 0
        var closeTime: Int64 = 0
    }

    /// Parses one row of the settled format; nil when anything is unusual.
    @inline(__always)
    static func parse(
        _ bytes: UnsafeRawBufferPointer, _ format: KlineFormat, _ timeFormat: KlineTimeFormat,
        _ cache: inout ISO8601.DayCache
    ) -> Row? {
        bytes.withMemoryRebound(to: UInt8.self) { buffer -> Row? in
            guard let start = buffer.baseAddress else { return nil }
            var p = start
            let end = start + buffer.count
            var row = Row()
            if timeFormat == .dateTime {
                guard let t = KlineParser.dateTime(&p, end, &cache) else { return nil }
                row.time = t
            } else {
                guard let t = KlineParser.integer(&p, end) else { return nil }
                row.time = t
            }
            guard KlineParser.comma(&p, end), let o = KlineParser.decimal(&p, end), KlineParser.comma(&p, end),
                let h = KlineParser.decimal(&p, end), KlineParser.comma(&p, end),
                let l = KlineParser.decimal(&p, end), KlineParser.comma(&p, end),
                let c = KlineParser.decimal(&p, end), KlineParser.comma(&p, end),
                let v = KlineParser.decimal(&p, end)
            else { return nil }
            row.open = o
            row.high = h
            row.low = l
            row.close = c
            row.volume = v
            if format == .ohlcv { return p == end ? row : nil }
            guard KlineParser.comma(&p, end), let ct = KlineParser.integer(&p, end), KlineParser.comma(&p, end),
                KlineParser.skipDecimal(&p, end), KlineParser.comma(&p, end),
                KlineParser.integer(&p, end) != nil, KlineParser.comma(&p, end),
                KlineParser.skipDecimal(&p, end), KlineParser.comma(&p, end),
                KlineParser.skipDecimal(&p, end), KlineParser.comma(&p, end)
            else { return nil }
            row.closeTime = ct
            // The `ignore` column: anything but a comma, in ASCII.
            while p < end {
                let byte = p.pointee
                if byte == 0x2C || byte >= 0x80 { return nil }
                p += 1
            }
            return row
        }
    }

    /// True once rows can take the fast loop: format, unit and a fixed interval are settled and
    /// nothing is pending.
    var steady: Bool { sawFirstRow && hasPrevious && intervalKnown && intervalMs > 0 && pendingBlankLine == 0 }

    /// The steady-state loop: plain rows one interval apart are parsed, checked and appended with
    /// the columns held in locals. Returns the first line that needs the general path (a gap, an
    /// error, a blank line), or nil at the end of the input.
    mutating func fastLoop(_ lines: LineReader) throws(FeedError) -> LineReader.Line? {
        // Rows are staged column-wise in a small block and appended to the series in bulk.
        let blockRows = 512
        let block = UnsafeMutablePointer<Int64>.allocate(capacity: 6 * blockRows)
        defer { block.deallocate() }
        var staged = 0
        var previous = previousOpen
        var low = lowest
        var high = highest
        let format = format
        let timeFormat = timeFormat
        let interval = intervalMs
        let checkClose = format == .binance
        let unitDivisor: Int64 = timeFormat == .microseconds ? 1000 : 1
        var exit: LineReader.Line? = nil
        var failure: FeedError? = nil
        var dates = ISO8601.DayCache()
        func flush(_ series: inout KlineSeries) {
            guard staged > 0 else { return }
            series.openTimes.append(contentsOf: UnsafeBufferPointer(start: block, count: staged))
            series.opens.append(contentsOf: UnsafeBufferPointer(start: block + blockRows, count: staged))
            series.highs.append(contentsOf: UnsafeBufferPointer(start: block + 2 * blockRows, count: staged))
            series.lows.append(contentsOf: UnsafeBufferPointer(start: block + 3 * blockRows, count: staged))
            series.closes.append(contentsOf: UnsafeBufferPointer(start: block + 4 * blockRows, count: staged))
            series.volumes.append(contentsOf: UnsafeBufferPointer(start: block + 5 * blockRows, count: staged))
            staged = 0
        }
        while true {
            let next: LineReader.Line?
            do {
                next = try lines.next()
            } catch {
                failure = error
                break
            }
            guard let line = next else { break }
            guard let row = KlineParser.parse(line.bytes, format, timeFormat, &dates) else {
                exit = line
                break
            }
            let time = row.time / unitDivisor
            let closeTime = row.closeTime / unitDivisor
            let unitOK =
                timeFormat == .microseconds
                ? row.time > 100_000_000_000_000 && row.time % 1000 == 0
                : row.time <= 100_000_000_000_000 || timeFormat == .dateTime
            guard unitOK, time &- previous == interval, row.low > 0,
                row.low <= row.open, row.low <= row.close, row.high >= row.open, row.high >= row.close,
                row.volume >= 0, !checkClose || (closeTime >= time && closeTime < time &+ interval)
            else {
                exit = line
                break
            }
            previous = time
            if row.low < low { low = row.low }
            if row.high > high { high = row.high }
            block[staged] = time
            block[blockRows + staged] = row.open
            block[2 * blockRows + staged] = row.high
            block[3 * blockRows + staged] = row.low
            block[4 * blockRows + staged] = row.close
            block[5 * blockRows + staged] = row.volume
            staged += 1
            if staged == blockRows {
                flush(&series)
                if series.count >= drainRows {
                    drainSeries()
                    if stopped { break }
                }
            }
        }
        flush(&series)
        previousOpen = previous
        lowest = low
        highest = high
        if let failure { throw failure }
        return exit
    }

    mutating func row(_ line: LineReader.Line) throws(FeedError) {
        var dates = ISO8601.DayCache()
        let parsed = KlineParser.parse(line.bytes, format, timeFormat, &dates)
        guard let parsed else {
            try diagnose(line)
            return
        }
        var time = parsed.time
        var closeTime = parsed.closeTime
        let open = parsed.open
        let high = parsed.high
        let low = parsed.low
        let close = parsed.close
        let volume = parsed.volume
        // Time unit.
        if timeFormat == .milliseconds {
            if time > 100_000_000_000_000 {
                try fail(error(line.number, "open time in microseconds in a millisecond file", String(time)))
                return
            }
        } else if timeFormat == .microseconds {
            guard time > 100_000_000_000_000 else {
                try fail(error(line.number, "open time in milliseconds in a microsecond file", String(time)))
                return
            }
            guard time % 1000 == 0 else {
                try fail(error(line.number, "open time is not a whole millisecond", String(time)))
                return
            }
            time /= 1000
            closeTime /= 1000
        }
        // The month or day the file name gives (files may run a bar into the next period).
        if !hasPrevious, time < periodStart || time >= periodEnd, let period = fileName.period {
            try fail(
                error(
                    line.number, "first open time outside \(period.name), the file name's period",
                    Timestamp(milliseconds: time).description))
            return
        }
        // OHLC sanity.
        if low <= 0 || low > open || low > close || high < open || high < close || volume < 0 {
            try fail(ohlcError(line, open: open, high: high, low: low, close: close, volume: volume))
            return
        }
        // Order and interval.
        if hasPrevious {
            let step = time - previousOpen
            if step != intervalMs || !intervalKnown {
                guard try checkStep(line, time: time, step: step) else { return }
            }
        }
        if format == .binance && intervalKnown && intervalMs > 0 {
            if closeTime < time || closeTime >= time + intervalMs {
                try fail(
                    error(
                        line.number, "close time outside the \(report.interval) bar",
                        "\(Timestamp(milliseconds: time)) to \(Timestamp(milliseconds: closeTime))"))
                return
            }
        }
        previousOpen = time
        hasPrevious = true
        if low < lowest { lowest = low }
        if high > highest { highest = high }
        series.append(openTime: time, open: open, high: high, low: low, close: close, volume: volume)
    }

    /// The slow part of the order check: a duplicate, a step backwards, an unknown interval, a
    /// step off the grid, a gap. Returns false when the row is rejected.
    mutating func checkStep(_ line: LineReader.Line, time: Int64, step: Int64) throws(FeedError) -> Bool {
        if step == 0 {
            try fail(error(line.number, "duplicate open time", Timestamp(milliseconds: time).description))
            return false
        }
        if step < 0 {
            try fail(
                error(
                    line.number, "open time goes backwards",
                    "\(Timestamp(milliseconds: time)) after \(Timestamp(milliseconds: previousOpen))"))
            return false
        }
        if !intervalKnown {
            guard let interval = Interval.matching(milliseconds: step) else {
                try fail(error(line.number, "time step is not a Binance interval", "\(step) ms"))
                return false
            }
            setInterval(interval, source: "time step")
            return true
        }
        let previous = Timestamp(milliseconds: previousOpen)
        var missing: Int64 = 0
        if intervalMs < 0 {
            // The calendar month.
            var next = report.interval.next(after: previous)
            while next.milliseconds < time {
                missing += 1
                next = report.interval.next(after: next)
            }
            guard next.milliseconds == time else {
                try fail(
                    error(
                        line.number, "open time off the \(report.interval) grid",
                        "\(Timestamp(milliseconds: time)) after \(previous)"))
                return false
            }
        } else {
            guard step % intervalMs == 0 else {
                try fail(
                    error(
                        line.number, "open time off the \(report.interval) grid",
                        "\(Timestamp(milliseconds: time)) after \(previous)"))
                return false
            }
            missing = step / intervalMs - 1
        }
        if missing > 0 {
            let gap = KlineGap(
                from: report.interval.next(after: previous),
                through: intervalMs < 0
                    ? previousMonth(before: Timestamp(milliseconds: time))
                    : Timestamp(milliseconds: time - intervalMs),
                missingBars: Int(missing), line: line.number)
            if !options.allowGaps {
                try fail(
                    error(
                        line.number, "gap of \(missing) bar\(missing == 1 ? "" : "s")",
                        "\(gap.from) to \(gap.through)"))
            }
            report.gaps.append(gap)
        }
        return true
    }

    func previousMonth(before time: Timestamp) -> Timestamp {
        let c = time.components
        return c.month == 1
            ? Timestamp(year: c.year - 1, month: 12, day: 1) : Timestamp(year: c.year, month: c.month - 1, day: 1)
    }

    func ohlcError(
        _ line: LineReader.Line, open: Int64, high: Int64, low: Int64, close: Int64, volume: Int64
    )
        -> FeedError
    {
        let f = KlineParser.fields(line.bytes).map { String(decoding: $0, as: UTF8.self) }
        for (index, name, price) in [(1, "open", open), (2, "high", high), (3, "low", low), (4, "close", close)]
        where price <= 0 {
            return error(line.number, "\(name) price is not above zero", f[index])
        }
        if high < low { return error(line.number, "high below low", "high \(f[2]), low \(f[3])") }
        if low > open || low > close {
            return error(line.number, "low above open or close", "open \(f[1]), low \(f[3]), close \(f[4])")
        }
        if high < open || high < close {
            return error(line.number, "high below open or close", "open \(f[1]), high \(f[2]), close \(f[4])")
        }
        return error(line.number, "negative volume", f[5])
    }

    func invalidUTF8(_ line: LineReader.Line, at offset: Int) -> FeedError {
        error(line.number, "invalid UTF-8 at byte \(offset + 1)", FeedError.hex(line.bytes[offset]))
    }

    /// Names the first problem of a row the fast path rejected.
    @inline(never)
    mutating func diagnose(_ line: LineReader.Line) throws(FeedError) {
        if let bad = UTF8Validation.firstInvalidOffset(line.bytes) {
            try fail(invalidUTF8(line, at: bad))
            return
        }
        let fields = KlineParser.fields(line.bytes)
        let expected = sawFirstRow || report.hasHeader ? format.columnCount : 12
        if fields.count != expected {
            if !line.hasNewline && fields.count < expected {
                try fail(
                    error(
                        line.number, "truncated last line: no newline and \(fields.count) of \(expected) columns",
                        FeedError.text(line.bytes)))
            } else if sawFirstRow || report.hasHeader {
                try fail(
                    error(
                        line.number, "expected \(expected) columns, found \(fields.count)",
                        FeedError.text(line.bytes)))
            } else {
                try fail(
                    error(
                        line.number, "expected 12 or 6 columns, found \(fields.count)", FeedError.text(line.bytes)))
            }
            return
        }
        let names =
            format == .binance
            ? [
                "open_time", "open", "high", "low", "close", "volume", "close_time", "quote_volume", "count",
                "taker_buy_volume", "taker_buy_quote_volume", "ignore",
            ]
            : ["time", "open", "high", "low", "close", "volume"]
        for (index, field) in fields.enumerated() {
            let ok: Bool
            switch (format, index) {
            case (_, 0):
                ok =
                    timeFormat == .dateTime
                    ? ISO8601.timestamp(field) != nil
                    : KlineParser.integer(field) != nil
            case (.binance, 6), (.binance, 8):
                ok = KlineParser.integer(field) != nil
            case (.binance, 7), (.binance, 9), (.binance, 10):
                ok = KlineParser.isDecimalSyntax(field)
            case (.binance, 11):
                ok = true
            default:
                ok = FixedPointParser.parse(field) != nil
            }
            if !ok {
                let what: String
                if index == 0 {
                    what = timeFormat == .dateTime ? "is not a date-time" : "is not an integer time"
                } else if index == 6 || index == 8 {
                    what = "is not an integer"
                } else if KlineParser.isDecimalSyntax(field) {
                    what = "is out of range or has more than 8 decimals"
                } else {
                    what = "is not a number"
                }
                try fail(error(line.number, "\(names[index]) \(what)", FeedError.text(field)))
                return
            }
        }
        try fail(error(line.number, "malformed row", FeedError.text(line.bytes)))
    }
}
