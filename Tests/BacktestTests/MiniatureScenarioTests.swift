import Exchange
import Market
import Results
import TestSupport
import Testing
import TradeEngine

@testable import Backtest

/// Two strategies LONG on one symbol; A's take-profit is hit while B's levels are not
/// (issue 5's "scenarios in miniature"). Hand-made 1m bars from 2026-01-01 00:00 UTC:
/// bars 0–6 at 30 000, bars 7–9 at 30 100, bar 10 O 30 100 H 30 350 L 30 090 C 30 200,
/// bars 11–19 at 30 200. A buys 0.01 at bar 0 (TP 30 300, SL 29 700), B buys 0.01 at bar 6
/// (TP 30 600, SL 29 800); each fills at the next bar's open.
@Suite struct MiniatureScenarioTests {
    static let t0 = Timestamp(iso8601: "2026-01-01T00:00:00Z")!

    static func workspace() -> (ScenarioWorkspace, String) {
        let ws = ScenarioWorkspace("mini")
        var bars = [(String, String, String, String)](repeating: ("30000", "30000", "30000", "30000"), count: 7)
        bars += [(String, String, String, String)](repeating: ("30100", "30100", "30100", "30100"), count: 3)
        bars.append(("30100", "30350", "30090", "30200"))
        bars += [(String, String, String, String)](repeating: ("30200", "30200", "30200", "30200"), count: 9)
        let klines = ws.write("BTCUSDT-1m.csv", ScenarioWorkspace.klines(start: t0, bars))
        let signals = ws.write(
            "signals.jsonl",
            [
                ScenarioWorkspace.signal(
                    strategy: "A", action: "buy", at: t0.adding(seconds: 10), price: "30000", quantity: "0.01",
                    stopLoss: "29700", takeProfit: "30300"),
                ScenarioWorkspace.signal(
                    strategy: "B", action: "buy", at: t0.adding(seconds: 370), price: "30100", quantity: "0.01",
                    stopLoss: "29800", takeProfit: "30600"),
            ].joined(separator: "\n") + "\n")
        let file = ws.scenario(klines: ["BTCUSDT": klines], signals: signals)
        return (ws, file)
    }

    func position(_ r: RunResult, _ strategy: String) throws -> StrategyPosition {
        try #require(r.strategyPositions.first { $0.strategyID == strategy })
    }

    @Test func perStrategyTakeProfitClosesOnlyItsOwner() throws {
        let (_, file) = Self.workspace()
        var checked = 0
        let r = try ScenarioWorkspace.run(file) { dispatcher, _, _ in
            #expect(dispatcher.invariantViolation() == nil)
            checked += 1
        }
        #expect(checked == 20)
        let a = try position(r, "A")
        let b = try position(r, "B")
        #expect(a.entryPrice == 30_000 && a.entryQuantity == Quantity("0.01")!)
        #expect(a.status == .closed && a.closeReason == .takeProfit)
        #expect(a.exitPrice == 30_300)
        #expect(a.realizedPnL == 3)
        #expect(a.commission == Money("0.3015")!)  // 0.15 entry + 0.1515 exit (taker 0.05 %)
        #expect(b.entryPrice == 30_100)
        #expect(b.status == .open && b.remainingQuantity == Quantity("0.01")!)
        #expect(b.commission == Money("0.1505")!)
        // B keeps its own working SL and TP; A's stop was canceled with its take-profit fill.
        let bOrders = r.orders.filter { $0.strategyPositionID == b.id && $0.purpose != .entry }
        #expect(bOrders.map(\.status) == [.new, .new])
        #expect(bOrders.map(\.stopPrice) == [29_800, 30_600])
        let aStop = try #require(r.orders.first { $0.strategyPositionID == a.id && $0.purpose == .stopLoss })
        #expect(aStop.status == .canceled)
        // The exchange books average cost: the leg keeps 0.01 at 30 050 and realized 2.5; the
        // strategies' own-entry accounting differs in realized (3.0) but not in R + U at 30 200.
        let fill = try #require(r.fills.first { $0.purpose == .takeProfit })
        #expect(fill.fill.realizedPnL == Money("2.5")!)
        #expect(fill.fill.ambiguous == false)
        let unrealizedB = b.unrealizedPnL(mark: 30_200)
        #expect(unrealizedB == 1)
        #expect(a.realizedPnL + unrealizedB == Money("2.5")! + Money("1.5")!)
        let lifecycle = try #require(r.exchangePositions.first)
        #expect(lifecycle.isOpen && lifecycle.currentQuantity == Quantity("0.01")!)
        #expect(lifecycle.contributingStrategies == ["A", "B"])
    }

    @Test func liveCompatChargesTheOwnerAndEvictsTheOther() throws {
        let (_, file) = Self.workspace()
        let r = try ScenarioWorkspace.run(file, overrides: ["protection=live_compat"])
        let a = try position(r, "A")
        let b = try position(r, "B")
        // The owner's OCO take-profit (closePosition) closes the whole side: A is charged with
        // B's quantity at A's own entry price.
        #expect(a.status == .closed && a.closeReason == .takeProfit)
        #expect(a.exitQuantity == Quantity("0.02")!)
        #expect(a.realizedPnL == 6)
        // B got no protection (duplicate_oco: the pair of (BTCUSDT, LONG) covers it) and is evicted by
        // the reconciler once its exchange position is gone and it is 300 s old.
        #expect(b.protectionNote == "consolidated: existing OCO pair covers BTCUSDT_LONG")
        #expect(b.status == .closedExternally && b.closeReason == .noExchangePosition)
        #expect(b.realizedPnL == .zero)
        // The truth on the exchange: 0.02 × 30 300 − (0.01 × 30 000 + 0.01 × 30 100) = 5.
        let exchangeRealized = r.fills.reduce(Money.zero) { $0 + $1.fill.realizedPnL }
        #expect(exchangeRealized == 5)
        #expect(a.realizedPnL + b.realizedPnL - exchangeRealized == 1)  // live's attribution error
        // The live guards moved A's stop from 29 700 to the PERCENT_PRICE clamp 28 785 (#541),
        // at least 6 % below the market (#551).
        let stop = try #require(r.orders.first { $0.strategyPositionID == a.id && $0.purpose == .stopLoss })
        #expect(stop.stopPrice == 28_785)
        #expect(stop.closePosition)
    }

    @Test func bothLegsGoneClosesNobody() throws {
        let (_, file) = Self.workspace()
        let r = try ScenarioWorkspace.run(
            file, overrides: ["protection=live_compat", "engine.live_oco_outcome=both_legs_gone"])
        let a = try position(r, "A")
        let b = try position(r, "B")
        #expect(a.status == .closedExternally && b.status == .closedExternally)
        #expect(a.realizedPnL == .zero && b.realizedPnL == .zero)
    }
}
