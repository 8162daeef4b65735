import Market

/// Every mutable field of a `Dispatcher`, kept in a `StateStorage` (see `Dispatcher.state`).
struct DispatcherState {
    var positionBook = PositionBook()
    var strategyBook = StrategyBook()
    var rejectedPlacements: [RejectedPlacement] = []
    var fundingAttributions: [FundingAttribution] = []
    /// Tags by client order number: every engine order carries a client id `hs-N` (N from 1),
    /// and its tag sits at index N − 1 (no hashing on the event path).
    var tags: [OrderTag] = []
    var nextClientOrder = 1
    var nextGroup: Int64 = 1
    /// Accepted entry orders not yet filled (a few at a time), with their client order number.
    var pendingEntries = PendingEntries()
    /// Accepted entries waiting to fill, per leg.
    var pendingEntryCount = LegCounts()
    /// live_compat: the active OCO pair per leg.
    var livePairs: [PositionKey: LivePair] = [:]
    /// live_compat: the entry decision of each strategy position, by position index (its raw
    /// SL/TP fields).
    var entryIntents: [EntryIntent?] = []
    var lastReconcile: Timestamp? = nil
    /// live_compat: the portfolio value (available balance) the last risk check refreshed;
    /// nil before the first one.
    var cachedPortfolioValue: Money? = nil
    /// The dispatcher is calling the exchange: events that arrive meanwhile wait in `deferred`.
    var busy = false
    var deferred: [ExchangeEvent] = []
}

/// live_compat: the OCO pair of a leg, owned by the strategy position that placed it.
struct LivePair {
    var owner: Int
    var stopClientID: String?
    var takeProfitClientID: String?
}
