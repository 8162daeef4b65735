import Testing

@testable import Backtest

/// The `statistics.bootstrap.*` keys: defaults, values from the file and `--set`, errors with
/// file and line, and that they stay out of the settings the result digest hashes.
@Suite struct ScenarioStatisticsTests {
    func load(_ text: String, overrides: [String] = []) throws(ScenarioError) -> Scenario {
        try ScenarioLoader.load(path: ScenarioFolder().write(text), overrides: overrides)
    }

    @Test func defaultsAre2000ResamplesOneDayBlocksSeedOne() throws {
        let statistics = try load(ScenarioFolder.minimal).statistics
        #expect(statistics.resamples == 2000)
        #expect(statistics.blockDays == 1)
        #expect(statistics.seed == 1)
    }

    @Test func fileAndOverridesSetThemWithoutChangingTheDigestedSettings() throws {
        let plain = try load(ScenarioFolder.minimal)
        let file = try load(
            ScenarioFolder.minimal + "statistics:\n  bootstrap: {resamples: 500, block: 7d, seed: 42}\n")
        #expect(file.statistics.resamples == 500)
        #expect(file.statistics.blockDays == 7)
        #expect(file.statistics.seed == 42)
        let overridden = try load(ScenarioFolder.minimal, overrides: ["statistics.bootstrap.block=2d"])
        #expect(overridden.statistics.blockDays == 2)
        #expect(file.portableSettingsJSON == plain.portableSettingsJSON)
        #expect(!file.settingsJSON.contains("statistics"))
    }

    @Test func badValuesNameTheFileAndLine() throws {
        let text = ScenarioFolder.minimal + "statistics:\n  bootstrap:\n    block: 12h\n"
        let folder = ScenarioFolder()
        let path = folder.write(text)
        #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: path) }
        do {
            _ = try ScenarioLoader.load(path: path)
        } catch {
            #expect(
                error.description
                    == "\(path):9: `statistics.bootstrap.block` must be whole days from 1d to 10000d (12h)")
        }
        do {
            _ = try load(ScenarioFolder.minimal + "statistics:\n  bootstrapp: {}\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "unknown key `statistics.bootstrapp`; did you mean `statistics.bootstrap`?")
        }
    }
}
