import Market

/// The live engine's three signal processors (`DeterministicProcessor`, `MLProcessor`,
/// `LLMProcessor`, reference §2.5–2.7), with their placeholder "models" exactly as deployed:
/// the ML prediction is the signal's confidence (an `indicators.confidence` overrides it) and
/// the LLM approves above 0.7 unless `petrosa-cio` sent its own reasoning.
public enum SignalProcessor {
    /// Decides `signal` with the processor its `strategy_mode` selects, against `active` (which
    /// the live dispatcher has already updated with the signal itself).
    public static func process(
        _ signal: Signal, active: some ActiveSignalView, settings: SignalSettings
    ) -> ProcessorOutcome {
        switch signal.strategyMode {
        case .deterministic: deterministic(signal, active: active, settings: settings)
        case .mlLight: ml(signal, active: active, settings: settings)
        case .llmReasoning: llm(signal, active: active, settings: settings)
        }
    }

    /// The Deterministic processor: confidence threshold, opposite-direction conflicts, then the
    /// same-direction policy with the accumulation cap.
    public static func deterministic(
        _ signal: Signal, active: some ActiveSignalView, settings: SignalSettings
    ) -> ProcessorOutcome {
        func rejected(_ reason: DecisionReason) -> ProcessorOutcome {
            ProcessorOutcome(stage: .deterministic, status: .rejected, reason: reason)
        }
        if signal.confidence < settings.deterministicThreshold { return rejected(.confidenceBelowThreshold) }
        if settings.oppositeActionsConflict {
            let conflicts = active.conflicts(for: signal)
            if conflicts.count > 0 && signal.confidence <= conflicts.maxConfidence {
                return rejected(.lowerConfidenceThanConflict)
            }
        }
        var note: SameDirectionNote?
        let policy = settings.sameDirection
        let same = active.sameDirection(for: signal, policy: policy)
        if same.count > 0 {
            switch policy {
            case .accumulate:
                if same.count >= settings.maxAccumulations {
                    return rejected(
                        .maxAccumulations(
                            limit: settings.maxAccumulations, symbol: signal.symbol, action: signal.action))
                }
                note = .accumulating(count: same.count + 1, limit: settings.maxAccumulations)
            case .strongestWins:
                if signal.confidence <= same.maxConfidence {
                    return rejected(.weakerThanSameDirection(maxConfidence: same.maxConfidence))
                }
                note = .strongest
            case .rejectDuplicates:
                return rejected(.sameDirectionExists(strategyID: same.firstStrategyID ?? ""))
            }
        }
        var parameters = baseParameters(signal)
        if let size = signal.positionSizePct, size.isTruthy {
            parameters.positionSizePct = SignalFraction(
                rate: size.rate.times(signal.confidenceRate), float: size.float * signal.confidence)
        }
        if let stop = signal.stopLossPct, stop.isTruthy { parameters.stopLossPct = stop }
        if let target = signal.takeProfitPct, target.isTruthy { parameters.takeProfitPct = target }
        return ProcessorOutcome(
            stage: .deterministic, status: .executed, reason: .deterministicSatisfied(note),
            confidence: signal.confidence, orderParameters: parameters)
    }

    /// The ML processor: same-direction policy (no cap), then the placeholder prediction.
    public static func ml(_ signal: Signal, active: some ActiveSignalView, settings: SignalSettings) -> ProcessorOutcome
    {
        if let rejection = lenientSameDirection(signal, active: active, settings: settings, stage: .mlLight) {
            return rejection
        }
        // features = {confidence: signal.confidence, …}; features.update(indicators).
        var prediction = signal.confidence
        var predictionRate: Rate? = signal.confidenceRate
        if let override = signal.indicatorConfidence {
            switch override.kind {
            case .number(let number):
                prediction = number.double
                predictionRate = number.fixedPoint(Rate.self, rounding: .nearest)
            case .bool(let flag):  // a Python bool is the int 0 or 1
                prediction = flag ? 1 : 0
                predictionRate = flag ? .one : .zero
            default:
                // The placeholder model compares first (`action = "buy" if confidence > 0.6`),
                // so a non-number fails there, before the `< 0.5` threshold.
                return ProcessorOutcome(
                    stage: .mlLight, status: .error,
                    reason: .processorError(
                        "'>' not supported between instances of '\(pythonTypeName(override))' and 'float'"))
            }
        }
        if prediction < settings.mlThreshold {
            return ProcessorOutcome(stage: .mlLight, status: .rejected, reason: .mlConfidenceTooLow)
        }
        var parameters = baseParameters(signal)
        if let size = signal.positionSizePct, size.isTruthy {
            guard let predictionRate,
                let scaled = FixedPointMath.mulDivReportingOverflow(
                    size.rate.raw, predictionRate.raw, fixedPointOne, .nearest)
            else {
                return ProcessorOutcome(
                    stage: .mlLight, status: .error,
                    reason: .processorError("position_size_pct × indicators.confidence out of range"))
            }
            parameters.positionSizePct = SignalFraction(rate: Rate(raw: scaled), float: size.float * prediction)
        }
        return ProcessorOutcome(
            stage: .mlLight, status: .executed, reason: .mlApproved, confidence: prediction,
            orderParameters: parameters)
    }

