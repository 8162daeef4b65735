import Market
import TestSupport
import Testing

@testable import TradeEngine

/// Vectors RL1–RL15 of §8.5 (portfolio 10 000 unless stated).
@Suite struct RiskLimitsTests {
    let t = Timestamp(iso8601: "2024-01-01T12:00:00Z")!

    func context(
        _ symbol: Symbol = "BTCUSDT", amount: String = "0.001", pct: String? = nil, portfolio: Money? = 10_000,
        algoSymbol: Int = 0, algoAccount: Int = 0
    ) -> RiskContext {
        RiskContext(
            symbol: symbol, side: .long, amount: Fixtures.quantity(amount), positionSizePercent: pct.map(Fixtures.rate),
            portfolioValue: portfolio, leverage: 10, openStrategyLeverage: 0, algoOrdersOnSymbol: algoSymbol,
            algoOrdersOnAccount: algoAccount, now: t)
    }

    var liveSettings: RiskSettings {
        var s = RiskSettings()
        s.maxAlgoOrdersPerSymbol = 9
        s.maxAlgoOrdersPerAccount = 98
        s.algoOrdersPerEntry = 1
        return s
    }

    @Test func rl1EmptyBookPasses() {
        #expect(RiskLimits.positionLimits(context(), book: PositionBook(), settings: RiskSettings()) == nil)
    }

