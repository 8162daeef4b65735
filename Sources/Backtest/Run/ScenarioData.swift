import Dispatch
public import Exchange
public import Feeds
import Foundation
import Market
public import Results
public import TradeEngine

/// A recorded signal with where it came from.
public struct RecordedSignal: Sendable {
    public var signal: Signal
    /// 1-based input order across all signal files.
    public var sequence: Int
    public var file: String
    public var line: Int
}

/// The inputs of a scenario, loaded and validated once and shared by every run of a
/// comparison (Sendable, immutable).
public struct ScenarioData: Sendable {
    /// One entry per symbol, sorted by symbol, sliced to the simulated range.
    public var markets: [SymbolMarket]
    /// Signals on known symbols inside the simulated range, in decision order
    /// (timestamp, then input order).
    public var signals: [RecordedSignal]
    /// Signals left out, with why (for the `signal_decisions` table).
    public var skipped: [(signal: RecordedSignal, reason: String)]
    public var counts: SignalCounts
    /// SHA-256 over the bytes of every input file, in a fixed order.
    public var digest: String
    /// Set when the klines are streamed (`load(_:streaming:)`): one entry per market, in the
    /// same order, and the markets' kline series are empty; the runs read the spilled bars.
    public var streamed: [StreamedKlines]? = nil
    /// Bars over all symbols.
    public var barCount: Int {
        if let streamed { return streamed.reduce(0) { $0 + $1.count } }
        return markets.reduce(0) { $0 + $1.klines.count }
    }
    /// The first bar's open time over all symbols, and the last one's.
    var openTimeRange: (first: Int64, last: Int64)? {
        if let streamed {
            guard let first = streamed.map(\.firstOpenTime).min(), let last = streamed.map(\.lastOpenTime).max() else {
                return nil
            }
            return (first, last)
        }
        guard let first = markets.compactMap({ $0.klines.openTimes.first }).min(),
            let last = markets.compactMap({ $0.klines.openTimes.last }).max()
        else { return nil }
        return (first, last)
    }
}

/// Why loading a scenario's data failed.
public enum ScenarioDataError: Error, Sendable, CustomStringConvertible {
    /// A data file is malformed (`file:line: message (value)`).
    case feed(FeedError)
    /// A signal line is malformed.
    case signal(SignalDecodingError)
    /// The scenario and its data do not fit together (unknown symbol, wrong interval, …).
    case scenario(ScenarioError)

    public var description: String {
        switch self {
        case .feed(let e): e.description
        case .signal(let e): e.description
        case .scenario(let e): e.description
        }
    }
}

extension ScenarioData {
    /// Whether `load(_:streaming:)` can stream the scenario's klines: bars of a fixed length.
    /// Mark klines stream too (matched to the bars while they are spilled), detail klines (spilled
    /// as they are) and funding (each settlement's mark is looked up before the run).
    public static func canStream(_ scenario: Scenario) -> Bool {
        scenario.data.interval.milliseconds != nil
    }

