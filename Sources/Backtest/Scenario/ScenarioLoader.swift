import Foundation
import Market

/// Reads, overrides and validates scenario files.
///
/// Strict: an unknown key is an error with a did-you-mean suggestion; type and range errors name
/// the key path, the value and the line. `--set path=value` overrides any key (the value is
/// YAML: `--set data.klines.BTCUSDT=btc.csv.zst`, `--set signals=[a.jsonl,b.jsonl]`).
public enum ScenarioLoader {
    /// Loads a scenario file with overrides applied.
    public static func load(path: String, overrides: [String] = []) throws(ScenarioError) -> Scenario {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw ScenarioError(.missingFile, file: path, line: 0, message: "no such file")
        }
        guard !isFolder.boolValue else {
            throw ScenarioError(.missingFile, file: path, line: 0, message: "is a folder, not a scenario file")
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw ScenarioError(file: path, line: 0, message: "not readable as UTF-8 text")
        }
        return try load(text: text, file: path, overrides: overrides)
    }

    /// Loads scenario text; `file` names it in errors and relative paths resolve against its folder.
    public static func load(text: String, file: String, overrides: [String] = []) throws(ScenarioError) -> Scenario {
        var root = try YAMLValue.parse(text, file: file)
        if case .null = root { root = .mapping([], line: 1) }
        for override in overrides {
            root = try apply(override: override, to: root, file: file)
        }
        var reader = Reader(file: file, baseDirectory: directory(of: file))
        return try reader.scenario(from: root)
    }

    /// Applies one `path=value` override.
    static func apply(override: String, to root: YAMLValue, file: String) throws(ScenarioError) -> YAMLValue {
        guard let equals = override.firstIndex(of: "=") else {
            throw ScenarioError(.usage, file: "--set", line: 0, message: "expected path=value", value: override)
        }
        let path = String(override[..<equals]).trimmingCharacters(in: .whitespaces)
        let valueText = String(override[override.index(after: equals)...])
        let components = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !path.isEmpty, components.allSatisfy({ !$0.isEmpty }) else {
            throw ScenarioError(.usage, file: "--set", line: 0, message: "expected path=value", value: override)
        }
        // The path must name a key, or an entry of a per-symbol map.
        let known = ScenarioSchema.key(path) != nil
        let parent = components.dropLast().joined(separator: ".")
        let perSymbolParent = ScenarioSchema.key(parent).map { key in
            switch key.kind {
            case .symbolPaths, .leverage, .marginMode: true
            default: false
            }
        }
        guard known || perSymbolParent == true else {
            var message = "unknown key `\(path)`"
            let siblings = ScenarioSchema.children(of: parent)
            if let hint = ScenarioSchema.suggestion(for: components.last!, among: siblings) {
                message += "; did you mean `\(parent.isEmpty ? hint : parent + "." + hint)`?"
            }
            throw ScenarioError(.usage, file: "--set", line: 0, message: message, value: override)
        }
        guard !valueText.allSatisfy(\.isWhitespace) else {
            throw ScenarioError(
                .usage, file: "--set", line: 0, message: "empty value for `\(path)` (write `\(path)=null` for none)",
                value: override)
        }
        let value: YAMLValue
        do {
            value = try YAMLValue.parse(valueText, file: "--set").withLine(0)
        } catch  where error.value == YAMLValue.nestingLimitName {
            throw ScenarioError(
                .usage, file: "--set", line: 0, message: "value for `\(path)` \(error.message)", value: error.value)
        } catch {
            throw ScenarioError(
                .usage, file: "--set", line: 0, message: "invalid value for `\(path)`", value: valueText)
        }
        return root.setting(components, to: value)
    }

    static func directory(of file: String) -> String {
        guard let slash = file.lastIndex(of: "/") else { return "." }
        return slash == file.startIndex ? "/" : String(file[..<slash])
    }
}

