import Exchange
import Market
import Results
import TestSupport
import Testing
import TradeEngine

@testable import Backtest

/// The live reconciler's eviction rules (§4.8): under live_compat, an open strategy position
/// whose leg the exchange no longer holds is evicted as `closed_externally` once it is
/// `reconciler_delay` old, at the reconciler's next run; positions whose leg is held are kept;
/// closed ones are never touched. Vectors here: R7–R10, R12; R1, R2 and R10 on two sides are in
/// `LiveCompatSideTests`. Not applicable in hedge mode: R3–R5 and R13 (a `BOTH` position, which
/// only one-way mode has), R6 (an entry time missing or written as text: here it is always the
/// simulation's timestamp) and R11 (a store not ready yet: the simulated exchange always is).
@Suite struct ReconcilerTests {
    typealias Mini = MiniatureScenarioTests

    func run(_ overrides: [String]) throws -> RunResult {
        let (_, file) = Mini.workspace()
        return try ScenarioWorkspace.run(file, overrides: ["protection=live_compat"] + overrides)
    }

    /// R8/R10: the ghost (B) is evicted; the owner (A) was closed with PnL and is not touched.
    @Test func evictsTheGhostAtTheFirstRunAfterTheDelay() throws {
        let r = try run([])
        let b = try #require(r.strategyPositions.first { $0.strategyID == "B" })
        #expect(b.status == .closedExternally)
        // B entered at 00:07:00; the leg went flat at 00:10; the reconciler runs every 60 s of
        // simulation time (at bar closes) and evicts once B is 300 s old: at 00:12:00.
        #expect(b.exitTime == Timestamp(iso8601: "2026-01-01T00:12:00Z"))
        #expect(b.exitPrice == nil && b.realizedPnL == .zero)
        let a = try #require(r.strategyPositions.first { $0.strategyID == "A" })
        #expect(a.status == .closed)
    }

    /// R9: a young ghost is skipped (kept open) until it is old enough.
    @Test func keepsYoungGhosts() throws {
        let r = try run(["engine.reconciler_delay=1h"])
        let b = try #require(r.strategyPositions.first { $0.strategyID == "B" })
        #expect(b.status == .open)
    }

    /// The interval: with a 5-minute reconciler the eviction waits for its next run.
    @Test func runsOnItsInterval() throws {
        let r = try run(["engine.reconciler_interval=5m"])
        let b = try #require(r.strategyPositions.first { $0.strategyID == "B" })
        #expect(b.status == .closedExternally)
        #expect(b.exitTime == Timestamp(iso8601: "2026-01-01T00:16:00Z"))
    }

    /// R7/R12: nothing happens under per_strategy (no ghosts exist) and closed rows stay closed.
    @Test func perStrategyHasNoGhosts() throws {
        let (_, file) = Mini.workspace()
        let r = try ScenarioWorkspace.run(file)
        #expect(!r.strategyPositions.contains { $0.status == .closedExternally })
    }
}

/// How the dispatcher turns executed decisions into orders (§6.2; vectors D3 and D5).
@Suite struct DispatcherOrderTests {
    static let t0 = Timestamp(iso8601: "2026-01-01T00:00:00Z")!

    func run(_ signals: [String], overrides: [String] = []) throws -> RunResult {
        let ws = ScenarioWorkspace("orders")
        let bars = [(String, String, String, String)](repeating: ("30000", "30010", "29990", "30000"), count: 30)
        let klines = ws.write("BTCUSDT-1m.csv", ScenarioWorkspace.klines(start: Self.t0, bars))
        let file = ws.write("s.jsonl", signals.joined(separator: "\n") + "\n")
        return try ScenarioWorkspace.run(
            ws.scenario(klines: ["BTCUSDT": klines], signals: file, extra: "engine: {reentry_cooldown: 0s}"),
            overrides: overrides)
    }

