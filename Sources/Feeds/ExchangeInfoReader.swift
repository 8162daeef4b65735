public import Market

/// Reads a USDⓈ-M futures `GET /fapi/v1/exchangeInfo` response into `SymbolRules`, one per
/// entry of `symbols`, in file order.
///
/// Filters read: PRICE_FILTER and LOT_SIZE (required), MARKET_LOT_SIZE (defaults to LOT_SIZE),
/// MIN_NOTIONAL `notional`, PERCENT_PRICE, MAX_NUM_ORDERS, MAX_NUM_ALGO_ORDERS; others
/// (POSITION_RISK_CONTROL) are ignored. Symbol fields: status, assets, price and quantity
/// precision, triggerProtect, liquidationFee, marketTakeBound (zero when absent). Numbers are
/// parsed exactly from their text, quoted or not.
public enum ExchangeInfoReader {
    /// Reads the file at `path` (plain, `.zst` or `.zip`).
    ///
    /// - Throws: `FeedError` naming the first problem's line.
    public static func read(_ path: String) throws(FeedError) -> [SymbolRules] {
        try read(JSONFile.read(path), path: path)
    }

    /// Reads an already parsed response.
    public static func read(_ json: JSONValue, path: String) throws(FeedError) -> [SymbolRules] {
        var problems: FeedProblems? = nil
        return try read(json, path: path, problems: &problems)
    }

    /// Reads the whole file and reports every problem (one per symbol at most).
    public static func verify(_ path: String, limit: Int = 100) -> (rules: [SymbolRules], problems: FeedProblems) {
        var problems: FeedProblems? = FeedProblems(limit: limit)
        var rules: [SymbolRules] = []
        do {
            rules = try read(JSONFile.read(path), path: path, problems: &problems)
        } catch {
            problems?.record(error)
        }
        return (rules, problems ?? FeedProblems())
    }

    static func read(
        _ json: JSONValue, path: String, problems: inout FeedProblems?
    ) throws(FeedError)
        -> [SymbolRules]
    {
        guard json.members != nil, let symbolsValue = json["symbols"], let symbols = symbolsValue.array else {
            throw FeedError(
                file: path, line: json.line, message: "not an exchangeInfo response: no \"symbols\" array",
                value: json.preview)
        }
        var result: [SymbolRules] = []
        result.reserveCapacity(symbols.count)
        for entry in symbols {
            do {
                result.append(try symbolRules(entry, path: path))
            } catch {
                if problems == nil { throw error }
                problems!.record(error)
            }
        }
        return result
    }

    static func symbolRules(_ entry: JSONValue, path: String) throws(FeedError) -> SymbolRules {
        guard entry.members != nil else {
            throw FeedError(
                file: path, line: entry.line, message: "symbol entry is not an object", value: entry.preview)
        }
        let name = try entry.text("symbol", path, context: "symbol entry")
        let context = name
        func optionalRate(_ key: String) throws(FeedError) -> Rate {
            entry[key] == nil ? .zero : Rate(raw: try entry.decimal(key, path, context: context))
        }
        func optionalText(_ key: String, _ fallback: String) throws(FeedError) -> String {
            entry[key] == nil ? fallback : try entry.text(key, path, context: context)
        }
        let filtersValue = try entry.required("filters", path, context: context)
        guard let filters = filtersValue.array else {
            throw FeedError(
                file: path, line: filtersValue.line, message: "\(context) filters is not an array",
                value: filtersValue.preview)
        }
        func filter(_ type: String) throws(FeedError) -> JSONValue? {
            for item in filters {
                guard let kind = item["filterType"]?.string else {
                    throw FeedError(
                        file: path, line: item.line, message: "\(context) filter has no filterType", value: item.preview
                    )
                }
                if kind == type { return item }
            }
            return nil
        }
        guard let price = try filter("PRICE_FILTER") else {
            throw FeedError(file: path, line: entry.line, message: "\(context) has no PRICE_FILTER", value: name)
        }
        guard let lot = try filter("LOT_SIZE") else {
            throw FeedError(file: path, line: entry.line, message: "\(context) has no LOT_SIZE", value: name)
        }
        let market = try filter("MARKET_LOT_SIZE")
        let notional = try filter("MIN_NOTIONAL")
        let percent = try filter("PERCENT_PRICE")
        let maxOrders = try filter("MAX_NUM_ORDERS")
        let maxAlgo = try filter("MAX_NUM_ALGO_ORDERS")

        let tick = Price(raw: try price.decimal("tickSize", path, context: "\(name) PRICE_FILTER"))
        let step = Quantity(raw: try lot.decimal("stepSize", path, context: "\(name) LOT_SIZE"))
        for (value, label, line) in [
            (tick.raw, "PRICE_FILTER tickSize", price.line), (step.raw, "LOT_SIZE stepSize", lot.line),
        ] where value < 0 {
            throw FeedError(file: path, line: line, message: "\(name) \(label) is negative", value: "\(value)")
        }
        var rules = SymbolRules(
            symbol: Symbol(name),
            status: try optionalText("status", "TRADING"),
            baseAsset: try optionalText("baseAsset", ""),
            quoteAsset: try optionalText("quoteAsset", "USDT"),
            marginAsset: try optionalText("marginAsset", "USDT"),
            pricePrecision: try entry.integer("pricePrecision", path, context: context),
            quantityPrecision: try entry.integer("quantityPrecision", path, context: context),
            tickSize: tick,
            minPrice: Price(raw: try price.decimal("minPrice", path, context: "\(name) PRICE_FILTER")),
            maxPrice: Price(raw: try price.decimal("maxPrice", path, context: "\(name) PRICE_FILTER")),
            stepSize: step,
            minQuantity: Quantity(raw: try lot.decimal("minQty", path, context: "\(name) LOT_SIZE")),
            maxQuantity: Quantity(raw: try lot.decimal("maxQty", path, context: "\(name) LOT_SIZE")))
        if let market {
            let context = "\(name) MARKET_LOT_SIZE"
            rules.marketStepSize = Quantity(raw: try market.decimal("stepSize", path, context: context))
            rules.marketMinQuantity = Quantity(raw: try market.decimal("minQty", path, context: context))
            rules.marketMaxQuantity = Quantity(raw: try market.decimal("maxQty", path, context: context))
        }
        if let notional {
            rules.minNotional = Money(raw: try notional.decimal("notional", path, context: "\(name) MIN_NOTIONAL"))
        }
        if let percent {
            let context = "\(name) PERCENT_PRICE"
            rules.multiplierUp = Rate(raw: try percent.decimal("multiplierUp", path, context: context))
            rules.multiplierDown = Rate(raw: try percent.decimal("multiplierDown", path, context: context))
        }
        if let maxOrders {
            rules.maxOpenOrders = try maxOrders.integer("limit", path, context: "\(name) MAX_NUM_ORDERS")
        }
        if let maxAlgo {
            rules.maxOpenAlgoOrders = try maxAlgo.integer("limit", path, context: "\(name) MAX_NUM_ALGO_ORDERS")
        }
        rules.triggerProtect = try optionalRate("triggerProtect")
        rules.liquidationFee = try optionalRate("liquidationFee")
        rules.marketTakeBound = try optionalRate("marketTakeBound")
        try checkRanges(rules, path: path, price: price, lot: lot, notional: notional)
        return rules
    }