extension YAMLValue {
    /// The same value with every line set to `line` (values from `--set` have no line).
    func withLine(_ line: Int) -> YAMLValue {
        switch self {
        case .scalar(let text, _, let quoted): .scalar(text, line: line, quoted: quoted)
        case .null: .null(line: line)
        case .sequence(let items, _): .sequence(items.map { $0.withLine(line) }, line: line)
        case .mapping(let pairs, _): .mapping(pairs.map { ($0.key, line, $0.value.withLine(line)) }, line: line)
        }
    }
}

/// Walks the YAML tree against the schema and builds a `Scenario`.
private struct Reader {
    let file: String
    let baseDirectory: String

    func error(_ value: YAMLValue, _ message: String, _ shown: String? = nil) -> ScenarioError {
        ScenarioError(file: value.line > 0 ? file : "--set", line: value.line, message: message, value: shown)
    }

    /// The pairs of a mapping, after checking every key against the schema.
    func pairs(
        _ value: YAMLValue, section: String
    ) throws(ScenarioError) -> [(key: String, keyLine: Int, value: YAMLValue)] {
        guard case .mapping(let pairs, _) = value else {
            throw error(value, "`\(section.isEmpty ? "scenario" : section)` must be a mapping", value.display)
        }
        let known = ScenarioSchema.children(of: section)
        for pair in pairs where !known.contains(pair.key) {
            let path = section.isEmpty ? pair.key : section + "." + pair.key
            var message = "unknown key `\(path)`"
            if let hint = ScenarioSchema.suggestion(for: pair.key, among: known) {
                message += "; did you mean `\(section.isEmpty ? hint : section + "." + hint)`?"
            }
            let line = pair.keyLine > 0 ? pair.keyLine : pair.value.line
            throw ScenarioError(file: line > 0 ? file : "--set", line: line, message: message)
        }
        return pairs
    }

    func text(_ value: YAMLValue, _ path: String) throws(ScenarioError) -> String {
        guard case .scalar(let text, _, _) = value else {
            throw error(value, "`\(path)` must be text", value.display)
        }
        return text
    }

    func bool(_ value: YAMLValue, _ path: String) throws(ScenarioError) -> Bool {
        guard case .scalar(let text, _, false) = value else {
            throw error(value, "`\(path)` must be true or false", value.display)
        }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error(value, "`\(path)` must be true or false", text)
        }
    }

    func integer(_ value: YAMLValue, _ path: String, min: Int, max: Int) throws(ScenarioError) -> Int {
        guard case .scalar(let text, _, false) = value, let number = Int(text.replacingOccurrences(of: "_", with: ""))
        else {
            throw error(value, "`\(path)` must be an integer", value.display)
        }
        guard number >= min && number <= max else {
            let range = max == Int.max ? "≥ \(min)" : "between \(min) and \(max)"
            throw error(value, "`\(path)` must be \(range)", text)
        }
        return number
    }

    func decimal<T: FixedPoint>(
        _ value: YAMLValue, _ path: String, min: String, max: String?
    ) throws(ScenarioError) -> T {
        guard case .scalar(let text, _, false) = value, let number = T(text.replacingOccurrences(of: "_", with: ""))
        else {
            throw error(value, "`\(path)` must be a decimal number", value.display)
        }
        let low = T(min)!
        if number < low || (max.map { number > T($0)! } ?? false) {
            let range = max.map { "between \(min) and \($0)" } ?? (min == "0" ? "≥ 0" : "> 0")
            throw error(value, "`\(path)` must be \(range)", text)
        }
        return number
    }

    /// One of the values of `Choice`, by its scenario spelling.
    func choice<Choice: ScenarioChoice>(_ value: YAMLValue, _ path: String) throws(ScenarioError) -> Choice {
        let text = try text(value, path)
        guard let choice = Choice(scenarioName: text) else {
            let options = Choice.scenarioNames
            var message = "`\(path)` must be one of \(options.joined(separator: ", "))"
            if let hint = ScenarioSchema.suggestion(for: text, among: options) {
                message += "; did you mean `\(hint)`?"
            }
            throw error(value, message, text)
        }
        return choice
    }

    func duration(_ value: YAMLValue, _ path: String) throws(ScenarioError) -> Int64 {
        let text = try text(value, path).trimmingCharacters(in: .whitespaces)
        guard let ms = Self.parseDuration(text), ms >= 0 else {
            throw error(value, "`\(path)` must be a duration such as 10s, 5m, 1h or 250ms", text)
        }
        guard ms <= ReaderDurations.maximum else {
            throw error(value, "`\(path)` must be at most 3650d", text)
        }
        return ms
    }

    static func parseDuration(_ text: String) -> Int64? { ReaderDurations.parse(text) }
}

