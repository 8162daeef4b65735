import Exchange
import Market
import Results
import TradeEngine

/// Every key a scenario file accepts: its path, type, default and meaning. The loader validates
/// against it (unknown keys are errors with a did-you-mean suggestion) and README's scenario
/// reference is generated from it (`hedgesim scenario keys`).
public struct ScenarioKey: Sendable, Hashable {
    /// The value's type and allowed range.
    public enum Kind: Sendable, Hashable {
        case text
        case bool
        case integer(min: Int, max: Int)
        /// An exact decimal in `[min, max]` (as text, parsed by the Market types).
        case decimal(min: String, max: String?)
        /// `10s`, `5m`, `1h`, `250ms`, or a number of seconds.
        case duration
        case timestamp
        case interval
        case choice([String])
        case path
        /// One path or a list of paths.
        case pathList
        /// A mapping SYMBOL → path.
        case symbolPaths
        /// A list of symbols.
        case symbolList
        /// An integer, or a mapping SYMBOL → integer.
        case leverage
        /// A choice, or a mapping SYMBOL → choice.
        case marginMode
        /// A mapping with its own keys.
        case section
    }

    public var path: String
    public var kind: Kind
    /// The default as documented (`0.0005`, `data range`, `required`).
    public var defaultText: String
    public var summary: String

    public init(_ path: String, _ kind: Kind, _ defaultText: String, _ summary: String) {
        self.path = path
        self.kind = kind
        self.defaultText = defaultText
        self.summary = summary
    }

    /// A readable name of the type for documentation and errors.
    public var typeName: String {
        switch kind {
        case .text: "text"
        case .bool: "true | false"
        case .integer(let min, let max): max == Int.max ? "integer ≥ \(min)" : "integer \(min)…\(max)"
        case .decimal(let min, let max): max.map { "decimal \(min)…\($0)" } ?? "decimal ≥ \(min)"
        case .duration: "duration ≤ 3650d (10s, 5m, 1h, 250ms)"
        case .timestamp: "ISO-8601 time"
        case .interval: "interval (1m … 1M)"
        case .choice(let options): options.joined(separator: " | ")
        case .path: "path"
        case .pathList: "path or list of paths"
        case .symbolPaths: "SYMBOL: path"
        case .symbolList: "list of symbols"
        case .leverage: "integer 1…125, or SYMBOL: integer"
        case .marginMode:
            "\(MarginMode.scenarioNames.joined(separator: " | ")), or SYMBOL: "
                + MarginMode.scenarioNames.joined(separator: " | ")
        case .section: "mapping"
        }
    }
}

