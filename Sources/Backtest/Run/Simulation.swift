import Exchange
import Market
public import Results
import TradeEngine

/// Stops a run between bars (Ctrl-C).
public struct SimulationCancelled: Error, Sendable {
    public init() {}
}

/// One deterministic simulation of a scenario, in the order of the event-order contract
/// (docs/design.md, "The event-order contract").
public enum Simulation {
    /// Progress: called every few thousand bars with (bars done, total bars); return false to
    /// stop the run (it then throws `SimulationCancelled`).
    public typealias Progress = (Int, Int) -> Bool

    /// Runs `scenario` on `data` and collects the results.
    ///
    /// - Parameters:
    ///   - digest: compute the result digest (`RunResult.resultDigest`); without it the digest is
    ///     left empty for the caller (the report writer computes it while it writes).
    ///   - stream: where the rows that are final before the run ends go while it simulates (the
    ///     report writer's); closed when the run ends, whether it succeeds or not.
    public static func run(
        _ scenario: Scenario, data: ScenarioData, label: String, progress: Progress? = nil, digest: Bool = true,
        stream: RunRowStream? = nil
    ) throws -> RunResult {
        defer { stream?.close() }
        return try run(
            scenario, data: data, label: label, progress: progress, afterBar: nil, digest: digest, rows: stream)
    }

    /// Tests' entry point: `afterBar` sees the dispatcher and the exchange after every bar time,
    /// when both are quiescent (accounting identities are checked there). `streamWindow`: the
    /// bars between two steps of a streamed run's window, with one bar kept behind (nil: the
    /// default window and margin).
    static func run(
        _ scenario: Scenario, data: ScenarioData, label: String, progress: Progress?,
        afterBar: ((Dispatcher<SimulatedExchange>, SimulatedExchange, Timestamp) -> Void)?, digest: Bool = true,
        streamWindow: Int? = nil, rows: RunRowStream? = nil
    ) throws -> RunResult {
        if let streamed = data.streamed {
            // The exchange reads the spilled columns in place; the run hands back the pages it
            // has passed.
            let stream = KlineStream(
                streamed, symbols: data.markets.map(\.symbol), priceStep: scenario.report.equityIntervalMilliseconds,
                window: streamWindow, keep: streamWindow == nil ? 1024 : 1)
            return try SimulatedExchange.withExchange(
                configuration: exchangeConfiguration(scenario), markets: data.markets, streamed: stream.columns,
                marks: stream.markColumns, fundingMarks: streamed.map(\.fundingMarks), details: stream.detailColumns
            ) {
                try run(
                    scenario, data: data, label: label, exchange: $0, stream: stream, progress: progress,
                    afterBar: afterBar, digest: digest, rows: rows)
            }
        }
        // The exchange reads the loaded klines in place: the runs of a comparison share them.
        let configuration = exchangeConfiguration(scenario)
        return try SimulatedExchange.withExchange(configuration: configuration, markets: data.markets) {
            try run(
                scenario, data: data, label: label, exchange: $0, progress: progress, afterBar: afterBar,
                digest: digest, rows: rows)
        }
    }

