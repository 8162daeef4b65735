import Exchange
import Market
import Testing

/// One rejected request with Binance's code and message.
struct RejectionCase: Sendable, CustomTestStringConvertible {
    var name: String
    var request: OrderRequest
    var code: Int
    var message: String

    var testDescription: String { "\(code) \(name)" }
}

private func q(_ text: String) -> Quantity { Quantity(text)! }
private func p(_ text: String) -> Price { Price(text)! }

private let btc = TestMarket.btc
private let odd: Symbol = "ODDUSDT"

private func request(
    _ type: OrderType, _ side: Side = .buy, _ positionSide: PositionSide? = .long, symbol: Symbol = btc,
    quantity: String? = "0.01", price: String? = nil, stop: String? = nil, tif: TimeInForce? = nil,
    closePosition: Bool = false, reduceOnly: Bool? = nil, activation: String? = nil, callback: String? = nil
) -> OrderRequest {
    OrderRequest(
        symbol: symbol, side: side, positionSide: positionSide, type: type, quantity: quantity.map(q),
        price: price.map(p), stopPrice: stop.map(p), timeInForce: tif, closePosition: closePosition,
        reduceOnly: reduceOnly, activationPrice: activation.map(p), callbackRate: callback.map { Rate($0)! })
}

private func mandatory(_ name: String) -> String {
    "Mandatory parameter '\(name)' was not sent, was empty/null, or malformed."
}

private func notRequired(_ name: String) -> String { "Parameter '\(name)' sent when not required." }

