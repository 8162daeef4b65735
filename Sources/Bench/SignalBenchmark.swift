import Market
import Pipeline
public import TradeEngine

/// A synthetic, deterministic signal workload and the timing loop behind `hedgesim bench
/// decide`: decoding JSONL lines and deciding signals through the gates and the aggregator.
///
/// The workload: `count` signals over `symbols` symbols and `strategies` strategies, timestamps
/// increasing by 0–2 s (about 3 600 active signals at any time), 44 % buy / 44 % sell / 6 %
/// close / 6 % hold, 70 % deterministic / 15 % ML / 15 % LLM, confidences 0.40–0.95, 2 % exact
/// repeats (duplicates), some with position size and SL/TP fractions. A seeded generator makes
/// it identical on every run.
public struct SignalBenchmark: Sendable {
    /// The workload's signals, in input order.
    public let signals: [Signal]
    /// The same signals as JSONL text (one line each, `\n`-terminated).
    public let text: [UInt8]
    /// The end offset (exclusive, before the `\n`) of each line in `text`.
    public let lineEnds: [Int]
    /// The settings the decide runs use.
    public let settings: SignalSettings
    /// Each signal's symbol index, for the stand-in position book.
    let symbolIndices: [Int32]

    /// Generates the workload.
    public init(
        signals count: Int, symbols: Int, strategies: Int, settings: SignalSettings = SignalSettings(),
        seed: UInt64 = 1
    ) {
        precondition(count > 0 && symbols > 0 && strategies > 0)
        self.settings = settings
        var random = SplitMix64(seed: seed)
        let families = [
            "rsi_extreme_reversal", "volume_surge_breakout", "momentum_v1", "mean_reversion_v1", "ema_cross_trend",
            "bollinger_squeeze", "orderbook_imbalance", "funding_skew",
        ]
        let strategyNames = (0..<strategies).map { "\(families[$0 % families.count])_\($0 / families.count)" }
        let known = ["BTCUSDT", "ETHUSDT", "BNBUSDT", "SOLUSDT", "XRPUSDT", "ADAUSDT", "LINKUSDT", "LTCUSDT"]
        let symbolNames = (0..<symbols).map { $0 < known.count ? known[$0] : "SYM\($0)USDT" }
        let basePrices = (0..<symbols).map { _ in 1 + Int64(random.next() % 60_000) }
        var text: [UInt8] = []
        text.reserveCapacity(count * 360)
        var lineEnds: [Int] = []
        lineEnds.reserveCapacity(count)
        var signals: [Signal] = []
        signals.reserveCapacity(count)
        var symbolIndices: [Int32] = []
        symbolIndices.reserveCapacity(count)
        var previousSymbol: Int32 = 0
        var clock: Int64 = 1_767_225_600_000  // 2026-01-01T00:00:00Z
        var previousLine: [UInt8] = []
        var decoder = SignalDecoder()
        for index in 0..<count {
            let start = text.count
            if index > 0 && random.next() % 50 == 0 {
                text.append(contentsOf: previousLine)
            } else {
                clock += Int64(random.next() % 2000)
                let roll = random.next() % 100
                let action = roll < 44 ? "buy" : roll < 88 ? "sell" : roll < 94 ? "close" : "hold"
                let modeRoll = random.next() % 100
                let mode = modeRoll < 70 ? "deterministic" : modeRoll < 85 ? "ml_light" : "llm_reasoning"
                let confidence = 40 + random.next() % 56
                let symbolIndex = Int(random.next() % UInt64(symbols))
                previousSymbol = Int32(symbolIndex)
                let strategy = strategyNames[Int(random.next() % UInt64(strategies))]
                let cents = basePrices[symbolIndex] * 100 + Int64(random.next() % 500)
                let price = "\(cents / 100).\(cents % 100 < 10 ? "0" : "")\(cents % 100)"
                let source = random.next() % 5 == 0 ? "ta_bot" : "petrosa-cio"
                var line =
                    #"{"strategy_id": "\#(strategy)", "symbol": "\#(symbolNames[symbolIndex])", "action": "\#(action)", "#
                    + #""confidence": 0.\#(confidence), "strategy_mode": "\#(mode)", "price": \#(price), "#
                    + #""quantity": 0.0, "current_price": \#(price), "source": "\#(source)", "strategy": "\#(strategy)", "#
                    + #""timeframe": "15m", "#
                if random.next() % 4 == 0 {
                    line += #""position_size_pct": 0.05, "stop_loss_pct": 0.02, "take_profit_pct": 0.05, "#
                }
                line += #""timestamp": "\#(Timestamp(milliseconds: clock).iso8601)"}"#
                text.append(contentsOf: line.utf8)
            }
            lineEnds.append(text.count)
            previousLine = Array(text[start..<text.count])
            let signal = text.withUnsafeBytes { bytes in
                try? decoder.decode(
                    UnsafeRawBufferPointer(rebasing: bytes[start..<text.count]), file: "bench.jsonl", line: index + 1)
            }
            signals.append(signal!)
            symbolIndices.append(previousSymbol)
            text.append(0x0A)
        }
        self.signals = signals
        self.text = text
        self.lineEnds = lineEnds
        self.symbolIndices = symbolIndices
    }

    /// Decodes every line once; returns the number decoded.
    public func decodeAll() -> Int {
        var decoder = SignalDecoder()
        var decoded = 0
        text.withUnsafeBytes { bytes in
            var start = 0
            for (index, end) in lineEnds.enumerated() {
                let line = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
                if (try? decoder.decode(line, file: "bench.jsonl", line: index + 1)) != nil { decoded += 1 }
                start = end + 1
            }
        }
        return decoded
    }