    /// `stream`: where the bars come from when the klines are streamed (nil: `data.markets`).
    static func run(
        _ scenario: Scenario, data: ScenarioData, label: String, exchange: SimulatedExchange,
        stream: KlineStream? = nil, progress: Progress?,
        afterBar: ((Dispatcher<SimulatedExchange>, SimulatedExchange, Timestamp) -> Void)? = nil, digest: Bool = true,
        rows: RunRowStream? = nil
    ) throws -> RunResult {
        let dispatcher = Dispatcher(settings: dispatchSettings(scenario), exchange: exchange)
        var pipeline = SignalPipeline(settings: signalSettings(scenario))
        let recorder = Recorder(dispatcher: dispatcher)
        // The dispatcher acts on final order states only and the recorder reads the orders back
        // from the exchange: the updates that leave an order working need not travel.
        exchange.deliversWorkingOrderUpdates = false
        exchange.onEvent = { event in
            recorder.record(event)
            dispatcher.handle(event)
        }
        // The handler holds the dispatcher, which holds the exchange: break the cycle so the
        // run's books are freed when it ends (and the exchange is not used after its scope).
        defer { exchange.onEvent = nil }
        var result = RunResult(scenario: scenario, label: label)
        recorder.reserve(signals: data.signals.count + data.skipped.count)
        // An entry and its two protective orders per signal.
        exchange.reserveOrders(3 * data.signals.count + 16)
        dispatcher.reserve(entries: data.signals.count + 16)
        for (signal, reason) in data.skipped {
            recorder.decisions.append(Recorder.skippedDecision(signal, reason: reason))
        }
        let signals = arrivalOrder(data.signals)
        var feed = RunRowFeed(
            stream: rows, decisionsInOrder: decisionsInOrder(skipped: data.skipped.map(\.signal), decided: signals))

        let markets = data.markets
        let totalBars = data.barCount
        // A sample per equity interval of the simulated span, and the closing one.
        if let (first, last) = data.openTimeRange {
            result.equity.reserveCapacity(Int((last - first) / max(1, scenario.report.equityIntervalMilliseconds)) + 2)
        }
        if let stream {
            try loop(
                scenario, data: data, exchange: exchange, dispatcher: dispatcher, pipeline: &pipeline,
                signals: signals, recorder: recorder, openTimes: stream.columns.map(\.openTimes), stream: stream,
                result: &result, feed: &feed, progress: progress, afterBar: afterBar)
            result.priceBars = stream.finish()
        } else {
            try KlineColumns.withColumns(of: markets.map(\.klines)) { columns in
                try loop(
                    scenario, data: data, exchange: exchange, dispatcher: dispatcher, pipeline: &pipeline,
                    signals: signals, recorder: recorder, openTimes: columns.map(\.openTimes), stream: nil,
                    result: &result, feed: &feed, progress: progress, afterBar: afterBar)
                result.priceBars = priceBars(markets, columns, every: scenario.report.equityIntervalMilliseconds)
            }
        }
        result.bars = totalBars
        result.signalCounts = data.counts
        result.dataDigest = data.digest
        recorder.finish(into: &result)
        result.finalMarks = markets.compactMap { m in
            exchange.markPrice(m.symbol).map { SymbolPrice(symbol: m.symbol, price: $0) }
        }
        result.finalWallet = exchange.walletBalance
        result.finalEquity = exchange.account.marginBalance
        if digest { result.resultDigest = result.computeDigest() }
        _ = progress?(totalBars, totalBars)
        return result
    }

