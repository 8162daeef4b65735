/// Every knob of the gates and the signal aggregator, each defaulting to the live value
/// (reference §7.1, §2.8). The scenario file fills it with the snake_case keys listed in
/// `SignalSettings.keys`.
public struct SignalSettings: Sendable, Hashable {
    /// The account's position mode (`POSITION_MODE`).
    public enum PositionMode: String, Sendable, Hashable, CaseIterable {
        /// LONG and SHORT legs coexist per symbol.
        case hedge
        /// One net position per symbol (live: any value other than `hedge`).
        case oneWay = "one_way"
    }

    /// How a signal meets same-direction signals of other strategies
    /// (`SAME_DIRECTION_CONFLICT_RESOLUTION`, reference §2.4).
    public enum SameDirectionPolicy: String, Sendable, Hashable, CaseIterable {
        /// Execute it too (Deterministic: up to `maxAccumulations` others).
        case accumulate
        /// Execute only if strictly more confident than every one of them.
        case strongestWins = "strongest_wins"
        /// Reject it.
        case rejectDuplicates = "reject_duplicates"
    }

    /// The source the LLM processor trusts (`llm_reasoning` from it is approved unchecked) and
    /// the live CIO-enforcement source.
    public static let cioSource = "petrosa-cio"

    /// `position_mode`: default `hedge`.
    public var positionMode: PositionMode
    /// `position_mode_aware_conflicts`: in hedge mode, opposite actions do not conflict.
    /// Default true.
    public var positionModeAwareConflicts: Bool
    /// `same_direction`: default `accumulate`.
    public var sameDirection: SameDirectionPolicy
    /// `max_accumulations`: the Deterministic cap on same-direction signals of other strategies
    /// (`MAX_ACCUMULATIONS_PER_POSITION`). Default 10.
    public var maxAccumulations: Int
    /// `deterministic_threshold`: Deterministic rejects below it (`confidence < 0.6`).
    public var deterministicThreshold: Double
    /// `ml_threshold`: ML rejects a prediction confidence below it (0.5).
    public var mlThreshold: Double
    /// `llm_threshold`: the placeholder LLM approves strictly above it (0.7).
    public var llmThreshold: Double
    /// `llm_size_cap`: the LLM scales `position_size_pct` by `min(confidence, cap)` (0.8).
    public var llmSizeCap: Double
    /// `signal_ttl`: how long an active signal lives after its own timestamp, in milliseconds
    /// (1 h).
    public var signalTTL: Int64
    /// `duplicate_window`: the duplicate gate's window in milliseconds (10 s).
    public var duplicateWindow: Int64
    /// `reentry_cooldown`: the re-entry ("accumulation") cooldown per (symbol, side) in
    /// milliseconds (300 s).
    public var reentryCooldown: Int64
    /// `require_source`: when set, `buy`/`sell` signals from any other source are rejected
    /// (live: on, `petrosa-cio`). Default nil (off) for backtests.
    public var requireSource: String?

    public init(
        positionMode: PositionMode = .hedge, positionModeAwareConflicts: Bool = true,
        sameDirection: SameDirectionPolicy = .accumulate, maxAccumulations: Int = 10,
        deterministicThreshold: Double = 0.6, mlThreshold: Double = 0.5, llmThreshold: Double = 0.7,
        llmSizeCap: Double = 0.8, signalTTL: Int64 = 3_600_000, duplicateWindow: Int64 = 10_000,
        reentryCooldown: Int64 = 300_000, requireSource: String? = nil
    ) {
        self.positionMode = positionMode
        self.positionModeAwareConflicts = positionModeAwareConflicts
        self.sameDirection = sameDirection
        self.maxAccumulations = maxAccumulations
        self.deterministicThreshold = deterministicThreshold
        self.mlThreshold = mlThreshold
        self.llmThreshold = llmThreshold
        self.llmSizeCap = llmSizeCap
        self.signalTTL = signalTTL
        self.duplicateWindow = duplicateWindow
        self.reentryCooldown = reentryCooldown
        self.requireSource = requireSource
    }

    /// The live production settings: the defaults with source enforcement on (`petrosa-cio`).
    public static let live = SignalSettings(requireSource: cioSource)

    /// True when opposite actions on a symbol are conflicts (one-way mode, or awareness off).
    @inlinable public var oppositeActionsConflict: Bool {
        !(positionModeAwareConflicts && positionMode == .hedge)
    }

    /// The scenario keys and their defaults, in documentation order.
    public static let keys: [(key: String, defaultValue: String)] = [
        ("position_mode", "hedge"),
        ("position_mode_aware_conflicts", "true"),
        ("same_direction", "accumulate"),
        ("max_accumulations", "10"),
        ("deterministic_threshold", "0.6"),
        ("ml_threshold", "0.5"),
        ("llm_threshold", "0.7"),
        ("llm_size_cap", "0.8"),
        ("signal_ttl", "3600000"),
        ("duplicate_window", "10000"),
        ("reentry_cooldown", "300000"),
        ("require_source", "null"),
    ]
}