    /// Decides every signal once through a fresh pipeline, at the signal's own time, with a
    /// stand-in position book: a side stays open for 1 minute after an entry.
    public func decideAll() -> DecisionCounts {
        var pipeline = SignalPipeline(settings: settings)
        var openUntil = [Int64](repeating: .min, count: symbolIndices.count > 0 ? 2 * Int(symbolIndices.max()! + 1) : 0)
        var counts = DecisionCounts()
        signals.withUnsafeBufferPointer { signals in
            for index in signals.indices {
                let now = signals[index].timestamp.timestamp
                let position = Int(symbolIndices[index]) * 2
                let decision = pipeline.decide(signals[index], seq: index, now: now) { _, side in
                    openUntil[position + (side == .long ? 0 : 1)] > now.milliseconds
                }
                counts.add(decision)
                if decision.status == .executed {
                    let side = signals[index].positionSide
                    openUntil[position + (side == .long ? 0 : 1)] = now.milliseconds + 60_000
                    pipeline.recordEntry(symbol: signals[index].symbol, side: side, at: now)
                }
            }
        }
        return counts
    }

    /// Times `runs` runs of decoding and/or deciding on `clock`.
    public func measure<C: Clock>(
        runs: Int, decode: Bool = true, decide: Bool = true, clock: C
    )
        -> SignalBenchmarkReport where C.Duration == Duration
    {
        var report = SignalBenchmarkReport(signals: signals.count, bytes: text.count)
        for _ in 0..<runs {
            if decode {
                var decoded = 0
                report.decodeRuns.append(clock.measure { decoded = decodeAll() })
                report.decoded = decoded
            }
            if decide {
                var counts = DecisionCounts()
                report.decideRuns.append(clock.measure { counts = decideAll() })
                report.counts = counts
            }
        }
        return report
    }
}

/// Decisions per status and per deciding stage.
public struct DecisionCounts: Sendable, Hashable {
    /// Counts per `DecisionStatus`, in `allCases` order.
    public var byStatus = [Int](repeating: 0, count: DecisionStatus.allCases.count)
    /// Counts per `DecisionStage`, in `allCases` order.
    public var byStage = [Int](repeating: 0, count: DecisionStage.allCases.count)

    public init() {}

    mutating func add(_ decision: SignalDecision) {
        byStatus[decision.status.ordinal] += 1
        byStage[decision.stage.ordinal] += 1
    }

    /// `executed 1635, rejected 16842, …` (non-zero statuses).
    public var statusSummary: String {
        zip(DecisionStatus.allCases, byStatus).filter { $0.1 > 0 }.map { "\($0.0.rawValue) \($0.1)" }
            .joined(separator: ", ")
    }

    /// `source 0, duplicate 349, …` (non-zero stages).
    public var stageSummary: String {
        zip(DecisionStage.allCases, byStage).filter { $0.1 > 0 }.map { "\($0.0.rawValue) \($0.1)" }
            .joined(separator: ", ")
    }
}

/// The timings of a benchmark.
public struct SignalBenchmarkReport: Sendable {
    /// Signals in the workload.
    public var signals: Int
    /// Bytes of JSONL.
    public var bytes: Int
    /// Lines decoded successfully in the last run.
    public var decoded = 0
    /// The statuses of the last decide run.
    public var counts = DecisionCounts()
    /// Wall time of each decode run.
    public var decodeRuns: [Duration] = []
    /// Wall time of each decide run.
    public var decideRuns: [Duration] = []

    init(signals: Int, bytes: Int) {
        self.signals = signals
        self.bytes = bytes
    }

    /// Lines decoded per second, median over the runs.
    public var decodeRate: Double { Self.medianRate(signals, decodeRuns) }
    /// Decisions per second, median over the runs.
    public var decideRate: Double { Self.medianRate(signals, decideRuns) }

    /// The printout of `hedgesim bench decide`: the workload, then the median rates with every
    /// run's time, and the last decide run's statuses and stages.
    public func lines(symbols: Int, strategies: Int, settings: SignalSettings) -> [String] {
        func millions(_ rate: Double) -> String {
            let hundredths = Int((rate / 10_000).rounded())
            return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100) M"
        }
        func times(_ runs: [Duration]) -> String {
            runs.map { String(Int((TextFormat.seconds($0) * 1000).rounded())) + " ms" }.joined(separator: ", ")
        }
        var lines = [
            "workload: \(signals) signals, \(symbols) symbols, \(strategies) strategies, "
                + "\(bytes / 1_000_000) MB of JSONL; \(settings.sameDirection.rawValue), \(settings.positionMode.rawValue)"
        ]
        if !decodeRuns.isEmpty {
            lines.append(
                "decode:   \(millions(decodeRate)) lines/s (median of \(decodeRuns.count): \(times(decodeRuns)))")
        }
        if !decideRuns.isEmpty {
            lines.append(
                "decide:   \(millions(decideRate)) decisions/s (median of \(decideRuns.count): \(times(decideRuns)))")
            lines.append("statuses: \(counts.statusSummary)")
            lines.append("stages:   \(counts.stageSummary)")
        }
        return lines
    }

    static func medianRate(_ count: Int, _ runs: [Duration]) -> Double {
        guard !runs.isEmpty else { return 0 }
        let times = runs.map(TextFormat.seconds).sorted()
        let middle = times.count / 2
        let median = times.count % 2 == 1 ? times[middle] : (times[middle - 1] + times[middle]) / 2
        return Double(count) / median
    }
}
