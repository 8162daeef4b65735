import Market
import Testing

@testable import Exchange

/// The cross-margin bands (`computeCrossBands`) only skip work: with them or without them the
/// exchange produces the same events, on random order streams that run cross accounts into
/// liquidation on one and on two symbols.
@Suite struct CrossBandTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var seed: UInt64
        var symbols: Int
        var balance: Money
        var policy: PricePathPolicy
        var longOnly = false
        /// The traders act every `every` bars (the bands live between fills).
        var every = 1
        var testDescription: String {
            "seed \(seed), \(symbols) symbol(s), \(balance) USDT, \(policy), orders every \(every) bar(s)"
        }
    }

    static let cases = [
        Case(seed: 1, symbols: 1, balance: 1000, policy: .adaptive),
        Case(seed: 14, symbols: 2, balance: 100, policy: .olhc, longOnly: true),
        Case(seed: 5, symbols: 1, balance: 200, policy: .adaptive, longOnly: true),
        Case(seed: 6, symbols: 1, balance: 150, policy: .pessimistic),
        Case(seed: 11, symbols: 2, balance: 300, policy: .adaptive, longOnly: true),
        Case(seed: 12, symbols: 2, balance: 150, policy: .pessimistic, longOnly: true),
        Case(seed: 13, symbols: 2, balance: 2000, policy: .ohlc),
        Case(seed: 21, symbols: 1, balance: 300, policy: .adaptive, longOnly: true, every: 40),
        Case(seed: 22, symbols: 2, balance: 400, policy: .adaptive, longOnly: true, every: 60),
        Case(seed: 23, symbols: 2, balance: 250, policy: .pessimistic, longOnly: true, every: 25),
        Case(seed: 24, symbols: 2, balance: 1000, policy: .olhc, every: 90),
    ]

    /// Two days around the 2024-04-12 FILUSDT crash; the second symbol trades the same prices.
    static func markets(_ count: Int) -> [SymbolMarket] {
        let start = Timestamp(year: 2024, month: 4, day: 12)
        let klines = FILData.klines.slice(from: start, through: start.adding(seconds: 2 * 86_400 - 60))
        return (0..<count).map { k in
            var rules = FILData.rules
            var series = klines
            if k > 0 {
                rules.symbol = Symbol("FIL\(k + 1)USDT")
                series.symbol = rules.symbol
            }
            return SymbolMarket(rules: rules, klines: series)
        }
    }

    static func run(_ c: Case, bands: Bool) -> [ExchangeEvent] {
        let markets = markets(c.symbols)
        var configuration = ExchangeConfiguration(initialBalance: c.balance)
        configuration.marginMode = .cross
        configuration.pricePath = c.policy
        configuration.defaultLeverage = 20
        let exchange = TestMarket.exchange(configuration, markets)
        exchange.state.crossBandsEnabled = bands
        var events: [ExchangeEvent] = []
        exchange.onEvent = { events.append($0) }
        var traders = markets.indices.map { k in
            RandomTrader(
                random: SplitMix64(seed: c.seed &+ UInt64(k) &* 1000), symbol: markets[k].symbol, tick: 1_000_000,
                longOnly: c.longOnly)
        }
        var open = [[OrderID]](repeating: [], count: markets.count)
        for i in 0..<markets[0].klines.count {
            for s in markets.indices { exchange.processBar(symbolIndex: s, barIndex: i) }
            if i % c.every == 0 { for s in markets.indices { traders[s].act(on: exchange, openOrders: &open[s]) } }
            for s in markets.indices { exchange.markToMarket(symbolIndex: s, barIndex: i) }
        }
        return events
    }

    @Test(arguments: cases)
    func bandsChangeNoEvent(_ c: Case) {
        let with = Self.run(c, bands: true)
        let without = Self.run(c, bands: false)
        #expect(with.count > 20)
        let first = with.indices.first { $0 >= without.count || with[$0] != without[$0] }
        #expect(with.count == without.count && first == nil, "first difference at event \(first ?? -1)")
    }

    @Test func theCasesReachLiquidation() {
        let liquidated = Self.cases.filter { c in
            Self.run(c, bands: true).contains { if case .fill(let f) = $0 { f.isLiquidation } else { false } }
        }
        #expect(liquidated.count >= 3, "\(liquidated.map(\.seed))")
    }
}
