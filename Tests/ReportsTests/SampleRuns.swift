import Backtest
import Foundation
import Market
import Reports
import Results
import TestSupport
import TradeEngine

/// A temporary folder for one test (scenario data files, report files).
struct TemporaryFolder {
    let path: String

    init() {
        path =
            FileManager.default.temporaryDirectory.path + "/hedgesim-reports-"
            + ProcessInfo.processInfo.globallyUniqueString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func contents(_ name: String) -> String? {
        FileManager.default.contents(atPath: file(name)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Names in the folder, sorted.
    var names: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }
}

/// Builds a `RunResult` by driving a real `StrategyBook` and recording a fill (taker fee 0.05 %)
/// for every entry and exit, so positions, contributions, lifecycles and fills agree.
struct RunBuilder {
    var run: RunResult
    var book = StrategyBook()
    var nextTrade: Int64 = 1
    var nextOrder: Int64 = 1

    init(scenario: Scenario, label: String) {
        run = RunResult(scenario: scenario, label: label)
    }

    static func commission(_ quote: Money) -> Money { quote.scaled(by: 5, over: 10_000, .nearest) }

    @discardableResult
    mutating func open(
        _ strategy: String, _ symbol: Symbol, _ side: PositionSide, _ quantity: String, at price: String,
        _ time: Timestamp, tp: String? = nil, sl: String? = nil, signalSequence: Int
    ) -> Int {
        let q = Fixtures.quantity(quantity)
        let p = Fixtures.price(price)
        let orderID = nextOrder
        nextOrder += 1
        let index = book.open(
            strategyID: strategy, signalID: "sig-\(signalSequence)", decisionID: "dec-\(signalSequence)",
            signalSequence: signalSequence, symbol: symbol, side: side, quantity: q, price: p, time: time,
            entryOrderID: orderID, takeProfit: tp.map(Fixtures.price), stopLoss: sl.map(Fixtures.price),
            metadata: StrategyMetadata(timeframe: "1h", confidence: 0.75, strength: "strong", rationale: "test, \"x\""))
        let quote = p.notional(q)
        book.addCommission(index, Self.commission(quote))
        addFill(
            symbol: symbol, side: side.openingSide, positionSide: side, type: .market, price: p, quantity: q,
            realized: .zero, time: time, purpose: .entry, position: index, orderID: orderID)
        run.orders.append(
            OrderRecord(
                orderID: orderID, clientOrderID: "c-\(orderID)", symbol: symbol, side: side.openingSide,
                positionSide: side, type: .market, timeInForce: nil, workingType: .contractPrice, closePosition: false,
                quantity: q, price: nil, stopPrice: nil, status: .filled, expiryReason: .none, executedQuantity: q,
                averagePrice: p, createTime: time, updateTime: time, purpose: .entry,
                strategyPositionID: book.positions[index].id, strategyID: strategy))
        return index
    }

    mutating func close(_ index: Int, _ quantity: String, at price: String, _ time: Timestamp, _ reason: CloseReason) {
        let position = book.positions[index]
        let q = Fixtures.quantity(quantity)
        let p = Fixtures.price(price)
        let realized = PositionBook.pnl(side: position.side, entry: position.entryPrice, exit: p, quantity: q)
        let key = PositionKey(position.symbol, position.side)
        book.recordFill(on: key, realizedPnL: realized, ambiguous: reason == .stopLoss)
        let orderID = nextOrder
        nextOrder += 1
        let type: OrderType =
            switch reason {
            case .takeProfit: .takeProfitMarket
            case .stopLoss: .stopMarket
            default: .market
            }
        let purpose: OrderPurpose =
            switch reason {
            case .takeProfit: .takeProfit
            case .stopLoss: .stopLoss
            default: .close
            }
        book.addCommission(index, Self.commission(p.notional(q)))
        addFill(
            symbol: position.symbol, side: position.side.closingSide, positionSide: position.side, type: type, price: p,
            quantity: q, realized: realized, time: time, purpose: purpose, position: index, orderID: orderID,
            ambiguous: reason == .stopLoss)
        book.close(
            index, quantity: q, price: p, time: time, reason: reason, orderID: orderID, ambiguous: reason == .stopLoss)
    }

    mutating func addFill(
        symbol: Symbol, side: Side, positionSide: PositionSide, type: OrderType, price: Price, quantity: Quantity,
        realized: Money, time: Timestamp, purpose: OrderPurpose, position: Int, orderID: OrderID,
        ambiguous: Bool = false
    ) {
        let quote = price.notional(quantity)
        let fill = Fill(
            tradeID: nextTrade, orderID: orderID, clientOrderID: nil, symbol: symbol, side: side,
            positionSide: positionSide, orderType: type, price: price, quantity: quantity, quoteQuantity: quote,
            commission: Self.commission(quote), commissionAsset: .usdt, realizedPnL: realized, isMaker: false,
            isLiquidation: false, liquidationFee: .zero, time: time, barTime: time.startOfHour, pathPoint: .open,
            ambiguous: ambiguous, cumulativeQuantity: quantity, orderStatus: .filled)
        nextTrade += 1
        run.fills.append(
            FillRecord(
                fill: fill, purpose: purpose, strategyPositionID: book.positions[position].id,
                strategyID: book.positions[position].strategyID))
    }

    mutating func funding(_ symbol: Symbol, _ side: PositionSide, rate: String, mark: String, _ time: Timestamp) {
        let key = PositionKey(symbol, side)
        let quantity = book.openQuantity(key)
        let notional = Fixtures.price(mark).notional(quantity)
        let magnitude = notional.scaled(by: Fixtures.rate(rate).raw, over: fixedPointOne, .nearest)
        let amount = side == .long ? -magnitude : magnitude
        let lifecycle = book.openExchangePosition(key)?.lifecycleID
        let shares = book.applyFunding(amount, to: key)
        run.funding.append(
            FundingRecord(
                payment: FundingPayment(
                    symbol: symbol, positionSide: side, time: time, rate: Fixtures.rate(rate),
                    markPrice: Fixtures.price(mark), positionQuantity: quantity, amount: amount),
                lifecycleID: lifecycle,
                shares: shares.map {
                    StrategyShare(
                        strategyPositionID: book.positions[$0.index].id,
                        strategyID: book.positions[$0.index].strategyID,
                        amount: $0.share)
                }))
    }

    mutating func decide(
        _ sequence: Int, _ strategy: String, _ symbol: Symbol, _ action: String, _ time: Timestamp, status: String,
        stage: String = "deterministic", reason: String = "ok", quantity: String? = nil, orderID: OrderID? = nil
    ) {
        run.decisions.append(
            DecisionRecord(
                sequence: sequence, file: "signals.jsonl", line: sequence, signalID: "sig-\(sequence)",
                strategyID: strategy, symbol: symbol, action: action, confidence: 0.75, strategyMode: "deterministic",
                signalTime: time, decisionTime: time, stage: stage, status: status, reason: reason,
                quantity: quantity.map(Fixtures.quantity), orderID: orderID))
    }

    mutating func equity(_ time: Timestamp, equity: String, drawdown: String, fraction: Double) {
        run.equity.append(
            EquitySample(
                time: time, wallet: Fixtures.money(equity), unrealized: .zero, margin: .zero,
                equity: Fixtures.money(equity), drawdown: Fixtures.money(drawdown), drawdownFraction: fraction))
    }

    /// The run with the book's records.
    func finished() -> RunResult {
        var result = run
        result.strategyPositions = book.positions
        result.contributions = book.contributions
        result.exchangePositions = book.exchangePositions
        return result
    }
}

extension Timestamp {
    /// The start of the hour.
    var startOfHour: Timestamp { Timestamp(milliseconds: milliseconds - milliseconds % 3_600_000) }
}

/// The two hand-computed runs the report tests check (README numbers are derived in the tests).
enum SampleRuns {
    static let t0 = Timestamp(year: 2026, month: 2, day: 1)
    static func hours(_ h: Int64) -> Timestamp { t0.adding(seconds: h * 3600) }

    /// The text with a comma, a quote and a newline that must survive every path.
    static let awkwardText = "Confidence 0.55 below threshold 0.6, \"deterministic\"\nsecond line"

    static func scenario(in folder: TemporaryFolder, sameDirection: String) -> Scenario {
        for name in ["btc.csv", "eth.csv", "rules.json", "signals.jsonl"] {
            _ = FileManager.default.createFile(atPath: folder.file(name), contents: Data())
        }
        let text = """
            name: sample
            description: "Two strategies, one \\"shared\\" leg\\nand a second line"
            data:
              interval: 1h
              klines: {BTCUSDT: btc.csv, ETHUSDT: eth.csv}
              symbol_rules: rules.json
            signals: signals.jsonl
            engine:
              same_direction: \(sameDirection)

            """
        return try! ScenarioLoader.load(text: text, file: folder.file("sample-\(sameDirection).yaml"))
    }

    /// Run 1 (`accumulate`): TP, SL, manual and partial closes; momentum and mean_reversion share
    /// the first BTCUSDT_LONG lifecycle; three funding settlements; one open position per strategy.
    static func accumulate(_ folder: TemporaryFolder) -> RunResult {
        var b = RunBuilder(scenario: scenario(in: folder, sameDirection: "accumulate"), label: "accumulate")
        let sp1 = b.open(
            "momentum", "BTCUSDT", .long, "0.01", at: "100000", t0, tp: "102000", sl: "99000", signalSequence: 1)
        let sp2 = b.open("mean_reversion", "BTCUSDT", .long, "0.02", at: "101000", hours(1), signalSequence: 2)
        let sp3 = b.open("momentum", "ETHUSDT", .short, "1", at: "3000", hours(1), signalSequence: 3)
        b.open("mean_reversion", "ETHUSDT", .long, "2", at: "3100", hours(2), signalSequence: 4)
        b.close(sp1, "0.01", at: "102000", hours(2), .takeProfit)
        b.close(sp2, "0.02", at: "100000", hours(3), .stopLoss)
        let sp5 = b.open("momentum", "BTCUSDT", .long, "0.01", at: "103000", hours(4), signalSequence: 5)
        b.close(sp5, "0.005", at: "104000", hours(5), .takeProfit)
        b.funding("BTCUSDT", .long, rate: "0.0001", mark: "103400", hours(8))
        b.funding("ETHUSDT", .long, rate: "0.0001", mark: "3120", hours(8))
        b.funding("ETHUSDT", .short, rate: "0.0001", mark: "3120", hours(8))
        b.close(sp3, "1", at: "2900", hours(25), .manual)

        for (seq, strategy, symbol, action, hour) in [
            (1, "momentum", "BTCUSDT", "buy", 0), (2, "mean_reversion", "BTCUSDT", "buy", 1),
            (3, "momentum", "ETHUSDT", "sell", 1), (4, "mean_reversion", "ETHUSDT", "buy", 2),
            (5, "momentum", "BTCUSDT", "buy", 4),
        ] as [(Int, String, Symbol, String, Int64)] {
            b.decide(seq, strategy, symbol, action, hours(hour), status: "executed", quantity: "0.01", orderID: 1)
        }
        b.decide(
            6, "momentum", "BTCUSDT", "buy", hours(4), status: "rejected", stage: "cooldown",
            reason: "Accumulation cooldown active (300s)")
        b.decide(7, "mean_reversion", "BTCUSDT", "buy", hours(5), status: "rejected", reason: awkwardText)
        b.decide(
            8, "mean_reversion", "BTCUSDT", "buy", hours(5), status: "duplicate", stage: "duplicate",
            reason: "Duplicate signal detected")
        b.decide(9, "momentum", "SOLUSDT", "buy", hours(6), status: "skipped", stage: "data", reason: "unknown symbol")

        b.equity(t0, equity: "10000", drawdown: "0", fraction: 0)
        b.equity(hours(8), equity: "10050", drawdown: "0", fraction: 0)
        b.equity(hours(16), equity: "10010", drawdown: "40", fraction: 40.0 / 10050)
        b.equity(hours(25), equity: "10197.2913", drawdown: "0", fraction: 0)

        b.run.orders.append(
            OrderRecord(
                orderID: nil, clientOrderID: nil, symbol: "BTCUSDT", side: .sell, positionSide: .long,
                type: .stopMarket, timeInForce: .gteGtc, workingType: .markPrice, closePosition: true, quantity: nil,
                price: nil, stopPrice: Fixtures.price("104500"), status: .rejected, expiryReason: .none,
                executedQuantity: .zero, averagePrice: .zero, createTime: hours(4), updateTime: hours(4),
                purpose: .stopLoss, strategyPositionID: "sp-000005", strategyID: "momentum", rejectCode: -2021,
                rejectMessage: "Order would immediately trigger."))

        var run = b.finished()
        run.finalMarks = [
            SymbolPrice(symbol: "BTCUSDT", price: Fixtures.price("103500")),
            SymbolPrice(symbol: "ETHUSDT", price: Fixtures.price("3150")),
        ]
        run.priceBars = [
            PriceBar(
                symbol: "BTCUSDT", time: t0, open: Fixtures.price("100000"), high: Fixtures.price("100500.5"),
                low: Fixtures.price("99800"), close: Fixtures.price("100100.12345678")),
            PriceBar(
                symbol: "BTCUSDT", time: hours(1), open: Fixtures.price("100100.12345678"),
                high: Fixtures.price("101200"), low: Fixtures.price("100000"), close: Fixtures.price("101000")),
        ]
        run.bars = 52
        run.firstBar = t0
        run.lastBar = hours(25)
        run.signalCounts.total = 9
        run.signalCounts.decided = 8
        run.signalCounts.unknownSymbol = 1
        run.finalWallet = Fixtures.money("10094.7913")
        run.finalEquity = Fixtures.money("10197.2913")
        run.dataDigest = String(repeating: "d", count: 64)
        run.resultDigest = String(repeating: "1", count: 64)
        run.timings = RunTimings(read: 0.25, simulate: 1.5, report: 0)
        return run
    }

    /// Run 2 (`strongest_wins`): four BTCUSDT_LONG cycles where mean_reversion enters 60, 120, 300
    /// and 301 s after momentum (TP +10 vs SL −10), then a fifth momentum trade stopped out (−5).
    static func strongestWins(_ folder: TemporaryFolder) -> RunResult {
        var b = RunBuilder(scenario: scenario(in: folder, sameDirection: "strongest_wins"), label: "strongest_wins")
        var seq = 1
        for (k, gap) in [60, 120, 300, 301].enumerated() {
            let start = t0.adding(seconds: Int64(k) * 86_400)
            let a = b.open("momentum", "BTCUSDT", .long, "0.01", at: "100000", start, signalSequence: seq)
            b.decide(seq, "momentum", "BTCUSDT", "buy", start, status: "executed")
            seq += 1
            let m = b.open(
                "mean_reversion", "BTCUSDT", .long, "0.01", at: "100000", start.adding(seconds: Int64(gap)),
                signalSequence: seq)
            b.decide(seq, "mean_reversion", "BTCUSDT", "buy", start.adding(seconds: Int64(gap)), status: "executed")
            seq += 1
            b.close(a, "0.01", at: "101000", start.adding(seconds: 3600), .takeProfit)
            b.close(m, "0.01", at: "99000", start.adding(seconds: 3600), .stopLoss)
        }
        let start = t0.adding(seconds: 4 * 86_400)
        let last = b.open("momentum", "BTCUSDT", .long, "0.01", at: "100000", start, signalSequence: seq)
        b.decide(seq, "momentum", "BTCUSDT", "buy", start, status: "executed")
        b.close(last, "0.01", at: "99500", start.adding(seconds: 3600), .stopLoss)
        b.equity(t0, equity: "10000", drawdown: "0", fraction: 0)
        b.equity(hours(48), equity: "9990", drawdown: "10", fraction: 0.001)
        b.equity(start.adding(seconds: 3600), equity: "9986.0025", drawdown: "13.9975", fraction: 0.00139975)
        var run = b.finished()
        run.finalMarks = [SymbolPrice(symbol: "BTCUSDT", price: Fixtures.price("99500"))]
        run.firstBar = t0
        run.lastBar = start.adding(seconds: 3600)
        run.bars = 194
        run.signalCounts.total = 9
        run.signalCounts.decided = 9
        run.finalWallet = Fixtures.money("9986.0025")
        run.finalEquity = Fixtures.money("9986.0025")
        run.resultDigest = String(repeating: "2", count: 64)
        return run
    }

    /// Both runs written to `folder/<name>`.
    static func writeReport(
        _ folder: TemporaryFolder, indexes: ReportIndexes = .minimal, name: String = "report.sqlite"
    ) throws -> String {
        let path = folder.file(name)
        try ReportWriter.write([accumulate(folder), strongestWins(folder)], to: path, indexes: indexes)
        return path
    }
}
