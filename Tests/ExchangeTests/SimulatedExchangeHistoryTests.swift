import Market
import Testing

@testable import Exchange

/// `drainOrderHistory`: every order handed over in id order exactly as `orderHistory(at:)` gives
/// it, although the pages of the orders already handed over go back to the system on the way;
/// afterwards the exchange knows no order.
@Suite struct SimulatedExchangeHistoryTests {
    @Test func drainingHandsOverEveryOrderAsTheHistoryHasIt() throws {
        let exchange = TestMarket.exchange(
            TestMarket.feeless(), [TestMarket.market([TestMarket.flat("50000"), TestMarket.flat("50100")])])
        exchange.processBar(symbolIndex: 0, barIndex: 0)
        // More orders than one release step (4 096), each different: resting, then canceled.
        let count = 10_000
        for i in 0..<count {
            let price = "\(40_000 + i % 5_000).\(i % 10)"
            guard case .success(let ack) = exchange.place(TestMarket.limitOrder(.buy, .long, "0.001", at: price))
            else {
                Issue.record("order \(i) rejected")
                return
            }
            _ = exchange.cancel(symbol: TestMarket.btc, orderID: ack.orderID)
        }
        _ = exchange.place(TestMarket.marketOrder(.buy, .long, "0.01"))
        exchange.processBar(symbolIndex: 0, barIndex: 1)
        #expect(exchange.orderCount == count + 1)
        let expected = (0..<exchange.orderCount).map { exchange.orderHistory(at: $0) }
        var drained: [OrderHistoryEntry] = []
        var indices: [Int] = []
        exchange.drainOrderHistory { index, entry in
            indices.append(index)
            drained.append(entry)
        }
        #expect(indices == Array(0..<(count + 1)))
        #expect(drained.count == expected.count)
        let differing = drained.indices.filter { $0 < expected.count && drained[$0] != expected[$0] }
        #expect(differing.isEmpty, "first differing order: \(differing.first.map { $0 + 1 } ?? 0)")
        // 5 000 limit prices and the market order's none.
        #expect(Set(drained.map(\.update.price)).count == 5_001)
        #expect(drained.last?.update.status == .filled)
        #expect(exchange.orderCount == 0)
        #expect(exchange.orderStatus(1) == nil)
    }
}
