public import Market

/// One symbol's leverage brackets.
public struct SymbolBrackets: Sendable, Hashable {
    public var symbol: Symbol
    /// Ascending by notional.
    public var brackets: [LeverageBracket]

    public init(symbol: Symbol, brackets: [LeverageBracket]) {
        self.symbol = symbol
        self.brackets = brackets
    }
}

/// Reads leverage brackets: Binance's `GET /fapi/v1/leverageBracket` response
/// (`[{symbol, brackets: [{bracket, initialLeverage, notionalCap, notionalFloor,
/// maintMarginRatio, cum}]}]`, or one such object) and freqtrade's `binance_leverage_tiers.json`
/// (an object keyed by ccxt symbols such as `BTC/USDT:USDT` whose tiers carry the raw Binance
/// values under `info`; the symbol becomes `BTCUSDT`).
///
/// Each symbol's brackets are checked: numbered 1, 2, … with each floor equal to the previous
/// cap, floor < cap, leverage ≥ 1, 0 ≤ maintMarginRatio ≤ 1, and
/// `cum_n = cum_{n−1} + floor_n × (MMR_n − MMR_{n−1})`.
public enum LeverageBracketReader {
    /// Reads the file at `path` (plain, `.zst` or `.zip`).
    ///
    /// - Throws: `FeedError` naming the first problem's line.
    public static func read(_ path: String) throws(FeedError) -> [SymbolBrackets] {
        try read(JSONFile.read(path), path: path)
    }

    /// Reads an already parsed document.
    public static func read(_ json: JSONValue, path: String) throws(FeedError) -> [SymbolBrackets] {
        var problems: FeedProblems? = nil
        return try read(json, path: path, problems: &problems)
    }

    /// Reads the whole file and reports every problem (one per symbol at most).
    public static func verify(_ path: String, limit: Int = 100) -> (brackets: [SymbolBrackets], problems: FeedProblems)
    {
        var problems: FeedProblems? = FeedProblems(limit: limit)
        var result: [SymbolBrackets] = []
        do {
            result = try read(JSONFile.read(path), path: path, problems: &problems)
        } catch {
            problems?.record(error)
        }
        return (result, problems ?? FeedProblems())
    }

    /// True when `json` looks like a brackets document of either shape.
    public static func matches(_ json: JSONValue) -> Bool {
        if let items = json.array { return items.first?["brackets"] != nil }
        guard let members = json.members else { return false }
        if json["brackets"] != nil { return true }
        guard let first = members.first?.value.array?.first else { return false }
        return first["info"] != nil || first["maintenanceMarginRate"] != nil
    }

    static func read(
        _ json: JSONValue, path: String, problems: inout FeedProblems?
    ) throws(FeedError)
        -> [SymbolBrackets]
    {
        var result: [SymbolBrackets] = []
        func collect(_ body: () throws(FeedError) -> SymbolBrackets) throws(FeedError) {
            do {
                result.append(try body())
            } catch {
                if problems == nil { throw error }
                problems!.record(error)
            }
        }
        if let items = json.array {
            for item in items {
                try collect { () throws(FeedError) -> SymbolBrackets in try binanceEntry(item, path: path) }
            }
        } else if json["brackets"] != nil {
            try collect { () throws(FeedError) -> SymbolBrackets in try binanceEntry(json, path: path) }
        } else if let members = json.members {
            for member in members {
                try collect { () throws(FeedError) -> SymbolBrackets in
                    try freqtradeEntry(member, path: path)
                }
            }
        } else {
            throw FeedError(
                file: path, line: json.line, message: "not a leverage-bracket document", value: json.preview)
        }
        return result
    }

    static func binanceEntry(_ item: JSONValue, path: String) throws(FeedError) -> SymbolBrackets {
        guard item.members != nil else {
            throw FeedError(file: path, line: item.line, message: "bracket entry is not an object", value: item.preview)
        }
        let name = try item.text("symbol", path, context: "bracket entry")
        let list = try item.required("brackets", path, context: name)
        guard let tiers = list.array else {
            throw FeedError(
                file: path, line: list.line, message: "\(name) brackets is not an array", value: list.preview)
        }
        var brackets: [LeverageBracket] = []
        for tier in tiers { brackets.append(try bracket(tier, path: path, symbol: name)) }
        try check(brackets, tiers, path: path, symbol: name, line: list.line)
        return SymbolBrackets(symbol: Symbol(name), brackets: brackets)
    }