/// Duration text of scenario files.
enum ReaderDurations {
    /// The longest duration a scenario accepts: 3650 days, in ms (sums of times stay far from
    /// overflow).
    static let maximum: Int64 = 3650 * 86_400_000

    /// `250ms`, `10s`, `5m`, `1h`, `2d`, or a plain number of seconds; `Int64.max` when the value
    /// does not fit in milliseconds (above `maximum` either way).
    static func parse(_ text: String) -> Int64? {
        let units: [(String, Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000)]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            let number = text.dropLast(suffix.count)
            if let value = Int64(number) { return scaled(value, factor) }
            if suffix == "m" || suffix == "s" { continue }  // "ms" ends in "s"
            return nil
        }
        return Int64(text).map { scaled($0, 1000) }
    }

    /// `value × factor`, saturated at the ends of `Int64`.
    static func scaled(_ value: Int64, _ factor: Int64) -> Int64 {
        let (product, overflow) = value.multipliedReportingOverflow(by: factor)
        return overflow ? (value < 0 ? Int64.min : Int64.max) : product
    }
}

extension Reader {
    func timestamp(_ value: YAMLValue, _ path: String) throws(ScenarioError) -> Timestamp {
        let text = try text(value, path)
        guard let time = Timestamp(iso8601: text) else {
            throw error(value, "`\(path)` must be an ISO-8601 time such as 2026-02-01T00:00:00Z", text)
        }
        return time
    }

    func path(_ value: YAMLValue, _ keyPath: String) throws(ScenarioError) -> String {
        let text = try text(value, keyPath)
        guard !text.isEmpty else { throw error(value, "`\(keyPath)` must be a path", text) }
        return resolve(text)
    }