    /// The bar loop (see `run` for the event order at each bar time).
    static func loop(
        _ scenario: Scenario, data: ScenarioData, exchange: SimulatedExchange,
        dispatcher: Dispatcher<SimulatedExchange>,
        pipeline: inout SignalPipeline, signals: [RecordedSignal], recorder: Recorder,
        openTimes: [UnsafeBufferPointer<Int64>], stream: KlineStream?, result: inout RunResult,
        feed: inout RunRowFeed, progress: Progress?,
        afterBar: ((Dispatcher<SimulatedExchange>, SimulatedExchange, Timestamp) -> Void)?
    ) throws {
        let markets = data.markets
        let symbolCount = markets.count
        let interval = scenario.data.interval
        let length = interval.milliseconds
        var cursors = [Int](repeating: 0, count: symbolCount)
        let counts = openTimes.map(\.count)
        let totalBars = counts.reduce(0, +)
        // Each symbol's bars below `ready` may be read; a streamed run moves its window on when a
        // cursor reaches it.
        var ready = stream == nil ? counts : [Int](repeating: 0, count: symbolCount)
        var done = 0
        var signalIndex = 0
        // Decision times in a flat column: the loop compares them at every bar.
        let signalTimes = signals.map(\.signal.timestamp.timestamp.milliseconds)
        let hasFunding = markets.contains { !$0.funding.isEmpty }
        let reconciles = scenario.protection == .liveCompat
        let equityInterval = scenario.report.equityIntervalMilliseconds
        var nextSample: Int64 = .min
        var peak = scenario.account.initialBalance
        var lastSampleTime: Int64 = .min
        var atBar = [Int](repeating: -1, count: symbolCount)
        var sinceProgress = 0
        // One symbol, fixed-length bars and nothing to do between bars but signals and samples:
        // runs of quiet bars go to the exchange in one call (`advanceQuietBars`).
        let quietRuns = symbolCount == 1 && length != nil && !hasFunding && !reconciles && afterBar == nil
        let walksToSignals = scenario.exchange.fillReference == .nextOpen

        while true {
            if quietRuns && cursors[0] < counts[0] && nextSample != .min {
                let i = cursors[0]
                if i >= ready[0] { ready[0] = stream!.ready(0, from: i) }
                let nextSignal = signalIndex < signalTimes.count ? signalTimes[signalIndex] : .max
                // Bars that close after the next signal or at the next sample are not quiet here.
                let limit = min(nextSample, nextSignal == .max ? .max : nextSignal + 1)
                // Up to the next progress report (none without a progress closure).
                let maxBars = min(ready[0] - i, progress == nil ? counts[0] - i : 4096 - sinceProgress)
                let j = exchange.advanceQuietBars(symbolIndex: 0, from: i, closeBefore: limit, maxBars: maxBars)
                if j > i {
                    let count = j - i
                    cursors[0] = j
                    done += count
                    result.lastBar = Timestamp(milliseconds: openTimes[0][j - 1])
                    #if HEDGESIM_INVARIANT_CHECKS
                    if scenario.protection == .perStrategy, let violation = dispatcher.invariantViolation() {
                        preconditionFailure("accounting invariant at \(result.lastBar!): \(violation)")
                    }
                    #endif
                    sinceProgress += count
                    if sinceProgress >= 4096, let progress {
                        sinceProgress = 0
                        if !progress(done, totalBars) { throw SimulationCancelled() }
                    }
                    continue
                }
            }
            // The next bar time over all symbols.
            var t = Int64.max
            for s in 0..<symbolCount where cursors[s] < counts[s] {
                if cursors[s] >= ready[s] { ready[s] = stream!.ready(s, from: cursors[s]) }
                t = min(t, openTimes[s][cursors[s]])
            }
            guard t != .max else { break }
            let barTime = Timestamp(milliseconds: t)
            let close = length.map { Timestamp(milliseconds: t + $0) } ?? interval.next(after: barTime)
            if nextSample == .min { nextSample = t + equityInterval }

            if hasFunding { exchange.settleFunding(through: barTime) }
            // Under next_open the bars are walked up to each signal's instant before it is
            // decided (no look-ahead inside a bar); the other references fill at the bar's own
            // prices, so their signals come after the whole bars.
            let signalsDue = signalIndex < signalTimes.count && signalTimes[signalIndex] < close.milliseconds
            let splits = signalsDue && walksToSignals
            for s in 0..<symbolCount {
                if cursors[s] < counts[s] && openTimes[s][cursors[s]] == t {
                    atBar[s] = cursors[s]
                    if !splits { exchange.processBar(symbolIndex: s, barIndex: cursors[s]) }
                } else {
                    atBar[s] = -1
                }
            }
            while signalIndex < signalTimes.count && signalTimes[signalIndex] < close.milliseconds {
                if splits {
                    let through = signalTimes[signalIndex]
                    for s in 0..<symbolCount where atBar[s] >= 0 {
                        exchange.processBar(symbolIndex: s, barIndex: atBar[s], through: through)
                    }
                }
                recorder.decisions.append(decide(signals[signalIndex], pipeline: &pipeline, dispatcher: dispatcher))
                feed.decisionsMade(recorder.decisions)
                signalIndex += 1
            }
            if splits {
                for s in 0..<symbolCount where atBar[s] >= 0 {
                    exchange.processBar(symbolIndex: s, barIndex: atBar[s])
                }
            }
            for s in 0..<symbolCount where atBar[s] >= 0 {
                exchange.markToMarket(symbolIndex: s, barIndex: atBar[s])
                cursors[s] += 1
                done += 1
            }
            if reconciles { dispatcher.reconcile(now: close) }
            afterBar?(dispatcher, exchange, close)
            #if HEDGESIM_INVARIANT_CHECKS
            if scenario.protection == .perStrategy, let violation = dispatcher.invariantViolation() {
                preconditionFailure("accounting invariant at \(barTime): \(violation)")
            }
            #endif
            if close.milliseconds >= nextSample {
                result.equity.append(sample(exchange, at: close, peak: &peak))
                feed.equitySampled(result.equity)
                lastSampleTime = close.milliseconds
                while nextSample <= close.milliseconds { nextSample += equityInterval }
            }
            sinceProgress += 1
            if sinceProgress >= 4096, let progress {
                sinceProgress = 0
                if !progress(done, totalBars) { throw SimulationCancelled() }
            }
            result.lastBar = barTime
            if result.firstBar == nil { result.firstBar = barTime }
        }
        if let last = result.lastBar {
            let close = interval.next(after: last)
            if close.milliseconds != lastSampleTime { result.equity.append(sample(exchange, at: close, peak: &peak)) }
        }
    }

    /// The signals in the order they are decided: by instant to the microsecond, equal instants
    /// in input order (the order of the signal files, then of their lines: the arrival order).
    /// The loaded signals are in that order to the millisecond; a copy is sorted only when two
    /// within one millisecond are out of order.
    static func arrivalOrder(_ signals: [RecordedSignal]) -> [RecordedSignal] {
        func before(_ a: RecordedSignal, _ b: RecordedSignal) -> Bool {
            let x = a.signal.timestamp.microseconds
            let y = b.signal.timestamp.microseconds
            return x != y ? x < y : a.sequence < b.sequence
        }
        for i in signals.indices.dropFirst() where before(signals[i], signals[i - 1]) {
            return signals.sorted(by: before)
        }
        return signals
    }

    /// True when the decisions come in sequence order (the order of their table, so they can be
    /// streamed as they come): the skipped signals' first, then the decided ones' in arrival order.
    static func decisionsInOrder(skipped: [RecordedSignal], decided: [RecordedSignal]) -> Bool {
        var last = Int.min
        for r in skipped {
            guard r.sequence > last else { return false }
            last = r.sequence
        }
        for r in decided {
            guard r.sequence > last else { return false }
            last = r.sequence
        }
        return true
    }

