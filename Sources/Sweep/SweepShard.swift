public import Market

/// One shard of a sweep: the `index`-th (0-based) of `count` parts of the plan's runs
/// (docs/sweeps.md, "Sharding and merging"). The partition depends only on the plan, the number
/// of symbols and the bar interval: every worker computes the same one.
public struct SweepShard: Sendable, Hashable, CustomStringConvertible {
    /// 0-based.
    public var index: Int
    /// How many shards the sweep is split into (at least 1).
    public var count: Int

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// `K/N`, as `--shard` takes it.
    public var description: String { "\(index)/\(count)" }

    /// Parses `K/N` (0 ≤ K < N).
    ///
    /// - Throws: `SweepShardError(.usage)` naming the text.
    public static func parse(_ text: String) throws(SweepShardError) -> SweepShard {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), k >= 0, n >= 1 else {
            throw SweepShardError(.usage, "--shard must be K/N (0-based, e.g. 0/4) or auto (got \(text))")
        }
        return try checked(k, n, source: "--shard \(text)")
    }

    /// The environment variables `--shard auto` reads, in the order they are tried.
    public static let environmentNames = [
        "JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "HEDGESIM_SHARD", "HEDGESIM_SHARDS",
    ]

    /// K and N from the environment of the batch engine that started the process: a Kubernetes
    /// Indexed Job (`JOB_COMPLETION_INDEX`, N from `shards` or `HEDGESIM_SHARDS`), a Slurm job
    /// array (`SLURM_ARRAY_TASK_ID`, `SLURM_ARRAY_TASK_COUNT`; N from `shards` when given), or
    /// `HEDGESIM_SHARD` and `HEDGESIM_SHARDS` (N from `shards` when given).
    ///
    /// - Parameter shards: `--shards N`, which takes precedence over the environment's count.
    /// - Throws: `SweepShardError(.usage)` when no index is set, N is unknown, a value is not a
    ///   number or K ≥ N.
    public static func fromEnvironment(
        _ environment: [String: String], shards: Int? = nil
    ) throws(SweepShardError) -> SweepShard {
        func number(_ name: String) throws(SweepShardError) -> Int? {
            guard let text = environment[name] else { return nil }
            guard let value = Int(text), value >= 0 else {
                throw SweepShardError(.usage, "--shard auto: \(name) must be a whole number (got \(text))")
            }
            return value
        }
        let sources: [(index: String, count: String)] = [
            ("JOB_COMPLETION_INDEX", "HEDGESIM_SHARDS"), ("SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT"),
            ("HEDGESIM_SHARD", "HEDGESIM_SHARDS"),
        ]
        for source in sources {
            guard let k = try number(source.index) else { continue }
            let count = try number(source.count)
            guard let n = shards ?? count else {
                throw SweepShardError(
                    .usage,
                    "--shard auto: \(source.index) is \(k) but the shard count is unknown (set --shards N or \(source.count))"
                )
            }
            return try checked(k, n, source: "--shard auto (\(source.index)=\(k))")
        }
        throw SweepShardError(
            .usage,
            "--shard auto: no shard index in the environment (JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID or HEDGESIM_SHARD)"
        )
    }

    private static func checked(_ k: Int, _ n: Int, source: String) throws(SweepShardError) -> SweepShard {
        guard n >= 1 else { throw SweepShardError(.usage, "\(source): the shard count must be at least 1 (got \(n))") }
        guard k < n else {
            throw SweepShardError(.usage, "\(source): shard index \(k) is not below the shard count \(n)")
        }
        return SweepShard(index: k, count: n)
    }

    /// The expected work of each run, in `plan.runs` order: the bars of its window at `interval`
    /// times the number of symbols.
    public static func expectedWork(_ plan: SweepPlan, symbols: Int, interval: Interval) -> [Int] {
        // A calendar month has no fixed length; 30 days keeps the windows' proportions.
        let bar = interval.milliseconds ?? 2_592_000_000
        let windowBars = plan.windows.map { window in
            max(1, Int((window.end.milliseconds - window.start.milliseconds + bar - 1) / bar))
        }
        return plan.runs.map { windowBars[$0.window] * max(1, symbols) }
    }

    /// The runs of every shard (indices into `plan.runs`, ascending), by longest processing time
    /// first: the runs from the most expected work down (ties: the lower run index first), each
    /// to the shard with the least work so far (ties: the lower shard index).
    public static func partition(work: [Int], count: Int) -> [[Int]] {
        let order = work.indices.sorted { work[$0] != work[$1] ? work[$0] > work[$1] : $0 < $1 }
        var load = [Int](repeating: 0, count: count)
        var shards = [[Int]](repeating: [], count: count)
        for run in order {
            var best = 0
            for shard in 1..<count where load[shard] < load[best] { best = shard }
            load[best] += work[run]
            shards[best].append(run)
        }
        return shards.map { $0.sorted() }
    }
}

/// A shard or merge the command line refuses: `.usage` (exit 64) for a bad `--shard` or
/// environment, `.invalid` (exit 65) for shard reports that do not make one complete sweep.
public struct SweepShardError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case usage
        case invalid
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