    static func freqtradeEntry(_ member: JSONMember, path: String) throws(FeedError) -> SymbolBrackets {
        let key = member.key
        // `BASE/QUOTE:SETTLE` → `BASEQUOTE`.
        let pair = key.split(separator: ":").first.map(String.init) ?? key
        let name = pair.filter { $0 != "/" }
        guard let tiers = member.value.array else {
            throw FeedError(
                file: path, line: member.value.line, message: "\(key) is not an array of tiers",
                value: member.value.preview)
        }
        var brackets: [LeverageBracket] = []
        var infos: [JSONValue] = []
        for tier in tiers {
            let info = try tier.required("info", path, context: "\(key) tier")
            brackets.append(try bracket(info, path: path, symbol: key))
            infos.append(info)
        }
        try check(brackets, infos, path: path, symbol: key, line: member.value.line)
        return SymbolBrackets(symbol: Symbol(name), brackets: brackets)
    }

    static func bracket(_ tier: JSONValue, path: String, symbol: String) throws(FeedError) -> LeverageBracket {
        guard tier.members != nil else {
            throw FeedError(
                file: path, line: tier.line, message: "\(symbol) bracket is not an object", value: tier.preview)
        }
        let context = "\(symbol) bracket"
        return LeverageBracket(
            bracket: try tier.integer("bracket", path, context: context),
            initialLeverage: try tier.integer("initialLeverage", path, context: context),
            notionalFloor: Money(raw: try tier.decimal("notionalFloor", path, context: context)),
            notionalCap: Money(raw: try cap(tier, path: path, context: context)),
            maintMarginRatio: Rate(raw: try tier.decimal("maintMarginRatio", path, context: context)),
            cum: Money(raw: try tier.decimal("cum", path, context: context)))
    }

    /// `notionalCap`, where Binance writes an unbounded last tier as a huge integer
    /// (`9223372036854775807`): whole numbers beyond the fixed-point range become the largest
    /// `Money`.
    static func cap(_ tier: JSONValue, path: String, context: String) throws(FeedError) -> Int64 {
        if let text = tier["notionalCap"]?.numberText, !text.isEmpty, text.count > 11,
            text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        {
            return FixedPointParser.parse(text) ?? Int64.max
        }
        return try tier.decimal("notionalCap", path, context: context)
    }

    static func check(
        _ brackets: [LeverageBracket], _ tiers: [JSONValue], path: String, symbol: String, line: Int
    ) throws(FeedError) {
        guard !brackets.isEmpty else {
            throw FeedError(file: path, line: line, message: "\(symbol) has no brackets", value: "[]")
        }
        for (index, tier) in brackets.enumerated() {
            let at = tiers[index].line
            func bad(_ message: String, _ value: String) -> FeedError {
                FeedError(file: path, line: at, message: "\(symbol) bracket \(tier.bracket): \(message)", value: value)
            }
            guard tier.bracket == index + 1 else { throw bad("brackets must be numbered 1, 2, …", "\(tier.bracket)") }
            guard tier.initialLeverage >= 1 else { throw bad("initialLeverage below 1", "\(tier.initialLeverage)") }
            guard tier.notionalFloor < tier.notionalCap else {
                throw bad("notionalFloor not below notionalCap", "\(tier.notionalFloor) ≥ \(tier.notionalCap)")
            }
            guard !tier.maintMarginRatio.isNegative, tier.maintMarginRatio <= Rate.one else {
                throw bad("maintMarginRatio outside 0…1", "\(tier.maintMarginRatio)")
            }
            if index == 0 {
                guard tier.cum.isZero else { throw bad("the first bracket's cum must be 0", "\(tier.cum)") }
                continue
            }
            let previous = brackets[index - 1]
            guard tier.notionalFloor == previous.notionalCap else {
                throw bad(
                    "notionalFloor differs from the previous notionalCap",
                    "\(tier.notionalFloor) vs \(previous.notionalCap)")
            }
            let expected =
                previous.cum
                + tier.notionalFloor.scaled(by: tier.maintMarginRatio - previous.maintMarginRatio, .nearest)
            guard tier.cum == expected else {
                throw bad(
                    "cum breaks cum_n = cum_{n−1} + floor_n × (MMR_n − MMR_{n−1})", "\(tier.cum), expected \(expected)")
            }
        }
    }
}

extension Array where Element == SymbolRules {
    /// The rules with each symbol's brackets attached (symbols without brackets keep theirs).
    public func attaching(_ brackets: [SymbolBrackets]) -> [SymbolRules] {
        var bySymbol: [Symbol: [LeverageBracket]] = [:]
        for entry in brackets where bySymbol[entry.symbol] == nil { bySymbol[entry.symbol] = entry.brackets }
        return map { rules in
            var copy = rules
            if let found = bySymbol[rules.symbol] { copy.brackets = found }
            return copy
        }
    }
}
