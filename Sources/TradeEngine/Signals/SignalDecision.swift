public import Market

/// The record of how one signal was decided: by which gate or processor, with what status and
/// live reason, and for executed signals with which order parameters. The dispatcher builds on
/// it; the report writes one row per decision.
public struct SignalDecision: Sendable, Hashable {
    /// Where the signal was read.
    public var origin: SignalOrigin
    /// The signal's position in the input order.
    public var sequence: Int
    /// `signal_id or id`.
    public var signalID: String?
    /// `strategy_id`.
    public var strategyID: String
    /// `symbol`.
    public var symbol: Symbol
    /// `action`.
    public var action: SignalAction
    /// The signal's `confidence`.
    public var confidence: Double
    /// `strategy_mode`.
    public var strategyMode: StrategyMode
    /// The signal's own timestamp.
    public var signalTime: SignalTime
    /// The simulation time of the decision.
    public var decisionTime: Timestamp
    /// The gate or processor that decided.
    public var stage: DecisionStage
    /// The live status.
    public var status: DecisionStatus
    /// The reason; `reason.text` is the live string.
    public var reason: DecisionReason
    /// For executed signals, the processor's result confidence (ML: the prediction's).
    public var resultConfidence: Double?
    /// For executed signals, the order parameters.
    public var orderParameters: OrderParameters?
    /// For LLM decisions, the reasoning.
    public var llmReasoning: LLMReasoning?

    /// The live reason string.
    public var reasonText: String { reason.text }

    /// The record of a processor's outcome.
    init(signal: Signal, sequence: Int, decisionTime: Timestamp, outcome: consuming ProcessorOutcome) {
        self.init(
            signal: signal, sequence: sequence, decisionTime: decisionTime, stage: outcome.stage,
            status: outcome.status,
            reason: outcome.reason, resultConfidence: outcome.confidence, orderParameters: outcome.orderParameters,
            llmReasoning: outcome.llmReasoning)
    }

    public init(
        signal: Signal, sequence: Int, decisionTime: Timestamp, stage: DecisionStage, status: DecisionStatus,
        reason: DecisionReason, resultConfidence: Double? = nil, orderParameters: OrderParameters? = nil,
        llmReasoning: LLMReasoning? = nil
    ) {
        self.origin = signal.origin
        self.sequence = sequence
        self.signalID = signal.recordedSignalID
        self.strategyID = signal.strategyID
        self.symbol = signal.symbol
        self.action = signal.action
        self.confidence = signal.confidence
        self.strategyMode = signal.strategyMode
        self.signalTime = signal.timestamp
        self.decisionTime = decisionTime
        self.stage = stage
        self.status = status
        self.reason = reason
        self.resultConfidence = resultConfidence
        self.orderParameters = orderParameters
        self.llmReasoning = llmReasoning
    }
}
