public import Market

/// What a sweep runs, in a fixed order: every grid point × strategy set × window, each run with
/// a 1-based `runIndex` (the point slowest, the window fastest). Deterministic: the same spec
/// and data give the same plan.
public struct SweepPlan: Sendable, Hashable {
    /// One combination of the grid's values.
    public struct Point: Sendable, Hashable {
        /// 1-based, in grid order (the first axis slowest).
        public var id: Int
        /// The value of each axis, in `SweepSpec.grid` order.
        public var values: [String]
        /// `key=value` for each axis, as `--set` takes them.
        public var overrides: [String]
        public var isBaseline: Bool
        /// `key=value key=value` (or `base` for an empty grid).
        public var label: String { overrides.isEmpty ? "base" : overrides.joined(separator: " ") }
    }

    /// A period the runs simulate: the whole data range (index 0) or a walk-forward window.
    public struct Window: Sendable, Hashable {
        /// 0 for the whole range, then 1, 2, … in time order.
        public var index: Int
        /// The first bar's open time.
        public var start: Timestamp
        /// The end of the period (exclusive): the open time after its last bar.
        public var end: Timestamp
        /// The last bar's open time (`data.end` of the run's scenario).
        public var lastOpen: Timestamp
        public var isWholeRange: Bool { index == 0 }
    }

    /// One run: indices into `points`, `strategySets` and `windows`.
    public struct Run: Sendable, Hashable {
        public var runIndex: Int
        public var point: Int
        public var strategySet: Int
        public var window: Int
    }

    public var points: [Point]
    /// `all`, then `without:<strategy_id>` for each strategy (sorted) with `leave_one_out`.
    public var strategySets: [String]
    /// The strategies each set leaves out.
    public var excluded: [[String]]
    public var windows: [Window]
    public var runs: [Run]

    /// Builds the plan for a data range.
    ///
    /// - Parameters:
    ///   - start: the first bar's open time over every symbol.
    ///   - lastOpen: the last bar's open time over every symbol.
    ///   - interval: the bar interval.
    ///   - strategies: the strategy ids of the recorded signals, sorted.
    public init(spec: SweepSpec, start: Timestamp, lastOpen: Timestamp, interval: Interval, strategies: [String]) {
        var points: [Point] = []
        let counts = spec.grid.map(\.values.count)
        let total = counts.reduce(1, *)
        for n in 0..<total {
            var indices = [Int](repeating: 0, count: counts.count)
            var rest = n
            for axis in counts.indices.reversed() {
                indices[axis] = rest % counts[axis]
                rest /= counts[axis]
            }
            let values = zip(spec.grid, indices).map { $0.values[$1] }
            points.append(
                Point(
                    id: n + 1, values: values, overrides: zip(spec.grid, values).map { "\($0.key)=\($1)" },
                    isBaseline: indices == spec.baseline))
        }
        self.points = points
        strategySets = ["all"] + (spec.leaveOneOut ? strategies.map { "without:\($0)" } : [])
        excluded = [[]] + (spec.leaveOneOut ? strategies.map { [$0] } : [])
        let end = interval.next(after: lastOpen)
        var windows = [Window(index: 0, start: start, end: end, lastOpen: lastOpen)]
        if let w = spec.windows {
            var from = start
            // The last bar of a window opens one interval before its end (fixed-length bars).
            let bar = interval.milliseconds ?? 1
            while from.adding(milliseconds: w.lengthMilliseconds) <= end {
                let to = from.adding(milliseconds: w.lengthMilliseconds)
                windows.append(
                    Window(index: windows.count, start: from, end: to, lastOpen: to.adding(milliseconds: -bar)))
                from = from.adding(milliseconds: w.stepMilliseconds)
            }
        }
        self.windows = windows
        var runs: [Run] = []
        for p in points.indices {
            for s in strategySets.indices {
                for w in windows.indices {
                    runs.append(Run(runIndex: runs.count + 1, point: p, strategySet: s, window: w))
                }
            }
        }
        self.runs = runs
    }

    /// The baseline point's index in `points`.
    public var baselineIndex: Int { points.firstIndex(where: \.isBaseline) ?? 0 }

    /// The plan as text (`hedgesim sweep --plan`): the points, sets and windows and the run count.
    public func describe(spec: SweepSpec) -> String {
        var out = "sweep \(spec.file): scenario \(spec.scenarioPath)\n"
        out += "points (\(points.count)):\n"
        for point in points {
            out += "  \(point.id)\(point.isBaseline ? " (baseline)" : ""): \(point.label)\n"
        }
        out += "strategy sets (\(strategySets.count)): \(strategySets.joined(separator: ", "))\n"
        out += "windows (\(windows.count)):\n"
        for window in windows {
            out += "  \(window.isWholeRange ? "whole range" : "window \(window.index)"): "
            out += "\(window.start.iso8601) … \(window.end.iso8601)\n"
        }
        out += "runs: \(points.count) points × \(strategySets.count) strategy sets × \(windows.count) windows = "
        out += "\(runs.count)\n"
        return out
    }
}
