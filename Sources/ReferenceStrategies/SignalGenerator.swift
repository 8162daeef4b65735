public import Market

/// Deterministic reference strategies modelled on the live signal producers
/// (petrosa-tradeengine.md §10): they turn klines into recorded signals in the live JSON
/// contract, so a scenario has realistic multi-strategy input without a live system.
///
/// Every strategy evaluates closed bars of its timeframe (klines are resampled) and emits at the
/// bar's close time; nothing looks ahead.
public struct SignalGenerator: Sendable {
    /// The reference strategies.
    public enum Strategy: String, Sendable, Hashable, CaseIterable {
        /// ta-bot's RSI(2) extreme reversal: confidence in [0.55, 0.90], SL at the 5-bar extreme
        /// (at least 1 %), TP at twice the risk (at least 0.5 %).
        case rsiExtremeReversal = "rsi_extreme_reversal"
        /// ta-bot's volume surge breakout: volume > 3× its 20-bar mean and a 20-bar breakout;
        /// SL 2 ATR, TP 3 ATR.
        case volumeSurgeBreakout = "volume_surge_breakout"
        /// Momentum: 10-bar rate of change beyond 1 % with the 20-bar EMA trend; SL/TP as
        /// fractions by confidence (the realtime-strategies defaults).
        case momentum = "momentum_v1"
        /// Mean reversion: close beyond 2.2 standard deviations of the 20-bar mean; TP at the
        /// mean, SL 1.5 deviations further; a `close` signal when price returns to the mean.
        case meanReversion = "mean_reversion_v1"
    }

    /// What the generator emits.
    public struct Options: Sendable, Hashable {
        public var strategies: [Strategy] = Strategy.allCases
        /// The timeframe strategies evaluate on (a multiple of the klines' interval).
        public var timeframe: Interval = .m15
        /// `source` of every signal (live enforcement accepts only `petrosa-cio`).
        public var source = "petrosa-cio"
        /// `strategy_mode` of every signal, or nil to mix: RSI and breakout deterministic,
        /// momentum ml_light, mean reversion llm_reasoning.
        public var strategyMode: String? = "deterministic"
        /// `position_size_pct` (the processors scale it by confidence).
        public var positionSizePercent: Rate = Rate(raw: 5_000_000)
        /// Bars of the timeframe a strategy waits after a signal on a symbol.
        public var cooldownBars = 4

        public init() {}
    }

    /// One generated signal.
    public struct GeneratedSignal: Sendable, Hashable {
        public var time: Timestamp
        public var symbol: Symbol
        public var strategy: Strategy
        /// The JSON object, one line.
        public var json: String
    }

    public var options: Options

    public init(options: Options = Options()) { self.options = options }

    /// Generates signals for each symbol's klines, merged in (time, symbol, strategy) order.
    public func generate(_ series: [KlineSeries]) -> [GeneratedSignal] {
        var all: [GeneratedSignal] = []
        for s in series.sorted(by: { $0.symbol < $1.symbol }) {
            all.append(contentsOf: generate(s))
        }
        let order = Dictionary(uniqueKeysWithValues: Strategy.allCases.enumerated().map { ($1, $0) })
        all.sort {
            if $0.time != $1.time { return $0.time < $1.time }
            if $0.symbol != $1.symbol { return $0.symbol < $1.symbol }
            return order[$0.strategy]! < order[$1.strategy]!
        }
        return all
    }

    /// Resamples a series to the timeframe: (open time, O, H, L, C, V) per complete bucket.
    static func resample(
        _ s: KlineSeries, to timeframe: Interval
    ) -> [(time: Int64, o: Double, h: Double, l: Double, c: Double, v: Double)] {
        guard let step = timeframe.milliseconds, !s.isEmpty else { return [] }
        var out: [(time: Int64, o: Double, h: Double, l: Double, c: Double, v: Double)] = []
        var bucket: Int64 = .min
        var o = 0.0, h = 0.0, l = 0.0, c = 0.0, v = 0.0
        for i in 0..<s.count {
            let t = s.openTimes[i]
            let b = t - ((t % step) + step) % step
            if b != bucket {
                if bucket != .min { out.append((bucket, o, h, l, c, v)) }
                bucket = b
                o = Double(s.opens[i]) / 1e8
                h = Double(s.highs[i]) / 1e8
                l = Double(s.lows[i]) / 1e8
                v = 0
            }
            h = max(h, Double(s.highs[i]) / 1e8)
            l = min(l, Double(s.lows[i]) / 1e8)
            c = Double(s.closes[i]) / 1e8
            v += Double(s.volumes[i]) / 1e8
        }
        // The last bucket is emitted only when complete (its last kline closes the bucket).
        if bucket != .min, let last = s.openTimes.last, let base = s.interval.milliseconds,
            last + base >= bucket + step
        {
            out.append((bucket, o, h, l, c, v))
        }
        return out
    }

