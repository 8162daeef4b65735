/// Which gate or processor decided a signal.
public enum DecisionStage: String, Sendable, Hashable, CaseIterable {
    /// The source (CIO enforcement) gate.
    case source
    /// The duplicate gate.
    case duplicate
    /// The hold filter.
    case hold
    /// The re-entry cooldown gate.
    case cooldown
    /// The Deterministic processor.
    case deterministic
    /// The ML processor.
    case mlLight = "ml_light"
    /// The LLM processor.
    case llmReasoning = "llm_reasoning"

    /// The position in `allCases`.
    package var ordinal: Int {
        switch self {
        case .source: 0
        case .duplicate: 1
        case .hold: 2
        case .cooldown: 3
        case .deterministic: 4
        case .mlLight: 5
        case .llmReasoning: 6
        }
    }

    /// The processor stage for a strategy mode.
    public init(_ mode: StrategyMode) {
        switch mode {
        case .deterministic: self = .deterministic
        case .mlLight: self = .mlLight
        case .llmReasoning: self = .llmReasoning
        }
    }
}

/// A decision's status, in the live vocabulary.
public enum DecisionStatus: String, Sendable, Hashable, CaseIterable {
    /// Approved: the dispatcher builds an order.
    case executed
    /// Rejected by a gate or a processor.
    case rejected
    /// A duplicate within the window.
    case duplicate
    /// A `hold` signal.
    case hold
    /// The position in `allCases`.
    package var ordinal: Int {
        switch self {
        case .executed: 0
        case .rejected: 1
        case .duplicate: 2
        case .hold: 3
        case .error: 4
        }
    }

    /// The live processor raised (only an `indicators.confidence` that is not a number or a
    /// boolean in ML mode does); the live dispatch returns `error`.
    case error
}
