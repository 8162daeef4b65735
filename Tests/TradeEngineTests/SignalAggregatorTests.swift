import Market
import Testing

@testable import TradeEngine

/// The aggregator as the live dispatcher drives it: each signal is inserted, old ones pruned
/// against the simulation clock, then the processor runs (reference §2.1–2.2, §2.9, §8.1 I1 (the
/// aggregator half; the position-manager half is in `PositionBookTests`),
/// §8.2 A1–A8).
@Suite struct SignalAggregatorTests {
    static func time(_ seconds: Int64) -> Timestamp {
        Timestamp(milliseconds: Fixture.t0.timestamp.milliseconds + seconds * 1000)
    }

    @Test func i1HedgeAccumulateExecutesAllThree() {
        var aggregator = SignalAggregator()
        let outcomes = [Fixture.buy(), Fixture.sell(), Fixture.buy2()].enumerated().map { index, signal in
            aggregator.process(signal, now: Self.time(Int64(index)))
        }
        #expect(outcomes.map(\.status) == [.executed, .executed, .executed])
        #expect(
            outcomes[2].reason.text
                == "Deterministic rules satisfied. Accumulating position from multiple strategies (2/10)")
        #expect(aggregator.activeCount == 3)
    }

    @Test func a1AddingMakesASignalActive() {
        var aggregator = SignalAggregator()
        aggregator.add(Fixture.buy(), now: Self.time(0))
        #expect(aggregator.activeCount > 0)
        #expect(aggregator.activeSignals.first?.strategyID == "momentum_v1")
    }

    @Test func a2StrategyWeightsAreStored() {
        var aggregator = SignalAggregator()
        aggregator.setStrategyWeight("test-strategy", 0.5)
        #expect(aggregator.strategyWeight("test-strategy") == 0.5)
        #expect(aggregator.strategyWeight("other") == nil)
    }

    @Test func a3StandaloneProcessAcknowledges() {
        var aggregator = SignalAggregator()
        #expect(aggregator.acknowledge(Fixture.buy(), now: Self.time(0)) == .executed)
        #expect(aggregator.totalProcessed == 1)
    }

    @Test func a4OldSignalsArePruned() {
        var aggregator = SignalAggregator()
        let old = Fixture.signal("old", .buy, 0.8, at: -7200)
        let recent = Fixture.signal("recent", .buy, 0.8, at: -60)
        aggregator.add(old, now: Self.time(0))
        aggregator.add(recent, now: Self.time(0))
        #expect(aggregator.activeSignals.map(\.strategyID) == ["recent"])
        #expect(aggregator.totalProcessed == 2)
    }

    @Test func a5CancelOpposingSignalsRemovesTheSymbol() {
        var aggregator = SignalAggregator()
        aggregator.add(Fixture.signal("a", .buy, 0.8), now: Self.time(0))
        aggregator.add(Fixture.signal("b", .sell, 0.8), now: Self.time(0))
        aggregator.add(Fixture.signal("c", .buy, 0.8, symbol: "ETHUSDT"), now: Self.time(0))
        aggregator.cancelSignals(symbol: "BTCUSDT")
        #expect(aggregator.activeSignals.map(\.strategyID) == ["c"])
    }

    @Test(arguments: [
        ("tick", 0.08), ("1m", 0.16), ("5m", 0.32), ("15m", 0.40), ("1h", 0.56), ("4h", 0.72), ("1d", 1.04),
        ("weird", 0.8),
    ])
    func a6TimeframeStrength(timeframe: String, strength: Double) {
        var signal = Fixture.signal("a", .buy, 0.8)
        signal.timeframe = timeframe
        #expect(abs(SignalAggregator.timeframeStrength(signal) - strength) <= strength * 0.01)
    }

    @Test func a7TimeframeOrdinals() {
        let frames = [
            "tick", "1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d", "3d", "1w", "1M",
        ]
        #expect(frames.map(TimeFrame.ordinal) == Array(1...16))
        #expect(TimeFrame.ordinal("2w") == 1)
    }

    @Test func a8SummaryCounts() {
        var aggregator = SignalAggregator()
        aggregator.add(Fixture.signal("a", .buy, 0.8), now: Self.time(0))
        aggregator.add(Fixture.signal("b", .buy, 0.8, mode: .mlLight), now: Self.time(0))
        aggregator.add(Fixture.signal("c", .sell, 0.8), now: Self.time(0))
        let summary = aggregator.summary
        #expect(summary.activeSignalsCount == 3)
        #expect(summary.totalSignalsProcessed == 3)
        #expect(
            summary.modeDistribution == [
                ModeCount(mode: .deterministic, count: 2), ModeCount(mode: .mlLight, count: 1),
            ])
    }

    @Test func workedExampleOneWayRejectedSignalsKeepBlocking() {
        var aggregator = SignalAggregator(settings: Fixture.oneWay)
        let a = aggregator.process(Fixture.signal("A", .buy, 0.8), now: Self.time(0))
        let b = aggregator.process(Fixture.signal("B", .sell, 0.75, at: 1), now: Self.time(1))
        let c = aggregator.process(Fixture.signal("C", .buy, 0.7, at: 2), now: Self.time(2))
        #expect(a.status == .executed)
        #expect(b.reason.text == "Lower confidence than conflicting signal")
        #expect(c.status == .rejected)
        #expect(c.reason.text == "Lower confidence than conflicting signal")  // B(0.75) still blocks
        #expect(aggregator.activeCount == 3)
    }

    @Test func workedExampleHedgeStrongestWins() {
        var aggregator = SignalAggregator(settings: SignalSettings(sameDirection: .strongestWins))
        let a = aggregator.process(Fixture.signal("A", .buy, 0.8), now: Self.time(0))
        let b = aggregator.process(Fixture.signal("B", .buy, 0.9, at: 600), now: Self.time(600))
        let c = aggregator.process(Fixture.signal("C", .buy, 0.85, at: 1200), now: Self.time(1200))
        #expect(a.status == .executed)
        #expect(b.reason.text == "Deterministic rules satisfied. Strongest signal in same direction")
        #expect(c.reason.text == "Weaker than existing same-direction signal (confidence: 0.9)")
        let tie = aggregator.process(Fixture.signal("D", .buy, 0.9, at: 1300), now: Self.time(1300))
        #expect(tie.status == .rejected)  // ties lose
    }

    @Test func workedExampleHedgeAccumulateCapsAtTen() {
        var aggregator = SignalAggregator()
        for index in 0..<10 {
            let outcome = aggregator.process(
                Fixture.signal("s\(index)", .buy, 0.8, at: Int64(index)), now: Self.time(Int64(index)))
            #expect(outcome.reason.text.hasSuffix("(\(index + 1)/10)") || index == 0)
        }
        let eleventh = aggregator.process(Fixture.signal("s10", .buy, 0.8, at: 10), now: Self.time(10))
        #expect(eleventh.status == .rejected)
        #expect(eleventh.reason.text == "Maximum accumulations reached (10) for BTCUSDT buy")
        // Same-strategy repeats are never counted (only other strategies form S).
        let repeatOwn = aggregator.process(Fixture.signal("s0", .buy, 0.8, at: 11), now: Self.time(11))
        #expect(repeatOwn.status == .rejected)  // 10 others (s1…s10) are active
        // ML and LLM have no cap.
        let ml = aggregator.process(Fixture.signal("m", .buy, 0.8, mode: .mlLight, at: 12), now: Self.time(12))
        #expect(ml.status == .executed)
    }

    @Test func expiryIsStrictAtExactlyTheTTL() {
        var aggregator = SignalAggregator()
        aggregator.add(Fixture.signal("A", .buy, 0.8), now: Self.time(0))
        aggregator.add(Fixture.signal("B", .buy, 0.8, at: 3600), now: Self.time(3600))
        #expect(aggregator.activeSignals.map(\.strategyID) == ["A", "B"])  // exactly 1 h old: kept
        aggregator.add(
            Fixture.signal("C", .buy, 0.8, at: 3600),
            now: Timestamp(milliseconds: Self.time(3600).milliseconds + 1))
        #expect(aggregator.activeSignals.map(\.strategyID) == ["B", "C"])
    }

    @Test func expiryUsesMicrosecondTimestamps() {
        var aggregator = SignalAggregator()
        var a = Fixture.signal("A", .buy, 0.8)
        a.timestamp = SignalTime(microseconds: Fixture.t0.microseconds - 1)  // 11:59:59.999999
        aggregator.add(a, now: Self.time(0))
        aggregator.add(Fixture.signal("B", .buy, 0.8), now: Self.time(0))  // 12:00:00.000000
        aggregator.add(Fixture.signal("C", .buy, 0.8, at: 3600), now: Self.time(3600))
        #expect(aggregator.activeSignals.map(\.strategyID) == ["B", "C"])  // A: 1 h + 1 µs old
    }

    @Test func signalsOlderThanTheTTLAreInsertedThenPruned() {
        var aggregator = SignalAggregator(settings: SignalSettings(sameDirection: .rejectDuplicates))
        aggregator.add(Fixture.signal("A", .buy, 0.8, at: 7200), now: Self.time(7200))
        let late = aggregator.process(Fixture.signal("B", .buy, 0.8), now: Self.time(7200))
        #expect(late.status == .rejected)  // evaluated against A; B itself is already gone
        #expect(aggregator.activeSignals.map(\.strategyID) == ["A"])
        #expect(aggregator.totalProcessed == 2)
    }

    @Test func sameKeyOverwritesInPlaceLikeAPythonDict() {
        var aggregator = SignalAggregator(settings: SignalSettings(sameDirection: .rejectDuplicates))
        aggregator.add(Fixture.signal("A", .buy, 0.8), now: Self.time(1))
        aggregator.add(Fixture.signal("B", .buy, 0.8, at: 1), now: Self.time(1))
        aggregator.add(Fixture.signal("A", .sell, 0.8), now: Self.time(1))  // same key as A: replaced
        #expect(aggregator.activeSignals.map(\.action) == [.sell, .buy])
        let first = aggregator.evaluate(Fixture.signal("C", .buy, 0.9, at: 2))
        #expect(first.reason.text == "Same-direction signal already exists from B")
        aggregator.add(Fixture.signal("A", .buy, 0.7), now: Self.time(1))  // back to buy, original position
        let again = aggregator.evaluate(Fixture.signal("C", .buy, 0.9, at: 2))
        #expect(again.reason.text == "Same-direction signal already exists from A")
        #expect(aggregator.activeCount == 2)
        #expect(aggregator.activeSignals.map(\.confidence) == [0.7, 0.8])
    }

    @Test func equalInstantsWithDifferentOffsetsAreDifferentKeys() {
        var aggregator = SignalAggregator()
        var a = Fixture.signal("A", .buy, 0.8)
        aggregator.add(a, now: Self.time(0))
        a.timestamp = SignalTime(iso8601: "2024-01-01T14:00:00+02:00")!
        aggregator.add(a, now: Self.time(0))
        #expect(aggregator.activeCount == 2)
    }

    @Test func conflictsIncludeTheSameStrategyAndClose() {
        var aggregator = SignalAggregator(settings: Fixture.oneWay)
        aggregator.add(Fixture.signal("A", .close, 0.9), now: Self.time(0))
        let own = aggregator.process(Fixture.signal("A", .buy, 0.85, at: 1), now: Self.time(1))
        #expect(own.reason.text == "Lower confidence than conflicting signal")
        let stronger = aggregator.process(Fixture.signal("B", .sell, 0.95, at: 2), now: Self.time(2))
        #expect(stronger.status == .executed)
    }

    /// The indexed store against the literal port (a Python dict keyed by the live key string,
    /// pruned by scanning), over random streams with overwrites, expiry, out-of-order times and
    /// every policy and mode.
    @Test(arguments: 0..<6)
    func indexedStoreMatchesTheLiteralPort(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let policies = SignalSettings.SameDirectionPolicy.allCases
        let settings = SignalSettings(
            positionMode: seed % 2 == 0 ? .hedge : .oneWay, positionModeAwareConflicts: seed % 3 != 2,
            sameDirection: policies[Int(seed % 3)], maxAccumulations: 4, signalTTL: 20_000)
        var aggregator = SignalAggregator(settings: settings)
        aggregator.compactionMinimum = 64
        var literal = ActiveSignalList()
        let confidences = [0.45, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9]
        var clock: Int64 = 0
        var history: [Signal] = []
        for step in 0..<2_500 {
            clock += Int64(random.next() % 200)
            var signal: Signal
            if !history.isEmpty && random.next() % 10 == 0 {
                // Same key as an earlier signal (strategy, symbol, timestamp), new action/confidence.
                signal = history[Int(random.next() % UInt64(history.count))]
                signal.action = [.buy, .sell, .close][Int(random.next() % 3)]
                signal.confidence = confidences[Int(random.next() % 8)]
            } else {
                let skew = Int64(random.next() % 3000) - 2000
                signal = Fixture.signal(
                    "s\(random.next() % 7)", [.buy, .sell, .close, .hold][Int(random.next() % 4)],
                    confidences[Int(random.next() % 8)], mode: StrategyMode.allCases[Int(random.next() % 3)],
                    symbol: ["BTCUSDT", "ETHUSDT"][Int(random.next() % 2)])
                signal.timestamp = SignalTime(microseconds: (clock + skew) * 1000 + Int64(random.next() % 2))
                history.append(signal)
                if history.count > 50 { history.removeFirst() }
            }
            let now = Timestamp(milliseconds: clock)
            let indexed = aggregator.process(signal, now: now)
            literal.set(signal, forKey: "\(signal.strategyID)_\(signal.symbol.name)_\(signal.timestamp.isoformat)")
            let cutoff = (clock - settings.signalTTL) * 1000
            literal.removeAll { $0.timestamp.microseconds < cutoff }
            let expected = SignalProcessor.process(signal, active: literal, settings: settings)
            #expect(indexed == expected, "step \(step)")
            if indexed != expected { return }
            if step % 97 == 0 {
                #expect(aggregator.activeSignals.map(\.strategyID) == literal.entries.map(\.signal.strategyID))
                #expect(aggregator.activeSignals.map(\.confidence) == literal.entries.map(\.signal.confidence))
            }
        }
        #expect(aggregator.activeCount == literal.activeCount)
        #expect(aggregator.entries.count < 1000)  // dead slots were compacted away
    }
}