    /// Reads every file the scenario names.
    ///
    /// The kline files load in parallel, and the signal files and the data digest are read on
    /// another thread meanwhile; errors are still reported in the scenario's order (rules, then
    /// klines by symbol, then signals), the first one only.
    ///
    /// With `streaming` (and when `canStream(_:)`), the kline files are read and validated
    /// completely but their bars are not kept in memory: they are decoded once into temporary
    /// files (`KlineSpill`, unlinked at once) that every run reads in place, a window at a time
    /// (`KlineStream`), so memory does not grow with the number of bars. Errors, results and
    /// digests are the same either way. Such data cannot be `restricted` (sweeps load whole).
    public static func load(_ scenario: Scenario, streaming: Bool = false) throws(ScenarioDataError) -> ScenarioData {
        let streams = streaming && canStream(scenario)
        let stop = StopFlag()
        let digestTask = BackgroundTask { digest(of: scenario, stop: stop) }
        let signalTask = BackgroundTask { readSignals(scenario.signals, time: scenario.signalTime, stop: stop) }
        // Wait for both before returning or throwing: nothing keeps reading after `load`. On an
        // error the digest stops at its next chunk.
        defer {
            stop.raise()
            _ = digestTask.value
            _ = signalTask.value
        }
        let data = scenario.data
        let rules: [SymbolRules]
        do {
            var read = try ExchangeInfoReader.read(data.symbolRules)
            if let brackets = data.leverageBrackets {
                read = read.attaching(try LeverageBracketReader.read(brackets))
            }
            rules = read
        } catch {
            throw .feed(error)
        }
        let interval = data.interval
        let files = data.klines
        let lock = NSLock()
        nonisolated(unsafe) var loaded = [Result<(SymbolMarket, StreamedKlines?), ScenarioDataError>?](
            repeating: nil, count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            let outcome = Result { () throws(ScenarioDataError) -> (SymbolMarket, StreamedKlines?) in
                // Fewer files than cores: each file also decompresses on a core of its own.
                try loadMarket(
                    files[i], rules: rules, scenario: scenario,
                    prefetch: files.count < ProcessInfo.processInfo.activeProcessorCount, streaming: streams)
            }
            lock.lock()
            loaded[i] = outcome
            lock.unlock()
        }
        var markets: [SymbolMarket] = []
        var streamed: [StreamedKlines] = []
        for outcome in loaded {
            let (market, stream) = try outcome!.get()
            markets.append(market)
            if let stream { streamed.append(stream) }
        }
        var result = ScenarioData(
            markets: markets, signals: [], skipped: [], counts: SignalCounts(), digest: "",
            streamed: streams ? streamed : nil)
        let symbols = markets.map(\.symbol)
        let range = result.openTimeRange!
        let first = Timestamp(milliseconds: range.first)
        let end = interval.next(after: Timestamp(milliseconds: range.last))

        var signals: [RecordedSignal] = []
        var skipped: [(signal: RecordedSignal, reason: String)] = []
        var counts = SignalCounts()
        for recorded in try signalTask.value.get() {
            counts.total += 1
            let signal = recorded.signal
            if !symbols.contains(signal.symbol) {
                counts.unknownSymbol += 1
                skipped.append((recorded, "symbol has no klines in the scenario"))
            } else if signal.timestamp.timestamp < first || signal.timestamp.timestamp >= end {
                counts.outsideRange += 1
                skipped.append((recorded, "outside the simulated range"))
            } else {
                signals.append(recorded)
            }
        }
        signals.sort {
            let a = $0.signal.timestamp.timestamp, b = $1.signal.timestamp.timestamp
            return a != b ? a < b : $0.sequence < $1.sequence
        }
        counts.decided = signals.count
        result.signals = signals
        result.skipped = skipped
        result.counts = counts
        result.digest = digestTask.value
        return result
    }

