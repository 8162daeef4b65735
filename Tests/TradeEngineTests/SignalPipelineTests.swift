import Market
import Testing
import TradeEngine

/// The gates in live order and the decision records (reference §0.1, §2.8, §6.1).
@Suite struct SignalPipelineTests {
    static func at(_ milliseconds: Int64) -> Timestamp {
        Timestamp(milliseconds: Fixture.t0.timestamp.milliseconds + milliseconds)
    }

    static func noPosition(_ symbol: Symbol, _ side: PositionSide) -> Bool { false }
    static func openPosition(_ symbol: Symbol, _ side: PositionSide) -> Bool { true }

    @Test func recordsTheDecision() throws {
        var pipeline = SignalPipeline()
        var signal = Fixture.signal("momentum_v1", .buy, 0.8)
        signal.origin = SignalOrigin(file: "signals.jsonl", line: 12)
        signal.id = "id-1"
        signal.positionSizePct = SignalFraction("0.05")
        let decision = pipeline.decide(signal, seq: 4, now: Self.at(500), hasOpenPosition: Self.noPosition)
        #expect(decision.origin == SignalOrigin(file: "signals.jsonl", line: 12))
        #expect(decision.sequence == 4)
        #expect(decision.signalID == "id-1")
        #expect(decision.strategyID == "momentum_v1")
        #expect(decision.symbol == "BTCUSDT")
        #expect(decision.action == .buy)
        #expect(decision.confidence == 0.8)
        #expect(decision.strategyMode == .deterministic)
        #expect(decision.signalTime == Fixture.t0)
        #expect(decision.decisionTime == Self.at(500))
        #expect(decision.stage == .deterministic)
        #expect(decision.status == .executed)
        #expect(decision.reasonText == "Deterministic rules satisfied")
        #expect(decision.resultConfidence == 0.8)
        #expect(try #require(decision.orderParameters).positionSizePct?.rate == Rate("0.04"))
    }

    @Test func duplicateWithinTheWindow() {
        var pipeline = SignalPipeline()
        let signal = Fixture.signal("a", .buy, 0.8)
        #expect(pipeline.decide(signal, seq: 0, now: Self.at(0), hasOpenPosition: Self.noPosition).status == .executed)
        let again = pipeline.decide(signal, seq: 1, now: Self.at(3250), hasOpenPosition: Self.noPosition)
        #expect(again.stage == .duplicate)
        #expect(again.status == .duplicate)
        #expect(again.reasonText == "Duplicate signal detected (age: 3.25s)")
        let almost = pipeline.decide(signal, seq: 2, now: Self.at(9999), hasOpenPosition: Self.noPosition)
        #expect(almost.reasonText == "Duplicate signal detected (age: 10.00s)")  // 9.999 s prints as 10.00
        let after = pipeline.decide(signal, seq: 3, now: Self.at(10_000), hasOpenPosition: Self.noPosition)
        #expect(after.stage == .deterministic)  // age 10 s is not < 10 s
        // The accepted repeat restarted the window.
        let next = pipeline.decide(signal, seq: 4, now: Self.at(15_000), hasOpenPosition: Self.noPosition)
        #expect(next.reasonText == "Duplicate signal detected (age: 5.00s)")
    }

    /// D1/D2: the live duplicate id, and the gate treating equal ids as duplicates.
    @Test func d1DuplicateIDIsTheLiveString() {
        let signal = Fixture.signal("test-strategy", .buy, 0.8)
        #expect(signal.liveDuplicateID == "test-strategy_BTCUSDT_buy_2024-01-01T12:00:00")
        var sameID = signal
        sameID.timestamp = SignalTime(iso8601: "2024-01-01T12:00:00.999999Z")!
        #expect(sameID.liveDuplicateID == signal.liveDuplicateID)
        var offset = signal
        offset.timestamp = SignalTime(iso8601: "2024-01-01T13:00:00+01:00")!  // the same instant
        #expect(offset.liveDuplicateID == "test-strategy_BTCUSDT_buy_2024-01-01T13:00:00")
        var pipeline = SignalPipeline()
        _ = pipeline.decide(signal, seq: 0, now: Self.at(0), hasOpenPosition: Self.noPosition)
        #expect(pipeline.decide(sameID, seq: 1, now: Self.at(1), hasOpenPosition: Self.noPosition).status == .duplicate)
        #expect(pipeline.decide(offset, seq: 2, now: Self.at(2), hasOpenPosition: Self.noPosition).status != .duplicate)
    }

