import Exchange
public import Market
import Results
import TradeEngine

extension ScenarioData {
    /// The same data as `load` gives for a scenario whose `data.start`/`data.end` are `start`
    /// and `end` (open times of the first and last bar, inclusive), without the signals of
    /// `excludedStrategies`: the runs of a sweep window and of a leave-one-strategy-out set
    /// share the klines loaded once instead of reading the files again.
    ///
    /// Bars are sliced as `load` slices them (mark and detail klines too; funding is kept
    /// whole, as `load` keeps it); signals outside the new range move to `skipped` ("outside the
    /// simulated range") in input order; the signals of an excluded strategy are left out
    /// entirely, as if they had never been recorded (the counts do not include them). The data
    /// digest is unchanged: the input files are the same.
    ///
    /// - Parameters:
    ///   - start: the first bar's open time, nil to keep the current start.
    ///   - end: the last bar's open time (inclusive), nil to keep the current end.
    ///   - interval: the scenario's bar interval (`data.interval`).
    ///   - excludedStrategies: strategy ids whose signals are dropped.
    public func restricted(
        from start: Timestamp?, through end: Timestamp?, interval: Interval,
        excludingStrategies excludedStrategies: [String] = []
    ) -> ScenarioData {
        var result = self
        if start != nil || end != nil {
            let detailEnd = end.map { interval.next(after: $0).adding(milliseconds: -1) }
            result.markets = markets.map { market in
                var m = market
                m.klines = Self.slice(market.klines, from: start, through: end)
                m.markKlines = market.markKlines.map { Self.slice($0, from: start, through: end) }
                m.detailKlines = market.detailKlines.map { $0.slice(from: start, through: detailEnd) }
                return m
            }
        }
        let kept = { (recorded: RecordedSignal) in !excludedStrategies.contains(recorded.signal.strategyID) }
        var skipped = self.skipped.filter { kept($0.signal) }
        var signals: [RecordedSignal] = []
        let first = result.markets.compactMap { $0.klines.openTimes.first }.min().map(Timestamp.init(milliseconds:))
        let lastOpen = result.markets.compactMap { $0.klines.openTimes.last }.max().map(Timestamp.init(milliseconds:))
        for recorded in self.signals where kept(recorded) {
            let time = recorded.signal.timestamp.timestamp
            if let first, let lastOpen, time >= first && time < interval.next(after: lastOpen) {
                signals.append(recorded)
            } else {
                skipped.append((recorded, "outside the simulated range"))
            }
        }
        skipped.sort { $0.signal.sequence < $1.signal.sequence }
        result.signals = signals
        result.skipped = skipped
        var counts = SignalCounts()
        counts.total = signals.count + skipped.count
        counts.decided = signals.count
        counts.unknownSymbol = skipped.count { $0.reason == "symbol has no klines in the scenario" }
        counts.outsideRange = skipped.count - counts.unknownSymbol
        result.counts = counts
        return result
    }
}