    /// Decides one signal: gates and aggregator, then the dispatcher for an executed one.
    static func decide(
        _ r: RecordedSignal, pipeline: inout SignalPipeline, dispatcher: Dispatcher<SimulatedExchange>
    ) -> DecisionRecord {
        let signal = r.signal
        let now = signal.timestamp.timestamp
        let micros = signal.timestamp.microseconds
        let d = pipeline.decide(signal, seq: r.sequence, nowMicroseconds: micros) { dispatcher.holdsPosition($0, $1) }
        // The record is built once, from its final fields (no copies of a half-filled one).
        var stage = d.stage.rawValue
        var status = d.status.rawValue
        var reason = d.reasonText
        var quantity: Quantity? = nil
        var orderID: OrderID? = nil
        if d.status == .executed {
            if signal.isSimulated == true {
                // Live sends `meta.simulate` orders nowhere: they come back `pending`, create no
                // position and still count as executed (petrosa-tradeengine.md §9.26).
                reason = d.reasonText + ". Simulated order (meta.simulate): not sent to the exchange, as live"
            } else {
                let outcome: DispatchOutcome
                if signal.action == .close {
                    outcome = dispatcher.closeStrategy(strategyID: signal.strategyID, symbol: signal.symbol, now: now)
                } else {
                    let params = d.orderParameters
                    let intent = EntryIntent(
                        sequence: r.sequence, strategyID: signal.strategyID, signalID: signal.recordedSignalID,
                        decisionID: signal.decisionID, symbol: signal.symbol, isBuy: signal.action == .buy,
                        currentPrice: signal.currentPrice, quantity: signal.quantity,
                        positionSizePercent: (params?.positionSizePct ?? signal.positionSizePct)?.rate,
                        stopLoss: signal.stopLoss, stopLossPercent: (params?.stopLossPct ?? signal.stopLossPct)?.rate,
                        takeProfit: signal.takeProfit,
                        takeProfitPercent: (params?.takeProfitPct ?? signal.takeProfitPct)?.rate,
                        orderType: (params?.orderType ?? signal.orderType).rawValue,
                        timeInForce: (params?.timeInForce ?? signal.timeInForce).rawValue,
                        metadata: StrategyMetadata(
                            timeframe: signal.timeframe, confidence: signal.confidence,
                            strength: signal.strength.rawValue, rationale: signal.rationale))
                    let side = intent.side
                    outcome = dispatcher.dispatch(intent, now: now)
                    if outcome.isExecuted {
                        pipeline.recordEntry(symbol: signal.symbol, side: side, atMicroseconds: micros)
                    }
                }
                if outcome.isExecuted && outcome.stage != "close" {
                    quantity = outcome.quantity
                    orderID = outcome.orderID
                } else {
                    stage = outcome.stage
                    status = outcome.status
                    reason = outcome.isExecuted ? d.reasonText + ". " + outcome.reason : outcome.reason
                }
            }
        }
        return DecisionRecord(
            sequence: r.sequence, file: r.file, line: r.line, signalID: d.signalID, strategyID: d.strategyID,
            symbol: d.symbol, action: d.action.rawValue, confidence: d.confidence,
            strategyMode: d.strategyMode.rawValue, signalTime: now, decisionTime: d.decisionTime, stage: stage,
            status: status, reason: reason, quantity: quantity, orderID: orderID)
    }

    /// Each symbol's klines aggregated into buckets of `step` ms aligned to the epoch (`columns`:
    /// the markets' kline columns, in order): the aggregator a streamed run feeds a window at a
    /// time, given every bar at once.
    static func priceBars(_ markets: [SymbolMarket], _ columns: [KlineColumns], every step: Int64) -> [PriceBar] {
        var bars: [PriceBar] = []
        for (m, k) in zip(markets, columns) {
            var aggregator = PriceBarAggregator(symbol: m.symbol, step: step)
            aggregator.add(k, 0..<k.count)
            aggregator.finish()
            if bars.isEmpty { bars = aggregator.bars } else { bars += aggregator.bars }
        }
        return bars
    }

    static func sample(_ exchange: SimulatedExchange, at time: Timestamp, peak: inout Money) -> EquitySample {
        let account = exchange.account
        let equity = account.marginBalance
        if equity > peak { peak = equity }
        let drawdown = peak - equity
        return EquitySample(
            time: time, wallet: account.walletBalance, unrealized: account.unrealizedPnL,
            margin: account.positionInitialMargin, equity: equity, drawdown: drawdown,
            drawdownFraction: peak.isPositive ? drawdown.doubleValue / peak.doubleValue : 0)
    }
}
