import Testing

@testable import TradeEngine

@Suite struct ClientOrderIDTests {
    @Test(arguments: [1, 9, 10, 42, 123_456, 999_999_999_999])
    func roundTrips(n: Int) {
        #expect(ClientOrderID.number(ClientOrderID.make(n)) == n)
    }

    @Test(arguments: [(0, "hs-0"), (7, "hs-7"), (10, "hs-10"), (3_332, "hs-3332"), (-5, "hs--5")])
    func makesTheDecimalText(n: Int, text: String) {
        #expect(ClientOrderID.make(n) == text)
    }

    /// Ids the engine never makes are not engine orders (no tag): other prefixes, leading zeros,
    /// signs, empty or oversized numbers, liquidation ids.
    @Test(arguments: [
        "", "hs", "hs-", "hs-0", "hs-01", "hs--1", "hs-+1", "hs-1a", "HS-1", "xs-1", "hs_1",
        "autoclose-12", "hs-12345678901234567890", " hs-1",
    ])
    func rejectsForeignIDs(id: String) {
        #expect(ClientOrderID.number(id) == nil)
    }
}
