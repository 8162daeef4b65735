import Market
import Results

extension Scenario {
    /// Every resolved setting as `(dotted key, JSON value)`, sorted by key. Paths are as given
    /// after resolution; the report stores them so a run can be reproduced.
    public var resolvedSettings: [(key: String, json: String)] { settings(fileNames: false) }

    /// `resolvedSettings`, with every file named by its last path component when `fileNames`.
    func settings(fileNames: Bool) -> [(key: String, json: String)] {
        func s(_ text: String) -> String { JSONString.quoted(text) }
        func p(_ path: String) -> String { s(fileNames ? ResultText.fileName(path) : path) }
        func list(_ items: [String]) -> String { "[" + items.map(p).joined(separator: ",") + "]" }
        func files(_ items: [SymbolFile]) -> String {
            "{" + items.map { "\(s($0.symbol.name)):\(p($0.path))" }.joined(separator: ",") + "}"
        }
        var leverage = String(account.leverage)
        if !account.leverageBySymbol.isEmpty {
            leverage =
                "{\"default\":\(account.leverage),"
                + account.leverageBySymbol.map { "\(s($0.symbol.name)):\($0.value)" }.joined(separator: ",") + "}"
        }
        var margin = s(account.marginMode.scenarioName)
        if !account.marginModeBySymbol.isEmpty {
            margin =
                "{\"default\":\(s(account.marginMode.scenarioName)),"
                + account.marginModeBySymbol.map { "\(s($0.symbol.name)):\(s($0.value.scenarioName))" }.joined(
                    separator: ",")
                + "}"
        }
        let e = engine
        let x = exchange
        var pairs: [(String, String)] = [
            ("name", s(name)),
            ("data.interval", s(data.interval.rawValue)),
            ("data.start", data.start.map { s($0.iso8601) } ?? "null"),
            ("data.end", data.end.map { s($0.iso8601) } ?? "null"),
            ("data.klines", files(data.klines)),
            ("data.mark_klines", files(data.markKlines)),
            ("data.detail_klines", files(data.detailKlines)),
            ("data.funding", files(data.funding)),
            ("data.symbol_rules", p(data.symbolRules)),
            ("data.leverage_brackets", data.leverageBrackets.map(p) ?? "null"),
            ("signals", list(signals)),
            ("account.initial_balance", account.initialBalance.description),
            ("account.leverage", leverage),
            ("account.margin_mode", margin),
            ("exchange.maker_fee", x.makerFee.description),
            ("exchange.taker_fee", x.takerFee.description),
            ("exchange.bnb_fee_discount", String(x.bnbFeeDiscount)),
            ("exchange.slippage_bps", String(x.slippageBps)),
            ("exchange.slippage_ticks", String(x.slippageTicks)),
            ("exchange.price_path", s(x.pricePath.scenarioName)),
            ("exchange.fill_reference", s(x.fillReference.scenarioName)),
            ("exchange.latency_ms", String(x.latencyMilliseconds)),
            ("exchange.limit_fill_on_touch", String(x.limitFillOnTouch)),
            ("exchange.close_side_min_notional_exempt", String(x.closeSideMinNotionalExempt)),
            ("exchange.max_conditional_orders", String(x.maxConditionalOrders)),
            ("engine.position_mode", s(e.positionMode.scenarioName)),
            ("engine.position_mode_aware_conflicts", String(e.positionModeAwareConflicts)),
            ("engine.same_direction", s(e.sameDirection.scenarioName)),
            ("engine.max_accumulations", String(e.maxAccumulations)),
            ("engine.deterministic_threshold", e.deterministicThreshold.description),
            ("engine.ml_threshold", e.mlThreshold.description),
            ("engine.llm_threshold", e.llmThreshold.description),
            ("engine.llm_size_cap", e.llmSizeCap.description),
            ("engine.signal_ttl_ms", String(e.signalTTLMilliseconds)),
            ("engine.duplicate_window_ms", String(e.duplicateWindowMilliseconds)),
            ("engine.reentry_cooldown_ms", String(e.reentryCooldownMilliseconds)),
            ("engine.require_source", e.requireSource.map(s) ?? "null"),
            ("engine.risk_management", String(e.riskManagement)),
            ("engine.allowed_symbols", list(e.allowedSymbols.map(\.name))),
            ("engine.max_position_size_pct", e.maxPositionSizePercent.description),
            ("engine.max_portfolio_exposure_pct", e.maxPortfolioExposurePercent.description),
            ("engine.max_daily_loss_pct", e.maxDailyLossPercent.description),
            ("engine.max_position_size", e.maxPositionSize.description),
            ("engine.max_leverage_bound", String(e.maxLeverageBound)),
            ("engine.portfolio_leverage_cap", String(e.portfolioLeverageCap)),
            // The Binance spelling (MARK_PRICE), not the scenario file's.
            ("engine.protection_working_type", s(e.protectionWorkingType.rawValue)),
            ("engine.reconciler_delay_ms", String(e.reconcilerDelayMilliseconds)),
            ("engine.reconciler_interval_ms", String(e.reconcilerIntervalMilliseconds)),
            ("engine.live_oco_outcome", s(e.liveOcoOutcome.scenarioName)),
            ("protection", s(protection.scenarioName)),
            ("report.equity_interval_ms", String(report.equityIntervalMilliseconds)),
        ]
        // Only when not the default, so that the digests of earlier runs stay as they were.
        if signalTime != .field { pairs.append(("signal_time", s(signalTime.scenarioName))) }
        pairs.sort { $0.0 < $1.0 }
        return pairs.map { (key: $0.0, json: $0.1) }
    }

    /// The resolved settings as one canonical JSON object (sorted keys, no whitespace).
    public var settingsJSON: String { Self.json(settings(fileNames: false)) }

    /// `settingsJSON` with every file named by its last path component: what the result digest
    /// hashes, so that a run's digest does not depend on the folder it was started from or how
    /// the scenario's path was spelled (the files' bytes are in the data digest).
    public var portableSettingsJSON: String { Self.json(settings(fileNames: true)) }

    static func json(_ settings: [(key: String, json: String)]) -> String {
        "{" + settings.map { "\(JSONString.quoted($0.key)):\($0.json)" }.joined(separator: ",") + "}"
    }
}