    /// One symbol's market: its rules, klines (sliced to the range), mark and detail klines and
    /// funding.
    private static func loadMarket(
        _ file: Scenario.SymbolFile, rules: [SymbolRules], scenario: Scenario, prefetch: Bool, streaming: Bool
    ) throws(ScenarioDataError) -> (SymbolMarket, StreamedKlines?) {
        let data = scenario.data
        let interval = data.interval
        guard let symbolRules = rules.first(where: { $0.symbol == file.symbol }) else {
            throw .scenario(
                ScenarioError(
                    file: scenario.file, line: file.line,
                    message: "`data.klines.\(file.symbol)`: symbol not in \(data.symbolRules)", value: file.symbol.name)
            )
        }
        var stream: StreamedKlines? = nil
        let sliced: KlineSeries
        if streaming {
            let streamed = try scanKlines(
                file, interval: interval, key: "data.klines", scenario: scenario, prefetch: prefetch)
            stream = streamed
            sliced = KlineSeries(symbol: file.symbol, interval: interval)
        } else {
            let klines = try readKlines(
                file, interval: interval, key: "data.klines", scenario: scenario, prefetch: prefetch)
            sliced = Self.slice(klines, from: data.start, through: data.end)
        }
        guard stream.map({ $0.count > 0 }) ?? !sliced.isEmpty else {
            throw .scenario(
                ScenarioError(
                    file: scenario.file, line: file.line,
                    message: "`data.klines.\(file.symbol)`: no bars in the simulated range",
                    value: file.path))
        }
        var market = SymbolMarket(rules: symbolRules, klines: sliced)
        // Streamed: the mark bars of the range, spilled like the klines; matched to them below.
        var markSpill: StreamedKlines? = nil
        if let mark = data.markKlines.first(where: { $0.symbol == file.symbol }), streaming {
            markSpill = try scanKlines(
                mark, interval: interval, key: "data.mark_klines", scenario: scenario, prefetch: prefetch)
        } else if let mark = data.markKlines.first(where: { $0.symbol == file.symbol }) {
            market.markKlines = Self.slice(
                try readKlines(
                    mark, interval: interval, key: "data.mark_klines", scenario: scenario, prefetch: prefetch),
                from: data.start, through: data.end)
        }
        // Through the last bar's last millisecond.
        var detailSpill: StreamedKlines? = nil
        if let detail = data.detailKlines.first(where: { $0.symbol == file.symbol }) {
            let end = data.end.map { interval.next(after: $0).adding(milliseconds: -1) }
            if streaming {
                detailSpill = try scanKlines(
                    detail, interval: nil, key: "data.detail_klines", scenario: scenario, prefetch: prefetch, end: end)
            } else {
                let finer = try readKlines(
                    detail, interval: nil, key: "data.detail_klines", scenario: scenario, prefetch: prefetch)
                market.detailKlines = finer.slice(from: data.start, through: end)
            }
        }
        if let funding = data.funding.first(where: { $0.symbol == file.symbol }) {
            do {
                market.funding = try FundingReader.read(funding.path).rates
            } catch {
                throw .feed(error)
            }
        }
        if let markSpill, var streamed = stream {
            streamed.marks = try MarkAlignment.align(klines: streamed.spill, marks: markSpill.spill)
            streamed.fundingMarks = MarkAlignment.fundingMarks(market.funding, marks: markSpill.spill)
            stream = streamed
        }
        if let detailSpill, var streamed = stream {
            streamed.detail = detailSpill.spill
            streamed.detailInterval = detailSpill.interval
            stream = streamed
        }
        return (market, stream)
    }

    /// Reads and checks a kline file as `readKlines` does, spilling the bars inside the
    /// simulated range to temporary files instead of keeping them (`KlineSpill`).
    /// `interval`: the bars' required interval (nil: any); `end`: the last open time kept (default
    /// `data.end`).
    private static func scanKlines(
        _ file: Scenario.SymbolFile, interval: Interval?, key: String, scenario: Scenario, prefetch: Bool,
        end: Timestamp? = nil
    ) throws(ScenarioDataError) -> StreamedKlines {
        try checkFileName(file, key: key, scenario: scenario)
        let low = scenario.data.start?.milliseconds ?? .min
        let high = (end ?? scenario.data.end)?.milliseconds ?? .max
        let options = KlineReadOptions(symbol: file.symbol)
        var writer = try KlineSpill.Writer()
        var first = Int64.max
        var last = Int64.min
        var failure: ScenarioDataError?
        let report: KlineReport
        do {
            report = try KlineReader.stream(file.path, options: options, prefetch: prefetch) { chunk in
                let times = chunk.openTimes
                var lower = 0
                while lower < times.count && times[lower] < low { lower += 1 }
                var upper = lower
                while upper < times.count && times[upper] <= high { upper += 1 }
                guard upper > lower else { return true }
                first = min(first, times[lower])
                last = max(last, times[upper - 1])
                do throws(ScenarioDataError) {
                    try writer.append(chunk, lower..<upper)
                } catch {
                    failure = error
                    return false
                }
                return true
            }
        } catch {
            writer.discard()
            throw .feed(error)
        }
        if let failure {
            writer.discard()
            throw failure
        }
        do throws(ScenarioDataError) {
            try checkInterval(report.interval, file: file, key: key, interval: interval, scenario: scenario)
        } catch {
            writer.discard()
            throw error
        }
        let count = writer.count
        return StreamedKlines(
            count: count, firstOpenTime: first, lastOpenTime: last, interval: report.interval,
            spill: try writer.finish())
    }

