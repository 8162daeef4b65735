#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SimulatedExchange {
    /// Hands every order's history entry (`orderHistory(at:)`) to `body` in id order, then forgets
    /// every order: the end of a run, when the recorder turns the order book into result rows.
    ///
    /// The book gives its memory back while it is read: the pages of orders already handed over
    /// are returned to the system every few thousand orders, so the rows built from them and the
    /// book never both take their full size (on `year10` the book is 44 MB and the rows 55 MB; the
    /// run's peak was the moment both were whole: docs/performance.md, "Memory"). Afterwards the
    /// exchange has no orders: `orderCount` is 0 and `orderStatus` knows no id.
    public func drainOrderHistory(_ body: (Int, OrderHistoryEntry) throws -> Void) rethrows {
        let count = state.orders.count
        let step = 4_096
        var start = 0
        while start < count {
            let end = min(count, start + step)
            for index in start..<end { try body(index, orderHistory(at: index)) }
            releasePages(ofOrdersBelow: end)
            start = end
        }
        state.orders = []
        state.clientOrderIDs = []
        state.rejectMessages = []
    }

    /// Returns to the system the whole pages that hold only orders below `end` (never read
    /// again: `drainOrderHistory` forgets them all once it is through). The orders are trivial
    /// values, so nothing needs destroying; the mutable access makes the buffer the book's own.
    private func releasePages(ofOrdersBelow end: Int) {
        #if canImport(Glibc)
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        guard page > 0 else { return }
        state.orders.withUnsafeMutableBufferPointer { orders in
            guard let base = orders.baseAddress else { return }
            let first = (Int(bitPattern: base) + page - 1) / page * page
            let last = Int(bitPattern: base + end) / page * page
            guard last > first, let pointer = UnsafeMutableRawPointer(bitPattern: first) else { return }
            _ = madvise(pointer, last - first, MADV_DONTNEED)
        }
        #endif
    }
}
