import Backtest
import Pipeline
import TestSupport
import Testing

@Suite struct ScenarioCheckTests {
    @Test func describesWhatARunWouldSimulate() throws {
        #expect(
            try ScenarioCheck.describe(scenarioPath: PipelineWorkspace.scenario)
                == "funding-xrp: XRPUSDT · 1999 bars · 61 signals (61 in range, 0 outside, 0 on unknown symbols) · "
                + "protection per_strategy · same_direction accumulate")
        #expect(
            try ScenarioCheck.describe(
                scenarioPath: PipelineWorkspace.scenario, overrides: ["engine.same_direction=strongest_wins"]
            ).hasSuffix("same_direction strongest_wins"))
    }

    @Test func badScenarioIsAScenarioError() {
        do {
            _ = try ScenarioCheck.describe(scenarioPath: Fixtures.path("scenarios/none.yaml"))
            Issue.record("expected an error")
        } catch let error as ScenarioError {
            #expect(error.kind == .missingFile)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
