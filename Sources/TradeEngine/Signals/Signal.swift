public import Market

/// A strategy signal as the live engine's Pydantic model holds it (`contracts/signal.py`,
/// reference §1.2): every field, with the live defaults.
///
/// Prices and quantities are exact fixed-point values parsed from the JSON number text (rounded
/// to nearest at 10⁻⁸ when a Python float printed more decimals). `confidence` is kept both as
/// the Python float the live engine compares (`confidence < 0.6`, strict `>` in
/// `strongest_wins`) and as an exact `Rate` for products. Dictionaries that the engine only
/// carries are kept as raw JSON text. Negative prices and quantities are accepted, as live.
///
/// Storage: the fields the gates and the aggregator read on every signal are stored inline; the
/// rest live in a copy-on-write box, so copying a signal costs a few reference counts.
public struct Signal: Sendable, Hashable {
    /// Where the signal was read (file and line), for decision records and errors.
    public var origin: SignalOrigin
    /// `strategy_id` (required): the key of aggregation, duplicate detection and attribution.
    public var strategyID: String
    /// `strategy_mode` (default `deterministic`): which processor decides.
    public var strategyMode: StrategyMode
    /// `symbol` (required), case-sensitive as live.
    public var symbol: Symbol
    /// `action` (required).
    public var action: SignalAction
    /// `confidence` (required, 0…1) as the Python float.
    public var confidence: Double
    /// `confidence` exact at 10⁻⁸, for products (position size scaling).
    public var confidenceRate: Rate
    /// `source` (required): `petrosa-cio` is privileged (source gate, LLM trust).
    public var source: String
    /// `order_type` (default `market`).
    public var orderType: SignalOrderType
    /// `time_in_force` (default `GTC`).
    public var timeInForce: SignalTimeInForce
    /// `timestamp`: required in recorded files (live defaults it to the wall clock).
    public var timestamp: SignalTime
    /// `id`: an alternative signal id.
    public var id: String?
    /// `signal_id`: the preferred signal id.
    public var signalID: String?
    /// The fields read only when a signal is executed or reported.
    var details: SignalDetailsBox