/// The scenario schema.
public enum ScenarioSchema {
    /// Every key, in documentation order.
    public static let keys: [ScenarioKey] = [
        ScenarioKey("name", .text, "file name", "A name for the run, stored in the report."),
        ScenarioKey("description", .text, "none", "Free text, stored in the report."),
        ScenarioKey("data", .section, "required", "Market data."),
        ScenarioKey("data.interval", .interval, "required", "The kline interval of `data.klines`."),
        ScenarioKey("data.start", .timestamp, "data range", "First bar open time to simulate (inclusive)."),
        ScenarioKey("data.end", .timestamp, "data range", "Last bar open time to simulate (inclusive)."),
        ScenarioKey("data.klines", .symbolPaths, "required", "Kline file per symbol (.csv, .csv.zst, .zip)."),
        ScenarioKey(
            "data.mark_klines", .symbolPaths, "none",
            "Mark-price kline files per symbol; MARK_PRICE triggers, unrealized PnL and liquidation use them."),
        ScenarioKey(
            "data.detail_klines", .symbolPaths, "none",
            "Finer kline files per symbol; an ambiguous bar is replayed on them."),
        ScenarioKey("data.funding", .symbolPaths, "none", "Funding-rate file per symbol."),
        ScenarioKey("data.symbol_rules", .path, "required", "Futures exchangeInfo JSON with the symbols' filters."),
        ScenarioKey(
            "data.leverage_brackets", .path, "none",
            "Leverage brackets JSON (Binance leverageBracket shape); needed for liquidation."),
        ScenarioKey("signals", .pathList, "required", "Recorded signal files (JSONL, plain or .zst)."),
        ScenarioKey(
            "signal_time", .choice(SignalTimeSource.scenarioNames), "field",
            "Decide each signal at its timestamp field, or at the recorder's _received_at."),
        ScenarioKey("account", .section, "defaults", "The futures account."),
        ScenarioKey(
            "account.initial_balance", .decimal(min: "0.00000001", max: "1000000000"), "10000",
            "Starting USDT wallet balance."),
        ScenarioKey("account.leverage", .leverage, "10", "Leverage for every symbol, or per symbol."),
        ScenarioKey("account.margin_mode", .marginMode, "cross", "Cross or isolated margin, or per symbol."),
        ScenarioKey("exchange", .section, "defaults", "The simulated exchange."),
        ScenarioKey("exchange.maker_fee", .decimal(min: "0", max: "0.01"), "0.0002", "Maker fee rate (0.02 %)."),
        ScenarioKey("exchange.taker_fee", .decimal(min: "0", max: "0.01"), "0.0005", "Taker fee rate (0.05 %)."),
        ScenarioKey("exchange.bnb_fee_discount", .bool, "false", "Pay fees in BNB: 10 % off."),
        ScenarioKey(
            "exchange.slippage_bps", .integer(min: 0, max: 10_000), "0",
            "Slippage against takers in basis points."),
        ScenarioKey(
            "exchange.slippage_ticks", .integer(min: 0, max: 1_000_000), "0",
            "Slippage against takers in ticks (used when slippage_bps is 0)."),
        ScenarioKey(
            "exchange.price_path", .choice(PricePathPolicy.scenarioNames), "adaptive",
            "Order of a bar's high and low: fixed, nearer extreme first, or adverse first."),
        ScenarioKey(
            "exchange.fill_reference", .choice(MarketFillReference.scenarioNames), "next_open",
            "Where market orders fill: next bar's open, the signal's current_price clamped to the bar, or the bar's close."
        ),
        ScenarioKey(
            "exchange.latency", .duration, "0s", "Order latency; market orders fill at the first open after it."),
        ScenarioKey(
            "exchange.limit_fill_on_touch", .bool, "false", "Resting limits fill when touched (default: when crossed)."),
        ScenarioKey(
            "exchange.close_side_min_notional_exempt", .bool, "true",
            "Close-side orders are exempt from MIN_NOTIONAL."),
        ScenarioKey(
            "exchange.max_conditional_orders", .integer(min: 1, max: 100_000), "200",
            "Conditional (algo) orders allowed per account."),
        ScenarioKey("engine", .section, "defaults", "The trade engine (live defaults)."),
        ScenarioKey(
            "engine.position_mode", .choice(SignalSettings.PositionMode.scenarioNames), "hedge",
            "Position mode of the aggregator."),
        ScenarioKey(
            "engine.position_mode_aware_conflicts", .bool, "true",
            "In hedge mode, BUY and SELL on one symbol do not conflict."),
        ScenarioKey(
            "engine.same_direction", .choice(SignalSettings.SameDirectionPolicy.scenarioNames), "accumulate",
            "How a same-direction signal from another strategy is handled."),
        ScenarioKey(
            "engine.max_accumulations", .integer(min: 1, max: 1_000_000), "10",
            "Same-direction signals accepted per symbol and action within the signal TTL (deterministic)."),
        ScenarioKey(
            "engine.deterministic_threshold", .decimal(min: "0", max: "1"), "0.6",
            "Deterministic processor minimum confidence."),
        ScenarioKey("engine.ml_threshold", .decimal(min: "0", max: "1"), "0.5", "ML processor minimum confidence."),
        ScenarioKey(
            "engine.llm_threshold", .decimal(min: "0", max: "1"), "0.7",
            "LLM processor approves above this confidence."),
        ScenarioKey(
            "engine.llm_size_cap", .decimal(min: "0", max: "1"), "0.8", "LLM processor position-size confidence cap."),
        ScenarioKey("engine.signal_ttl", .duration, "1h", "How long a signal stays active in the aggregator."),
        ScenarioKey("engine.duplicate_window", .duration, "10s", "Duplicate-signal window."),
        ScenarioKey(
            "engine.reentry_cooldown", .duration, "300s",
            "Re-entry cooldown per (symbol, side), across strategies."),
        ScenarioKey(
            "engine.require_source", .text, "none",
            "Only accept buy/sell signals from this source (live: petrosa-cio)."),
        ScenarioKey("engine.risk_management", .bool, "true", "Enable the risk limits."),
        ScenarioKey("engine.allowed_symbols", .symbolList, "all", "Symbol whitelist."),
        ScenarioKey(
            "engine.max_position_size_pct", .decimal(min: "0", max: "1"), "0.1",
            "Largest processor-scaled position_size_pct."),
        ScenarioKey(
            "engine.max_portfolio_exposure_pct", .decimal(min: "0", max: "1000"), "0.8",
            "Largest gross exposure / available balance."),
        ScenarioKey(
            "engine.max_daily_loss_pct", .decimal(min: "0", max: "1"), "0.05",
            "Daily realized loss limit / available balance (resets 00:00 UTC)."),
        ScenarioKey(
            "engine.max_position_size", .decimal(min: "0", max: "1000000000"), "10000",
            "Largest leg size in base units (not checked on a first entry)."),
        ScenarioKey("engine.max_leverage_bound", .integer(min: 1, max: 1000), "125", "Leverage bound guard."),
        ScenarioKey(
            "engine.portfolio_leverage_cap", .integer(min: 0, max: 1_000_000), "0",
            "Σ leverage of open strategy positions cap (0 = off)."),
        ScenarioKey(
            "engine.protection_working_type", .choice(WorkingType.scenarioNames), "mark_price",
            "What protective orders trigger on."),
        ScenarioKey(
            "engine.reconciler_delay", .duration, "300s",
            "live_compat: age before a ghost strategy position is evicted."),
        ScenarioKey(
            "engine.reconciler_interval", .duration, "60s", "live_compat: how often the reconciler runs."),
        ScenarioKey(
            "engine.live_oco_outcome", .choice(LiveOcoOutcome.scenarioNames), "owner_closed",
            "live_compat: whether the OCO monitor sees the filled leg or finds both legs gone."),
        ScenarioKey(
            "protection", .choice(ProtectionModel.scenarioNames), "per_strategy",
            "How exits reach strategies (see Protection models)."),
        ScenarioKey("report", .section, "defaults", "Where and how the report is written."),
        ScenarioKey(
            "report.path", .path, "reports/<name>.sqlite",
            "The SQLite report file (the default is relative to the current folder)."),
        ScenarioKey("report.equity_interval", .duration, "1h", "Equity sampling interval."),
        ScenarioKey(
            "report.indexes", .choice(ReportIndexes.scenarioNames), "minimal",
            "The report's indexes: those the views and `hedgesim report` use, or every live-schema index."),
        ScenarioKey(
            "statistics", .section, "defaults", "How differences between runs are tested (docs/statistics.md)."),
        ScenarioKey("statistics.bootstrap", .section, "defaults", "The paired block bootstrap."),
        ScenarioKey(
            "statistics.bootstrap.resamples", .integer(min: 1, max: 1_000_000), "2000", "Bootstrap resamples."),
        ScenarioKey(
            "statistics.bootstrap.block", .duration, "1d",
            "Bootstrap block length, whole days (longer blocks for autocorrelated daily PnL)."),
        ScenarioKey(
            "statistics.bootstrap.seed", .integer(min: 0, max: Int.max), "1", "Seed of the bootstrap's draws."),
    ]

    /// The key at a dotted path.
    public static func key(_ path: String) -> ScenarioKey? { keys.first { $0.path == path } }

    /// The child key names of a section (`""` for the top level), in documentation order.
    public static func children(of section: String) -> [String] {
        keys.compactMap { key in
            let parent = key.path.split(separator: ".").dropLast().joined(separator: ".")
            guard parent == section else { return nil }
            return String(key.path.split(separator: ".").last!)
        }
    }

    /// The closest known name to `name` among `candidates`, if it is close enough to be a typo.
    public static func suggestion(for name: String, among candidates: [String]) -> String? {
        var best: (String, Int)? = nil
        for candidate in candidates {
            let d = editDistance(name.lowercased(), candidate.lowercased())
            if best == nil || d < best!.1 { best = (candidate, d) }
        }
        guard let (candidate, distance) = best else { return nil }
        let limit = max(2, candidate.count / 3)
        return distance <= limit ? candidate : nil
    }

    /// Levenshtein distance.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8), b = Array(b.utf8)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