let rejectionCases: [RejectionCase] = [
    RejectionCase(
        name: "unknown symbol", request: request(.market, symbol: "XYZUSDT"), code: -1121, message: "Invalid symbol."),
    RejectionCase(
        name: "positionSide missing", request: request(.market, .buy, nil), code: -4061,
        message: "Order's position side does not match user's setting."),
    RejectionCase(
        name: "positionSide BOTH", request: request(.market, .buy, .both), code: -4061,
        message: "Order's position side does not match user's setting."),
    RejectionCase(
        name: "closePosition with reduceOnly",
        request: request(
            .stopMarket, .sell, .long, quantity: nil, stop: "49000", closePosition: true, reduceOnly: true),
        code: -4138, message: "Reduce only must be true with closePosition equals true"),
    RejectionCase(
        name: "reduceOnly sent in hedge mode", request: request(.market, reduceOnly: false), code: -1106,
        message: notRequired("reduceOnly")),
    RejectionCase(
        name: "LIQUIDATION type", request: request(.liquidation), code: -1116, message: "Invalid orderType."),
    RejectionCase(
        name: "LIMIT without timeInForce", request: request(.limit, price: "49000"), code: -1102,
        message: mandatory("timeInForce")),
    RejectionCase(
        name: "MARKET without quantity", request: request(.market, quantity: nil), code: -1102,
        message: mandatory("quantity")),
    RejectionCase(
        name: "STOP_MARKET without stopPrice", request: request(.stopMarket), code: -1102,
        message: mandatory("stopPrice")),
    RejectionCase(
        name: "STOP without price", request: request(.stop, stop: "51000"), code: -1102, message: mandatory("price")),
    RejectionCase(
        name: "trailing without callbackRate", request: request(.trailingStopMarket), code: -1102,
        message: mandatory("callbackRate")),
    RejectionCase(
        name: "closePosition on LIMIT",
        request: request(.limit, .buy, .short, price: "49000", tif: .gtc, closePosition: true), code: -1106,
        message: notRequired("closePosition")),
    RejectionCase(
        name: "closePosition with quantity",
        request: request(.stopMarket, .sell, .long, stop: "49000", closePosition: true), code: -4137,
        message: "Quantity must be zero with closePosition equals true"),
    RejectionCase(
        name: "closePosition on an opening pair",
        request: request(.stopMarket, .buy, .long, quantity: nil, stop: "51000", closePosition: true), code: -2022,
        message: "ReduceOnly Order is rejected."),
    RejectionCase(
        name: "price on MARKET", request: request(.market, price: "50000"), code: -1106, message: notRequired("price")),
    RejectionCase(
        name: "stopPrice on LIMIT", request: request(.limit, price: "49000", stop: "49000", tif: .gtc), code: -1106,
        message: notRequired("stopPrice")),
    RejectionCase(
        name: "GTE_GTC on LIMIT", request: request(.limit, price: "49000", tif: .gteGtc), code: -1115,
        message: "Invalid timeInForce."),
    RejectionCase(
        name: "callbackRate above 10", request: request(.trailingStopMarket, .sell, .long, callback: "11"), code: -1102,
        message: mandatory("callbackRate")),
    RejectionCase(
        name: "price decimals over pricePrecision", request: request(.limit, price: "49000.123", tif: .gtc),
        code: -1111, message: "Precision is over the maximum defined for this asset."),
    RejectionCase(
        name: "quantity decimals over quantityPrecision", request: request(.market, quantity: "0.0001"), code: -1111,
        message: "Precision is over the maximum defined for this asset."),
    RejectionCase(
        name: "price off the tick", request: request(.limit, price: "49000.05", tif: .gtc), code: -4014,
        message: "Price not increased by tick size."),
    RejectionCase(
        name: "stopPrice off the tick", request: request(.stopMarket, stop: "51000.01"), code: -4014,
        message: "Price not increased by tick size."),
    RejectionCase(
        name: "quantity off the step", request: request(.market, symbol: odd, quantity: "0.025"), code: -4023,
        message: "Qty not increased by step size."),
    RejectionCase(
        name: "price zero", request: request(.limit, price: "0", tif: .gtc), code: -4001, message: "Price less than 0."),
    RejectionCase(
        name: "price below minPrice", request: request(.limit, price: "50", tif: .gtc), code: -4013,
        message: "Price less than min price."),
    RejectionCase(
        name: "price above maxPrice", request: request(.limit, price: "2000000", tif: .gtc), code: -4002,
        message: "Price greater than max price."),
    RejectionCase(
        name: "stopPrice zero", request: request(.stopMarket, stop: "0"), code: -4006,
        message: "Stop price less than zero."),
    RejectionCase(
        name: "stopPrice above maxPrice", request: request(.stopMarket, stop: "2000000"), code: -4007,
        message: "Stop price greater than max price."),
    RejectionCase(
        name: "quantity zero", request: request(.market, quantity: "0"), code: -4003,
        message: "Quantity less than zero."),
    RejectionCase(
        name: "quantity below minQty", request: request(.market, symbol: odd, quantity: "0.01"), code: -4004,
        message: "Quantity less than min quantity."),
    RejectionCase(
        name: "LIMIT quantity above LOT_SIZE maxQty",
        request: request(.limit, quantity: "2000", price: "49000", tif: .gtc),
        code: -4005, message: "Quantity greater than max quantity."),
    RejectionCase(
        name: "MARKET quantity above MARKET_LOT_SIZE maxQty", request: request(.market, quantity: "121"), code: -4005,
        message: "Quantity greater than max quantity."),
    RejectionCase(
        name: "activation price zero",
        request: request(.trailingStopMarket, .sell, .long, activation: "0", callback: "1"), code: -4135,
        message: "Invalid activation price"),
    RejectionCase(
        name: "BUY limit above mark × multiplierUp", request: request(.limit, price: "52500.1", tif: .gtc),
        code: -4016, message: "Price is higher than mark price multiplier cap."),
    RejectionCase(
        name: "SELL limit below mark × multiplierDown",
        request: request(.limit, .sell, .short, price: "47499.9", tif: .gtc), code: -4024,
        message: "Price is lower than mark price multiplier floor."),
    RejectionCase(
        name: "notional under MIN_NOTIONAL", request: request(.limit, quantity: "0.001", price: "49000", tif: .gtc),
        code: -4164, message: "Order's notional must be no smaller than 100 (unless you choose reduce only)."),
    RejectionCase(
        name: "BUY STOP_MARKET at the last price", request: request(.stopMarket, stop: "50000"), code: -2021,
        message: "Order would immediately trigger."),
    RejectionCase(
        name: "SELL TAKE_PROFIT_MARKET below the last price",
        request: request(.takeProfitMarket, .sell, .long, stop: "49000"),
        code: -2021, message: "Order would immediately trigger."),
    RejectionCase(
        name: "BUY TAKE_PROFIT above the last price",
        request: request(.takeProfit, .buy, .long, price: "50100", stop: "50100"), code: -2021,
        message: "Order would immediately trigger."),
    RejectionCase(
        name: "SELL trailing activation below the last price",
        request: request(.trailingStopMarket, .sell, .long, activation: "49000", callback: "1"), code: -2021,
        message: "Order would immediately trigger."),
    RejectionCase(
        name: "close-side order on a flat leg", request: request(.market, .sell, .long), code: -2022,
        message: "ReduceOnly Order is rejected."),
]