    @Test func rl2PositionSizePercentCap() {
        var s = RiskSettings()
        s.maxPositionSizePercent = Fixtures.rate("0.01")
        #expect(
            RiskLimits.positionLimits(context(pct: "0.05"), book: PositionBook(), settings: s) == .positionSizePercent)
    }

    func bookWithDailyPnL(_ pnl: Money) -> PositionBook {
        var book = PositionBook()
        book.apply(key: PositionKey("BTCUSDT", .long), side: .buy, price: 50_000, quantity: 1, at: t)
        book.apply(
            key: PositionKey("BTCUSDT", .long), side: .sell, price: Price(raw: (50_000 * fixedPointOne) + pnl.raw),
            quantity: 1, at: t)
        return book
    }

    @Test func rl3DailyLossWithinTheLimitPasses() {
        #expect(RiskLimits.dailyLoss(context(), book: bookWithDailyPnL(-400), settings: RiskSettings()) == nil)
    }

    @Test func rl4DailyLossBeyondTheLimitFails() {
        #expect(
            RiskLimits.dailyLoss(context(), book: bookWithDailyPnL(-600), settings: RiskSettings())
                == .dailyLossLimitsExceeded)
    }

    var exposureBook: PositionBook {
        var book = PositionBook()
        book.apply(
            key: PositionKey("BTCUSDT", .long), side: .buy, price: 50_000, quantity: Fixtures.quantity("0.1"), at: t)
        book.apply(
            key: PositionKey("ETHUSDT", .long), side: .buy, price: 3_000, quantity: Fixtures.quantity("0.33"), at: t)
        return book
    }

    @Test func rl5ExposureAboveTheLimitFails() {
        var s = RiskSettings()
        s.maxPortfolioExposurePercent = Fixtures.rate("0.5")
        #expect(RiskLimits.positionLimits(context("XRPUSDT"), book: exposureBook, settings: s) == .portfolioExposure)
    }

    @Test func rl6ExposureIsGrossOverTheBalance() {
        #expect(abs(RiskLimits.exposure(book: exposureBook, portfolio: 10_000) - 0.599) < 1e-12)
    }

    @Test(arguments: [Money.zero, -500])
    func rl7NoBalanceIsInsufficientMargin(portfolio: Money) {
        #expect(
            RiskLimits.positionLimits(context(portfolio: portfolio), book: PositionBook(), settings: RiskSettings())
                == .insufficientMargin)
    }

    @Test func rl8TinyPositiveBalancePasses() {
        #expect(RiskLimits.positionLimits(context(portfolio: 1), book: PositionBook(), settings: RiskSettings()) == nil)
    }

    @Test func rl9UnreadableBalanceIsARefreshFailure() {
        #expect(
            RiskLimits.positionLimits(context(portfolio: nil), book: PositionBook(), settings: RiskSettings())
                == .refreshFailure)
    }

    @Test(arguments: [Money.zero, -100])
    func rl10ExposureWithoutBalanceIsOne(portfolio: Money) {
        #expect(RiskLimits.exposure(book: exposureBook, portfolio: portfolio) == 1.0)
    }

    @Test func rl11To13AlgoOrderSlotsAsLive() {
        #expect(
            RiskLimits.positionLimits(
                context(algoSymbol: 3, algoAccount: 3), book: PositionBook(), settings: liveSettings) == nil)
        #expect(
            RiskLimits.positionLimits(
                context(algoSymbol: 9, algoAccount: 9), book: PositionBook(), settings: liveSettings)
                == .algoOrderLimits)
        #expect(
            RiskLimits.positionLimits(
                context(algoSymbol: 8, algoAccount: 8), book: PositionBook(), settings: liveSettings) == nil)
        #expect(
            RiskLimits.positionLimits(
                context(algoSymbol: 0, algoAccount: 98), book: PositionBook(), settings: liveSettings)
                == .algoOrderLimits)
    }

    @Test func perStrategySlotsNeedRoomForBothLegs() {
        #expect(
            RiskLimits.positionLimits(context(algoAccount: 198), book: PositionBook(), settings: RiskSettings()) == nil)
        #expect(
            RiskLimits.positionLimits(context(algoAccount: 199), book: PositionBook(), settings: RiskSettings())
                == .algoOrderLimits)
    }

    @Test func rl14Whitelist() {
        var s = RiskSettings()
        s.allowedSymbols = ["ETHUSDT"]
        #expect(RiskLimits.positionLimits(context(), book: PositionBook(), settings: s) == .symbolNotAllowed)
        s.allowedSymbols = []
        #expect(RiskLimits.positionLimits(context(), book: PositionBook(), settings: s) == nil)
        s.allowedSymbols = ["ETHUSDT"]
        s.enabled = false
        #expect(RiskLimits.positionLimits(context(), book: PositionBook(), settings: s) == nil)
        #expect(RiskRejection.symbolNotAllowed.source == "whitelist")
        #expect(RiskRejection.insufficientMargin.source == "balance")
        #expect(RiskRejection.portfolioExposure.source == "risk_check")
    }

    /// RL15: the account refresh takes `availableBalance`, else `totalWalletBalance`; with
    /// neither the refresh fails, and the position limits reject with `refresh_failure` (RL9).
    @Test func rl15PortfolioValueFallsBackToTheWalletBalance() {
        #expect(
            RiskLimits.portfolioValue(availableBalance: Money("250")!, totalWalletBalance: Money("900")!) == Money(
                "250")!)
        #expect(RiskLimits.portfolioValue(availableBalance: nil, totalWalletBalance: Money("900")!) == Money("900")!)
        let none = RiskLimits.portfolioValue(availableBalance: nil, totalWalletBalance: nil)
        #expect(none == nil)
        var c = context()
        c.portfolioValue = none
        #expect(RiskLimits.positionLimits(c, book: PositionBook(), settings: RiskSettings()) == .refreshFailure)
    }

    @Test func absoluteSizeIsCheckedOnlyWhenTheLegIsOpen() {
        var s = RiskSettings()
        s.maxPositionSize = 1
        #expect(RiskLimits.positionLimits(context(amount: "2"), book: PositionBook(), settings: s) == nil)
        var book = PositionBook()
        book.apply(key: PositionKey("BTCUSDT", .long), side: .buy, price: 1, quantity: Fixtures.quantity("0.5"), at: t)
        #expect(RiskLimits.positionLimits(context(amount: "0.6"), book: book, settings: s) == .absolutePositionSize)
    }

    @Test func leverageBound() {
        var c = context()
        c.leverage = 126
        #expect(RiskLimits.leverageBound(c, settings: RiskSettings()) == .leverageBound)
        c.leverage = 10
        var s = RiskSettings()
        s.portfolioLeverageCap = 25
        c.openStrategyLeverage = 20
        #expect(RiskLimits.leverageBound(c, settings: s) == .leverageBound)
    }
}
