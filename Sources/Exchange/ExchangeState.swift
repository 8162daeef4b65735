import HeapModule
import Market

/// A member order of an OCO group that is still linked (see `ExchangeState.ocoGroups`).
struct OcoMember {
    var group: Int64
    var order: Int32
}

/// Every mutable field of `SimulatedExchange` but the per-symbol and per-leg ones (`SymbolHot`,
/// `Leg`): one value in a `StateStorage`, read and written in place through
/// `SimulatedExchange.state`.
struct ExchangeState {
    /// Receives every event (see `SimulatedExchange.onEvent`).
    var onEvent: ((ExchangeEvent) -> Void)? = nil
    /// See `SimulatedExchange.deliversWorkingOrderUpdates`.
    var deliversWorkingOrderUpdates = true
    /// The simulation clock in milliseconds.
    var now: Int64 = 0
    /// A bar walk is in progress.
    var walking: Bool = false
    /// Wallet balance (raw Money).
    var wallet: Int64
    var realizedTotal: Int64 = 0
    var commissionTotal: Int64 = 0
    var fundingTotal: Int64 = 0
    var liquidationFeeTotal: Int64 = 0
    /// Σ isolated wallets.
    var isolatedTotal: Int64 = 0
    /// Margin reserved by working opening LIMIT / MARKET orders.
    var openOrderMargin: Int64 = 0
    /// Σ per-symbol cross contributions.
    var crossUnrealizedTotal: Int64 = 0
    var crossMaintenanceTotal: Int64 = 0
    var crossOpenSymbols: Int = 0
    /// Symbols with a deferred cross re-booking (`SymbolHot.crossPending`).
    var crossPendingCount: Int = 0
    /// Tests turn the bands off to compare against booking at every close.
    var crossBandsEnabled = true
    var nextFundingTime: Int64 = .max
    /// Next funding settlement per symbol.
    var fundingCursor: [Int]
    /// Per symbol: contract-price orders that fire when the price rises to their key.
    var upContract: [Heap<TriggerEntry>]
    /// Per symbol: contract-price orders that fire when the price falls to their key.
    var downContract: [Heap<TriggerEntry>]
    var upMark: [Heap<TriggerEntry>]
    var downMark: [Heap<TriggerEntry>]
    /// Stale heap entries per symbol (lazy deletion).
    var deadEntries: [Int]
    /// Orders waiting for their activation time, per symbol.
    var pending: [[Int32]]
    /// Active trailing stops per symbol.
    var trailing: [[Int32]]
    /// Working orders per leg (index `symbol × 2 + (LONG 0, SHORT 1)`), in id order.
    var legOrders: [[Int32]]
    /// Every order ever accepted; index = id − 1.
    var orders: [SimulatedOrder] = []
    /// Per order (same index): the client order id, and a trigger-time rejection message.
    var clientOrderIDs: [String?] = []
    var rejectMessages: [String?] = []
    /// The members of every linked OCO group, in placement order (a few groups at a time: a
    /// short list scanned by group, no hashing). A group leaves the list when one member fills
    /// or when all its members are done.
    var ocoGroups: [OcoMember] = []
    var conditionalCount: Int = 0
    var conditionalPerSymbol: [Int]
    var nextTradeID: Int64 = 1
    /// Reused by `drainPending` (no allocation per bar).
    var drainBuffer: [Int32] = []
    var walkSymbol: Int = -1
    var walkBarTime: Int64 = 0
    var walkPoint: PathPoint = .none
    /// Fills in the current segment are flagged ambiguous.
    var segmentAmbiguous: Bool = false
    /// Something filled or triggered in the bar's first extreme segment.
    var firedFirstExtreme: Bool = false
    var firedSecondExtreme: Bool = false
    var walkSegment: Int = 0
    /// Per symbol: a bar walk stopped at an instant inside its bar (`BarWalk.bar` -1 for none).
    var walks: [BarWalk]
    /// The number of suspended walks.
    var suspendedWalks: Int = 0
    var eventQueue: [ExchangeEvent] = []
    var eventHead: Int = 0
    var delivering: Bool = false

    init(symbols count: Int, wallet: Int64) {
        self.wallet = wallet
        fundingCursor = Array(repeating: 0, count: count)
        upContract = Array(repeating: Heap(), count: count)
        downContract = Array(repeating: Heap(), count: count)
        upMark = Array(repeating: Heap(), count: count)
        downMark = Array(repeating: Heap(), count: count)
        deadEntries = Array(repeating: 0, count: count)
        pending = Array(repeating: [], count: count)
        trailing = Array(repeating: [], count: count)
        legOrders = Array(repeating: [], count: count * 2)
        conditionalPerSymbol = Array(repeating: 0, count: count)
        walks = Array(repeating: BarWalk(), count: count)
    }
}
