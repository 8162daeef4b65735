import Foundation
import Market
import Results
import TestSupport
import Testing
import TradeEngine

@testable import Backtest

/// `signal_time: field | receive`: which instant a recorded signal is decided at.
@Suite struct SignalTimeSourceTests {
    static let t0 = Timestamp(iso8601: "2026-01-01T00:00:00Z")!

    private func receiveTime(_ line: String) throws(SignalDecodingError) -> SignalTime {
        var copy = line
        let result: Result<SignalTime, SignalDecodingError> = copy.withUTF8 { buffer in
            Result { () throws(SignalDecodingError) in
                try SignalTimeSource.receiveTime(UnsafeRawBufferPointer(buffer), file: "rec.jsonl", line: 3)
            }
        }
        return try result.get()
    }

    @Test func readsTheLastReceivedAt() throws {
        let time = try receiveTime(#"{"_received_at":"x","a":1,"_received_at":"2026-01-01T00:05:00.250000Z"}"#)
        #expect(time == SignalTime(iso8601: "2026-01-01T00:05:00.25Z"))
    }

    @Test func aLineWithoutReceivedAtIsAnError() {
        #expect(throws: SignalDecodingError.self) { try receiveTime(#"{"a":1}"#) }
        do throws(SignalDecodingError) {
            _ = try receiveTime(#"{"a":1}"#)
        } catch {
            #expect(error.description == "rec.jsonl:3: signal_time: receive needs a _received_at field (none)")
        }
        do throws(SignalDecodingError) {
            _ = try receiveTime(#"{"_received_at":"yesterday"}"#)
        } catch {
            #expect(error.description == "rec.jsonl:3: _received_at is not an ISO-8601 time (yesterday)")
        }
    }

    /// The same two signals decided at their `timestamp` or at `_received_at` six minutes later.
    @Test func receiveTimeMovesTheDecision() throws {
        let ws = ScenarioWorkspace("signal-time")
        let bars = [(String, String, String, String)](repeating: ("30000", "30000", "30000", "30000"), count: 20)
        let klines = ws.write("BTCUSDT-1m.csv", ScenarioWorkspace.klines(start: Self.t0, bars))
        let signal = ScenarioWorkspace.signal(
            strategy: "A", action: "buy", at: Self.t0.adding(seconds: 10), price: "30000", quantity: "0.01")
        let received = String(signal.dropLast()) + #","_received_at":"2026-01-01T00:06:10.000000Z"}"#
        let signals = ws.write("signals.jsonl", received + "\n")
        let file = ws.scenario(klines: ["BTCUSDT": klines], signals: signals)

        let byField = try ScenarioWorkspace.run(file)
        let byReceive = try ScenarioWorkspace.run(file, overrides: ["signal_time=receive"])
        let fieldEntry = try #require(byField.strategyPositions.first).entryTime
        let receiveEntry = try #require(byReceive.strategyPositions.first).entryTime
        #expect(receiveEntry.milliseconds(since: fieldEntry) == 6 * 60_000)
        #expect(
            try ScenarioLoader.load(path: file, overrides: []).resolvedSettings.contains { $0.key == "signal_time" }
                == false)
        #expect(
            try ScenarioLoader.load(path: file, overrides: ["signal_time=receive"]).resolvedSettings.contains {
                $0.key == "signal_time" && $0.json == #""receive""#
            })
    }
}