@Suite struct SimulatedExchangeValidationTests {
    /// BTCUSDT (min notional 100) and ODDUSDT (step 0.01, minQty 0.02), one flat bar at 50 000
    /// processed and marked.
    static func exchange(_ configuration: ExchangeConfiguration = ExchangeConfiguration()) -> SimulatedExchange {
        let bars = [TestMarket.flat("50000"), TestMarket.flat("50000"), TestMarket.flat("50000")]
        let exchange = TestMarket.exchange(
            configuration,
            [
                TestMarket.market(bars, rules: TestMarket.rules(minNotional: "100")),
                TestMarket.market(bars, rules: TestMarket.rules(odd, step: "0.01", minQuantity: "0.02")),
            ])
        drive(exchange, bars: 0..<1)
        return exchange
    }

    @Test(arguments: rejectionCases)
    func rejectsWithBinanceCodeAndMessage(_ rejection: RejectionCase) {
        let exchange = Self.exchange()
        let log = EventLog(exchange)
        let result = exchange.place(rejection.request)
        #expect(result.rejection == ExchangeRejection(code: rejection.code, message: rejection.message))
        #expect(log.events.isEmpty)
    }

    @Test func closeSideOrdersAreExemptFromMinNotionalWhenConfigured() {
        for exempt in [true, false] {
            var configuration = ExchangeConfiguration()
            configuration.exemptCloseSideFromMinNotional = exempt
            let exchange = Self.exchange(configuration)
            _ = exchange.place(TestMarket.marketOrder(.buy, .long, "0.01")).orderID
            drive(exchange, bars: 1..<2)
            let close = exchange.place(TestMarket.limitOrder(.sell, .long, "0.001", at: "51000"))
            if exempt {
                #expect(close.rejection == nil)
            } else {
                #expect(close.rejection?.code == -4164)
            }
        }
    }