    /// Signals for one symbol.
    func generate(_ s: KlineSeries) -> [GeneratedSignal] {
        let bars = Self.resample(s, to: options.timeframe)
        guard let step = options.timeframe.milliseconds else { return [] }
        var decimals = 0
        for i in stride(from: 0, to: s.count, by: max(1, s.count / 500)) {
            decimals = max(decimals, Price(raw: s.closes[i]).significantDecimals)
        }
        var result: [GeneratedSignal] = []
        var rsi = RSI(length: 2)
        var atr = ATR(length: 14)
        var ema = EMA(length: 20)
        var closes = RollingWindow(length: 20)
        var volumes = RollingWindow(length: 20)
        var highs = RollingWindow(length: 20)
        var lows = RollingWindow(length: 20)
        var lows5 = RollingWindow(length: 5)
        var highs5 = RollingWindow(length: 5)
        var history: [Double] = []
        var cooldown = [Strategy: Int]()
        var meanReversionSide: String? = nil
        var sequence = 0

        for (index, bar) in bars.enumerated() {
            let time = Timestamp(milliseconds: bar.time + step)
            let r = rsi.update(bar.c)
            let a = atr.update(high: bar.h, low: bar.l, close: bar.c)
            let trend = ema.update(bar.c)
            let priorHigh = highs.isFull ? highs.maximum : nil
            let priorLow = lows.isFull ? lows.minimum : nil
            let priorVolume = volumes.isFull ? volumes.mean : nil
            let mean = closes.isFull ? closes.mean : nil
            let deviation = closes.isFull ? closes.standardDeviation : nil
            lows5.push(bar.l)
            highs5.push(bar.h)

            func emit(
                _ strategy: Strategy, _ action: String, confidence: Double, stop: Double?, target: Double?,
                stopPct: Double? = nil, targetPct: Double? = nil, metadata: [(String, String)]
            ) {
                sequence += 1
                let json = SignalJSON.line(
                    strategy: strategy, symbol: s.symbol, action: action, confidence: confidence, price: bar.c,
                    decimals: decimals, stop: stop, target: target, stopPct: stopPct, targetPct: targetPct,
                    timeframe: options.timeframe.rawValue, mode: mode(for: strategy), source: options.source,
                    positionSizePercent: action == "close" ? nil : options.positionSizePercent,
                    signalID: "\(strategy.rawValue)-\(s.symbol.name)-\(sequence)", metadata: metadata, time: time)
                result.append(GeneratedSignal(time: time, symbol: s.symbol, strategy: strategy, json: json))
                cooldown[strategy] = index + options.cooldownBars
            }
            func ready(_ strategy: Strategy) -> Bool {
                options.strategies.contains(strategy) && index >= (cooldown[strategy] ?? 0)
            }

            if ready(.rsiExtremeReversal), let r, lows5.isFull {
                if r < 10 {
                    let confidence = min(0.90, max(0.55, 0.55 + (10 - r) / 10 * 0.35))
                    let stop = min(lows5.minimum, bar.c * 0.99)
                    let target = bar.c + 2 * max(bar.c - stop, 0.005 * bar.c)
                    emit(
                        .rsiExtremeReversal, "buy", confidence: confidence, stop: stop, target: target,
                        metadata: [("rsi_2", fmt(r)), ("threshold_type", "\"extreme\"")])
                } else if r > 90 {
                    let confidence = min(0.90, max(0.55, 0.55 + (r - 90) / 10 * 0.35))
                    let stop = max(highs5.maximum, bar.c * 1.01)
                    let target = bar.c - 2 * max(stop - bar.c, 0.005 * bar.c)
                    emit(
                        .rsiExtremeReversal, "sell", confidence: confidence, stop: stop, target: target,
                        metadata: [("rsi_2", fmt(r)), ("threshold_type", "\"extreme\"")])
                }
            }
            if ready(.volumeSurgeBreakout), let a, let priorVolume, priorVolume > 0, let priorHigh, let priorLow {
                let surge = bar.v / priorVolume
                if surge > 3 && (bar.c > priorHigh || bar.c < priorLow) {
                    let up = bar.c > priorHigh
                    let confidence = min(0.95, 0.6 + 0.05 * (surge - 3))
                    emit(
                        .volumeSurgeBreakout, up ? "buy" : "sell", confidence: confidence,
                        stop: up ? bar.c - 2 * a : bar.c + 2 * a, target: up ? bar.c + 3 * a : bar.c - 3 * a,
                        metadata: [("volume_ratio", fmt(surge)), ("atr", fmt(a))])
                }
            }
            if ready(.momentum), history.count >= 10 {
                let roc = bar.c / history[history.count - 10] - 1
                if abs(roc) > 0.01 && ((roc > 0) == (bar.c > trend)) {
                    let confidence = min(0.9, 0.55 + abs(roc) * 8)
                    let stopPct = confidence >= 0.8 ? 0.02 : (confidence >= 0.6 ? 0.03 : 0.05)
                    let targetPct = confidence >= 0.8 ? 0.05 : (confidence >= 0.6 ? 0.04 : 0.03)
                    emit(
                        .momentum, roc > 0 ? "buy" : "sell", confidence: confidence, stop: nil, target: nil,
                        stopPct: stopPct, targetPct: targetPct,
                        metadata: [("roc_10", fmt(roc)), ("ema_20", fmt(trend))])
                }
            }
            if options.strategies.contains(.meanReversion), let mean, let deviation, deviation > 0 {
                let z = (bar.c - mean) / deviation
                if let side = meanReversionSide, (side == "buy" && bar.c >= mean) || (side == "sell" && bar.c <= mean) {
                    emit(
                        .meanReversion, "close", confidence: 0.7, stop: nil, target: nil,
                        metadata: [("zscore", fmt(z))])
                    meanReversionSide = nil
                } else if ready(.meanReversion), abs(z) > 2.2 {
                    let buy = z < 0
                    let confidence = min(0.9, 0.55 + (abs(z) - 2.2) * 0.25)
                    emit(
                        .meanReversion, buy ? "buy" : "sell", confidence: confidence,
                        stop: buy ? bar.c - 1.5 * deviation : bar.c + 1.5 * deviation, target: mean,
                        metadata: [("zscore", fmt(z)), ("sma_20", fmt(mean))])
                    meanReversionSide = buy ? "buy" : "sell"
                }
            }

            closes.push(bar.c)
            volumes.push(bar.v)
            highs.push(bar.h)
            lows.push(bar.l)
            history.append(bar.c)
        }
        return result
    }