    /// The largest `minQty × maxPrice` accepted: order sizes and notionals stay far inside the
    /// fixed-point range (about 9.2 × 10¹⁰).
    public static let maximumMinimumNotional = 10_000_000_000.0
    /// The largest MIN_NOTIONAL `notional` accepted.
    public static let maximumMinNotional = Money("1000000000")!

    /// Range checks where the values enter: no negative filter value, minimum ≤ maximum, and
    /// `minQty × maxPrice ≤ 10¹⁰`.
    static func checkRanges(
        _ rules: SymbolRules, path: String, price: JSONValue, lot: JSONValue, notional: JSONValue?
    ) throws(FeedError) {
        let name = rules.symbol.name
        let values: [(Int64, String, Int)] = [
            (rules.minPrice.raw, "PRICE_FILTER minPrice", price.line),
            (rules.maxPrice.raw, "PRICE_FILTER maxPrice", price.line),
            (rules.minQuantity.raw, "LOT_SIZE minQty", lot.line), (rules.maxQuantity.raw, "LOT_SIZE maxQty", lot.line),
            (rules.marketStepSize.raw, "MARKET_LOT_SIZE stepSize", lot.line),
            (rules.marketMinQuantity.raw, "MARKET_LOT_SIZE minQty", lot.line),
            (rules.marketMaxQuantity.raw, "MARKET_LOT_SIZE maxQty", lot.line),
            (rules.minNotional.raw, "MIN_NOTIONAL notional", notional?.line ?? lot.line),
        ]
        for (value, label, line) in values where value < 0 {
            throw FeedError(
                file: path, line: line, message: "\(name) \(label) is negative", value: Quantity(raw: value).description
            )
        }
        if rules.maxQuantity.isPositive && rules.minQuantity > rules.maxQuantity {
            throw FeedError(
                file: path, line: lot.line, message: "\(name) LOT_SIZE minQty is above maxQty",
                value: "\(rules.minQuantity) > \(rules.maxQuantity)")
        }
        if rules.maxPrice.isPositive && rules.minPrice > rules.maxPrice {
            throw FeedError(
                file: path, line: price.line, message: "\(name) PRICE_FILTER minPrice is above maxPrice",
                value: "\(rules.minPrice) > \(rules.maxPrice)")
        }
        let product = Double(rules.minQuantity.raw) / 1e8 * (Double(rules.maxPrice.raw) / 1e8)
        if product > maximumMinimumNotional {
            throw FeedError(
                file: path, line: lot.line, message: "\(name) LOT_SIZE minQty × PRICE_FILTER maxPrice is above 1e10",
                value: "\(rules.minQuantity) × \(rules.maxPrice)")
        }
        if rules.minNotional > maximumMinNotional {
            throw FeedError(
                file: path, line: notional?.line ?? lot.line, message: "\(name) MIN_NOTIONAL notional is above 1e9",
                value: rules.minNotional.description)
        }
    }
}