    private static func checkFileName(
        _ file: Scenario.SymbolFile, key: String, scenario: Scenario
    ) throws(ScenarioDataError) {
        let named = FeedFileName(path: file.path)
        if named.interval != nil, let other = named.symbol, other != file.symbol {
            throw .scenario(
                ScenarioError(
                    file: scenario.file, line: file.line,
                    message: "`\(key).\(file.symbol)`: the file name is for \(other)",
                    value: file.path))
        }
    }

    private static func checkInterval(
        _ read: Interval, file: Scenario.SymbolFile, key: String, interval: Interval?, scenario: Scenario
    ) throws(ScenarioDataError) {
        if let interval, read != interval {
            throw .scenario(
                ScenarioError(
                    file: scenario.file, line: file.line,
                    message: "`\(key).\(file.symbol)`: klines are \(read), data.interval is \(interval)",
                    value: file.path))
        }
    }

    /// Every signal of the files, in input order (sequence from 1), or the first error (which
    /// raises `stop`). A blank line is an error like any line that is not a JSON object.
    static func readSignals(
        _ paths: [String], time: SignalTimeSource = .field, stop: StopFlag
    ) -> Result<[RecordedSignal], ScenarioDataError> {
        let result = Result { () throws(ScenarioDataError) -> [RecordedSignal] in
            var recorded: [RecordedSignal] = []
            var decoder = SignalDecoder()
            for path in paths {
                let lines: LineReader
                do throws(FeedError) {
                    lines = try LineReader(path: path)
                } catch {
                    throw .feed(error)
                }
                while true {
                    let next: LineReader.Line?
                    do throws(FeedError) {
                        next = try lines.next()
                    } catch {
                        throw .feed(error)
                    }
                    guard let line = next else { break }
                    var signal: Signal
                    do throws(SignalDecodingError) {
                        signal = try decoder.decode(line.bytes, file: path, line: line.number)
                        if time == .receive {
                            signal.timestamp = try SignalTimeSource.receiveTime(
                                line.bytes, file: path, line: line.number)
                        }
                    } catch {
                        throw .signal(error)
                    }
                    recorded.append(
                        RecordedSignal(signal: signal, sequence: recorded.count + 1, file: path, line: line.number))
                }
            }
            return recorded
        }
        if case .failure = result { stop.raise() }
        return result
    }

    /// The bars with open time in `[start, end]`; the series itself (no copy) when it lies
    /// inside the range.
    static func slice(_ series: KlineSeries, from start: Timestamp?, through end: Timestamp?) -> KlineSeries {
        if let first = series.openTimes.first, let last = series.openTimes.last,
            start.map({ $0.milliseconds <= first }) ?? true, end.map({ $0.milliseconds >= last }) ?? true
        {
            return series
        }
        return series.slice(from: start, through: end)
    }

    private static func readKlines(
        _ file: Scenario.SymbolFile, interval: Interval?, key: String, scenario: Scenario, prefetch: Bool
    ) throws(ScenarioDataError) -> KlineSeries {
        try checkFileName(file, key: key, scenario: scenario)
        let klines: KlineSeries
        do {
            let options = KlineReadOptions(symbol: file.symbol)
            klines =
                try
                (prefetch
                ? KlineReader.readPrefetched(file.path, options: options)
                : KlineReader.read(file.path, options: options))
                .series
        } catch {
            throw .feed(error)
        }
        try checkInterval(klines.interval, file: file, key: key, interval: interval, scenario: scenario)
        return klines
    }

    /// SHA-256 over every input file's bytes, in the order the scenario lists them; empty when
    /// `stop` is raised before the end (the load has failed and the digest is not used).
    static func digest(of scenario: Scenario, stop: StopFlag = StopFlag()) -> String {
        var hasher = SHA256()
        let d = scenario.data
        var paths = d.klines.map(\.path) + d.markKlines.map(\.path) + d.detailKlines.map(\.path)
        paths += d.funding.map(\.path) + [d.symbolRules] + (d.leverageBrackets.map { [$0] } ?? []) + scenario.signals
        for path in paths {
            if stop.isRaised { return "" }
            guard let handle = FileHandle(forReadingAtPath: path) else { continue }
            defer { try? handle.close() }
            while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                if stop.isRaised { return "" }
                chunk.withUnsafeBytes { hasher.update($0) }
            }
        }
        return hasher.hexDigest()
    }
}
