import Market
import Testing
import TradeEngine

/// Signals of the live test fixtures (reference §8: BTCUSDT, current price 45 000, timeframe 1h,
/// source petrosa-cio).
enum Fixture {
    static let t0 = SignalTime(iso8601: "2024-01-01T12:00:00Z")!

    static func signal(
        _ strategy: String, _ action: SignalAction, _ confidence: Double, quantity: String = "0.001",
        target: String? = nil, strength: SignalStrength = .medium, mode: StrategyMode = .deterministic,
        symbol: Symbol = "BTCUSDT", at seconds: Int64 = 0, source: String = "petrosa-cio"
    ) -> Signal {
        var signal = Signal(
            strategyID: strategy, symbol: symbol, action: action, confidence: confidence, price: 45_000,
            quantity: Quantity(quantity)!, source: source,
            timestamp: SignalTime(microseconds: t0.microseconds + seconds * 1_000_000), strategyMode: mode)
        signal.strength = strength
        signal.targetPrice = target.map { Price($0)! }
        return signal
    }

    static func buy(_ mode: StrategyMode = .deterministic) -> Signal {
        signal("momentum_v1", .buy, 0.8, target: "48000", strength: .strong, mode: mode)
    }
    static func sell(_ mode: StrategyMode = .deterministic) -> Signal {
        signal("mean_reversion_v1", .sell, 0.75, target: "42000", mode: mode, at: 1)
    }
    static func buy2(_ mode: StrategyMode = .deterministic) -> Signal {
        signal("breakout_v1", .buy, 0.7, quantity: "0.002", target: "49000", mode: mode, at: 2)
    }

    static let oneWay = SignalSettings(positionMode: .oneWay)
}

/// The live processor unit tests (reference §8.1, §8.2 T1–T2). Convention of those tests: the
/// `active` map is keyed by `strategy_id` and the incoming signal is NOT inserted before it is
/// processed — ported with `ActiveSignalList` and `SignalProcessor.process`.
@Suite struct SignalProcessorTests {
    /// Processes `first`, inserts it under its strategy id, processes `second`.
    static func pair(
        _ first: Signal, _ second: Signal, _ settings: SignalSettings
    ) -> (
        ProcessorOutcome, ProcessorOutcome
    ) {
        var active = ActiveSignalList()
        let a = SignalProcessor.process(first, active: active, settings: settings)
        active.set(first, forKey: first.strategyID)
        let b = SignalProcessor.process(second, active: active, settings: settings)
        return (a, b)
    }

    @Test func h1HedgeModeLetsOppositeSignalsCoexist() {
        let (buy, sell) = Self.pair(Fixture.buy(), Fixture.sell(), SignalSettings())
        #expect(buy.status == .executed)
        #expect(sell.status == .executed)
        #expect(!sell.reason.text.lowercased().contains("conflict"))
        #expect(sell.reason.text == "Deterministic rules satisfied")
    }

    @Test func h2OneWayModeRejectsTheWeakerOpposite() {
        let (buy, sell) = Self.pair(Fixture.buy(), Fixture.sell(), Fixture.oneWay)
        #expect(buy.status == .executed)
        #expect(sell.status == .rejected)
        #expect(sell.reason.text == "Lower confidence than conflicting signal")
    }

    @Test func h3HedgeModeWithoutAwarenessRejects() {
        let (buy, sell) = Self.pair(
            Fixture.buy(), Fixture.sell(), SignalSettings(positionModeAwareConflicts: false))
        #expect(buy.status == .executed)
        #expect(sell.status == .rejected)
        #expect(sell.reason == .lowerConfidenceThanConflict)
    }

