import Market
import Testing

@testable import Sweep

/// The plan: point × strategy set × window, in a fixed order with run indices.
@Suite struct SweepPlanTests {
    static let day: Int64 = 86_400_000
    static let start = Timestamp(milliseconds: 1_769_904_000_000)  // 2026-02-01
    /// The last 1m bar of a 28-day month.
    static let lastOpen = start.adding(milliseconds: 28 * day - 60_000)

    func spec(windows: (Int64, Int64)?, leaveOneOut: Bool) -> SweepSpec {
        var spec = SweepSpec(file: "s.yaml", scenarioPath: "q.yaml")
        spec.grid = [
            .init(
                key: "engine.same_direction", values: ["accumulate", "strongest_wins", "reject_duplicates"], line: 3),
            .init(key: "engine.reentry_cooldown", values: ["0s", "60s", "300s"], line: 4),
            .init(key: "engine.max_accumulations", values: ["3", "10"], line: 5),
            .init(key: "protection", values: ["per_strategy", "live_compat"], line: 6),
        ]
        spec.baseline = [0, 2, 1, 0]
        spec.leaveOneOut = leaveOneOut
        spec.windows = windows.map { .init(lengthMilliseconds: $0.0 * Self.day, stepMilliseconds: $0.1 * Self.day) }
        return spec
    }

    func plan(_ spec: SweepSpec) -> SweepPlan {
        SweepPlan(spec: spec, start: Self.start, lastOpen: Self.lastOpen, interval: .m1, strategies: ["a", "b", "c"])
    }

    @Test func countsAreTheProduct() {
        // 36 points × (the whole range + 5 windows of 7d every 5d) = 216 runs.
        let p = plan(spec(windows: (7, 5), leaveOneOut: false))
        #expect(p.points.count == 36)
        #expect(p.windows.count == 6)
        #expect(p.strategySets == ["all"])
        #expect(p.runs.count == 216)
        let loo = plan(spec(windows: (7, 7), leaveOneOut: true))
        #expect(loo.strategySets == ["all", "without:a", "without:b", "without:c"])
        #expect(loo.windows.count == 5)
        #expect(loo.runs.count == 36 * 4 * 5)
        #expect(plan(spec(windows: nil, leaveOneOut: false)).runs.count == 36)
    }

    @Test func orderIsPointThenSetThenWindow() {
        let p = plan(spec(windows: (7, 7), leaveOneOut: true))
        #expect(p.runs.map(\.runIndex) == Array(1...p.runs.count))
        #expect(p.runs[0] == .init(runIndex: 1, point: 0, strategySet: 0, window: 0))
        #expect(p.runs[1] == .init(runIndex: 2, point: 0, strategySet: 0, window: 1))
        #expect(p.runs[5] == .init(runIndex: 6, point: 0, strategySet: 1, window: 0))
        #expect(p.runs[20] == .init(runIndex: 21, point: 1, strategySet: 0, window: 0))
        // The last axis varies fastest.
        #expect(p.points[0].values == ["accumulate", "0s", "3", "per_strategy"])
        #expect(p.points[1].values == ["accumulate", "0s", "3", "live_compat"])
        #expect(p.points[35].values == ["reject_duplicates", "300s", "10", "live_compat"])
        #expect(
            p.points[1].overrides == [
                "engine.same_direction=accumulate", "engine.reentry_cooldown=0s",
                "engine.max_accumulations=3", "protection=live_compat",
            ])
    }

    @Test func baselineIsTheNamedPoint() {
        let p = plan(spec(windows: nil, leaveOneOut: false))
        #expect(p.points.filter(\.isBaseline).count == 1)
        #expect(p.points[p.baselineIndex].values == ["accumulate", "300s", "10", "per_strategy"])
    }

    @Test func windowsLieInsideTheRange() {
        let p = plan(spec(windows: (7, 7), leaveOneOut: false))
        let end = Self.start.adding(milliseconds: 28 * Self.day)
        #expect(p.windows[0] == .init(index: 0, start: Self.start, end: end, lastOpen: Self.lastOpen))
        #expect(
            p.windows.dropFirst().map(\.start) == (0..<4).map { Self.start.adding(milliseconds: $0 * 7 * Self.day) })
        #expect(p.windows[4].end == end)
        #expect(p.windows[1].lastOpen == Self.start.adding(milliseconds: 7 * Self.day - 60_000))
    }
}