    @Test func duplicateKeyIsTheTimestampToTheSecond() {
        var pipeline = SignalPipeline()
        var first = Fixture.signal("a", .buy, 0.8)
        first.timestamp = SignalTime(iso8601: "2024-01-01T12:00:00.100Z")!
        var sameSecond = first
        sameSecond.timestamp = SignalTime(iso8601: "2024-01-01T12:00:00.900Z")!
        var nextSecond = first
        nextSecond.timestamp = SignalTime(iso8601: "2024-01-01T12:00:01Z")!
        var otherAction = first
        otherAction.action = .sell
        var otherStrategy = first
        otherStrategy.strategyID = "b"
        _ = pipeline.decide(first, seq: 0, now: Self.at(0), hasOpenPosition: Self.noPosition)
        #expect(
            pipeline.decide(sameSecond, seq: 1, now: Self.at(15), hasOpenPosition: Self.noPosition).reasonText
                == "Duplicate signal detected (age: 0.02s)")  // the float difference is 0.0150001… s
        #expect(
            pipeline.decide(nextSecond, seq: 2, now: Self.at(20), hasOpenPosition: Self.noPosition).status != .duplicate
        )
        #expect(
            pipeline.decide(otherAction, seq: 3, now: Self.at(30), hasOpenPosition: Self.noPosition).status
                != .duplicate)
        #expect(
            pipeline.decide(otherStrategy, seq: 4, now: Self.at(40), hasOpenPosition: Self.noPosition).status
                != .duplicate)
    }

    @Test func holdIsFilteredAfterTheDuplicateGate() {
        var pipeline = SignalPipeline()
        let hold = Fixture.signal("a", .hold, 0.9)
        let first = pipeline.decide(hold, seq: 0, now: Self.at(0), hasOpenPosition: Self.noPosition)
        #expect(first.stage == .hold)
        #expect(first.status == .hold)
        #expect(first.reasonText == "Signal indicates hold action")
        #expect(pipeline.decide(hold, seq: 1, now: Self.at(1), hasOpenPosition: Self.noPosition).status == .duplicate)
        #expect(pipeline.aggregator.activeCount == 0)  // holds never reach the aggregator
    }

    @Test func cooldownBlocksOnlyWhileThePositionIsOpen() {
        var pipeline = SignalPipeline()
        pipeline.recordEntry(symbol: "BTCUSDT", side: .long, at: Self.at(0))
        let signal = Fixture.signal("other_strategy", .buy, 0.8)
        let blocked = pipeline.decide(signal, seq: 0, now: Self.at(120_000), hasOpenPosition: Self.openPosition)
        #expect(blocked.stage == .cooldown)
        #expect(blocked.status == .rejected)
        #expect(blocked.reasonText == "Accumulation cooldown active (180s/300s)")
        var closed = SignalPipeline()
        closed.recordEntry(symbol: "BTCUSDT", side: .long, at: Self.at(0))
        #expect(
            closed.decide(signal, seq: 0, now: Self.at(120_000), hasOpenPosition: Self.noPosition).status == .executed)
        var expired = SignalPipeline()
        expired.recordEntry(symbol: "BTCUSDT", side: .long, at: Self.at(0))
        #expect(
            expired.decide(signal, seq: 0, now: Self.at(300_000), hasOpenPosition: Self.openPosition).status
                == .executed)
    }

    @Test func cooldownAppliesAcrossStrategiesAndMapsCloseToShort() {
        var pipeline = SignalPipeline()
        pipeline.recordEntry(symbol: "BTCUSDT", side: .short, at: Self.at(0))
        var asked: [(Symbol, PositionSide)] = []
        let record: (Symbol, PositionSide) -> Bool = { symbol, side in
            asked.append((symbol, side))
            return true
        }
        let close = pipeline.decide(
            Fixture.signal("x", .close, 0.8), seq: 0, now: Self.at(1000), hasOpenPosition: record)
        #expect(close.stage == .cooldown)
        let sell = pipeline.decide(Fixture.signal("y", .sell, 0.8), seq: 1, now: Self.at(2000), hasOpenPosition: record)
        #expect(sell.stage == .cooldown)
        let buy = pipeline.decide(Fixture.signal("z", .buy, 0.8), seq: 2, now: Self.at(3000), hasOpenPosition: record)
        #expect(buy.status == .executed)
        #expect(asked.map(\.1) == [.short, .short])  // not asked for LONG: no LONG entry recorded
        let eth = pipeline.decide(
            Fixture.signal("z", .sell, 0.8, symbol: "ETHUSDT"), seq: 3, now: Self.at(4000), hasOpenPosition: record)
        #expect(eth.status == .executed)
    }

    @Test(arguments: [
        (Int64(299_500), Int64(300_000), "Accumulation cooldown active (0s/300s)"),
        (298_500, 300_000, "Accumulation cooldown active (2s/300s)"),
        (297_500, 300_000, "Accumulation cooldown active (2s/300s)"),
        (0, 300_000, "Accumulation cooldown active (300s/300s)"),
        (500, 1_500, "Accumulation cooldown active (1s/1.5s)"),
    ])
    func cooldownRemainingRoundsHalfToEven(elapsed: Int64, window: Int64, text: String) {
        var pipeline = SignalPipeline(settings: SignalSettings(reentryCooldown: window))
        pipeline.recordEntry(symbol: "BTCUSDT", side: .long, at: Self.at(0))
        let decision = pipeline.decide(
            Fixture.signal("a", .buy, 0.8), seq: 0, now: Self.at(elapsed), hasOpenPosition: Self.openPosition)
        #expect(decision.reasonText == text)
    }

    @Test func sourceEnforcementOnAndOff() {
        var enforced = SignalPipeline(settings: .live)
        let buy = Fixture.signal("a", .buy, 0.8, source: "ta_bot")
        let rejected = enforced.decide(buy, seq: 0, now: Self.at(0), hasOpenPosition: Self.noPosition)
        #expect(rejected.stage == .source)
        #expect(rejected.status == .rejected)
        #expect(
            rejected.reasonText
                == "CIO Enforcement: All BUY signals must be audited by petrosa-cio. Source 'ta_bot' is not authorized."
        )
        let sell = enforced.decide(
            Fixture.signal("a", .sell, 0.8, source: "ta_bot"), seq: 1, now: Self.at(0), hasOpenPosition: Self.noPosition
        )
        #expect(sell.reasonText.hasPrefix("CIO Enforcement: All SELL signals"))
        let close = enforced.decide(
            Fixture.signal("a", .close, 0.8, source: "ta_bot"), seq: 2, now: Self.at(0),
            hasOpenPosition: Self.noPosition)
        #expect(close.stage == .deterministic)
        let cio = enforced.decide(
            Fixture.signal("b", .buy, 0.8), seq: 3, now: Self.at(0), hasOpenPosition: Self.noPosition)
        #expect(cio.status == .executed)
        // Rejected by the source gate before the duplicate cache: not remembered.
        var custom = SignalPipeline(settings: SignalSettings(requireSource: "gateway"))
        #expect(
            custom.decide(buy, seq: 0, now: Self.at(0), hasOpenPosition: Self.noPosition).reasonText.contains(
                "by gateway."))
        var off = SignalPipeline()
        #expect(off.decide(buy, seq: 0, now: Self.at(0), hasOpenPosition: Self.noPosition).status == .executed)
    }

    @Test func i1ThroughThePipeline() {
        var pipeline = SignalPipeline()
        let decisions = [Fixture.buy(), Fixture.sell(), Fixture.buy2()].enumerated().map { index, signal in
            pipeline.decide(signal, seq: index, now: Self.at(Int64(index) * 1000), hasOpenPosition: Self.noPosition)
        }
        #expect(decisions.map(\.status) == [.executed, .executed, .executed])
    }

    @Test func accumulateCapIsReachedOnlyPastTheCooldown() {
        var pipeline = SignalPipeline()
        var open = false
        let position: (Symbol, PositionSide) -> Bool = { _, _ in open }
        var statuses: [String] = []
        for index in 0..<12 {
            let now = Self.at(Int64(index) * 310_000)  // each past the previous cooldown
            let signal = Fixture.signal("s\(index)", .buy, 0.8, at: Int64(index) * 310)
            let decision = pipeline.decide(signal, seq: index, now: now, hasOpenPosition: position)
            statuses.append(decision.reasonText)
            if decision.status == .executed {
                open = true
                pipeline.recordEntry(symbol: "BTCUSDT", side: .long, at: now)
            }
        }
        #expect(statuses[1] == "Deterministic rules satisfied. Accumulating position from multiple strategies (2/10)")
        #expect(statuses[10] == "Maximum accumulations reached (10) for BTCUSDT buy")
        // Inside a cooldown another strategy is blocked before the aggregator sees it.
        pipeline.recordEntry(symbol: "BTCUSDT", side: .long, at: Self.at(3_411_000))
        let early = pipeline.decide(
            Fixture.signal("late", .buy, 0.9, at: 3412), seq: 12, now: Self.at(3_412_000), hasOpenPosition: position)
        #expect(early.stage == .cooldown)
    }
}
