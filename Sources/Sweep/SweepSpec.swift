import Results

/// A validated sweep file (docs/sweeps.md): a base scenario, the grid of settings that vary,
/// the strategy sets and walk-forward windows every grid point runs over, the baseline every
/// point is compared with, the bootstrap settings and where the report goes. Relative paths
/// are resolved against the sweep file's folder.
public struct SweepSpec: Sendable, Hashable {
    /// One varied scenario key and its values, in file order.
    public struct Axis: Sendable, Hashable {
        /// A scenario key `--set` accepts (`engine.same_direction`).
        public var key: String
        /// The values as `--set` text.
        public var values: [String]
        /// The line of the key in the sweep file.
        public var line: Int
    }

    /// Walk-forward windows inside the data range.
    public struct Windows: Sendable, Hashable {
        public var lengthMilliseconds: Int64
        public var stepMilliseconds: Int64
    }

    /// The moving-block bootstrap of the paired daily differences.
    public struct Bootstrap: Sendable, Hashable {
        public var resamples = 2000
        public var blockDays = 1
        public var seed: UInt64 = 1
    }

    /// The sweep file's path as given.
    public var file: String
    /// The base scenario file, resolved.
    public var scenarioPath: String
    /// The varied keys, in file order (the grid is their product, the first key slowest).
    public var grid: [Axis] = []
    /// Also run the portfolio without each strategy.
    public var leaveOneOut = false
    /// Walk-forward windows; nil: the whole range only.
    public var windows: Windows?
    /// The baseline's value of each axis (index into `Axis.values`), in `grid` order; an axis
    /// the file's `baseline` does not name takes its first value.
    public var baseline: [Int] = []
    public var bootstrap = Bootstrap()
    /// The report path from the file, resolved; nil: next to the scenario's report.
    public var reportPath: String?
    /// The sweep file's text as read (a shard report keeps it, so a merge needs no input file).
    public var sourceText = ""
    /// The spec as canonical text (what `sweeps.spec_digest` hashes).
    public var canonicalText: String {
        var lines = ["scenario=\(scenarioPath)"]
        for axis in grid { lines.append("grid.\(axis.key)=[\(axis.values.joined(separator: ","))]") }
        lines.append("leave_one_out=\(leaveOneOut)")
        if let windows { lines.append("windows=\(windows.lengthMilliseconds)/\(windows.stepMilliseconds)") }
        lines.append("baseline=\(baseline.map(String.init).joined(separator: ","))")
        lines.append("bootstrap=\(bootstrap.resamples)/\(bootstrap.blockDays)/\(bootstrap.seed)")
        return lines.joined(separator: "\n")
    }

    /// SHA-256 of `canonicalText` (`sweeps.spec_digest`), lowercase hex.
    public var digest: String {
        var hasher = SHA256()
        hasher.update(canonicalText)
        return hasher.hexDigest()
    }
}
