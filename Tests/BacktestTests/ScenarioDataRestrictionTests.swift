import Market
import Results
import TestSupport
import Testing
import TradeEngine

@testable import Backtest

/// `ScenarioData.restricted` gives what `load` gives for the narrower range, and leaves out the
/// excluded strategies' signals entirely.
@Suite struct ScenarioDataRestrictionTests {
    static let scenarioPath = Fixtures.path("scenarios/funding-xrp.yaml")

    static func load(_ overrides: [String] = []) throws -> (Scenario, ScenarioData) {
        let scenario = try ScenarioLoader.load(path: scenarioPath, overrides: overrides)
        return (scenario, try ScenarioData.load(scenario))
    }

    @Test func windowEqualsLoadingTheWindow() throws {
        let (scenario, data) = try Self.load()
        let start = Timestamp(iso8601: "2021-11-17T00:00:00Z")!
        let end = Timestamp(iso8601: "2021-11-18T23:55:00Z")!
        let cut = data.restricted(from: start, through: end, interval: scenario.data.interval)
        let (_, loaded) = try Self.load(["data.start=2021-11-17T00:00:00Z", "data.end=2021-11-18T23:55:00Z"])
        #expect(cut.markets.map(\.klines.openTimes) == loaded.markets.map(\.klines.openTimes))
        #expect(cut.markets.map(\.klines.closes) == loaded.markets.map(\.klines.closes))
        #expect(cut.signals.map(\.sequence) == loaded.signals.map(\.sequence))
        #expect(cut.skipped.map(\.signal.sequence) == loaded.skipped.map(\.signal.sequence))
        #expect(cut.skipped.map(\.reason) == loaded.skipped.map(\.reason))
        #expect(cut.counts == loaded.counts)
        #expect(cut.digest == data.digest)
        #expect(cut.counts.outsideRange > data.counts.outsideRange)
    }

    @Test func nothingRestrictedIsTheSameData() throws {
        let (scenario, data) = try Self.load()
        let same = data.restricted(from: nil, through: nil, interval: scenario.data.interval)
        #expect(same.signals.map(\.sequence) == data.signals.map(\.sequence))
        #expect(same.skipped.map(\.signal.sequence) == data.skipped.map(\.signal.sequence))
        #expect(same.counts == data.counts)
        #expect(same.barCount == data.barCount)
    }

    @Test func excludedStrategyLeavesNoSignal() throws {
        let (scenario, data) = try Self.load()
        let strategy = try #require(data.signals.first?.signal.strategyID)
        let without = data.restricted(
            from: nil, through: nil, interval: scenario.data.interval, excludingStrategies: [strategy])
        let all = data.signals + data.skipped.map(\.signal)
        let rest = without.signals + without.skipped.map(\.signal)
        #expect(!rest.contains { $0.signal.strategyID == strategy })
        #expect(rest.count == all.count { $0.signal.strategyID != strategy })
        #expect(without.counts.total == rest.count)
        #expect(without.counts.decided == without.signals.count)
    }
}