    /// D3/D5: buy → BUY/LONG market at the next open, sell → SELL/SHORT; the entry order's side,
    /// type and position side.
    @Test func buyAndSellOpenTheirLegs() throws {
        let r = try run([
            ScenarioWorkspace.signal(
                strategy: "a", action: "buy", at: Self.t0.adding(seconds: 5), price: "30000", quantity: "0.01"),
            ScenarioWorkspace.signal(
                strategy: "b", action: "sell", at: Self.t0.adding(seconds: 65), price: "30000", quantity: "0.02"),
        ])
        let entries = r.orders.filter { $0.purpose == .entry }
        #expect(entries.map(\.side) == [.buy, .sell])
        #expect(entries.map(\.positionSide) == [.long, .short])
        #expect(entries.map(\.type) == [.market, .market])
        #expect(entries.map(\.quantity) == [Quantity("0.01")!, Quantity("0.02")!])
        #expect(entries.map(\.status) == [.filled, .filled])
        #expect(r.strategyPositions.map(\.side) == [.long, .short])
        #expect(r.strategyPositions.map(\.entryTime) == [Self.t0.adding(seconds: 60), Self.t0.adding(seconds: 120)])
    }

    /// D3: a limit entry rests at the signal's current price with its time in force.
    @Test func limitEntriesRestAtTheSignalPrice() throws {
        var line = ScenarioWorkspace.signal(
            strategy: "a", action: "buy", at: Self.t0.adding(seconds: 5), price: "29995", quantity: "0.01")
        line = String(line.dropLast()) + ",\"order_type\":\"limit\",\"time_in_force\":\"GTC\"}"
        let r = try run([line])
        let entry = try #require(r.orders.first { $0.purpose == .entry })
        #expect(entry.type == .limit && entry.price == 29_995 && entry.timeInForce == .gtc)
        #expect(entry.status == .filled)  // the next bars' lows (29 990) cross it
        let fill = try #require(r.fills.first)
        #expect(fill.fill.isMaker && fill.fill.price == 29_995)
    }

    /// Sizing (§6.3): a quantity below the exchange minimum is raised to it; the amount sent is
    /// floored to the lot step.
    @Test func sizingRaisesToTheMinimumAndFloorsToTheStep() throws {
        let r = try run([
            ScenarioWorkspace.signal(
                strategy: "a", action: "buy", at: Self.t0.adding(seconds: 5), price: "30000", quantity: "0.0001"),
            ScenarioWorkspace.signal(
                strategy: "b", action: "sell", at: Self.t0.adding(seconds: 65), price: "30000", quantity: "0",
                positionSizePct: "0.05"),
        ])
        // min = max(0.001, 100 / 30 000) × 1.05 = 0.0035 → 0.004 (step 0.001).
        #expect(r.decisions.map(\.quantity) == [Quantity("0.004")!, Quantity("0.013")!])
        // b: 10 000 × (0.05 × 0.8) / 30 000 = 0.01333… → floored to 0.013.
    }

    /// §9.7: a `close` under live_compat fails at the exchange as live; under per_strategy it
    /// closes the strategy's open positions on the symbol at the next open.
    @Test func closeSignals() throws {
        let signals = [
            ScenarioWorkspace.signal(
                strategy: "a", action: "buy", at: Self.t0.adding(seconds: 5), price: "30000", quantity: "0.01"),
            ScenarioWorkspace.signal(strategy: "a", action: "close", at: Self.t0.adding(seconds: 125), price: "30000"),
            ScenarioWorkspace.signal(strategy: "z", action: "close", at: Self.t0.adding(seconds: 185), price: "30000"),
        ]
        let per = try run(signals)
        #expect(per.decisions.map(\.status) == ["executed", "executed", "rejected"])
        #expect(per.decisions.last?.reason == "No open position to close")
        #expect(per.strategyPositions.first?.closeReason == .closeSignal)
        #expect(per.strategyPositions.first?.exitTime == Self.t0.adding(seconds: 180))
        let live = try run(signals, overrides: ["protection=live_compat"])
        #expect(live.decisions[1].status == "exchange_failed")
        #expect(live.decisions[1].reason == "Invalid order side: close")
    }

    /// Conditional entry types are refused by the live exchange client (§9.19).
    @Test func conditionalEntriesAreRefused() throws {
        var line = ScenarioWorkspace.signal(
            strategy: "a", action: "buy", at: Self.t0.adding(seconds: 5), price: "30000", quantity: "0.01")
        line = String(line.dropLast()) + ",\"order_type\":\"conditional_limit\"}"
        let r = try run([line])
        #expect(r.decisions.first?.status == "exchange_failed")
        #expect(r.decisions.first?.reason == "Invalid order type: conditional_limit")
    }
}
