import Exchange
import Feeds
import Foundation
import Market
import Results

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the read phase kept of one symbol's klines when the scenario is streamed
/// (`ScenarioData.load(_:streaming:)`): the bars inside the simulated range, decoded once and
/// spilled to a temporary file, and their count and first and last open time.
public struct StreamedKlines: Sendable {
    /// Bars inside the range, and the first and last one's open time.
    public var count: Int
    public var firstOpenTime: Int64
    public var lastOpenTime: Int64
    /// The file's bar interval.
    var interval: Interval
    /// The decoded columns.
    let spill: KlineSpill
    /// With mark klines: the mark price of every bar (open time, open, high, low, close of the
    /// mark bar opening with it, else the bar's own), as the exchange matches them to loaded bars.
    var marks: KlineSpill? = nil
    /// With mark klines and funding: each settlement's mark (the open of the first mark bar of
    /// the range at or after it), as the exchange finds it in loaded mark klines.
    var fundingMarks: [Int64]? = nil
    /// With detail klines: their bars from the range's start through its last bar's end, and
    /// their interval.
    var detail: KlineSpill? = nil
    var detailInterval: Interval? = nil
}

/// One symbol's decoded bars (open time, open, high, low, close) in five unlinked temporary
/// files, mapped read-only. The runs read the bars in place, like loaded columns, and hand the
/// pages they have passed back (`release(below:)`): the files stay in the system's page cache or
/// on disk, not in the process. Immutable once written, so the runs of a comparison share it.
final class KlineSpill: @unchecked Sendable {
    let count: Int
    /// The five columns' mappings (nil when there are no bars).
    private let maps: [UnsafeMutableRawPointer]
    private let bytes: Int

    /// Writes the columns while a file is read (`append`), then maps them (`finish`).
    struct Writer {
        private var fds: [Int32] = []
        private(set) var count = 0

        /// Five temporary files, unlinked at once (nothing is left behind, whatever happens).
        init() throws(ScenarioDataError) {
            for _ in 0..<5 {
                var template = Array((NSTemporaryDirectory() + "/hedgesim-bars-XXXXXX").utf8CString)
                let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
                guard fd >= 0 else { throw Self.failure("cannot create a temporary file") }
                template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
                fds.append(fd)
            }
        }

        static func failure(_ message: String) -> ScenarioDataError {
            .feed(
                FeedError(
                    file: NSTemporaryDirectory(), line: 0, message: message,
                    value: String(cString: strerror(errno))))
        }

        /// Appends the bars `range` of `chunk`.
        mutating func append(_ chunk: KlineSeries, _ range: Range<Int>) throws(ScenarioDataError) {
            guard !range.isEmpty else { return }
            let columns = [chunk.openTimes, chunk.opens, chunk.highs, chunk.lows, chunk.closes]
            for (c, column) in columns.enumerated() {
                let ok = column.withUnsafeBytes { raw -> Bool in
                    var at = range.lowerBound * 8
                    let end = range.upperBound * 8
                    while at < end {
                        let n = write(fds[c], raw.baseAddress! + at, end - at)
                        if n <= 0 { return false }
                        at += n
                    }
                    return true
                }
                guard ok else { throw Self.failure("cannot write the decoded bars to a temporary file") }
            }
            count += range.count
        }

        /// Maps the files and closes them.
        consuming func finish() throws(ScenarioDataError) -> KlineSpill {
            defer { for fd in fds { close(fd) } }
            return try KlineSpill(fds: fds, count: count)
        }

        /// Closes the files (when reading fails).
        consuming func discard() { for fd in fds { close(fd) } }
    }

    private init(fds: [Int32], count: Int) throws(ScenarioDataError) {
        self.count = count
        bytes = count * 8
        var maps: [UnsafeMutableRawPointer] = []
        if count > 0 {
            for fd in fds {
                guard let map = mmap(nil, bytes, PROT_READ, MAP_SHARED, fd, 0), map != MAP_FAILED else {
                    for m in maps { munmap(m, bytes) }
                    throw Writer.failure("cannot map the decoded bars")
                }
                _ = madvise(map, bytes, MADV_SEQUENTIAL)
                maps.append(map)
            }
        }
        self.maps = maps
    }

    deinit { for m in maps { munmap(m, bytes) } }

    /// The columns, read in place.
    var columns: KlineColumns {
        func column(_ c: Int) -> UnsafeBufferPointer<Int64> {
            guard count > 0 else { return UnsafeBufferPointer(start: nil, count: 0) }
            return UnsafeBufferPointer(start: maps[c].assumingMemoryBound(to: Int64.self), count: count)
        }
        return KlineColumns(
            openTimes: column(0), opens: column(1), highs: column(2), lows: column(3), closes: column(4))
    }

    /// Hands the whole pages of bars `[from, to)` back to the system (they are read from the
    /// file again if ever touched).
    func release(from: Int, to: Int) {
        guard count > 0, to > from else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        for map in maps {
            let start = (from * 8 + page - 1) / page * page
            let end = to >= count ? bytes : to * 8 / page * page
            if end > start { _ = madvise(map + start, end - start, MADV_DONTNEED) }
        }
    }
}

/// One run's view of the streamed bars: the columns the exchange and the loop read in place, a
/// window of bars ahead of the simulation (`ready(_:from:)`), the pages behind it handed back,
/// and the price bars aggregated on the way. Resident memory is the window, whatever the number
/// of bars.
final class KlineStream {
    let spills: [KlineSpill]
    /// Each symbol's matched mark prices, when it has mark klines.
    let markSpills: [KlineSpill?]
    /// Each symbol's detail klines and their interval, when it has them.
    let details: [(spill: KlineSpill, interval: Interval)?]
    private var releasedDetail: [Int]
    let window: Int
    let keep: Int
    private var released: [Int]
    private var aggregated: [Int]
    private var aggregators: [PriceBarAggregator]

