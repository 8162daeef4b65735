/// The `strategy_mode` field (default `deterministic`): which processor decides the signal.
public enum StrategyMode: String, Sendable, Hashable, CaseIterable {
    case deterministic
    case mlLight = "ml_light"
    case llmReasoning = "llm_reasoning"
}
