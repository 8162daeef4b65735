import Market
import Testing
import TradeEngine

/// The decision clock runs on the signal's instant to the microsecond (lifetime, duplicate
/// window, cooldown), and the duplicate and cooldown reason texts are computed as live computes
/// them: the difference of two epoch-second Python floats, printed `.2f` / `.0f` (issue 13,
/// reference §2.1, §2.8, §6.1).
@Suite struct DecisionClockTests {
    /// 2024-01-01T12:00:00Z plus `micros` microseconds.
    static func at(_ micros: Int64) -> Int64 { Fixture.t0.microseconds + micros }

    static func noPosition(_ symbol: Symbol, _ side: PositionSide) -> Bool { false }
    static func openPosition(_ symbol: Symbol, _ side: PositionSide) -> Bool { true }

    static func signal(_ strategy: String, confidence: Double, micros: Int64) -> Signal {
        var signal = Fixture.signal(strategy, .buy, confidence)
        signal.timestamp = SignalTime(microseconds: at(micros))
        return signal
    }

    /// Live prunes `timestamp < now − 1 h` on `datetime`s: a signal stamped 09:00:00.250000 is
    /// gone for one deciding at 10:00:00.250001, kept for one at 10:00:00.250000.
    @Test(arguments: [
        (
            Int64(3_600_000_001), DecisionStatus.executed,
            "Deterministic rules satisfied"
        ),
        (Int64(3_600_000_000), DecisionStatus.rejected, "Weaker than existing same-direction signal (confidence: 0.9)"),
    ])
    func lifetimeBoundaryIsExactToTheMicrosecond(later: Int64, status: DecisionStatus, reason: String) {
        var pipeline = SignalPipeline(settings: SignalSettings(sameDirection: .strongestWins))
        let first = Self.signal("a", confidence: 0.9, micros: 250_000)
        let second = Self.signal("b", confidence: 0.8, micros: 250_000 + later)
        #expect(
            pipeline.decide(first, seq: 0, nowMicroseconds: Self.at(250_000), hasOpenPosition: Self.noPosition).status
                == .executed)
        let decision = pipeline.decide(
            second, seq: 1, nowMicroseconds: Self.at(250_000 + later), hasOpenPosition: Self.noPosition)
        #expect(decision.status == status)
        #expect(decision.reasonText == reason)
        // The record's decision time is the instant floored to the millisecond.
        #expect(decision.decisionTime == SignalTime(microseconds: Self.at(250_000 + later)).timestamp)
    }

    /// The age is `time.time() - first_seen` in floats: 15 ms prints `0.02` (0.0150001…), 45 ms
    /// `0.05`, and 3.245 s `3.24` or `3.25` depending on the instants' binary roundings.
    @Test(arguments: [
        (Int64(0), Int64(15_000), "0.02"), (Int64(0), Int64(45_000), "0.05"), (Int64(0), Int64(5_000), "0.01"),
        (Int64(0), Int64(3_245_000), "3.24"), (Int64(1), Int64(3_245_000), "3.25"),
        (Int64(0), Int64(9_999_999), "10.00"),
    ])
    func duplicateAgeIsAPythonFloatDifference(first: Int64, age: Int64, text: String) {
        var pipeline = SignalPipeline()
        let signal = Fixture.signal("a", .buy, 0.8)
        _ = pipeline.decide(signal, seq: 0, nowMicroseconds: Self.at(first), hasOpenPosition: Self.noPosition)
        let again = pipeline.decide(
            signal, seq: 1, nowMicroseconds: Self.at(first + age), hasOpenPosition: Self.noPosition)
        #expect(again.status == .duplicate)
        #expect(again.reasonText == "Duplicate signal detected (age: \(text)s)")
    }

    /// The window is exact at the microsecond: 9.999999 s is a duplicate, 10 s is not.
    @Test func duplicateWindowEndsAtTenSecondsToTheMicrosecond() {
        var pipeline = SignalPipeline()
        let signal = Fixture.signal("a", .buy, 0.8)
        _ = pipeline.decide(signal, seq: 0, nowMicroseconds: Self.at(500), hasOpenPosition: Self.noPosition)
        #expect(
            pipeline.decide(signal, seq: 1, nowMicroseconds: Self.at(10_000_499), hasOpenPosition: Self.noPosition)
                .status == .duplicate)
        #expect(
            pipeline.decide(signal, seq: 2, nowMicroseconds: Self.at(10_000_500), hasOpenPosition: Self.noPosition)
                .status == .executed)
    }

    /// `Accumulation cooldown active ({remaining:.0f}s/300s)`: remaining 299.49957 s prints
    /// `299`; 180 s after the entry `120`; and the window ends at the microsecond.
    @Test func cooldownRemainingIsAPythonFloat() {
        var pipeline = SignalPipeline()
        pipeline.recordEntry(symbol: "BTCUSDT", side: .long, atMicroseconds: Self.at(7))
        let first = pipeline.decide(
            Self.signal("b", confidence: 0.8, micros: 500_437), seq: 0, nowMicroseconds: Self.at(500_437),
            hasOpenPosition: Self.openPosition)
        #expect(first.reasonText == "Accumulation cooldown active (299s/300s)")
        let later = pipeline.decide(
            Self.signal("c", confidence: 0.8, micros: 180_000_007), seq: 1, nowMicroseconds: Self.at(180_000_007),
            hasOpenPosition: Self.openPosition)
        #expect(later.reasonText == "Accumulation cooldown active (120s/300s)")
        let last = pipeline.decide(
            Self.signal("d", confidence: 0.8, micros: 300_000_006), seq: 2, nowMicroseconds: Self.at(300_000_006),
            hasOpenPosition: Self.openPosition)
        #expect(last.stage == .cooldown)
        let after = pipeline.decide(
            Self.signal("e", confidence: 0.8, micros: 300_000_007), seq: 3, nowMicroseconds: Self.at(300_000_007),
            hasOpenPosition: Self.openPosition)
        #expect(after.stage != .cooldown)
    }
}
