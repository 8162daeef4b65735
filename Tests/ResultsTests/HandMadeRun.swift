import Market
import Results
import TradeEngine

/// A hand-made result that reaches every column kind and digest rule: nils, negative and
/// fractional decimals, NaN and signed-zero doubles, times before 1970 and after 9999, text with
/// separators, newlines and non-ASCII, folders in file names, a funding row with two shares and
/// one without any, open and closed positions and lifecycles.
enum HandMadeRun {
    /// The run with every record filled in.
    static var run: RunResult {
        var run = RunResult(header: header, label: "hand", engineVersion: "9.9.9", initialBalance: 10_000)
        fill(&run)
        return run
    }

    /// The header of a scenario `hand` (same_direction strongest_wins, two symbols).
    static let header = RunHeader(
        scenario: "hand", scenarioFile: "/tmp/hand/hand.yaml", description: "A \"hand\" made\nrun",
        settingsJSON: "{}",
        portableSettingsJSON: "{" + portableSettings.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}",
        sameDirection: "strongest_wins", protection: "per_strategy", positionMode: "hedge", pricePath: "adaptive",
        fillReference: "next_open", interval: "1h", symbols: ["BTCUSDT", "ETHUSDT"])

    /// The scenario's settings with files named without their folders (key, JSON value).
    static let portableSettings: [(String, String)] = [
        ("account.initial_balance", #"10000"#),
        ("account.leverage", #"10"#),
        ("account.margin_mode", #""cross""#),
        ("data.detail_klines", #"{}"#),
        ("data.end", #"null"#),
        ("data.funding", #"{}"#),
        ("data.interval", #""1h""#),
        ("data.klines", #"{"BTCUSDT":"btc.csv","ETHUSDT":"eth.csv"}"#),
        ("data.leverage_brackets", #"null"#),
        ("data.mark_klines", #"{}"#),
        ("data.start", #"null"#),
        ("data.symbol_rules", #""rules.json""#),
        ("engine.allowed_symbols", #"[]"#),
        ("engine.deterministic_threshold", #"0.6"#),
        ("engine.duplicate_window_ms", #"10000"#),
        ("engine.live_oco_outcome", #""owner_closed""#),
        ("engine.llm_size_cap", #"0.8"#),
        ("engine.llm_threshold", #"0.7"#),
        ("engine.max_accumulations", #"10"#),
        ("engine.max_daily_loss_pct", #"0.05"#),
        ("engine.max_leverage_bound", #"125"#),
        ("engine.max_portfolio_exposure_pct", #"0.8"#),
        ("engine.max_position_size", #"10000"#),
        ("engine.max_position_size_pct", #"0.1"#),
        ("engine.ml_threshold", #"0.5"#),
        ("engine.portfolio_leverage_cap", #"0"#),
        ("engine.position_mode", #""hedge""#),
        ("engine.position_mode_aware_conflicts", #"true"#),
        ("engine.protection_working_type", #""MARK_PRICE""#),
        ("engine.reconciler_delay_ms", #"300000"#),
        ("engine.reconciler_interval_ms", #"60000"#),
        ("engine.reentry_cooldown_ms", #"300000"#),
        ("engine.require_source", #"null"#),
        ("engine.risk_management", #"true"#),
        ("engine.same_direction", #""strongest_wins""#),
        ("engine.signal_ttl_ms", #"3600000"#),
        ("exchange.bnb_fee_discount", #"false"#),
        ("exchange.close_side_min_notional_exempt", #"true"#),
        ("exchange.fill_reference", #""next_open""#),
        ("exchange.latency_ms", #"0"#),
        ("exchange.limit_fill_on_touch", #"false"#),
        ("exchange.maker_fee", #"0.0002"#),
        ("exchange.max_conditional_orders", #"200"#),
        ("exchange.price_path", #""adaptive""#),
        ("exchange.slippage_bps", #"0"#),
        ("exchange.slippage_ticks", #"0"#),
        ("exchange.taker_fee", #"0.0005"#),
        ("name", #""hand""#),
        ("protection", #""per_strategy""#),
        ("report.equity_interval_ms", #"3600000"#),
        ("signals", #"["signals.jsonl"]"#),
    ]

    static let t0 = Timestamp(year: 2026, month: 2, day: 1)
    static func at(_ seconds: Int64) -> Timestamp { t0.adding(seconds: seconds) }
    static func p(_ text: String) -> Price { Price(text)! }
    static func q(_ text: String) -> Quantity { Quantity(text)! }
    static func m(_ text: String) -> Money { Money(text)! }

    static func fill(_ run: inout RunResult) {
        var book = StrategyBook()
        let meta = StrategyMetadata(timeframe: "1h", confidence: 0.1, strength: "strong", rationale: "a \"b\"\n\u{1}c")
        let a = book.open(
            strategyID: "momentum", signalID: "sig-1", decisionID: "dec-1", signalSequence: 1, symbol: "BTCUSDT",
            side: .long, quantity: q("0.015"), price: p("100000.12345678"), time: at(0), entryOrderID: 1,
            takeProfit: p("102000"), stopLoss: p("99000.5"), metadata: meta)
        let b = book.open(
            strategyID: "mean_reversion", signalID: nil, decisionID: nil, signalSequence: 2, symbol: "BTCUSDT",
            side: .long, quantity: q("0.02"), price: p("101000"), time: at(60), entryOrderID: nil, takeProfit: nil,
            stopLoss: nil,
            metadata: StrategyMetadata(timeframe: "", confidence: .nan, strength: "é", rationale: nil))
        let c = book.open(
            strategyID: "momentum", signalID: "sig-3", decisionID: "dec-3", signalSequence: 3, symbol: "ETHUSDT",
            side: .short, quantity: q("1"), price: p("3000"), time: at(120), entryOrderID: 3, takeProfit: nil,
            stopLoss: p("3100"), metadata: meta)
        book.addCommission(a, m("0.75"))
        book.addCommission(c, m("1.5"))
        let key = PositionKey("BTCUSDT", .long)
        book.recordFill(on: key, realizedPnL: m("-12.5"), ambiguous: true)
        book.close(
            a, quantity: q("0.015"), price: p("99000.5"), time: at(3600), reason: .stopLoss, orderID: 4, ambiguous: true
        )
        book.close(
            c, quantity: q("0.4"), price: p("2900"), time: at(7200), reason: .takeProfit, orderID: 5, ambiguous: false)
        let shares = book.applyFunding(m("-0.30000001"), to: key)
        book.update(b) {
            $0.protectionNote = "Order would immediately trigger.\u{1F}x"
            $0.takeProfitOrderID = 7
        }

        run.decisions = [
            DecisionRecord(
                sequence: 1, file: "/abs/folder/signals.jsonl", line: 1, signalID: "sig-1", strategyID: "momentum",
                symbol: "BTCUSDT", action: "buy", confidence: 0.1, strategyMode: "deterministic", signalTime: at(0),
                decisionTime: at(0), stage: "exchange", status: "executed", reason: "ok", quantity: q("0.015"),
                orderID: 1),
            DecisionRecord(
                sequence: 2, file: "rel/signals.jsonl", line: 22, signalID: nil, strategyID: "mean_reversion",
                symbol: "BTCUSDT", action: "sell", confidence: 1e-7, strategyMode: "ml_light", signalTime: at(-1),
                decisionTime: at(60), stage: "cooldown", status: "rejected",
                reason: "Confidence 0.55, \"x\"\nline\u{1F}two é"),
            DecisionRecord(
                sequence: 3, file: "signals.jsonl", line: 3, signalID: "", strategyID: "x", symbol: "SOLUSDT",
                action: "hold", confidence: .nan, strategyMode: "llm_reasoning", signalTime: at(60),
                decisionTime: at(60), stage: "data", status: "skipped", reason: "unknown symbol"),
            DecisionRecord(
                sequence: 4, file: "signals.jsonl", line: 4, signalID: "s4", strategyID: "x", symbol: "ETHUSDT",
                action: "sell", confidence: -0.0, strategyMode: "deterministic", signalTime: at(120),
                decisionTime: at(120), stage: "exchange", status: "executed", reason: "ok", quantity: q("1"),
                orderID: -3),
        ]
        run.orders = [
            OrderRecord(
                orderID: 1, clientOrderID: "c-1", symbol: "BTCUSDT", side: .buy, positionSide: .long, type: .market,
                timeInForce: nil, workingType: .contractPrice, closePosition: false, quantity: q("0.015"), price: nil,
                stopPrice: nil, status: .filled, expiryReason: .none, executedQuantity: q("0.015"),
                averagePrice: p("100000.12345678"), createTime: at(0), updateTime: at(0), purpose: .entry,
                strategyPositionID: "sp-000001", strategyID: "momentum"),
            OrderRecord(
                orderID: nil, clientOrderID: nil, symbol: "BTCUSDT", side: .sell, positionSide: nil, type: .stopMarket,
                timeInForce: .gteGtc, workingType: .markPrice, closePosition: true, quantity: nil, price: nil,
                stopPrice: p("104500"), status: .rejected, expiryReason: .iocRemainder, executedQuantity: .zero,
                averagePrice: .zero, createTime: at(61), updateTime: at(61), purpose: .stopLoss,
                strategyPositionID: nil, strategyID: nil, rejectCode: -2021, rejectMessage: "Order would trigger."),
            OrderRecord(
                orderID: 5, clientOrderID: "c-5", symbol: "ETHUSDT", side: .buy, positionSide: .short,
                type: .limit, timeInForce: .gtc, workingType: .contractPrice, closePosition: false, quantity: q("0.4"),
                price: p("2900"), stopPrice: nil, status: .filled, expiryReason: .none, executedQuantity: q("0.4"),
                averagePrice: p("2900"), createTime: at(7000), updateTime: at(7200), purpose: .takeProfit,
                strategyPositionID: "sp-000003", strategyID: "momentum"),
        ]
        func fill(
            _ id: TradeID, _ order: OrderID, _ client: String?, _ symbol: Symbol, _ side: Side, _ ps: PositionSide,
            _ type: OrderType, _ price: String, _ qty: String, _ realized: String, maker: Bool, liq: Bool,
            _ time: Timestamp, _ point: PathPoint, ambiguous: Bool
        ) -> Fill {
            let pr = p(price)
            let qu = q(qty)
            let quote = pr.notional(qu)
            return Fill(
                tradeID: id, orderID: order, clientOrderID: client, symbol: symbol, side: side, positionSide: ps,
                orderType: type, price: pr, quantity: qu, quoteQuantity: quote,
                commission: quote.scaled(by: 5, over: 10_000, .nearest), commissionAsset: .usdt,
                realizedPnL: m(realized), isMaker: maker, isLiquidation: liq, liquidationFee: liq ? m("0.01") : .zero,
                time: time, barTime: Timestamp(milliseconds: time.milliseconds - time.milliseconds % 3_600_000),
                pathPoint: point, ambiguous: ambiguous, cumulativeQuantity: qu, orderStatus: .filled)
        }
        run.fills = [
            FillRecord(
                fill: fill(
                    1, 1, "c-1", "BTCUSDT", .buy, .long, .market, "100000.12345678", "0.015", "0", maker: false,
                    liq: false, at(0), .open, ambiguous: false),
                purpose: .entry, strategyPositionID: "sp-000001", strategyID: "momentum"),
            FillRecord(
                fill: fill(
                    2, 4, nil, "BTCUSDT", .sell, .long, .stopMarket, "99000.5", "0.015", "-15.00943518", maker: true,
                    liq: false, at(3600), .low, ambiguous: true),
                purpose: .stopLoss, strategyPositionID: "sp-000001", strategyID: "momentum"),
            FillRecord(
                fill: fill(
                    3, 5, "c-5", "ETHUSDT", .buy, .short, .liquidation, "2900", "0.4", "40", maker: false, liq: true,
                    at(7200), .high, ambiguous: false),
                purpose: .close, strategyPositionID: nil, strategyID: nil),
        ]
        run.funding = [
            FundingRecord(
                payment: FundingPayment(
                    symbol: "BTCUSDT", positionSide: .long, time: at(28_800), rate: Rate("0.0001")!,
                    markPrice: p("100500"), positionQuantity: q("0.02"), amount: m("-0.30000001")),
                lifecycleID: book.openExchangePosition(key)?.lifecycleID,
                shares: shares.map {
                    StrategyShare(
                        strategyPositionID: book.positions[$0.index].id,
                        strategyID: book.positions[$0.index].strategyID, amount: $0.share)
                } + [StrategyShare(strategyPositionID: "sp-x", strategyID: "y", amount: m("0.00000001"))]),
            FundingRecord(
                payment: FundingPayment(
                    symbol: "ETHUSDT", positionSide: .short, time: at(28_800), rate: Rate("-0.00012345")!,
                    markPrice: p("3000"), positionQuantity: .zero, amount: .zero),
                lifecycleID: nil, shares: []),
        ]
        run.strategyPositions = book.positions
        run.contributions = book.contributions
        run.exchangePositions = book.exchangePositions
        run.exchangePositions[0].contributingStrategies.append("a,\"b\"")
        run.exchangePositions[0].ambiguousFills = 2
        run.exchangePositions[0].liquidated = true
        run.equity = [
            EquitySample(
                time: Timestamp(milliseconds: -62_167_219_200_001), wallet: m("10000"), unrealized: .zero,
                margin: .zero, equity: m("10000"), drawdown: .zero, drawdownFraction: 0),
            EquitySample(
                time: Timestamp(milliseconds: -62_167_219_200_000), wallet: m("10000"), unrealized: .zero,
                margin: .zero, equity: m("10000"), drawdown: .zero, drawdownFraction: 0),
            EquitySample(
                time: Timestamp(milliseconds: -1), wallet: m("9999.99999999"), unrealized: m("-0.5"),
                margin: m("15.25"), equity: m("9999.49999999"), drawdown: m("0.50000001"), drawdownFraction: 5e-5),
            EquitySample(
                time: at(3600), wallet: m("9987.5"), unrealized: m("-1"), margin: m("20"), equity: m("9986.5"),
                drawdown: m("13.5"), drawdownFraction: 0.00135),
            EquitySample(
                time: at(3600), wallet: m("9987.5"), unrealized: m("-1"), margin: m("20"), equity: m("9986.5"),
                drawdown: m("13.5"), drawdownFraction: .infinity),
            EquitySample(
                time: Timestamp(milliseconds: 253_402_300_799_999), wallet: m("1"), unrealized: .zero, margin: .zero,
                equity: m("1"), drawdown: .zero, drawdownFraction: 0.5),
            EquitySample(
                time: Timestamp(milliseconds: 253_402_300_800_000), wallet: Money(raw: .min),
                unrealized: .zero, margin: .zero, equity: Money(raw: .max), drawdown: .zero,
                drawdownFraction: 1),
        ]
        run.priceBars = [
            PriceBar(
                symbol: "BTCUSDT", time: at(0), open: p("100000"), high: p("100500.5"), low: p("99800"),
                close: p("100100.12345678")),
            PriceBar(
                symbol: "ETHUSDT", time: Timestamp(milliseconds: -86_400_001), open: p("1"), high: p("2"),
                low: p("0.5"),
                close: p("1.5")),
        ]
        run.finalMarks = [
            SymbolPrice(symbol: "BTCUSDT", price: p("100200")), SymbolPrice(symbol: "ETHUSDT", price: p("2950")),
        ]
        run.signalCounts.total = 5
        run.signalCounts.decided = 3
        run.signalCounts.outsideRange = 1
        run.signalCounts.unknownSymbol = 1
        run.bars = 123_456
        run.firstBar = Timestamp(milliseconds: -1)
        run.lastBar = nil
        run.finalWallet = m("9987.5")
        run.finalEquity = m("-0.00000001")
        run.dataDigest = "data"
        run.timings = RunTimings(read: 0.5, simulate: .nan, report: 1e300)
    }
}
