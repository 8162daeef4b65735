import Backtest
import Foundation
import Testing

@testable import Sweep

/// The sweep file is read strictly: unknown keys with a did-you-mean and the line, values checked.
@Suite struct SweepLoaderTests {
    static let valid = """
        scenario: quickstart.yaml
        grid:
          engine.same_direction: [accumulate, strongest_wins, reject_duplicates]
          engine.reentry_cooldown: [0s, 60s]
        strategies:
          leave_one_out: true
        windows:
          length: 7d
          step: 4d
        baseline:
          engine.reentry_cooldown: 60s
        statistics:
          bootstrap: {resamples: 500, block: 2d, seed: 7}
        report:
          path: ../reports/s.sqlite
          detail: summary
        """

    func error(_ text: String) -> String {
        do {
            _ = try SweepLoader.load(text: text, file: "scenarios/s.yaml")
            return "no error"
        } catch {
            return error.description
        }
    }

    @Test func readsEverySetting() throws {
        let spec = try SweepLoader.load(text: Self.valid, file: "scenarios/s.yaml")
        #expect(spec.scenarioPath == "scenarios/quickstart.yaml")
        #expect(spec.grid.map(\.key) == ["engine.same_direction", "engine.reentry_cooldown"])
        #expect(spec.grid[0].values == ["accumulate", "strongest_wins", "reject_duplicates"])
        #expect(spec.grid[1].line == 4)
        #expect(spec.leaveOneOut)
        #expect(spec.windows == SweepSpec.Windows(lengthMilliseconds: 7 * 86_400_000, stepMilliseconds: 4 * 86_400_000))
        #expect(spec.baseline == [0, 1])
        #expect(spec.bootstrap == SweepSpec.Bootstrap(resamples: 500, blockDays: 2, seed: 7))
        #expect(spec.reportPath == "scenarios/../reports/s.sqlite")
    }

    @Test func unknownKeySuggestsTheClosest() {
        #expect(
            error(Self.valid.replacingOccurrences(of: "  step: 4d", with: "  stpe: 4d"))
                == "scenarios/s.yaml:9: unknown key `windows.stpe`; did you mean `windows.step`?")
        #expect(
            error(Self.valid.replacingOccurrences(of: "strategies:", with: "strategy:"))
                == "scenarios/s.yaml:5: unknown key `strategy`; did you mean `strategies`?")
    }

    @Test func gridKeysAreScenarioKeys() {
        #expect(
            error(
                Self.valid.replacingOccurrences(of: "engine.reentry_cooldown: [0s", with: "engine.reentry_cooldwn: [0s")
            )
                == "scenarios/s.yaml:4: unknown scenario key `grid.engine.reentry_cooldwn`; "
                + "did you mean `grid.engine.reentry_cooldown`?")
    }

    @Test func baselineMustNameAGridValue() {
        #expect(
            error(Self.valid.replacingOccurrences(of: "reentry_cooldown: 60s", with: "reentry_cooldown: 90s"))
                == "scenarios/s.yaml:11: `baseline.engine.reentry_cooldown` must be one of the grid's values 0s, 60s (90s)"
        )
    }

    @Test func windowsAreWholeDays() {
        #expect(
            error(Self.valid.replacingOccurrences(of: "length: 7d", with: "length: 36h"))
                == "scenarios/s.yaml:8: `windows.length` must be a whole number of days (7d) (36h)")
    }

    @Test func detailIsSummaryOrFull() throws {
        let full = try SweepLoader.load(
            text: Self.valid.replacingOccurrences(of: "detail: summary", with: "detail: full"), file: "scenarios/s.yaml"
        )
        #expect(full.detail == .full)
        #expect(try SweepLoader.load(text: Self.valid, file: "scenarios/s.yaml").detail == .summary)
        #expect(
            error(Self.valid.replacingOccurrences(of: "detail: summary", with: "detail: every"))
                == "scenarios/s.yaml:16: `report.detail` must be summary or full (every)")
    }

    @Test func scenarioIsRequired() {
        #expect(error("grid: {protection: [per_strategy]}") == "scenarios/s.yaml:1: `scenario` is required")
    }
}