    func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return Self.normalize(path) }
        if path.hasPrefix("~/") { return NSString(string: path).expandingTildeInPath }
        return Self.normalize(baseDirectory == "." ? path : baseDirectory + "/" + path)
    }

    /// Removes `.` and `dir/..` components without touching the file system.
    static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    func existing(_ value: YAMLValue, _ keyPath: String) throws(ScenarioError) -> String {
        let resolved = try path(value, keyPath)
        guard FileManager.default.fileExists(atPath: resolved) else {
            throw ScenarioError(
                .missingFile, file: value.line > 0 ? file : "--set", line: value.line,
                message: "`\(keyPath)`: no such file", value: resolved)
        }
        return resolved
    }

    func symbol(_ name: String, _ value: YAMLValue, _ path: String) throws(ScenarioError) -> Symbol {
        let valid = !name.isEmpty && name.utf8.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) }
        guard valid else { throw error(value, "`\(path)` keys must be symbols such as BTCUSDT", name) }
        return Symbol(name)
    }

    func symbolFiles(_ value: YAMLValue, _ path: String) throws(ScenarioError) -> [Scenario.SymbolFile] {
        if case .null = value { return [] }
        guard case .mapping(let pairs, _) = value else {
            throw error(value, "`\(path)` must map symbols to files", value.display)
        }
        var result: [Scenario.SymbolFile] = []
        for pair in pairs {
            let symbol = try symbol(pair.key, pair.value, path)
            result.append(
                .init(symbol: symbol, path: try existing(pair.value, "\(path).\(pair.key)"), line: pair.value.line))
        }
        return result.sorted { $0.symbol < $1.symbol }
    }

    mutating func scenario(from root: YAMLValue) throws(ScenarioError) -> Scenario {
        let top = try pairs(root, section: "")
        func find(_ key: String) -> YAMLValue? { top.first { $0.key == key }?.value }

        guard let dataValue = find("data") else {
            throw ScenarioError(file: file, line: root.line, message: "missing required key `data`")
        }
        let data = try dataSection(dataValue)
        guard let signalsValue = find("signals") else {
            throw ScenarioError(file: file, line: root.line, message: "missing required key `signals`")
        }
        let signals: [String]
        switch signalsValue {
        case .scalar: signals = [try existing(signalsValue, "signals")]
        case .sequence(let items, _):
            var list: [String] = []
            for item in items { list.append(try existing(item, "signals")) }
            signals = list
        default: throw error(signalsValue, "`signals` must be a path or a list of paths", signalsValue.display)
        }
        guard !signals.isEmpty else { throw error(signalsValue, "`signals` must name at least one file") }

        let baseName = file.split(separator: "/").last.map(String.init) ?? file
        let name =
            try find("name").map { v throws(ScenarioError) in try text(v, "name") }
            ?? (baseName.hasSuffix(".yaml") ? String(baseName.dropLast(5)) : baseName)
        var scenario = Scenario(
            file: file, name: name,
            description: try find("description").map { v throws(ScenarioError) in try text(v, "description") },
            data: data, signals: signals,
            report: Scenario.ReportSection(path: "reports/\(name).sqlite"))
        if let account = find("account") {
            try accountSection(account, into: &scenario.account, symbols: scenario.symbols)
        }
        if let exchange = find("exchange") { try exchangeSection(exchange, into: &scenario.exchange) }
        if let engine = find("engine") { try engineSection(engine, into: &scenario.engine) }
        if let signalTime = find("signal_time") { scenario.signalTime = try choice(signalTime, "signal_time") }
        if let protection = find("protection") {
            scenario.protection = try choice(protection, "protection")
        }
        if let report = find("report") {
            for pair in try pairs(report, section: "report") {
                switch pair.key {
                case "path": scenario.report.path = try path(pair.value, "report.path")
                case "equity_interval":
                    let ms = try duration(pair.value, "report.equity_interval")
                    guard ms > 0 else {
                        throw error(pair.value, "`report.equity_interval` must be positive", pair.value.display)
                    }
                    scenario.report.equityIntervalMilliseconds = ms
                case "indexes": scenario.report.indexes = try choice(pair.value, "report.indexes")
                default: break
                }
            }
        }
        if let statistics = find("statistics") { try statisticsSection(statistics, into: &scenario.statistics) }
        return scenario
    }

    /// `statistics.bootstrap.*`: resamples, a block of whole days (1 to 10000), a seed.
    func statisticsSection(_ value: YAMLValue, into section: inout Scenario.StatisticsSection) throws(ScenarioError) {
        for pair in try pairs(value, section: "statistics") where pair.key == "bootstrap" {
            for entry in try pairs(pair.value, section: "statistics.bootstrap") {
                switch entry.key {
                case "resamples":
                    section.resamples = try integer(
                        entry.value, "statistics.bootstrap.resamples", min: 1, max: 1_000_000)
                case "block":
                    let ms = try duration(entry.value, "statistics.bootstrap.block")
                    let day: Int64 = 86_400_000
                    guard ms >= day, ms % day == 0, ms / day <= 10_000 else {
                        throw error(
                            entry.value, "`statistics.bootstrap.block` must be whole days from 1d to 10000d",
                            entry.value.display)
                    }
                    section.blockDays = Int(ms / day)
                case "seed":
                    section.seed = UInt64(try integer(entry.value, "statistics.bootstrap.seed", min: 0, max: Int.max))
                default: break
                }
            }
        }
    }

    func dataSection(_ value: YAMLValue) throws(ScenarioError) -> Scenario.DataSection {
        let pairs = try pairs(value, section: "data")
        func find(_ key: String) -> YAMLValue? { pairs.first { $0.key == key }?.value }
        guard let intervalValue = find("interval") else {
            throw ScenarioError(file: file, line: value.line, message: "missing required key `data.interval`")
        }
        let intervalText = try text(intervalValue, "data.interval")
        guard let interval = Interval(name: intervalText) else {
            throw error(
                intervalValue,
                "`data.interval` must be one of 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d, 3d, 1w, 1M",
                intervalText)
        }
        guard let klinesValue = find("klines") else {
            throw ScenarioError(file: file, line: value.line, message: "missing required key `data.klines`")
        }
        let klines = try symbolFiles(klinesValue, "data.klines")
        guard !klines.isEmpty else { throw error(klinesValue, "`data.klines` must name at least one symbol") }
        guard let rulesValue = find("symbol_rules") else {
            throw ScenarioError(file: file, line: value.line, message: "missing required key `data.symbol_rules`")
        }
        var section = Scenario.DataSection(
            interval: interval, start: nil, end: nil, klines: klines,
            symbolRules: try existing(rulesValue, "data.symbol_rules"))
        let symbols = klines.map(\.symbol)
        for pair in pairs {
            switch pair.key {
            case "start": section.start = try timestamp(pair.value, "data.start")
            case "end": section.end = try timestamp(pair.value, "data.end")
            case "mark_klines", "detail_klines", "funding":
                let files = try symbolFiles(pair.value, "data.\(pair.key)")
                for f in files where !symbols.contains(f.symbol) {
                    throw error(pair.value, "`data.\(pair.key)` names a symbol without klines", f.symbol.name)
                }
                switch pair.key {
                case "mark_klines": section.markKlines = files
                case "detail_klines": section.detailKlines = files
                default: section.funding = files
                }
            case "leverage_brackets":
                if case .null = pair.value { break }
                section.leverageBrackets = try existing(pair.value, "data.leverage_brackets")
            default: break
            }
        }
        if let start = section.start, let end = section.end, end < start {
            let endValue = find("end")!
            throw error(endValue, "`data.end` is before `data.start`", "\(end.iso8601) < \(start.iso8601)")
        }
        return section
    }

    func accountSection(
        _ value: YAMLValue, into account: inout Scenario.AccountSection, symbols: [Symbol]
    )
        throws(ScenarioError)
    {
        for pair in try pairs(value, section: "account") {
            switch pair.key {
            case "initial_balance":
                account.initialBalance = try decimal(
                    pair.value, "account.initial_balance", min: "0.00000001", max: "1000000000")
            case "leverage":
                if case .mapping(let entries, _) = pair.value {
                    for entry in entries {
                        let s = try symbol(entry.key, entry.value, "account.leverage")
                        guard symbols.contains(s) else {
                            throw error(entry.value, "`account.leverage` names a symbol without klines", s.name)
                        }
                        let lev = try integer(entry.value, "account.leverage.\(entry.key)", min: 1, max: 125)
                        account.leverageBySymbol.append(.init(symbol: s, value: lev))
                    }
                    account.leverageBySymbol.sort { $0.symbol < $1.symbol }
                } else {
                    account.leverage = try integer(pair.value, "account.leverage", min: 1, max: 125)
                }
            case "margin_mode":
                if case .mapping(let entries, _) = pair.value {
                    for entry in entries {
                        let s = try symbol(entry.key, entry.value, "account.margin_mode")
                        let mode: MarginMode = try choice(entry.value, "account.margin_mode.\(entry.key)")
                        account.marginModeBySymbol.append(.init(symbol: s, value: mode))
                    }
                    account.marginModeBySymbol.sort { $0.symbol < $1.symbol }
                } else {
                    account.marginMode = try choice(pair.value, "account.margin_mode")
                }
            default: break
            }
        }
    }

    func exchangeSection(_ value: YAMLValue, into e: inout Scenario.ExchangeSection) throws(ScenarioError) {
        for pair in try pairs(value, section: "exchange") {
            let path = "exchange." + pair.key
            let v = pair.value
            switch pair.key {
            case "maker_fee": e.makerFee = try decimal(v, path, min: "0", max: "0.01")
            case "taker_fee": e.takerFee = try decimal(v, path, min: "0", max: "0.01")
            case "bnb_fee_discount": e.bnbFeeDiscount = try bool(v, path)
            case "slippage_bps": e.slippageBps = try integer(v, path, min: 0, max: 10_000)
            case "slippage_ticks": e.slippageTicks = try integer(v, path, min: 0, max: 1_000_000)
            case "price_path": e.pricePath = try choice(v, path)
            case "fill_reference": e.fillReference = try choice(v, path)
            case "latency": e.latencyMilliseconds = try duration(v, path)
            case "limit_fill_on_touch": e.limitFillOnTouch = try bool(v, path)
            case "close_side_min_notional_exempt": e.closeSideMinNotionalExempt = try bool(v, path)
            case "max_conditional_orders": e.maxConditionalOrders = try integer(v, path, min: 1, max: 100_000)
            default: break
            }
        }
    }

    func engineSection(_ value: YAMLValue, into e: inout Scenario.EngineSection) throws(ScenarioError) {
        for pair in try pairs(value, section: "engine") {
            let path = "engine." + pair.key
            let v = pair.value
            switch pair.key {
            case "position_mode": e.positionMode = try choice(v, path)
            case "position_mode_aware_conflicts": e.positionModeAwareConflicts = try bool(v, path)
            case "same_direction": e.sameDirection = try choice(v, path)
            case "max_accumulations": e.maxAccumulations = try integer(v, path, min: 1, max: 1_000_000)
            case "deterministic_threshold": e.deterministicThreshold = try decimal(v, path, min: "0", max: "1")
            case "ml_threshold": e.mlThreshold = try decimal(v, path, min: "0", max: "1")
            case "llm_threshold": e.llmThreshold = try decimal(v, path, min: "0", max: "1")
            case "llm_size_cap": e.llmSizeCap = try decimal(v, path, min: "0", max: "1")
            case "signal_ttl": e.signalTTLMilliseconds = try duration(v, path)
            case "duplicate_window": e.duplicateWindowMilliseconds = try duration(v, path)
            case "reentry_cooldown": e.reentryCooldownMilliseconds = try duration(v, path)
            case "require_source":
                if case .null = v { e.requireSource = nil } else { e.requireSource = try text(v, path) }
            case "risk_management": e.riskManagement = try bool(v, path)
            case "allowed_symbols":
                guard case .sequence(let items, _) = v else {
                    throw error(v, "`\(path)` must be a list of symbols", v.display)
                }
                var list: [Symbol] = []
                for item in items { list.append(try symbol(try text(item, path), item, path)) }
                e.allowedSymbols = list
            case "max_position_size_pct": e.maxPositionSizePercent = try decimal(v, path, min: "0", max: "1")
            case "max_portfolio_exposure_pct":
                e.maxPortfolioExposurePercent = try decimal(v, path, min: "0", max: "1000")
            case "max_daily_loss_pct": e.maxDailyLossPercent = try decimal(v, path, min: "0", max: "1")
            case "max_position_size": e.maxPositionSize = try decimal(v, path, min: "0", max: "1000000000")
            case "max_leverage_bound": e.maxLeverageBound = try integer(v, path, min: 1, max: 1000)
            case "portfolio_leverage_cap": e.portfolioLeverageCap = try integer(v, path, min: 0, max: 1_000_000)
            case "protection_working_type": e.protectionWorkingType = try choice(v, path)
            case "reconciler_delay": e.reconcilerDelayMilliseconds = try duration(v, path)
            case "reconciler_interval":
                e.reconcilerIntervalMilliseconds = try duration(v, path)
                guard e.reconcilerIntervalMilliseconds > 0 else {
                    throw error(v, "`\(path)` must be positive", v.display)
                }
            case "live_oco_outcome": e.liveOcoOutcome = try choice(v, path)
            default: break
            }
        }
    }
}