    @Test func leverageCapRejectsWithMinus2027() {
        var configuration = ExchangeConfiguration(initialBalance: 1_000_000)
        configuration.leverage = [btc: 125]
        let exchange = Self.exchange(configuration)
        // Tier 1 allows 125× up to 50 000 notional: 1.1 BTC at 49 000 is 53 900.
        let result = exchange.place(TestMarket.limitOrder(.buy, .long, "1.1", at: "49000"))
        #expect(
            result.rejection
                == ExchangeRejection(
                    code: -2027, message: "Exceeded the maximum allowable position at current leverage."))
        #expect(exchange.place(TestMarket.limitOrder(.buy, .long, "1", at: "49000")).rejection == nil)
    }

    @Test func marginCheckRejectsWithMinus2019() {
        let exchange = Self.exchange(ExchangeConfiguration(initialBalance: 1000))
        // 0.3 BTC at 49 000 / 10× = 1 470 > 1 000.
        let limit = exchange.place(TestMarket.limitOrder(.buy, .long, "0.3", at: "49000"))
        #expect(limit.rejection == ExchangeRejection(code: -2019, message: "Margin is insufficient."))
        // 0.2 BTC = 980 fits; a second one no longer does (open-order margin is reserved).
        #expect(exchange.place(TestMarket.limitOrder(.buy, .long, "0.2", at: "49000")).rejection == nil)
        #expect(exchange.place(TestMarket.limitOrder(.buy, .long, "0.01", at: "49000")).rejection?.code == -2019)
        // MARKET is checked at last × 1.0005 = 50 025 with the open loss against the mark:
        // 0.199 × 50 025 / 10 + 0.199 × 25 = 1 000.47 > 1 000; 0.198 → 995.45.
        let fresh = Self.exchange(ExchangeConfiguration(initialBalance: 1000))
        #expect(fresh.place(TestMarket.marketOrder(.buy, .long, "0.199")).rejection?.code == -2019)
        #expect(fresh.place(TestMarket.marketOrder(.buy, .long, "0.198")).rejection == nil)
    }

    @Test func openLossCountsInTheMarginCheck() {
        // SELL limit 0.2 at 49 000 (below mark 50 000): IM 980 + open loss 0.2 × 1 000 = 1 180.
        let exchange = Self.exchange(ExchangeConfiguration(initialBalance: 1100))
        #expect(
            exchange.place(TestMarket.limitOrder(.sell, .short, "0.2", at: "49000", .ioc)).rejection?.code == -2019)
        #expect(exchange.place(TestMarket.limitOrder(.sell, .short, "0.2", at: "51000")).rejection == nil)
    }

    @Test func postOnlyThatWouldTakeIsRejectedWithMinus5022() {
        let exchange = Self.exchange()
        let result = exchange.place(TestMarket.limitOrder(.buy, .long, "0.01", at: "50100", .gtx))
        #expect(
            result.rejection
                == ExchangeRejection(
                    code: -5022,
                    message: "Due to the order could not be executed as maker, the Post Only order will be rejected."))
        #expect(exchange.place(TestMarket.limitOrder(.buy, .long, "0.01", at: "50000", .gtx)).rejection == nil)
    }

    @Test func fillOrKillThatCannotFillIsRejectedWithMinus5021() {
        let exchange = Self.exchange()
        let result = exchange.place(TestMarket.limitOrder(.buy, .long, "0.01", at: "49000", .fok))
        #expect(
            result.rejection
                == ExchangeRejection(
                    code: -5021,
                    message: "Due to the order could not be filled immediately, the FOK order has been rejected."))
    }

    @Test func conditionalOrderSlotsAreLimitedAccountWide() {
        var configuration = ExchangeConfiguration()
        configuration.maxConditionalOrders = 2
        let exchange = Self.exchange(configuration)
        let first = exchange.place(TestMarket.stopOrder(.stopMarket, .buy, .long, "0.01", stop: "60000")).orderID
        _ = exchange.place(TestMarket.stopOrder(.stopMarket, .buy, .long, "0.02", stop: "60000", symbol: odd)).orderID
        #expect(exchange.openConditionalOrderCount(symbol: nil) == 2)
        #expect(exchange.openConditionalOrderCount(symbol: btc) == 1)
        let third = exchange.place(TestMarket.stopOrder(.stopMarket, .buy, .long, "0.01", stop: "61000"))
        #expect(third.rejection == ExchangeRejection(code: -4045, message: "Reach max stop order limit."))
        _ = exchange.cancel(symbol: btc, orderID: first)
        #expect(exchange.place(TestMarket.stopOrder(.stopMarket, .buy, .long, "0.01", stop: "61000")).rejection == nil)
    }

    @Test func cancelingAnUnknownOrderIsMinus2011() {
        let exchange = Self.exchange()
        #expect(
            exchange.cancel(symbol: btc, orderID: 99).failureValue
                == ExchangeRejection(code: -2011, message: "Unknown order sent."))
        let id = exchange.place(TestMarket.limitOrder(.buy, .long, "0.01", at: "49000")).orderID
        #expect(exchange.cancel(symbol: odd, orderID: id).failureValue?.code == -2011)
        let log = EventLog(exchange)
        #expect(exchange.cancel(symbol: btc, orderID: id).failureValue == nil)
        #expect(log.updates.map(\.status) == [.canceled])
        #expect(exchange.cancel(symbol: btc, orderID: id).failureValue?.code == -2011)
        #expect(exchange.cancel(symbol: "XYZUSDT", orderID: id).failureValue?.code == -1121)
    }

    @Test func leverageOutsideTheBracketsIsASetupError() {
        var configuration = ExchangeConfiguration()
        configuration.leverage = [btc: 150]
        #expect(throws: ExchangeSetupError.self) {
            try SimulatedExchange(configuration: configuration, markets: [TestMarket.market([TestMarket.flat("1")])])
        }
        configuration.leverage = ["ETHUSDT": 5]
        #expect(throws: ExchangeSetupError.self) {
            try SimulatedExchange(configuration: configuration, markets: [TestMarket.market([TestMarket.flat("1")])])
        }
        configuration.leverage = [:]
        configuration.slippage = .ticks(-1)
        #expect(throws: ExchangeSetupError.self) {
            try SimulatedExchange(configuration: configuration, markets: [TestMarket.market([TestMarket.flat("1")])])
        }
        configuration.slippage = .none
        #expect(throws: ExchangeSetupError.self) {
            try SimulatedExchange(
                configuration: configuration,
                markets: [TestMarket.market([TestMarket.flat("1")]), TestMarket.market([TestMarket.flat("1")])])
        }
    }
}

extension Result {
    var failureValue: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
