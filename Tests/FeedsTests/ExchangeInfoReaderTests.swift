import Feeds
import Market
import TestSupport
import Testing

@Suite struct ExchangeInfoReaderTests {
    @Test func readsTheSampleSnapshot() throws {
        let rules = try ExchangeInfoReader.read(Fixtures.path("data/rules/exchange-info.json"))
        #expect(
            rules.map(\.symbol.name) == [
                "BTCUSDT", "ETHUSDT", "AVAXUSDT", "DOTUSDT", "LINKUSDT", "LTCUSDT", "FILUSDT", "BNBUSDT", "XRPUSDT",
            ])
        let btc = try #require(rules.first)
        #expect(btc.status == "TRADING")
        #expect(btc.baseAsset == "BTC" && btc.quoteAsset == "USDT" && btc.marginAsset == "USDT")
        #expect(btc.pricePrecision == 2 && btc.quantityPrecision == 3)
        #expect(btc.tickSize == Price("0.10") && btc.minPrice == Price("402") && btc.maxPrice == Price("1246396.60"))
        #expect(btc.stepSize == Quantity("0.001") && btc.minQuantity == Quantity("0.001"))
        #expect(btc.maxQuantity == Quantity("1000") && btc.marketMaxQuantity == Quantity("1000"))
        #expect(btc.minNotional == Money("100"))
        #expect(btc.multiplierUp == Rate("1.05") && btc.multiplierDown == Rate("0.95"))
        #expect(btc.maxOpenOrders == 200 && btc.maxOpenAlgoOrders == 10)
        #expect(btc.triggerProtect == Rate("0.05") && btc.liquidationFee == Rate("0.012"))
        #expect(btc.marketTakeBound == Rate("0.30"))
        let avax = try #require(rules.first { $0.symbol == "AVAXUSDT" })
        #expect(avax.tickSize == Price("0.001") && avax.stepSize == Quantity("1"))
        #expect(avax.pricePrecision == 4 && avax.quantityPrecision == 0)
        #expect(avax.minNotional == Money("5") && avax.maxOpenAlgoOrders == nil)
        #expect(avax.maxQuantity == .zero && avax.liquidationFee == Rate("0.015"))
        let dot = try #require(rules.first { $0.symbol == "DOTUSDT" })
        #expect(dot.tickSize == Price("0.001") && dot.stepSize == Quantity("0.1"))
    }

    @Test func bracketsAttachBySymbol() throws {
        let rules = try ExchangeInfoReader.read(Fixtures.path("data/rules/exchange-info.json"))
        let brackets = try LeverageBracketReader.read(Fixtures.path("data/rules/leverage-brackets.json"))
        let combined = rules.attaching(brackets)
        #expect(combined.allSatisfy { !$0.brackets.isEmpty })
        #expect(combined[0].maxLeverage == 125)
        #expect(combined.first { $0.symbol == "AVAXUSDT" }?.maxLeverage == 75)
        #expect(rules.attaching([]).allSatisfy { $0.brackets.isEmpty })
    }

    @Test(arguments: [
        ("exchange-info-no-lot.json", "80: ETHUSDT has no LOT_SIZE (ETHUSDT)"),
        ("exchange-info-tick.json", "31: BTCUSDT PRICE_FILTER tickSize is not a decimal (\"0.1O\")"),
        ("exchange-info-syntax.json", "13: unexpected end of input (end of input)"),
    ])
    func badExchangeInfo(_ name: String, _ expected: String) throws {
        let path = Fixtures.feeds("bad/" + name)
        let error = #expect(throws: FeedError.self) { try ExchangeInfoReader.read(path) }
        #expect(error?.description == "\(path):\(expected)")
    }

    static func info(price: String, lot: String, notional: String = "5") -> String {
        """
        {"symbols": [{"symbol": "XUSDT", "pricePrecision": 2, "quantityPrecision": 0, "filters": [
        {"filterType": "PRICE_FILTER", \(price)},
        {"filterType": "LOT_SIZE", \(lot)},
        {"filterType": "MIN_NOTIONAL", "notional": "\(notional)"}
        ]}]}
        """
    }

    @Test(arguments: [
        (
            info(
                price: #""tickSize": "0.1", "minPrice": "1", "maxPrice": "1000""#,
                lot: #""stepSize": "1", "minQty": "10000000000", "maxQty": "0""#),
            "3: XUSDT LOT_SIZE minQty × PRICE_FILTER maxPrice is above 1e10 (10000000000 × 1000)"
        ),
        (
            info(
                price: #""tickSize": "0.1", "minPrice": "1", "maxPrice": "1000""#,
                lot: #""stepSize": "1", "minQty": "5", "maxQty": "2""#),
            "3: XUSDT LOT_SIZE minQty is above maxQty (5 > 2)"
        ),
        (
            info(
                price: #""tickSize": "0.1", "minPrice": "-1", "maxPrice": "1000""#,
                lot: #""stepSize": "1", "minQty": "1", "maxQty": "2""#),
            "2: XUSDT PRICE_FILTER minPrice is negative (-1)"
        ),
        (
            info(
                price: #""tickSize": "0.1", "minPrice": "2000", "maxPrice": "1000""#,
                lot: #""stepSize": "1", "minQty": "1", "maxQty": "2""#),
            "2: XUSDT PRICE_FILTER minPrice is above maxPrice (2000 > 1000)"
        ),
        (
            info(
                price: #""tickSize": "0.1", "minPrice": "1", "maxPrice": "1000""#,
                lot: #""stepSize": "1", "minQty": "1", "maxQty": "2""#, notional: "10000000000"),
            "4: XUSDT MIN_NOTIONAL notional is above 1e9 (10000000000)"
        ),
    ])
    func filtersOutOfRange(_ text: String, _ expected: String) throws {
        let path = try temporaryFile("exchange-info.json", text)
        let error = #expect(throws: FeedError.self) { try ExchangeInfoReader.read(path) }
        #expect(error?.description == "\(path):\(expected)")
    }

    @Test func verifyKeepsTheGoodSymbols() throws {
        let result = ExchangeInfoReader.verify(Fixtures.feeds("bad/exchange-info-no-lot.json"))
        #expect(result.rules.map(\.symbol) == ["BTCUSDT"])
        #expect(result.problems.count == 1)
    }

    @Test func notAnExchangeInfo() throws {
        let path = try temporaryFile("rules.json", "{\"serverTime\": 1}")
        let error = #expect(throws: FeedError.self) { try ExchangeInfoReader.read(path) }
        #expect(error?.description == "\(path):1: not an exchangeInfo response: no \"symbols\" array ({serverTime…})")
    }
}

@Suite struct LeverageBracketReaderTests {
    @Test func readsTheSampleBrackets() throws {
        let all = try LeverageBracketReader.read(Fixtures.path("data/rules/leverage-brackets.json"))
        #expect(
            all.map(\.symbol.name) == [
                "AVAXUSDT", "DOTUSDT", "LINKUSDT", "LTCUSDT", "FILUSDT", "BTCUSDT", "ETHUSDT", "BNBUSDT", "XRPUSDT",
            ])
        let btc = try #require(all.first { $0.symbol == "BTCUSDT" }).brackets
        #expect(btc.count == 12)
        #expect(
            btc[0]
                == LeverageBracket(
                    bracket: 1, initialLeverage: 125, notionalFloor: .zero, notionalCap: Money("50000")!,
                    maintMarginRatio: Rate("0.004")!, cum: .zero))
        #expect(btc[2].notionalFloor == Money("600000") && btc[2].cum == Money("950"))
        #expect(btc[11].initialLeverage == 1 && btc[11].maintMarginRatio == Rate("0.5"))
        #expect(btc[11].cum == Money("421481450"))
        #expect(btc[11].notionalCap == Money("1800000000"))
    }

    @Test func freqtradeTiersShape() throws {
        let text = """
            {
              "BTC/USDT:USDT": [
                {"tier": 1.0, "info": {"bracket": "1", "initialLeverage": "125", "notionalCap": "50000",
                  "notionalFloor": "0", "maintMarginRatio": "0.004", "cum": "0.0"}},
                {"tier": 2.0, "info": {"bracket": "2", "initialLeverage": "100", "notionalCap": "9223372036854775807",
                  "notionalFloor": "50000", "maintMarginRatio": "0.005", "cum": "50.0"}}
              ]
            }
            """
        let path = try temporaryFile("tiers.json", text)
        let result = try LeverageBracketReader.read(path)
        #expect(result.map(\.symbol) == ["BTCUSDT"])
        #expect(result[0].brackets.map(\.initialLeverage) == [125, 100])
        #expect(result[0].brackets[1].notionalCap == Money(raw: Int64.max))
    }

    @Test func brokenCumRecurrence() throws {
        let path = Fixtures.feeds("bad/leverage-brackets-cum.json")
        let error = #expect(throws: FeedError.self) { try LeverageBracketReader.read(path) }
        #expect(
            error?.description
                == "\(path):7: AVAXUSDT bracket 3: cum breaks cum_n = cum_{n−1} + floor_n × (MMR_n − MMR_{n−1}) (96, expected 95)"
        )
    }

    @Test(arguments: [
        (#"[{"symbol":"X","brackets":[]}]"#, "1: X has no brackets ([])"),
        (
            #"[{"symbol":"X","brackets":[{"bracket":2,"initialLeverage":5,"notionalCap":10,"notionalFloor":0,"maintMarginRatio":0.1,"cum":0}]}]"#,
            "1: X bracket 2: brackets must be numbered 1, 2, … (2)"
        ),
        (
            #"[{"symbol":"X","brackets":[{"bracket":1,"initialLeverage":5,"notionalCap":10,"notionalFloor":0,"maintMarginRatio":"x","cum":0}]}]"#,
            "1: X bracket maintMarginRatio is not a decimal (\"x\")"
        ),
        (#"{"a": 1}"#, "1: a is not an array of tiers (1)"),
    ])
    func badBrackets(_ text: String, _ expected: String) throws {
        let path = try temporaryFile("brackets.json", text)
        let error = #expect(throws: FeedError.self) { try LeverageBracketReader.read(path) }
        #expect(error?.description == "\(path):\(expected)")
    }
}
