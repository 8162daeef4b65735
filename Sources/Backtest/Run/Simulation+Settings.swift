import Exchange
import Market
import TradeEngine

extension Simulation {
    /// The exchange's configuration from a scenario.
    static func exchangeConfiguration(_ s: Scenario) -> ExchangeConfiguration {
        let x = s.exchange
        let slippage: Slippage =
            x.slippageBps > 0 ? .bps(x.slippageBps) : (x.slippageTicks > 0 ? .ticks(x.slippageTicks) : .none)
        var leverage: [Symbol: Int] = [:]
        for entry in s.account.leverageBySymbol { leverage[entry.symbol] = entry.value }
        var modes: [Symbol: MarginMode] = [:]
        for entry in s.account.marginModeBySymbol { modes[entry.symbol] = entry.value }
        return ExchangeConfiguration(
            initialBalance: s.account.initialBalance, makerFee: x.makerFee, takerFee: x.takerFee,
            bnbFeeDiscount: x.bnbFeeDiscount, slippage: slippage,
            pricePath: x.pricePath, fillReference: x.fillReference, latency: x.latencyMilliseconds,
            limitFillOnTouch: x.limitFillOnTouch,
            exemptCloseSideFromMinNotional: x.closeSideMinNotionalExempt, defaultLeverage: s.account.leverage,
            leverage: leverage, marginMode: s.account.marginMode, marginModes: modes,
            maxConditionalOrders: x.maxConditionalOrders)
    }

    /// The aggregator's settings from a scenario.
    static func signalSettings(_ s: Scenario) -> SignalSettings {
        let e = s.engine
        return SignalSettings(
            positionMode: e.positionMode,
            positionModeAwareConflicts: e.positionModeAwareConflicts,
            sameDirection: e.sameDirection,
            maxAccumulations: e.maxAccumulations, deterministicThreshold: e.deterministicThreshold.doubleValue,
            mlThreshold: e.mlThreshold.doubleValue, llmThreshold: e.llmThreshold.doubleValue,
            llmSizeCap: e.llmSizeCap.doubleValue, signalTTL: e.signalTTLMilliseconds,
            duplicateWindow: e.duplicateWindowMilliseconds, reentryCooldown: e.reentryCooldownMilliseconds,
            requireSource: e.requireSource)
    }

    /// The dispatcher's settings from a scenario.
    static func dispatchSettings(_ s: Scenario) -> DispatchSettings {
        var d = DispatchSettings.model(s.protection)
        let e = s.engine
        d.risk.enabled = e.riskManagement
        d.risk.allowedSymbols = e.allowedSymbols
        d.risk.maxPositionSizePercent = e.maxPositionSizePercent
        d.risk.maxPortfolioExposurePercent = e.maxPortfolioExposurePercent
        d.risk.maxDailyLossPercent = e.maxDailyLossPercent
        d.risk.maxPositionSize = e.maxPositionSize
        d.risk.maxLeverageBound = e.maxLeverageBound
        d.risk.portfolioLeverageCap = e.portfolioLeverageCap
        if s.protection == .perStrategy { d.risk.maxAlgoOrdersPerAccount = s.exchange.maxConditionalOrders }
        d.protectionWorkingType = e.protectionWorkingType
        d.reconcilerDelay = e.reconcilerDelayMilliseconds
        d.reconcilerInterval = e.reconcilerIntervalMilliseconds
        d.liveOcoOutcome = e.liveOcoOutcome
        return d
    }
}
