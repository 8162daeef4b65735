import HeapModule
public import Market

// Forwarding accessors to `state`: call sites read and mutate these like stored properties;
// `_modify` yields the field in place, so collections are never copied.
extension SimulatedExchange {
    /// Receives every event, synchronously and in order. The handler may call `place` and
    /// `cancel`; their events are delivered after it returns.
    public var onEvent: ((ExchangeEvent) -> Void)? {
        get { state.pointee.onEvent }
        set { state.pointee.onEvent = newValue }
    }

    /// Whether order updates that leave the order working (NEW on acceptance and on a trigger,
    /// TRADE of a partial fill) reach `onEvent` (default true). A client that only acts on final
    /// states and reads the rest from `orderHistory(at:)` can turn them off; final updates, fills
    /// and funding are always delivered, in the same order.
    public var deliversWorkingOrderUpdates: Bool {
        get { state.pointee.deliversWorkingOrderUpdates }
        set { state.pointee.deliversWorkingOrderUpdates = newValue }
    }

    var now: Int64 {
        _read { yield state.pointee.now }
        _modify { yield &state.pointee.now }
    }

    var walking: Bool {
        _read { yield state.pointee.walking }
        _modify { yield &state.pointee.walking }
    }

    var wallet: Int64 {
        _read { yield state.pointee.wallet }
        _modify { yield &state.pointee.wallet }
    }

    var realizedTotal: Int64 {
        _read { yield state.pointee.realizedTotal }
        _modify { yield &state.pointee.realizedTotal }
    }

    var commissionTotal: Int64 {
        _read { yield state.pointee.commissionTotal }
        _modify { yield &state.pointee.commissionTotal }
    }

    var fundingTotal: Int64 {
        _read { yield state.pointee.fundingTotal }
        _modify { yield &state.pointee.fundingTotal }
    }

    var liquidationFeeTotal: Int64 {
        _read { yield state.pointee.liquidationFeeTotal }
        _modify { yield &state.pointee.liquidationFeeTotal }
    }

    var isolatedTotal: Int64 {
        _read { yield state.pointee.isolatedTotal }
        _modify { yield &state.pointee.isolatedTotal }
    }

    var openOrderMargin: Int64 {
        _read { yield state.pointee.openOrderMargin }
        _modify { yield &state.pointee.openOrderMargin }
    }

    var crossUnrealizedTotal: Int64 {
        _read { yield state.pointee.crossUnrealizedTotal }
        _modify { yield &state.pointee.crossUnrealizedTotal }
    }

    var crossMaintenanceTotal: Int64 {
        _read { yield state.pointee.crossMaintenanceTotal }
        _modify { yield &state.pointee.crossMaintenanceTotal }
    }

    var crossOpenSymbols: Int {
        _read { yield state.pointee.crossOpenSymbols }
        _modify { yield &state.pointee.crossOpenSymbols }
    }

    /// Whether `computeCrossBands` sets bands (tests compare runs without them).
    var crossBandsEnabled: Bool {
        get { state.pointee.crossBandsEnabled }
        set { state.pointee.crossBandsEnabled = newValue }
    }

    var crossPendingCount: Int {
        _read { yield state.pointee.crossPendingCount }
        _modify { yield &state.pointee.crossPendingCount }
    }

    var nextFundingTime: Int64 {
        _read { yield state.pointee.nextFundingTime }
        _modify { yield &state.pointee.nextFundingTime }
    }

    var fundingCursor: [Int] {
        _read { yield state.pointee.fundingCursor }
        _modify { yield &state.pointee.fundingCursor }
    }

    var upContract: [Heap<TriggerEntry>] {
        _read { yield state.pointee.upContract }
        _modify { yield &state.pointee.upContract }
    }

    var downContract: [Heap<TriggerEntry>] {
        _read { yield state.pointee.downContract }
        _modify { yield &state.pointee.downContract }
    }

    var upMark: [Heap<TriggerEntry>] {
        _read { yield state.pointee.upMark }
        _modify { yield &state.pointee.upMark }
    }

    var downMark: [Heap<TriggerEntry>] {
        _read { yield state.pointee.downMark }
        _modify { yield &state.pointee.downMark }
    }

    var deadEntries: [Int] {
        _read { yield state.pointee.deadEntries }
        _modify { yield &state.pointee.deadEntries }
    }

    var pending: [[Int32]] {
        _read { yield state.pointee.pending }
        _modify { yield &state.pointee.pending }
    }

    var trailing: [[Int32]] {
        _read { yield state.pointee.trailing }
        _modify { yield &state.pointee.trailing }
    }

    var legOrders: [[Int32]] {
        _read { yield state.pointee.legOrders }
        _modify { yield &state.pointee.legOrders }
    }

    var orders: [SimulatedOrder] {
        _read { yield state.pointee.orders }
        _modify { yield &state.pointee.orders }
    }

    var clientOrderIDs: [String?] {
        _read { yield state.pointee.clientOrderIDs }
        _modify { yield &state.pointee.clientOrderIDs }
    }

    var rejectMessages: [String?] {
        _read { yield state.pointee.rejectMessages }
        _modify { yield &state.pointee.rejectMessages }
    }

    var ocoGroups: [OcoMember] {
        _read { yield state.pointee.ocoGroups }
        _modify { yield &state.pointee.ocoGroups }
    }

    var conditionalCount: Int {
        _read { yield state.pointee.conditionalCount }
        _modify { yield &state.pointee.conditionalCount }
    }

    var conditionalPerSymbol: [Int] {
        _read { yield state.pointee.conditionalPerSymbol }
        _modify { yield &state.pointee.conditionalPerSymbol }
    }

    var nextTradeID: Int64 {
        _read { yield state.pointee.nextTradeID }
        _modify { yield &state.pointee.nextTradeID }
    }

    var drainBuffer: [Int32] {
        _read { yield state.pointee.drainBuffer }
        _modify { yield &state.pointee.drainBuffer }
    }

    var walkSymbol: Int {
        _read { yield state.pointee.walkSymbol }
        _modify { yield &state.pointee.walkSymbol }
    }

    var walkBarTime: Int64 {
        _read { yield state.pointee.walkBarTime }
        _modify { yield &state.pointee.walkBarTime }
    }

    var walkPoint: PathPoint {
        _read { yield state.pointee.walkPoint }
        _modify { yield &state.pointee.walkPoint }
    }

    var segmentAmbiguous: Bool {
        _read { yield state.pointee.segmentAmbiguous }
        _modify { yield &state.pointee.segmentAmbiguous }
    }

    var firedFirstExtreme: Bool {
        _read { yield state.pointee.firedFirstExtreme }
        _modify { yield &state.pointee.firedFirstExtreme }
    }

    var firedSecondExtreme: Bool {
        _read { yield state.pointee.firedSecondExtreme }
        _modify { yield &state.pointee.firedSecondExtreme }
    }

    var walkSegment: Int {
        _read { yield state.pointee.walkSegment }
        _modify { yield &state.pointee.walkSegment }
    }

    var eventQueue: [ExchangeEvent] {
        _read { yield state.pointee.eventQueue }
        _modify { yield &state.pointee.eventQueue }
    }

    var eventHead: Int {
        _read { yield state.pointee.eventHead }
        _modify { yield &state.pointee.eventHead }
    }

    var delivering: Bool {
        _read { yield state.pointee.delivering }
        _modify { yield &state.pointee.delivering }
    }
}
