public import Market

extension RunResult: ResultRecord {
    /// One row per run. The digest's `run` row holds what decides the results: the settings with
    /// files named without their folders, the engine version, the bars, the initial balance.
    public static let table = ResultTable(
        RunResult.self, "runs", digest: "run", indexes: ["CREATE UNIQUE INDEX runs_pk ON runs(run_id);"],
        order: "run_id")

    @inlinable public static func columns<V: ResultColumnVisitor>(_ v: inout V) where V.Record == Self {
        v.text(.report("label")) { $0.label }
        v.text(.report("scenario")) { $0.header.scenario }
        v.text(.report("scenario_file")) { $0.header.scenarioFile }
        v.text(.report("description")) { $0.header.description }
        v.text(.report("settings_json")) { $0.header.settingsJSON }
        v.text(.digest("portable_settings_json")) { $0.header.portableSettingsJSON }
        v.text(.report("same_direction")) { $0.header.sameDirection }
        v.text(.report("protection")) { $0.header.protection }
        v.text(.report("position_mode")) { $0.header.positionMode }
        v.text(.report("price_path")) { $0.header.pricePath }
        v.text(.report("fill_reference")) { $0.header.fillReference }
        v.text(.report("interval")) { $0.header.interval }
        v.text(.report("symbols")) { ResultText.jsonArray($0.header.symbols) }
        v.text(.report("data_digest")) { $0.dataDigest }
        v.text(.report("result_digest")) { $0.resultDigest }
        v.text("engine_version") { $0.engineVersion }
        v.integer("bars") { $0.bars }
        v.time(.report("first_bar_time")) { $0.firstBar }
        v.time(.report("last_bar_time")) { $0.lastBar }
        v.integer(.report("signals_total")) { $0.signalCounts.total }
        v.integer(.report("signals_decided")) { $0.signalCounts.decided }
        v.integer(.report("signals_outside_range")) { $0.signalCounts.outsideRange }
        v.integer(.report("signals_unknown_symbol")) { $0.signalCounts.unknownSymbol }
        v.decimal("initial_balance") { $0.initialBalance }
        v.decimal(.report("final_wallet")) { $0.finalWallet }
        v.decimal(.report("final_equity")) { $0.finalEquity }
    }
}

extension RunTimings: ResultRecord {
    /// Wall-clock seconds: outside the digest.
    public static let table = ResultTable(
        RunTimings.self, "run_timings", digest: nil,
        indexes: ["CREATE UNIQUE INDEX run_timings_pk ON run_timings(run_id);"], order: "run_id")

    @inlinable public static func columns<V: ResultColumnVisitor>(_ v: inout V) where V.Record == Self {
        v.real("read_seconds") { $0.read }
        v.real("simulate_seconds") { $0.simulate }
        v.real("report_seconds") { $0.report }
    }
}

extension PriceBar: ResultRecord {
    /// Derived from the input klines (in the data digest): outside the result digest.
    public static let table = ResultTable(
        PriceBar.self, "price_bars", digest: nil,
        indexes: ["CREATE UNIQUE INDEX price_bars_pk ON price_bars(run_id, symbol, time);"],
        order: "run_id, symbol, time")

    @inlinable public static func columns<V: ResultColumnVisitor>(_ v: inout V) where V.Record == Self {
        v.text("symbol") { $0.symbol.name }
        v.time("time") { $0.time }
        v.decimal("open") { $0.open }
        v.decimal("high") { $0.high }
        v.decimal("low") { $0.low }
        v.decimal("close") { $0.close }
    }
}
