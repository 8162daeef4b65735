import Market
import Results
import Testing
import TradeEngine

@testable import Backtest

/// live_compat's protection per (symbol, side), and the live vectors that need a run: AL2, R1,
/// R2/R10 (§6.6–6.7, §8.4, §8.6). Hand-made 1m bars from 2026-01-01 00:00 UTC at 30 000; bar 10
/// (00:10) falls to 29 650 and closes at 29 700, the rest stay there.
@Suite struct LiveCompatSideTests {
    static let t0 = Timestamp(iso8601: "2026-01-01T00:00:00Z")!

    static func run(_ signals: [(String, String, Int64, String, String)]) throws -> RunResult {
        let ws = ScenarioWorkspace("sides")
        var bars = [(String, String, String, String)](repeating: ("30000", "30000", "30000", "30000"), count: 10)
        bars.append(("30000", "30000", "29650", "29700"))
        bars += [(String, String, String, String)](repeating: ("29700", "29700", "29700", "29700"), count: 9)
        let klines = ws.write("BTCUSDT-1m.csv", ScenarioWorkspace.klines(start: t0, bars))
        let lines = signals.map { strategy, action, seconds, stop, target in
            ScenarioWorkspace.signal(
                strategy: strategy, action: action, at: t0.adding(seconds: seconds), price: "30000", quantity: "0.01",
                stopLoss: stop, takeProfit: target)
        }
        let file = ws.scenario(
            klines: ["BTCUSDT": klines], signals: ws.write("signals.jsonl", lines.joined(separator: "\n") + "\n"))
        return try ScenarioWorkspace.run(file, overrides: ["protection=live_compat", "engine.reentry_cooldown=0s"])
    }

    /// live_compat sizes an entry from the available balance the previous entry's risk check
    /// cached (10 000, before A's fill took 300 of margin and 1.5 of fees); the default from the
    /// balance at the decision (9 698.5). B: 5 % × confidence 0.8 at 30 000.
    @Test(arguments: [("per_strategy", "0.012"), ("live_compat", "0.013")])
    func sizingUsesThePreviousRiskChecksBalanceUnderLiveCompat(protection: String, quantity: String) throws {
        let ws = ScenarioWorkspace("sizing")
        let bars = [(String, String, String, String)](repeating: ("30000", "30000", "30000", "30000"), count: 5)
        let klines = ws.write("BTCUSDT-1m.csv", ScenarioWorkspace.klines(start: Self.t0, bars))
        let lines = [
            ScenarioWorkspace.signal(
                strategy: "A", action: "buy", at: Self.t0.adding(seconds: 10), price: "30000", quantity: "0.1"),
            ScenarioWorkspace.signal(
                strategy: "B", action: "sell", at: Self.t0.adding(seconds: 130), price: "30000",
                positionSizePct: "0.05"),
        ]
        let file = ws.scenario(
            klines: ["BTCUSDT": klines], signals: ws.write("signals.jsonl", lines.joined(separator: "\n") + "\n"))
        let r = try ScenarioWorkspace.run(file, overrides: ["protection=\(protection)"])
        #expect(r.decisions.map(\.status) == ["executed", "executed"])
        #expect(r.decisions.last?.quantity == Quantity(quantity)!)
    }

    func protection(_ r: RunResult, _ strategy: String) -> [OrderRecord] {
        guard let p = r.strategyPositions.first(where: { $0.strategyID == strategy }) else { return [] }
        return r.orders.filter { $0.strategyPositionID == p.id && $0.purpose != .entry }
    }

    /// A LONG (A) and a SHORT (B) on one symbol each get their own closePosition OCO pair; a
    /// second SHORT (C) gets none (`duplicate_oco`). B's take-profit at 29 700 closes the SHORT
    /// side: B, the owner, is closed with the whole side; C is evicted by the reconciler (R2,
    /// R10: its side is gone); A, whose LONG the exchange still holds, stays open (R1).
    @Test func eachSideGetsItsOwnPair() throws {
        let r = try Self.run([
            ("A", "buy", 10, "29700", "30300"), ("B", "sell", 130, "30300", "29700"),
            ("C", "sell", 250, "30300", "29800"),
        ])
        let a = protection(r, "A")
        let b = protection(r, "B")
        #expect(a.map(\.positionSide) == [.long, .long] && a.allSatisfy(\.closePosition))
        #expect(b.map(\.positionSide) == [.short, .short] && b.allSatisfy(\.closePosition))
        #expect(Set(b.map(\.purpose)) == [.stopLoss, .takeProfit])
        #expect(protection(r, "C").isEmpty)
        let position = { (s: String) in r.strategyPositions.first { $0.strategyID == s } }
        #expect(position("C")?.protectionNote == "consolidated: existing OCO pair covers BTCUSDT_SHORT")
        #expect(position("B")?.status == .closed && position("B")?.closeReason == .takeProfit)
        #expect(position("B")?.exitQuantity == Quantity("0.02")!)
        #expect(position("C")?.status == .closedExternally && position("C")?.closeReason == .noExchangePosition)
        #expect(position("A")?.status == .open)
    }

    /// AL2: ten strategies buy the same symbol: one OCO pair, two protective orders in all.
    @Test func al2TenStrategiesOnePair() throws {
        let r = try Self.run((0..<10).map { ("S\($0)", "buy", 10 + Int64($0), "29000", "31000") })
        #expect(r.strategyPositions.count == 10)
        let protective = r.orders.filter { $0.purpose == .stopLoss || $0.purpose == .takeProfit }
        #expect(protective.count == 2)
        #expect(Set(protective.compactMap(\.strategyID)) == ["S0"])
    }
}
