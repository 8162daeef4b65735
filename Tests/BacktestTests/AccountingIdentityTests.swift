import Exchange
import Feeds
import Foundation
import Market
import Results
import TestSupport
import Testing
import TradeEngine

@testable import Backtest

/// DESIGN.md §2.4: accounting identities checked after every bar on seeded random signal
/// streams over real klines (AVAXUSDT and DOTUSDT, 2026-02-01/02), in both protection models.
@Suite struct AccountingIdentityTests {
    static let start = Timestamp(iso8601: "2026-02-01T00:00:00Z")!
    static let end = Timestamp(iso8601: "2026-02-02T23:59:00Z")!

    /// Random signals on the two symbols, priced at the bar close before their timestamp.
    static func signals(seed: UInt64, count: Int) -> String {
        var random = SplitMix64(seed: seed)
        let series = ["AVAXUSDT", "DOTUSDT"].map { symbol in
            (symbol, try! KlineReader.read(Fixtures.path("data/klines/\(symbol)-1m-2026-02.csv.zst")).series)
        }
        let minutes = Int(end.milliseconds(since: start) / 60_000)
        var times = (0..<count).map { _ in random.int(1...minutes) * 60_000 + random.int(0...59_999) }
        times.sort()
        var lines: [String] = []
        for t in times {
            let (symbol, klines) = series[random.int(0...1)]
            let time = start.adding(milliseconds: Int64(t))
            let index = klines.firstIndex(atOrAfter: time) - 1
            let price = Price(raw: klines.closes[max(0, index)])
            let roll = random.unit()
            let action = roll < 0.45 ? "buy" : (roll < 0.9 ? "sell" : "close")
            let confidence = String(format: "%.3f", 0.55 + random.unit() * 0.4)
            let strategy = ["alpha", "beta", "gamma"][random.int(0...2)]
            let sign: Int64 = action == "buy" ? 1 : -1
            let sl = Rate(raw: Int64(300_000 + random.int(0...2_700_000)))
            let tp = Rate(raw: Int64(300_000 + random.int(0...2_700_000)))
            var stop: String? = nil
            var target: String? = nil
            var stopPct: String? = nil
            var targetPct: String? = nil
            if random.unit() < 0.5 {
                stopPct = sl.description
                targetPct = tp.description
            } else {
                // Absolute levels; one in ten on the wrong side (the exchange answers -2021).
                let wrong: Int64 = random.unit() < 0.1 ? -1 : 1
                stop =
                    price.scaled(by: Rate.one - Rate(raw: sign * wrong * sl.raw)).rounded(decimals: 3, .nearest)
                    .description
                target =
                    price.scaled(by: Rate.one + Rate(raw: sign * tp.raw)).rounded(decimals: 3, .nearest).description
            }
            lines.append(
                ScenarioWorkspace.signal(
                    strategy: strategy, symbol: symbol, action: action, at: time, price: price.description,
                    confidence: confidence, stopLoss: stop, takeProfit: target, stopLossPct: stopPct,
                    takeProfitPct: targetPct, positionSizePct: String(format: "%.3f", 0.02 + random.unit() * 0.06)))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func scenario(seed: UInt64) -> String {
        let ws = ScenarioWorkspace("identity")
        let signals = ws.write("signals.jsonl", signals(seed: seed, count: 600))
        // Synthetic 8-hourly funding (the sample has none for these months): rates alternate in
        // sign so that both legs pay and receive.
        var funding = "calc_time,funding_interval_hours,last_funding_rate\n"
        for k in 0..<6 {
            funding += "\(start.milliseconds + Int64(k) * 28_800_000),8,\(k % 2 == 0 ? "0.00050000" : "-0.00030000")\n"
        }
        let avaxFunding = ws.write("AVAX-funding.csv", funding)
        let dotFunding = ws.write("DOT-funding.csv", funding)
        return ws.scenario(
            klines: [
                "AVAXUSDT": Fixtures.path("data/klines/AVAXUSDT-1m-2026-02.csv.zst"),
                "DOTUSDT": Fixtures.path("data/klines/DOTUSDT-1m-2026-02.csv.zst"),
            ], signals: signals,
            extra: """
                account: {leverage: 10}
                engine: {reentry_cooldown: 0s, max_portfolio_exposure_pct: 5}
                """,
            dataExtra: """
                  end: 2026-02-02T23:59:00Z
                  funding: {AVAXUSDT: \(avaxFunding), DOTUSDT: \(dotFunding)}
                """)
    }

    static func checkAttribution(
        _ d: Dispatcher<SimulatedExchange>, _ x: SimulatedExchange, at time: Timestamp
    ) -> [String] {
        var problems: [String] = []
        let account = x.account
        let positions = d.strategyBook.positions
        let fees = positions.reduce(Money.zero) { $0 + $1.commission }
        let funding = positions.reduce(Money.zero) { $0 + $1.funding }
        let liquidation = positions.reduce(Money.zero) { $0 + $1.liquidationFee }
        if fees != account.commissions { problems.append("\(time): fees \(fees) ≠ \(account.commissions)") }
        if funding != account.funding { problems.append("\(time): funding \(funding) ≠ \(account.funding)") }
        if liquidation != account.liquidationFees {
            problems.append("\(time): liquidation fees \(liquidation) ≠ \(account.liquidationFees)")
        }
        let wallet =
            x.configuration.initialBalance + account.realizedPnL - account.commissions + account.funding
            - account.liquidationFees
        if wallet != account.walletBalance { problems.append("\(time): wallet \(account.walletBalance) ≠ \(wallet)") }
        return problems
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func perStrategyIdentitiesHoldAtEveryBar(seed: UInt64) throws {
        var problems: [String] = []
        var bars = 0
        let result = try ScenarioWorkspace.run(Self.scenario(seed: seed)) { d, x, time in
            bars += 1
            if let violation = d.invariantViolation() { problems.append("\(time): \(violation)") }
            problems += Self.checkAttribution(d, x, at: time)
            // Σ strategy (realized + unrealized) + fees/funding = exchange (realized + unrealized)
            // + fees/funding, i.e. initial + Σ strategy net + unrealized = wallet + unrealized.
            var strategies = x.configuration.initialBalance
            for p in d.strategyBook.positions {
                strategies += p.netPnL
                if p.isOpen, let mark = x.markPrice(p.symbol) { strategies += p.unrealizedPnL(mark: mark) }
            }
            var exchange = x.walletBalance
            for symbol in x.symbolList {
                for side in [PositionSide.long, .short] { exchange += x.position(symbol, side).unrealizedPnL }
            }
            if strategies != exchange { problems.append("\(time): strategies \(strategies) ≠ exchange \(exchange)") }
        }
        #expect(bars == 2 * 1440)
        #expect(problems.prefix(5).isEmpty, "\(problems.prefix(5))")
        // The stream exercised what the identities are about.
        #expect(result.strategyPositions.count > 40)
        #expect(result.strategyPositions.contains { $0.closeReason == .takeProfit })
        #expect(result.strategyPositions.contains { $0.closeReason == .stopLoss })
        #expect(result.strategyPositions.contains { $0.closeReason == .closeSignal })
        #expect(result.exchangePositions.contains { $0.contributingStrategies.count > 1 })
        #expect(result.orders.contains { $0.rejectCode == -2021 })
        #expect(result.funding.contains { !$0.shares.isEmpty && $0.payment.amount.isNegative })
        #expect(result.funding.contains { !$0.shares.isEmpty && $0.payment.amount.isPositive })
    }

    @Test(arguments: [UInt64(1), 2])
    func liveCompatAttributesEveryFeeAndKeepsTheWallet(seed: UInt64) throws {
        var problems: [String] = []
        let result = try ScenarioWorkspace.run(Self.scenario(seed: seed), overrides: ["protection=live_compat"]) {
            d, x, time in
            problems += Self.checkAttribution(d, x, at: time)
        }
        #expect(problems.prefix(5).isEmpty, "\(problems.prefix(5))")
        #expect(result.strategyPositions.contains { $0.status == .closedExternally })
    }
}
