/// What happens next on a segment.
struct PathEvent {
    enum Kind: UInt8 {
        case none, contractUp, contractDown, markUp, markDown, trailing, liquidationDown, liquidationUp
    }

    var kind: Kind = .none
    /// How far along the segment it happens: `numerator / denominator` (denominator > 0).
    var numerator: Int64 = 0
    var denominator: Int64 = 1
    /// Tie-break: orders by id, liquidation after orders.
    var rank: Int64 = .max
    var index: Int = -1
    var level: Int64 = 0

    /// True when `self` happens strictly before `other`.
    func precedes(_ other: PathEvent) -> Bool {
        if other.kind == .none { return true }
        let lhs = numerator.multipliedFullWidth(by: other.denominator)
        let rhs = other.numerator.multipliedFullWidth(by: denominator)
        if lhs.high != rhs.high { return lhs.high < rhs.high }
        if lhs.low != rhs.low { return lhs.low < rhs.low }
        return rank < other.rank
    }
}