    func mode(for strategy: Strategy) -> String {
        if let mode = options.strategyMode { return mode }
        switch strategy {
        case .rsiExtremeReversal, .volumeSurgeBreakout: return "deterministic"
        case .momentum: return "ml_light"
        case .meanReversion: return "llm_reasoning"
        }
    }

    func fmt(_ value: Double) -> String { SignalJSON.number(value, decimals: 6) }
}

/// Writes one signal as a JSON line in the live contract (petrosa-tradeengine.md §1.2).
enum SignalJSON {
    /// A decimal rendering of a `Double` rounded to `decimals` places (no exponent, no noise).
    static func number(_ value: Double, decimals: Int) -> String {
        Price(approximating: value).rounded(decimals: min(decimals, 8), .nearest).description
    }

    static func quote(_ text: String) -> String { JSONString.quoted(text) }

    static func line(
        strategy: SignalGenerator.Strategy, symbol: Symbol, action: String, confidence: Double, price: Double,
        decimals: Int, stop: Double?, target: Double?, stopPct: Double?, targetPct: Double?, timeframe: String,
        mode: String, source: String, positionSizePercent: Rate?, signalID: String, metadata: [(String, String)],
        time: Timestamp
    ) -> String {
        let strength =
            confidence >= 0.8 ? "extreme" : confidence >= 0.7 ? "strong" : confidence >= 0.6 ? "medium" : "weak"
        var fields: [(String, String)] = [
            ("strategy_id", quote(strategy.rawValue)),
            ("signal_id", quote(signalID)),
            ("strategy_mode", quote(mode)),
            ("symbol", quote(symbol.name)),
            ("action", quote(action)),
            ("confidence", number(confidence, decimals: 4)),
            ("strength", quote(strength)),
            ("price", number(price, decimals: decimals)),
            ("quantity", "0.0"),
            ("current_price", number(price, decimals: decimals)),
            ("source", quote(source)),
            ("strategy", quote(strategy.rawValue)),
            ("timeframe", quote(timeframe)),
            ("order_type", quote("market")),
            ("time_in_force", quote("GTC")),
            ("position_size_pct", positionSizePercent.map(\.description) ?? "null"),
            ("stop_loss", stop.map { number($0, decimals: decimals) } ?? "null"),
            ("stop_loss_pct", stopPct.map { number($0, decimals: 4) } ?? "null"),
            ("take_profit", target.map { number($0, decimals: decimals) } ?? "null"),
            ("take_profit_pct", targetPct.map { number($0, decimals: 4) } ?? "null"),
        ]
        let meta = metadata.map { "\(quote($0.0)):\($0.1)" }.joined(separator: ",")
        fields.append(("metadata", "{\(meta)}"))
        fields.append(("timestamp", quote(time.iso8601)))
        return "{" + fields.map { "\(quote($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }
}