    @Test func s1AccumulateExecutesBoth() {
        let (buy, buy2) = Self.pair(Fixture.buy(), Fixture.buy2(), SignalSettings(sameDirection: .accumulate))
        #expect(buy.status == .executed)
        #expect(buy2.status == .executed)
        #expect(buy2.reason.text.lowercased().contains("accumulating"))
        #expect(
            buy2.reason.text == "Deterministic rules satisfied. Accumulating position from multiple strategies (2/10)")
    }

    @Test func s2StrongestWinsRejectsTheWeaker() {
        let (buy, buy2) = Self.pair(Fixture.buy(), Fixture.buy2(), SignalSettings(sameDirection: .strongestWins))
        #expect(buy.status == .executed)
        #expect(buy2.status == .rejected)
        #expect(buy2.reason.text == "Weaker than existing same-direction signal (confidence: 0.8)")
    }

    @Test func s3RejectDuplicatesRejects() {
        let (buy, buy2) = Self.pair(Fixture.buy(), Fixture.buy2(), SignalSettings(sameDirection: .rejectDuplicates))
        #expect(buy.status == .executed)
        #expect(buy2.status == .rejected)
        #expect(buy2.reason.text == "Same-direction signal already exists from momentum_v1")
    }

    @Test func m1MLProcessorInHedgeMode() {
        let (buy, sell) = Self.pair(Fixture.buy(.mlLight), Fixture.sell(.mlLight), SignalSettings())
        #expect(buy.status == .executed)
        #expect(sell.status == .executed)
        #expect(sell.reason.text == "ML model approved signal")
        #expect(sell.confidence == 0.75)
    }

    /// The live test stubs the reasoning (`approved: true, confidence: 0.8`); the port has no
    /// stub, and the placeholder approves both (0.8 and 0.75 > 0.7) — the same outcome.
    @Test func l1LLMProcessorInHedgeMode() {
        let (buy, sell) = Self.pair(Fixture.buy(.llmReasoning), Fixture.sell(.llmReasoning), SignalSettings())
        #expect(buy.status == .executed)
        #expect(sell.status == .executed)
        #expect(sell.reason.text == "CIO audit trusted")  // source petrosa-cio, placeholder path
        #expect(sell.llmReasoning?.text == "Signal confidence is 0.75, which is sufficient for execution")
    }

    @Test func l2LLMContextReportsHedgeMode() {
        let context = SignalProcessor.llmMarketContext(
            Fixture.buy(.llmReasoning), active: ActiveSignalList(), settings: SignalSettings())
        #expect(context.positionMode == .hedge)
        #expect(context.hedgeModeEnabled)
        #expect(context.activeSignalsCount == 0)
        let oneWay = SignalProcessor.llmMarketContext(
            Fixture.buy(.llmReasoning), active: ActiveSignalList(), settings: Fixture.oneWay)
        #expect(!oneWay.hedgeModeEnabled)
    }

    static func trusted(stopLoss: String, takeProfit: String) -> Signal {
        var signal = Fixture.signal("test_strat", .buy, 0.9, quantity: "1.0", mode: .llmReasoning)
        signal.price = 50_000
        signal.currentPrice = 50_000
        signal.llmReasoning = "CIO TRUSTED REASONING"
        signal.stopLossPct = SignalFraction(stopLoss)
        signal.takeProfitPct = SignalFraction(takeProfit)
        return signal
    }

    @Test func t1LLMTrustsCIOReasoning() throws {
        let outcome = SignalProcessor.process(
            Self.trusted(stopLoss: "0.02", takeProfit: "0.05"), active: ActiveSignalList(), settings: SignalSettings())
        #expect(outcome.status == .executed)
        #expect(outcome.reason.text == "CIO audit trusted")
        #expect(outcome.llmReasoning?.text == "CIO TRUSTED REASONING")
        let parameters = try #require(outcome.orderParameters)
        #expect(parameters.stopLossPctText == "0.02")
        #expect(parameters.takeProfitPctText == "0.05")
        #expect(parameters.stopLossPct?.rate == Rate("0.02"))
    }

    @Test func t2LLMPassesZeroRiskParameters() throws {
        let outcome = SignalProcessor.process(
            Self.trusted(stopLoss: "0.0", takeProfit: "0.0"), active: ActiveSignalList(), settings: SignalSettings())
        let parameters = try #require(outcome.orderParameters)
        #expect(parameters.stopLossPctText == "0.0")
        #expect(parameters.takeProfitPctText == "0.0")
    }

    @Test func trustedReasoningApprovesAnyConfidence() {
        var signal = Self.trusted(stopLoss: "0.02", takeProfit: "0.05")
        signal.confidence = 0.1
        #expect(
            SignalProcessor.process(signal, active: ActiveSignalList(), settings: SignalSettings()).status == .executed)
        signal.source = "ta_bot"
        let untrusted = SignalProcessor.process(signal, active: ActiveSignalList(), settings: SignalSettings())
        #expect(untrusted.status == .rejected)
        #expect(untrusted.reason.text == "LLM rejected signal")
        #expect(untrusted.llmReasoning?.text == "Signal confidence is 0.10, which is insufficient for execution")
        signal.confidence = 0.71
        let approved = SignalProcessor.process(signal, active: ActiveSignalList(), settings: SignalSettings())
        #expect(approved.reason.text == "LLM reasoning approved signal")
    }

    @Test func thresholdsAreInclusiveOrStrictAsLive() {
        let settings = SignalSettings()
        let empty = ActiveSignalList()
        #expect(
            SignalProcessor.process(Fixture.signal("a", .buy, 0.6), active: empty, settings: settings).status
                == .executed)
        let low = SignalProcessor.process(Fixture.signal("a", .buy, 0.59), active: empty, settings: settings)
        #expect(low.reason.text == "Confidence below threshold")
        #expect(
            SignalProcessor.process(Fixture.signal("a", .buy, 0.5, mode: .mlLight), active: empty, settings: settings)
                .status == .executed)
        let mlLow = SignalProcessor.process(
            Fixture.signal("a", .buy, 0.49, mode: .mlLight), active: empty, settings: settings)
        #expect(mlLow.reason.text == "ML model confidence too low")
        var untrusted = Fixture.signal("a", .buy, 0.7, mode: .llmReasoning)
        untrusted.source = "ta_bot"
        #expect(SignalProcessor.process(untrusted, active: empty, settings: settings).status == .rejected)
    }

    @Test func deterministicOrderParametersAsLive() throws {
        var signal = Fixture.signal("a", .buy, 0.7)
        signal.positionSizePct = SignalFraction("0.1")
        signal.stopLossPct = SignalFraction("0.0")
        signal.takeProfitPct = SignalFraction("0.05")
        signal.orderType = .limit
        signal.timeInForce = .ioc
        let outcome = SignalProcessor.process(signal, active: ActiveSignalList(), settings: SignalSettings())
        let parameters = try #require(outcome.orderParameters)
        #expect(parameters.side == .buy && parameters.orderType == .limit && parameters.timeInForce == .ioc)
        #expect(parameters.positionSizePct?.rate == Rate("0.07"))
        #expect(parameters.positionSizePctText == "0.06999999999999999")  // str(0.1 * 0.7)
        #expect(parameters.stopLossPct == nil)  // 0.0 is falsy: not passed
        #expect(parameters.takeProfitPctText == "0.05")
        signal.positionSizePct = SignalFraction("0")
        let zero = SignalProcessor.process(signal, active: ActiveSignalList(), settings: SignalSettings())
        #expect(zero.orderParameters?.positionSizePct == nil)
    }

    @Test func mlScalesByThePredictionAndPassesNoRiskParameters() throws {
        var signal = Fixture.signal("a", .buy, 0.9, mode: .mlLight)
        signal.positionSizePct = SignalFraction("0.1")
        signal.stopLossPct = SignalFraction("0.02")
        signal.indicatorConfidence = .number(JSONNumber(text: "0.55"))
        let outcome = SignalProcessor.process(signal, active: ActiveSignalList(), settings: SignalSettings())
        #expect(outcome.status == .executed)
        #expect(outcome.confidence == 0.55)
        let parameters = try #require(outcome.orderParameters)
        #expect(parameters.positionSizePct?.rate == Rate("0.055"))
        #expect(parameters.positionSizePct?.float == 0.1 * 0.55)
        #expect(parameters.stopLossPct == nil && parameters.takeProfitPct == nil)
        signal.indicatorConfidence = .number(JSONNumber(text: "0.3"))
        #expect(
            SignalProcessor.process(signal, active: ActiveSignalList(), settings: SignalSettings()).status == .rejected)
        signal.indicatorConfidence = .bool(true)
        #expect(
            SignalProcessor.process(signal, active: ActiveSignalList(), settings: SignalSettings()).orderParameters?
                .positionSizePct?.rate == Rate("0.1"))
    }

    /// A non-number `indicators.confidence` fails at the placeholder model's `confidence > 0.6`,
    /// before the `< 0.5` threshold, with Python's TypeError text for its type.
    @Test(arguments: [
        (JSONValue.string("high"), "str"), (JSONValue.null, "NoneType"),
        (JSONValue.array([.number(JSONNumber(text: "0.9"))]), "list"), (JSONValue.object([]), "dict"),
    ])
    func mlIndicatorConfidenceOfTheWrongTypeIsPythonsTypeError(value: JSONValue, type: String) {
        var signal = Fixture.signal("a", .buy, 0.9, mode: .mlLight)
        signal.indicatorConfidence = value
        let error = SignalProcessor.process(signal, active: ActiveSignalList(), settings: SignalSettings())
        #expect(error.status == .error)
        #expect(error.reason.text == "'>' not supported between instances of '\(type)' and 'float'")
    }

    @Test func llmCapsTheSizeFactor() throws {
        var signal = Fixture.signal("a", .buy, 0.95, mode: .llmReasoning)
        signal.positionSizePct = SignalFraction("0.1")
        let capped = try #require(
            SignalProcessor.process(signal, active: ActiveSignalList(), settings: SignalSettings()).orderParameters)
        #expect(capped.positionSizePct?.rate == Rate("0.08"))
        #expect(capped.positionSizePct?.float == 0.1 * 0.8)
        signal.confidence = 0.75
        signal.confidenceRate = Rate("0.75")!
        let uncapped = try #require(
            SignalProcessor.process(signal, active: ActiveSignalList(), settings: SignalSettings()).orderParameters)
        #expect(uncapped.positionSizePct?.rate == Rate("0.075"))
    }

    /// Every same-direction policy × position mode × processor. Active: SELL(mean_reversion_v1,
    /// 0.75) then BUY(momentum_v1, 0.8); incoming BUY(breakout_v1, 0.7).
    static let matrix:
        [(SignalSettings.SameDirectionPolicy, SignalSettings.PositionMode, StrategyMode, DecisionStatus, String)] = [
            (
                .accumulate, .hedge, .deterministic, .executed,
                "Deterministic rules satisfied. Accumulating position from multiple strategies (2/10)"
            ),
            (
                .strongestWins, .hedge, .deterministic, .rejected,
                "Weaker than existing same-direction signal (confidence: 0.8)"
            ),
            (
                .rejectDuplicates, .hedge, .deterministic, .rejected,
                "Same-direction signal already exists from momentum_v1"
            ),
            (.accumulate, .oneWay, .deterministic, .rejected, "Lower confidence than conflicting signal"),
            (.strongestWins, .oneWay, .deterministic, .rejected, "Lower confidence than conflicting signal"),
            (.rejectDuplicates, .oneWay, .deterministic, .rejected, "Lower confidence than conflicting signal"),
            (.accumulate, .hedge, .mlLight, .executed, "ML model approved signal"),
            (
                .strongestWins, .hedge, .mlLight, .rejected,
                "Weaker than existing same-direction signal (confidence: 0.8)"
            ),
            (.rejectDuplicates, .hedge, .mlLight, .rejected, "Same-direction signal already exists from momentum_v1"),
            (.accumulate, .oneWay, .mlLight, .executed, "ML model approved signal"),
            (
                .strongestWins, .oneWay, .mlLight, .rejected,
                "Weaker than existing same-direction signal (confidence: 0.8)"
            ),
            (.rejectDuplicates, .oneWay, .mlLight, .rejected, "Same-direction signal already exists from momentum_v1"),
            (.accumulate, .hedge, .llmReasoning, .rejected, "LLM rejected signal"),
            (
                .strongestWins, .hedge, .llmReasoning, .rejected,
                "Weaker than existing same-direction signal (confidence: 0.8)"
            ),
            (
                .rejectDuplicates, .hedge, .llmReasoning, .rejected,
                "Same-direction signal already exists from momentum_v1"
            ),
            (.accumulate, .oneWay, .llmReasoning, .rejected, "LLM rejected signal"),
            (
                .strongestWins, .oneWay, .llmReasoning, .rejected,
                "Weaker than existing same-direction signal (confidence: 0.8)"
            ),
            (
                .rejectDuplicates, .oneWay, .llmReasoning, .rejected,
                "Same-direction signal already exists from momentum_v1"
            ),
        ]

    /// Both conventions: the processor against an explicit list, and the aggregator (incoming
    /// inserted first), must agree with the table.
    @Test(arguments: matrix)
    func policyModeProcessorMatrix(
        policy: SignalSettings.SameDirectionPolicy, mode: SignalSettings.PositionMode, processor: StrategyMode,
        status: DecisionStatus, reason: String
    ) {
        let settings = SignalSettings(positionMode: mode, sameDirection: policy)
        let incoming = Fixture.signal("breakout_v1", .buy, 0.7, mode: processor, at: 2)
        var list = ActiveSignalList()
        list.set(Fixture.sell(), forKey: "mean_reversion_v1")
        list.set(Fixture.buy(), forKey: "momentum_v1")
        let direct = SignalProcessor.process(incoming, active: list, settings: settings)
        #expect(direct.status == status)
        #expect(direct.reason.text == reason)
        #expect(direct.stage == DecisionStage(processor))

        var aggregator = SignalAggregator(settings: settings)
        let now = Timestamp(milliseconds: Fixture.t0.timestamp.milliseconds + 2000)
        aggregator.add(Fixture.sell(), now: now)
        aggregator.add(Fixture.buy(), now: now)
        let indexed = aggregator.process(incoming, now: now)
        #expect(indexed == direct)
    }
}
