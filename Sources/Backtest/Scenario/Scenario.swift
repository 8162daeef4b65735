public import Exchange
public import Market
public import Results
public import TradeEngine

/// A validated scenario: what to simulate and how. Built by `ScenarioLoader` from a YAML file
/// (and `--set` overrides); every relative path is already resolved against the file's folder.
/// Every setting is typed (the engine's and the exchange's own enums, durations in ms): the
/// loader parses and checks each value once, and nothing converts text later.
public struct Scenario: Sendable, Hashable {
    /// Market data.
    public struct DataSection: Sendable, Hashable {
        public var interval: Interval
        public var start: Timestamp?
        public var end: Timestamp?
        /// Sorted by symbol.
        public var klines: [SymbolFile]
        public var markKlines: [SymbolFile] = []
        public var detailKlines: [SymbolFile] = []
        public var funding: [SymbolFile] = []
        public var symbolRules: String
        public var leverageBrackets: String?
    }

    /// A file that belongs to one symbol.
    public struct SymbolFile: Sendable, Hashable {
        public var symbol: Symbol
        public var path: String
        /// The line of its key in the scenario file (0 when set with `--set`).
        public var line: Int = 0
    }

    /// The futures account.
    public struct AccountSection: Sendable, Hashable {
        public var initialBalance: Money = 10_000
        public var leverage: Int = 10
        /// Per-symbol leverage overrides, sorted by symbol.
        public var leverageBySymbol: [SymbolValue<Int>] = []
        public var marginMode: MarginMode = .cross
        public var marginModeBySymbol: [SymbolValue<MarginMode>] = []
    }

    /// A per-symbol setting.
    public struct SymbolValue<Value: Sendable & Hashable>: Sendable, Hashable {
        public var symbol: Symbol
        public var value: Value
    }

    /// The simulated exchange.
    public struct ExchangeSection: Sendable, Hashable {
        public var makerFee: Rate = Rate(raw: 20_000)
        public var takerFee: Rate = Rate(raw: 50_000)
        public var bnbFeeDiscount = false
        public var slippageBps = 0
        public var slippageTicks = 0
        public var pricePath: PricePathPolicy = .adaptive
        public var fillReference: MarketFillReference = .nextOpen
        public var latencyMilliseconds: Int64 = 0
        public var limitFillOnTouch = false
        public var closeSideMinNotionalExempt = true
        public var maxConditionalOrders = 200
    }

    /// The trade engine's settings (live defaults).
    public struct EngineSection: Sendable, Hashable {
        public var positionMode: SignalSettings.PositionMode = .hedge
        public var positionModeAwareConflicts = true
        public var sameDirection: SignalSettings.SameDirectionPolicy = .accumulate
        public var maxAccumulations = 10
        public var deterministicThreshold: Rate = Rate(raw: 60_000_000)
        public var mlThreshold: Rate = Rate(raw: 50_000_000)
        public var llmThreshold: Rate = Rate(raw: 70_000_000)
        public var llmSizeCap: Rate = Rate(raw: 80_000_000)
        public var signalTTLMilliseconds: Int64 = 3_600_000
        public var duplicateWindowMilliseconds: Int64 = 10_000
        public var reentryCooldownMilliseconds: Int64 = 300_000
        public var requireSource: String? = nil
        public var riskManagement = true
        public var allowedSymbols: [Symbol] = []
        public var maxPositionSizePercent: Rate = Rate(raw: 10_000_000)
        public var maxPortfolioExposurePercent: Rate = Rate(raw: 80_000_000)
        public var maxDailyLossPercent: Rate = Rate(raw: 5_000_000)
        public var maxPositionSize: Quantity = 10_000
        public var maxLeverageBound = 125
        public var portfolioLeverageCap = 0
        public var protectionWorkingType: WorkingType = .markPrice
        public var reconcilerDelayMilliseconds: Int64 = 300_000
        public var reconcilerIntervalMilliseconds: Int64 = 60_000
        public var liveOcoOutcome: LiveOcoOutcome = .ownerClosed
    }

    /// Where and how the report is written.
    public struct ReportSection: Sendable, Hashable {
        public var path: String
        public var equityIntervalMilliseconds: Int64 = 3_600_000
        /// Which indexes the report builds; outside the settings and the result digest, like
        /// `path`: only the file's index set depends on it.
        public var indexes: ReportIndexes = .minimal
    }

    /// How `compare` (and sweeps) bootstrap differences between runs (docs/statistics.md). Not a
    /// run setting: it reaches neither `settingsJSON` nor the result digest.
    public struct StatisticsSection: Sendable, Hashable {
        /// Bootstrap resamples.
        public var resamples = 2000
        /// Bootstrap block length in whole days.
        public var blockDays = 1
        /// Seed of the bootstrap's generator.
        public var seed: UInt64 = 1
    }

    /// The scenario file's path as given.
    public var file: String
    public var name: String
    public var description: String?
    public var data: DataSection
    public var signals: [String]
    /// Which instant each signal is decided at (`signal_time`).
    public var signalTime = SignalTimeSource.field
    public var account = AccountSection()
    public var exchange = ExchangeSection()
    public var engine = EngineSection()
    /// How exits reach strategies (DESIGN §4).
    public var protection: ProtectionModel = .perStrategy
    public var report: ReportSection
    public var statistics = StatisticsSection()

    /// The symbols with klines, sorted.
    public var symbols: [Symbol] { data.klines.map(\.symbol) }

    /// The leverage of a symbol.
    public func leverage(for symbol: Symbol) -> Int {
        account.leverageBySymbol.first { $0.symbol == symbol }?.value ?? account.leverage
    }

    /// The margin mode of a symbol.
    public func marginMode(for symbol: Symbol) -> MarginMode {
        account.marginModeBySymbol.first { $0.symbol == symbol }?.value ?? account.marginMode
    }
}
