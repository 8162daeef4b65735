/// The order parameters a processor approves (the live `order_params` dict; its `symbol` is the
/// decision's).
///
/// A nil percentage means the processor did not pass it; the dispatcher then keeps the
/// signal's own value (the live `_signal_to_order` only overrides from present keys), which for
/// every processor gives the same effective value. Each percentage is kept exact (`Rate`, at
/// 10⁻⁸) for sizing, and as the Python float the live engine computed, whose `str()` is the
/// live text (`"0.02"`, `"0.0"`, `"0.06999999999999999"`).
public struct OrderParameters: Sendable, Hashable {
    /// `side` = the signal's action (`close` included, as live).
    public var side: SignalAction
    /// `type` = the signal's order type.
    public var orderType: SignalOrderType
    /// `time_in_force`.
    public var timeInForce: SignalTimeInForce
    /// `position_size_pct` scaled by the processor's confidence: exact at 10⁻⁸ and as the live
    /// float product.
    public var positionSizePct: SignalFraction?
    /// `stop_loss_pct` as passed.
    public var stopLossPct: SignalFraction?
    /// `take_profit_pct` as passed.
    public var takeProfitPct: SignalFraction?

    public init(
        side: SignalAction, orderType: SignalOrderType, timeInForce: SignalTimeInForce,
        positionSizePct: SignalFraction? = nil, stopLossPct: SignalFraction? = nil, takeProfitPct: SignalFraction? = nil
    ) {
        self.side = side
        self.orderType = orderType
        self.timeInForce = timeInForce
        self.positionSizePct = positionSizePct
        self.stopLossPct = stopLossPct
        self.takeProfitPct = takeProfitPct
    }

    /// `str()` of the live `position_size_pct` (`"0.06999999999999999"`).
    public var positionSizePctText: String? { positionSizePct?.pythonText }
    /// `str()` of the live `stop_loss_pct` (`"0.02"`, `"0.0"`).
    public var stopLossPctText: String? { stopLossPct?.pythonText }
    /// `str()` of the live `take_profit_pct`.
    public var takeProfitPctText: String? { takeProfitPct?.pythonText }
}

/// What a processor returns for one signal.
public struct ProcessorOutcome: Sendable, Hashable {
    /// The processor that decided.
    public var stage: DecisionStage
    /// `executed`, `rejected` or `error`.
    public var status: DecisionStatus
    /// The reason.
    public var reason: DecisionReason
    /// For executed signals, the live result `confidence`: the signal's (Deterministic, LLM) or
    /// the ML prediction's.
    public var confidence: Double?
    /// For executed signals, the order parameters.
    public var orderParameters: OrderParameters?
    /// The LLM reasoning (trusted `llm_reasoning`, or the placeholder's sentence).
    public var llmReasoning: LLMReasoning?

    public init(
        stage: DecisionStage, status: DecisionStatus, reason: DecisionReason, confidence: Double? = nil,
        orderParameters: OrderParameters? = nil, llmReasoning: LLMReasoning? = nil
    ) {
        self.stage = stage
        self.status = status
        self.reason = reason
        self.confidence = confidence
        self.orderParameters = orderParameters
        self.llmReasoning = llmReasoning
    }
}

/// The LLM processor's reasoning: `petrosa-cio`'s own text, or the placeholder's sentence
/// (rendered on demand).
public enum LLMReasoning: Sendable, Hashable, CustomStringConvertible {
    /// Trusted `llm_reasoning` from `petrosa-cio`.
    case trusted(String)
    /// The placeholder: approved iff the confidence is above the threshold.
    case placeholder(confidence: Double, approved: Bool)

    /// `Signal confidence is 0.75, which is sufficient for execution`, or the trusted text.
    public var text: String {
        switch self {
        case .trusted(let text):
            text
        case .placeholder(let confidence, let approved):
            "Signal confidence is \(PythonFloat.fixed(confidence, decimals: 2)), which is "
                + "\(approved ? "sufficient" : "insufficient") for execution"
        }
    }

    public var description: String { text }
}