    /// `priceStep`: the price bars' bucket (the run's equity interval). `window`: bars per symbol
    /// between two calls of `ready` (default 32 768); `keep`: bars kept behind the cursor.
    init(_ klines: [StreamedKlines], symbols: [Symbol], priceStep: Int64, window: Int? = nil, keep: Int = 1024) {
        spills = klines.map(\.spill)
        markSpills = klines.map(\.marks)
        details = klines.map { k in k.detail.map { ($0, k.detailInterval ?? k.interval) } }
        releasedDetail = [Int](repeating: 0, count: klines.count)
        self.window = max(1, window ?? 1 << 15)
        self.keep = max(1, keep)
        released = [Int](repeating: 0, count: klines.count)
        aggregated = [Int](repeating: 0, count: klines.count)
        aggregators = symbols.map { PriceBarAggregator(symbol: $0, step: priceStep) }
    }

    /// The columns of every symbol, in order.
    var columns: [KlineColumns] { spills.map(\.columns) }

    /// The matched mark prices of every symbol, in order (nil: the bars' own prices).
    var markColumns: [KlineColumns?] { markSpills.map { $0?.columns } }

    /// The detail klines of every symbol, in order.
    var detailColumns: [(columns: KlineColumns, interval: Interval)?] {
        details.map { $0.map { ($0.spill.columns, $0.interval) } }
    }

    /// Called when symbol `s`'s cursor reaches the last limit: aggregates the next window's price
    /// bars, hands back the pages before `i - keep`, and returns the next limit.
    @inline(never)
    func ready(_ s: Int, from i: Int) -> Int {
        let spill = spills[s]
        let limit = min(spill.count, i + window)
        aggregate(s, through: limit)
        let below = i - keep
        if below > released[s] {
            spill.release(from: released[s], to: below)
            markSpills[s]?.release(from: released[s], to: below)
            released[s] = below
            // The detail bars before the first bar kept: an ambiguous bar reads only its own.
            if let detail = details[s]?.spill {
                let time = spill.columns.openTimes[below]
                let columns = detail.columns
                var low = releasedDetail[s]
                var high = columns.count
                while low < high {
                    let mid = (low + high) / 2
                    if columns.openTimes[mid] < time { low = mid + 1 } else { high = mid }
                }
                detail.release(from: releasedDetail[s], to: low)
                releasedDetail[s] = low
            }
        }
        return limit
    }

    /// Ends the run: the price bars of every symbol, in symbol order; every page handed back.
    func finish() -> [PriceBar] {
        var bars: [PriceBar] = []
        for s in spills.indices {
            aggregate(s, through: spills[s].count)
            aggregators[s].finish()
            if bars.isEmpty { bars = aggregators[s].bars } else { bars += aggregators[s].bars }
            spills[s].release(from: released[s], to: spills[s].count)
            markSpills[s]?.release(from: released[s], to: spills[s].count)
            released[s] = spills[s].count
            if let detail = details[s]?.spill {
                detail.release(from: releasedDetail[s], to: detail.count)
                releasedDetail[s] = detail.count
            }
        }
        return bars
    }

    /// Aggregates symbol `s`'s bars up to `limit`: one call per window, not per bar.
    private func aggregate(_ s: Int, through limit: Int) {
        guard aggregated[s] < limit else { return }
        aggregators[s].add(spills[s].columns, aggregated[s]..<limit)
        aggregated[s] = limit
    }
}

/// One symbol's klines aggregated into buckets of `step` ms aligned to the epoch (the run's price
/// bars), a range of bars at a time: a window of a streamed run (`KlineStream`), where a bucket
/// may span two windows, or every bar of a loaded one (`Simulation.priceBars`).
struct PriceBarAggregator {
    let symbol: Symbol
    let step: Int64
    private(set) var bars: [PriceBar] = []
    /// The bucket in progress (`.min`: none), its last millisecond and its prices so far.
    private var bucket = Int64.min
    private var last = Int64.min
    private var open: Int64 = 0
    private var high: Int64 = 0
    private var low: Int64 = 0
    private var close: Int64 = 0

    init(symbol: Symbol, step: Int64) {
        self.symbol = symbol
        self.step = step
    }

    /// Adds the bars `range` of `columns`, whose open times increase and follow the bars added
    /// before: one tight loop over the columns per bucket (a division per bucket, not per bar).
    mutating func add(_ columns: KlineColumns, _ range: Range<Int>) {
        let times = columns.openTimes
        let highs = columns.highs
        let lows = columns.lows
        var j = range.lowerBound
        let end = range.upperBound
        while j < end {
            // The open times increase, so a bar is in the bucket in progress unless it opens
            // after the bucket's last millisecond.
            if bucket == .min || times[j] > last {
                finish()
                let time = times[j]
                bucket = time - ((time % step) + step) % step
                let (sum, overflow) = bucket.addingReportingOverflow(step - 1)
                last = overflow ? .max : sum
                open = columns.opens[j]
                high = highs[j]
                low = lows[j]
            }
            var h = high
            var l = low
            repeat {
                h = max(h, highs[j])
                l = min(l, lows[j])
                j += 1
            } while j < end && times[j] <= last
            high = h
            low = l
            close = columns.closes[j - 1]
        }
    }

    /// Closes the bucket in progress.
    mutating func finish() {
        guard bucket != .min else { return }
        bars.append(
            PriceBar(
                symbol: symbol, time: Timestamp(milliseconds: bucket), open: Price(raw: open), high: Price(raw: high),
                low: Price(raw: low), close: Price(raw: close)))
        bucket = .min
    }
}