    /// `decision_id`: petrosa-cio's decision id.
    public var decisionID: String? {
        get { details.value.decisionID }
        set { uniqueDetails().value.decisionID = newValue }
    }
    /// `signal_type` (deprecated, informational).
    public var signalType: SignalType? {
        get { details.value.signalType }
        set { uniqueDetails().value.signalType = newValue }
    }
    /// `strength` (default `medium`).
    public var strength: SignalStrength {
        get { details.value.strength }
        set { uniqueDetails().value.strength = newValue }
    }
    /// `price` (required): only used in the live lock fingerprint.
    public var price: Price {
        get { details.value.price }
        set { uniqueDetails().value.price = newValue }
    }
    /// `quantity` (required): base-asset quantity; 0 lets the engine size the order.
    public var quantity: Quantity {
        get { details.value.quantity }
        set { uniqueDetails().value.quantity = newValue }
    }
    /// `current_price` (required): the order's target price and the sizing price.
    public var currentPrice: Price {
        get { details.value.currentPrice }
        set { uniqueDetails().value.currentPrice = newValue }
    }
    /// `target_price`: context for the ML/LLM processors only.
    public var targetPrice: Price? {
        get { details.value.targetPrice }
        set { uniqueDetails().value.targetPrice = newValue }
    }
    /// `strategy` (required): the human-readable strategy name.
    public var strategy: String {
        get { details.value.strategy }
        set { uniqueDetails().value.strategy = newValue }
    }
    /// `metadata` (default `{}`), carried into the order's strategy metadata.
    public var metadata: RawJSON {
        get { details.value.metadata }
        set { uniqueDetails().value.metadata = newValue }
    }
    /// `timeframe` (default `1h`), a free string.
    public var timeframe: String {
        get { details.value.timeframe }
        set { uniqueDetails().value.timeframe = newValue }
    }
    /// `position_size_pct` (0…1): fraction of the portfolio.
    public var positionSizePct: SignalFraction? {
        get { details.value.positionSizePct }
        set { uniqueDetails().value.positionSizePct = newValue }
    }
    /// `quote_quantity`: unused by the live engine.
    public var quoteQuantity: Quantity? {
        get { details.value.quoteQuantity }
        set { uniqueDetails().value.quoteQuantity = newValue }
    }
    /// `stop_loss`: absolute stop price.
    public var stopLoss: Price? {
        get { details.value.stopLoss }
        set { uniqueDetails().value.stopLoss = newValue }
    }
    /// `stop_loss_pct` (0…1): stop distance as a fraction.
    public var stopLossPct: SignalFraction? {
        get { details.value.stopLossPct }
        set { uniqueDetails().value.stopLossPct = newValue }
    }
    /// `take_profit`: absolute target price.
    public var takeProfit: Price? {
        get { details.value.takeProfit }
        set { uniqueDetails().value.takeProfit = newValue }
    }
    /// `take_profit_pct` (0…1): target distance as a fraction.
    public var takeProfitPct: SignalFraction? {
        get { details.value.takeProfitPct }
        set { uniqueDetails().value.takeProfitPct = newValue }
    }
    /// `conditional_price`.
    public var conditionalPrice: Price? {
        get { details.value.conditionalPrice }
        set { uniqueDetails().value.conditionalPrice = newValue }
    }
    /// `conditional_direction`.
    public var conditionalDirection: ConditionalDirection? {
        get { details.value.conditionalDirection }
        set { uniqueDetails().value.conditionalDirection = newValue }
    }
    /// `conditional_timeout` in seconds.
    public var conditionalTimeout: Int64? {
        get { details.value.conditionalTimeout }
        set { uniqueDetails().value.conditionalTimeout = newValue }
    }
    /// `iceberg_quantity`.
    public var icebergQuantity: Quantity? {
        get { details.value.icebergQuantity }
        set { uniqueDetails().value.icebergQuantity = newValue }
    }
    /// `client_order_id`.
    public var clientOrderID: String? {
        get { details.value.clientOrderID }
        set { uniqueDetails().value.clientOrderID = newValue }
    }
    /// `model_confidence` (0…1).
    public var modelConfidence: Double? {
        get { details.value.modelConfidence }
        set { uniqueDetails().value.modelConfidence = newValue }
    }
    /// `model_features` (an object), carried.
    public var modelFeatures: RawJSON? {
        get { details.value.modelFeatures }
        set { uniqueDetails().value.modelFeatures = newValue }
    }
    /// `llm_reasoning`: a non-empty text from `petrosa-cio` makes the LLM processor trust it.
    public var llmReasoning: String? {
        get { details.value.llmReasoning }
        set { uniqueDetails().value.llmReasoning = newValue }
    }
    /// `llm_alternatives` (an array of objects), carried.
    public var llmAlternatives: RawJSON? {
        get { details.value.llmAlternatives }
        set { uniqueDetails().value.llmAlternatives = newValue }
    }
    /// `indicators` (an object): merged over the ML features, carried to the LLM context.
    public var indicators: RawJSON? {
        get { details.value.indicators }
        set { uniqueDetails().value.indicators = newValue }
    }
    /// The last top-level `confidence` member of `indicators`, which overrides the ML
    /// prediction confidence (reference §2.6 step 4).
    public var indicatorConfidence: JSONValue? {
        get { details.value.indicatorConfidence }
        set { uniqueDetails().value.indicatorConfidence = newValue }
    }
    /// `rationale`.
    public var rationale: String? {
        get { details.value.rationale }
        set { uniqueDetails().value.rationale = newValue }
    }
    /// `meta` (default `{}`).
    public var meta: RawJSON {
        get { details.value.meta }
        set { uniqueDetails().value.meta = newValue }
    }
    /// The top-level `simulate` member of `meta`, if present (the live dispatcher sets the
    /// order's `simulate` flag from it).
    public var metaSimulate: JSONValue? {
        get { details.value.metaSimulate }
        set { uniqueDetails().value.metaSimulate = newValue }
    }

    /// A signal with the live defaults for every optional field. `confidenceRate` is derived
    /// from `confidence` (rounded at 10⁻⁸); the decoder sets both from the text.
    public init(
        strategyID: String, symbol: Symbol, action: SignalAction, confidence: Double,
        price: Price, quantity: Quantity = 0, currentPrice: Price? = nil,
        source: String = "petrosa-cio", strategy: String? = nil, timestamp: SignalTime,
        strategyMode: StrategyMode = .deterministic, origin: SignalOrigin = .none
    ) {
        self.origin = origin
        self.strategyID = strategyID
        self.strategyMode = strategyMode
        self.symbol = symbol
        self.action = action
        self.confidence = confidence
        self.confidenceRate = Rate(approximating: confidence)
        self.source = source
        self.timestamp = timestamp
        self.orderType = .market
        self.timeInForce = .gtc
        self.id = nil
        self.signalID = nil
        self.details = SignalDetailsBox(
            SignalDetails(
                price: price, quantity: quantity, currentPrice: currentPrice ?? price, strategy: strategy ?? strategyID)
        )
    }