    /// The LLM processor: same-direction policy (no cap), then trusted CIO reasoning or the
    /// placeholder (`confidence > 0.7`).
    public static func llm(
        _ signal: Signal, active: some ActiveSignalView, settings: SignalSettings
    ) -> ProcessorOutcome {
        if let rejection = lenientSameDirection(signal, active: active, settings: settings, stage: .llmReasoning) {
            return rejection
        }
        let fromCIO = signal.source == SignalSettings.cioSource
        let approved: Bool
        let reasoning: LLMReasoning
        if fromCIO, let trusted = signal.llmReasoning, !trusted.isEmpty {
            approved = true
            reasoning = .trusted(trusted)
        } else {
            approved = signal.confidence > settings.llmThreshold
            reasoning = .placeholder(confidence: signal.confidence, approved: approved)
        }
        guard approved else {
            return ProcessorOutcome(
                stage: .llmReasoning, status: .rejected, reason: .llmRejected, llmReasoning: reasoning)
        }
        var parameters = baseParameters(signal)
        if let size = signal.positionSizePct, size.isTruthy {
            // min(llm_confidence, cap): Python's min keeps the first argument on a tie.
            let capped = settings.llmSizeCap < signal.confidence
            let factor = capped ? settings.llmSizeCap : signal.confidence
            let factorRate = capped ? Rate(approximating: settings.llmSizeCap) : signal.confidenceRate
            parameters.positionSizePct = SignalFraction(rate: size.rate.times(factorRate), float: size.float * factor)
        }
        parameters.stopLossPct = signal.stopLossPct
        parameters.takeProfitPct = signal.takeProfitPct
        return ProcessorOutcome(
            stage: .llmReasoning, status: .executed, reason: fromCIO ? .cioAuditTrusted : .llmApproved,
            confidence: signal.confidence, orderParameters: parameters, llmReasoning: reasoning)
    }

    /// The LLM context's market part (reference §2.7 step 4), for inspection.
    public static func llmMarketContext(
        _ signal: Signal, active: some ActiveSignalView, settings: SignalSettings
    ) -> LLMMarketContext {
        let conflicts = settings.oppositeActionsConflict ? active.conflicts(for: signal).count : 0
        return LLMMarketContext(
            activeSignalsCount: active.activeCount, conflictingSignalsCount: conflicts,
            positionMode: settings.positionMode, hedgeModeEnabled: settings.positionMode == .hedge)
    }

    /// The ML/LLM same-direction handling: like Deterministic's but `accumulate` has no cap.
    static func lenientSameDirection(
        _ signal: Signal, active: some ActiveSignalView, settings: SignalSettings, stage: DecisionStage
    ) -> ProcessorOutcome? {
        let policy = settings.sameDirection
        guard policy != .accumulate else { return nil }
        let same = active.sameDirection(for: signal, policy: policy)
        guard same.count > 0 else { return nil }
        switch policy {
        case .accumulate:
            return nil
        case .strongestWins:
            guard signal.confidence <= same.maxConfidence else { return nil }
            return ProcessorOutcome(
                stage: stage, status: .rejected, reason: .weakerThanSameDirection(maxConfidence: same.maxConfidence))
        case .rejectDuplicates:
            return ProcessorOutcome(
                stage: stage, status: .rejected, reason: .sameDirectionExists(strategyID: same.firstStrategyID ?? ""))
        }
    }

    static func baseParameters(_ signal: Signal) -> OrderParameters {
        OrderParameters(side: signal.action, orderType: signal.orderType, timeInForce: signal.timeInForce)
    }

    /// Python's type name of a JSON value after `json.loads`.
    static func pythonTypeName(_ value: JSONValue) -> String {
        switch value.kind {
        case .null: "NoneType"
        case .bool: "bool"
        case .number(let number): number.isInteger ? "int" : "float"
        case .string: "str"
        case .array: "list"
        case .object: "dict"
        }
    }
}

/// The market part of the LLM processor's context.
public struct LLMMarketContext: Sendable, Hashable {
    /// `active_signals_count`.
    public var activeSignalsCount: Int
    /// The number of `conflicting_signals` listed (none in hedge mode with awareness).
    public var conflictingSignalsCount: Int
    /// `position_mode`.
    public var positionMode: SignalSettings.PositionMode
    /// `hedge_mode_enabled` = (`position_mode == "hedge"`).
    public var hedgeModeEnabled: Bool
}
