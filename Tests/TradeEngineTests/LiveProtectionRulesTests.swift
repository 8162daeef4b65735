import Market
import TestSupport
import Testing

@testable import TradeEngine

/// Vectors F1–F5, DIR1–DIR5 and MS1–MS3 of §8.6 (the live guards reproduced by live_compat).
@Suite struct LiveProtectionRulesTests {
    typealias Rules = LiveProtectionRules
    let floor = Fixtures.rate("0.06")

    func p(_ text: String) -> Price { Fixtures.price(text) }
    func r(_ text: String) -> Rate { Fixtures.rate(text) }

    // MARK: PERCENT_PRICE adjuster (F1–F5)

    @Test func f1NarrowBandClampsAStopAboveTheMarket() {
        let outcome = Rules.percentFilter(
            price: p("442.03"), market: p("303.10"), multiplierUp: r("1.05"), multiplierDown: r("0.95"),
            stopShaped: true, floor: floor)
        #expect(outcome == .adjusted(p("303.10").scaled(by: r("1.05")).scaled(by: r("0.99")), clamped541: true))
    }

    @Test func f2NarrowBandClampsAStopBelowTheMarket() {
        let outcome = Rules.percentFilter(
            price: 50, market: 100, multiplierUp: r("1.05"), multiplierDown: r("0.95"), stopShaped: true, floor: floor)
        #expect(outcome == .adjusted(p("95.95"), clamped541: true))
    }

    @Test(arguments: ["306", "294"])
    func f3StopsInsideTheSafetyFloorAreRefused(stop: String) {
        let outcome = Rules.percentFilter(
            price: p(stop), market: 300, multiplierUp: r("1.1"), multiplierDown: r("0.9"), stopShaped: true,
            floor: floor)
        #expect(outcome == .refused)
    }

    @Test func f4StopsBeyondTheBandAreAdjustedAtLeastTheFloorAway() {
        let outcome = Rules.percentFilter(
            price: 1_500, market: 1_000, multiplierUp: r("1.1"), multiplierDown: r("0.9"), stopShaped: true,
            floor: floor)
        #expect(outcome == .adjusted(1_089, clamped541: false))
    }

    @Test func f5TakeProfitsInsideTheBandAreUnchanged() {
        let outcome = Rules.percentFilter(
            price: 306, market: 300, multiplierUp: r("1.1"), multiplierDown: r("0.9"), stopShaped: false, floor: floor)
        #expect(outcome == .unchanged(306))
    }

    // MARK: Direction guard #479 (DIR1–DIR5)

    let ref = Fixtures.price("43.32")

    func sl(_ side: PositionSide, _ price: String, hint: String? = nil) throws -> Price {
        try Rules.correctDirection(
            .stopLoss, side: side, requested: p(price), reference: ref, percentHint: hint.map(r), minDistance: floor)
    }

    func tp(_ side: PositionSide, _ price: String, hint: String? = nil) throws -> Price {
        try Rules.correctDirection(
            .takeProfit, side: side, requested: p(price), reference: ref, percentHint: hint.map(r), minDistance: .zero)
    }

    @Test func dir1LongStops() throws {
        #expect(try sl(.long, "40") == p("40"))
        #expect(try sl(.long, "44.84", hint: "0.0351") == ref.scaled(by: r("0.94")))
        #expect(try sl(.long, "44.84") == ref.scaled(by: r("0.94")))
        #expect(try sl(.long, "50", hint: "0.08") == ref.scaled(by: r("0.92")))
        #expect(try sl(.long, "43.0") == p("43.0"))
    }

    @Test func dir2ShortStops() throws {
        #expect(try sl(.short, "46") == p("46"))
        #expect(try sl(.short, "41.80", hint: "0.0351") == ref.scaled(by: r("1.06")))
        // Mirrored at the implied distance 3.32 / 43.32 = 0.07663897 (rounded to 1e-8).
        #expect(try sl(.short, "40") == ref.scaled(by: r("1.07663897")))
        #expect(abs(try sl(.short, "40").doubleValue - 46.64) < 1e-6)
        #expect(try sl(.short, "41.80") == ref.scaled(by: r("1.06")))
    }

    @Test func dir3TakeProfits() throws {
        #expect(try tp(.long, "45.08") == p("45.08"))
        #expect(try tp(.long, "41.50") > ref)
        #expect(try tp(.short, "41.50") == p("41.50"))
        #expect(try tp(.short, "45.08", hint: "0.04") == ref.scaled(by: r("0.96")))
    }

    @Test func dir4ReferencesAndOtherSymbols() throws {
        #expect(throws: Rules.Failure.invalidReference) {
            try Rules.correctDirection(
                .stopLoss, side: .long, requested: 1, reference: .zero, percentHint: nil, minDistance: floor)
        }
        let bnb = try Rules.correctDirection(
            .stopLoss, side: .long, requested: p("595.71"), reference: p("575.67"), percentHint: nil, minDistance: floor
        )
        #expect(bnb == p("575.67").scaled(by: r("0.94")))
        let link = try Rules.correctDirection(
            .stopLoss, side: .long, requested: p("8.079"), reference: p("7.836"), percentHint: nil, minDistance: floor)
        #expect(link == p("7.836").scaled(by: r("0.94")))
    }

    @Test func dir5OcoDirectionDefence() {
        let long = Rules.directionInversion(side: .long, stop: p("44.84"), target: p("45.08"), entry: ref)
        #expect(long?.stopWrong == true && long?.targetWrong == false)
        let short = Rules.directionInversion(side: .short, stop: p("45.50"), target: p("46.00"), entry: ref)
        #expect(short?.targetWrong == true)
        #expect(Rules.directionInversion(side: .long, stop: p("44.84"), target: p("45.08"), entry: nil) == nil)
        #expect(Rules.directionInversion(side: .long, stop: p("40"), target: p("45.08"), entry: ref) == nil)
        // Equality is wrong too (non-strict comparisons fail).
        #expect(Rules.directionInversion(side: .long, stop: ref, target: p("45.08"), entry: ref) != nil)
    }

    // MARK: Market-side stop #551 (MS1–MS3)

    @Test func ms1ShortStopsAreReanchoredAboveTheMarket() throws {
        #expect(
            try Rules.marketSideStop(side: .short, stop: p("0.165"), market: p("0.171"), floor: floor)
                == p("0.171").scaled(by: r("1.06")))
        #expect(
            try Rules.marketSideStop(side: .short, stop: p("0.182"), market: p("0.171"), floor: floor) == p("0.182"))
    }

    @Test func ms2LongStopsAreReanchoredBelowTheMarket() throws {
        #expect(
            try Rules.marketSideStop(side: .long, stop: 98, market: 95, floor: floor) == p("95").scaled(by: r("0.94")))
        #expect(try Rules.marketSideStop(side: .long, stop: 88, market: 95, floor: floor) == 88)
    }

    @Test func ms3PathologicalFloorFlattensAndBadMarketsFail() throws {
        #expect(try Rules.marketSideStop(side: .long, stop: 88, market: 95, floor: r("0.20")) == nil)
        #expect(
            try Rules.marketSideStop(side: .short, stop: p("0.172"), market: p("0.171"), floor: floor)
                == p("0.171").scaled(by: r("1.06")))
        #expect(throws: Rules.Failure.invalidReference) {
            try Rules.marketSideStop(side: .long, stop: 1, market: .zero, floor: floor)
        }
    }

    @Test func retryLadderMovesAwayByOneThenTwoPercent() {
        #expect(Rules.retryLadder(100, side: .long) == [99, 98])
        #expect(Rules.retryLadder(100, side: .short) == [101, 102])
    }
}