    /// A signal from its inline fields and details (the decoder's path: one box allocation).
    init(
        origin: SignalOrigin, strategyID: String, strategyMode: StrategyMode, symbol: Symbol, action: SignalAction,
        confidence: Double, confidenceRate: Rate, source: String, orderType: SignalOrderType,
        timeInForce: SignalTimeInForce, timestamp: SignalTime, id: String?, signalID: String?,
        details: SignalDetailsBox
    ) {
        self.origin = origin
        self.strategyID = strategyID
        self.strategyMode = strategyMode
        self.symbol = symbol
        self.action = action
        self.confidence = confidence
        self.confidenceRate = confidenceRate
        self.source = source
        self.orderType = orderType
        self.timeInForce = timeInForce
        self.timestamp = timestamp
        self.id = id
        self.signalID = signalID
        self.details = details
    }

    /// Returns the details box, copying it first when it is shared.
    private mutating func uniqueDetails() -> SignalDetailsBox {
        if !isKnownUniquelyReferenced(&details) { details = SignalDetailsBox(details.value) }
        return details
    }

    public static func == (lhs: Signal, rhs: Signal) -> Bool {
        lhs.origin == rhs.origin && lhs.strategyID == rhs.strategyID && lhs.strategyMode == rhs.strategyMode
            && lhs.symbol == rhs.symbol && lhs.action == rhs.action && lhs.confidence == rhs.confidence
            && lhs.confidenceRate == rhs.confidenceRate && lhs.source == rhs.source && lhs.timestamp == rhs.timestamp
            && lhs.orderType == rhs.orderType && lhs.timeInForce == rhs.timeInForce && lhs.id == rhs.id
            && lhs.signalID == rhs.signalID
            && (lhs.details === rhs.details || lhs.details.value == rhs.details.value)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(strategyID)
        hasher.combine(symbol)
        hasher.combine(action)
        hasher.combine(confidence)
        hasher.combine(timestamp)
        hasher.combine(details.value)
    }

    /// The id the live engine records on strategy positions: `signal_id or id`.
    @inlinable public var recordedSignalID: String? {
        if let signalID, !signalID.isEmpty { return signalID }
        return id
    }

    /// The position side the live dispatcher derives: LONG for `buy`, SHORT otherwise.
    @inlinable public var positionSide: PositionSide { action.positionSide }

    /// The live `simulate` flag of the order, `meta.get("simulate", False)` coerced as Pydantic
    /// coerces a bool (true/false, 0/1, and the strings `true`/`false`/`yes`/`no`/`on`/`off`/
    /// `1`/`0`/`t`/`f`/`y`/`n` in any case); nil when Pydantic would reject the value (the
    /// live dispatch then fails with an error).
    public var isSimulated: Bool? {
        guard let value = metaSimulate else { return false }
        switch value.kind {
        case .bool(let flag): return flag
        case .number(let number):
            let double = number.double
            if double == 0 { return false }
            if double == 1 { return true }
            return nil
        case .string(let text):
            switch text.lowercased() {
            case "true", "yes", "on", "1", "t", "y": return true
            case "false", "no", "off", "0", "f", "n": return false
            default: return nil
            }
        case .null, .array, .object:
            return nil
        }
    }
}

/// The signal fields kept out of line (see `Signal`).
struct SignalDetails: Sendable, Hashable {
    var decisionID: String? = nil
    var signalType: SignalType? = nil
    var strength: SignalStrength = .medium
    var price: Price
    var quantity: Quantity
    var currentPrice: Price
    var targetPrice: Price? = nil
    var strategy: String
    var metadata: RawJSON = .emptyObject
    var timeframe: String = "1h"
    var positionSizePct: SignalFraction? = nil
    var quoteQuantity: Quantity? = nil
    var stopLoss: Price? = nil
    var stopLossPct: SignalFraction? = nil
    var takeProfit: Price? = nil
    var takeProfitPct: SignalFraction? = nil
    var conditionalPrice: Price? = nil
    var conditionalDirection: ConditionalDirection? = nil
    var conditionalTimeout: Int64? = nil
    var icebergQuantity: Quantity? = nil
    var clientOrderID: String? = nil
    var modelConfidence: Double? = nil
    var modelFeatures: RawJSON? = nil
    var llmReasoning: String? = nil
    var llmAlternatives: RawJSON? = nil
    var indicators: RawJSON? = nil
    var indicatorConfidence: JSONValue? = nil
    var rationale: String? = nil
    var meta: RawJSON = .emptyObject
    var metaSimulate: JSONValue? = nil
}

/// The copy-on-write box of `SignalDetails`. Mutated only through `Signal.uniqueDetails()`
/// when uniquely referenced, so sharing it between threads is safe.
final class SignalDetailsBox: @unchecked Sendable {
    var value: SignalDetails

    init(_ value: SignalDetails) { self.value = value }
}
