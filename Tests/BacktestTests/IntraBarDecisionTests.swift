import Exchange
import Market
import Results
import Testing
import TradeEngine

@testable import Backtest

/// No look-ahead inside a bar (docs/design.md, "The event-order contract"): each signal is
/// decided with the state at its own instant, the bars walked up to it. Hand-made 1m bars from
/// 2026-01-01 00:00 UTC at 30 000; bar 3 (00:03) O 30 000 H 30 010 L 29 000 C 29 100, so the
/// path (adaptive: the nearer high first) reaches the high at 00:03:20 and the low at 00:03:40.
/// A buys 0.01 at 00:00:10 with its stop at 29 700 (filled at 00:01:00), hit at 00:03:40.
@Suite struct IntraBarDecisionTests {
    static let t0 = Timestamp(iso8601: "2026-01-01T00:00:00Z")!

    static func run(_ later: [(String, Int64)], overrides: [String] = []) throws -> RunResult {
        try ScenarioWorkspace.run(try scenarioFile(later), overrides: overrides)
    }

    func decision(_ r: RunResult, _ strategy: String) throws -> DecisionRecord {
        try #require(r.decisions.first { $0.strategyID == strategy })
    }

    /// B at 00:03:04 sees A still open (its stop fills at 00:03:40): the cooldown rejects it,
    /// with 300 − 174 = 126 s left; C at 00:03:50 in the same bar sees A closed and enters.
    @Test func aSignalSeesOnlyTheFillsBeforeItsInstant() throws {
        let r = try Self.run([("B", 184_000), ("C", 230_000)])
        let b = try decision(r, "B")
        #expect(b.status == "rejected")
        #expect(b.reason == "Accumulation cooldown active (126s/300s)")
        let c = try decision(r, "C")
        #expect(c.status == "executed")
        let stop = try #require(r.fills.first { $0.purpose == .stopLoss })
        #expect(stop.fill.time == Self.t0.adding(seconds: 220))
        // C's entry fills at the next bar's open, not inside the bar it was decided in.
        let entry = try #require(r.fills.first { $0.purpose == .entry && $0.fill.orderID == c.orderID })
        #expect(entry.fill.time == Self.t0.adding(seconds: 240))
    }

    /// OP2: the stop leg's fill cancels its take-profit sibling and closes A as `stop_loss`.
    @Test func op2AFilledLegCancelsItsSibling() throws {
        let r = try Self.run([])
        let a = try #require(r.strategyPositions.first { $0.strategyID == "A" })
        #expect(a.status == .closed && a.closeReason == .stopLoss)
        let target = try #require(r.orders.first { $0.strategyPositionID == a.id && $0.purpose == .takeProfit })
        #expect(target.status == .canceled)
    }

    /// A signal stamped exactly at a path point's time sees that point's fills (ties: the
    /// exchange first); one millisecond earlier it does not.
    @Test(arguments: [(Int64(220_000), "executed"), (Int64(219_999), "rejected")])
    func aSignalAtAPathPointSeesItsFills(at milliseconds: Int64, status: String) throws {
        let r = try Self.run([("B", milliseconds)])
        #expect(try decision(r, "B").status == status)
    }

    /// Under `bar_close` the signals still come after the whole bar (the reference fills at the
    /// bar's own close): B sees A's stop fill.
    @Test func barCloseDecidesAfterTheWholeBar() throws {
        let r = try Self.run([("B", 184_000)], overrides: ["exchange.fill_reference=bar_close"])
        #expect(try decision(r, "B").status == "executed")
    }

    /// Quiet stretches: with signals only every few bars the bars between them go to the
    /// exchange in runs; the result equals the bar-by-bar loop (`afterBar` turns the runs off).
    @Test func quietStretchesGiveTheSameResult() throws {
        let signals: [(String, Int64)] = [("B", 184_000), ("C", 230_000), ("D", 500_000)]
        let fast = try Self.run(signals)
        var bars = 0
        let slow = try ScenarioWorkspace.run(try Self.scenarioFile(signals)) { _, _, _ in bars += 1 }
        #expect(bars == 10)
        #expect(slow.resultDigest == fast.resultDigest)
        #expect(slow.decisions.map(\.status) == fast.decisions.map(\.status))
        #expect(slow.fills.map(\.fill.time) == fast.fills.map(\.fill.time))
    }

    static func scenarioFile(_ later: [(String, Int64)]) throws -> String {
        let ws = ScenarioWorkspace("intrabar")
        var bars = [(String, String, String, String)](repeating: ("30000", "30000", "30000", "30000"), count: 3)
        bars.append(("30000", "30010", "29000", "29100"))
        bars += [(String, String, String, String)](repeating: ("29100", "29100", "29100", "29100"), count: 6)
        let klines = ws.write("BTCUSDT-1m.csv", ScenarioWorkspace.klines(start: t0, bars))
        var lines = [
            ScenarioWorkspace.signal(
                strategy: "A", action: "buy", at: t0.adding(seconds: 10), price: "30000", quantity: "0.01",
                stopLoss: "29700", takeProfit: "31000")
        ]
        for (strategy, milliseconds) in later {
            lines.append(
                ScenarioWorkspace.signal(
                    strategy: strategy, action: "buy", at: t0.adding(milliseconds: milliseconds), price: "29500",
                    quantity: "0.01", stopLoss: "28000", takeProfit: "31000"))
        }
        return ws.scenario(
            klines: ["BTCUSDT": klines], signals: ws.write("signals.jsonl", lines.joined(separator: "\n") + "\n"))
    }
}

/// The order signals are decided in: by instant to the microsecond, equal instants in input
/// order (arrival order), shown with `reject_duplicates` (the first of two same-direction
/// signals decided executes, the second is rejected). The records list the input order.
@Suite struct ArrivalOrderTests {
    static let t0 = Timestamp(iso8601: "2026-01-01T00:00:00Z")!

    static func run(_ signals: [(String, String)]) throws -> [String] {
        let ws = ScenarioWorkspace("arrival")
        let bars = [(String, String, String, String)](repeating: ("30000", "30000", "30000", "30000"), count: 5)
        let klines = ws.write("BTCUSDT-1m.csv", ScenarioWorkspace.klines(start: t0, bars))
        let lines = signals.map { strategy, time in
            #"{"strategy_id":"\#(strategy)","strategy":"\#(strategy)","symbol":"BTCUSDT","action":"buy","#
                + #""confidence":0.8,"price":30000,"current_price":30000,"quantity":0.01,"#
                + #""source":"petrosa-cio","timestamp":"\#(time)"}"#
        }
        let file = ws.scenario(
            klines: ["BTCUSDT": klines], signals: ws.write("signals.jsonl", lines.joined(separator: "\n") + "\n"))
        let r = try ScenarioWorkspace.run(file, overrides: ["engine.same_direction=reject_duplicates"])
        return r.decisions.map { "\($0.strategyID) \($0.status)" }
    }

    @Test func equalTimestampsKeepTheInputOrder() throws {
        let at = "2026-01-01T00:00:10.123456Z"
        #expect(try Self.run([("A", at), ("B", at)]) == ["A executed", "B rejected"])
        #expect(try Self.run([("B", at), ("A", at)]) == ["B executed", "A rejected"])
    }

    @Test func withinOneMillisecondTheMicrosecondsDecide() throws {
        let signals = [("B", "2026-01-01T00:00:10.123900Z"), ("A", "2026-01-01T00:00:10.123100Z")]
        // The records are in input order (B first); A, later in the input, was decided first.
        #expect(try Self.run(signals) == ["B rejected", "A executed"])
    }
}
