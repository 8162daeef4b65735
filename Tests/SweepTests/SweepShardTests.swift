import Market
import Testing

@testable import Sweep

/// `--shard K/N` and `--shard auto`, and the partition of a plan's runs by expected work.
@Suite struct SweepShardTests {
    @Test func parsesKOfN() throws {
        #expect(try SweepShard.parse("0/1") == SweepShard(index: 0, count: 1))
        #expect(try SweepShard.parse("2/3") == SweepShard(index: 2, count: 3))
        #expect(throws: SweepShardError(.usage, "--shard 3/3: shard index 3 is not below the shard count 3")) {
            try SweepShard.parse("3/3")
        }
        #expect(throws: SweepShardError(.usage, "--shard must be K/N (0-based, e.g. 0/4) or auto (got 1-4)")) {
            try SweepShard.parse("1-4")
        }
        #expect(throws: SweepShardError(.usage, "--shard must be K/N (0-based, e.g. 0/4) or auto (got 0/0)")) {
            try SweepShard.parse("0/0")
        }
    }

    @Test func autoReadsEachBatchEngine() throws {
        // Kubernetes Indexed Job: the index from the job, N from --shards or HEDGESIM_SHARDS.
        #expect(try SweepShard.fromEnvironment(["JOB_COMPLETION_INDEX": "2"], shards: 4) == .init(index: 2, count: 4))
        #expect(
            try SweepShard.fromEnvironment(["JOB_COMPLETION_INDEX": "1", "HEDGESIM_SHARDS": "3"])
                == .init(index: 1, count: 3))
        // Slurm job array.
        #expect(
            try SweepShard.fromEnvironment(["SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_COUNT": "2"])
                == .init(index: 0, count: 2))
        #expect(
            try SweepShard.fromEnvironment(["HEDGESIM_SHARD": "5", "HEDGESIM_SHARDS": "6"]) == .init(index: 5, count: 6)
        )
        #expect(
            throws: SweepShardError(
                .usage,
                "--shard auto: no shard index in the environment (JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID or "
                    + "HEDGESIM_SHARD)")
        ) { try SweepShard.fromEnvironment(["HEDGESIM_SHARDS": "4"]) }
        #expect(
            throws: SweepShardError(
                .usage,
                "--shard auto: JOB_COMPLETION_INDEX is 0 but the shard count is unknown (set --shards N or "
                    + "HEDGESIM_SHARDS)")
        ) { try SweepShard.fromEnvironment(["JOB_COMPLETION_INDEX": "0"]) }
        #expect(
            throws: SweepShardError(
                .usage, "--shard auto (SLURM_ARRAY_TASK_ID=4): shard index 4 is not below the shard count 4")
        ) { try SweepShard.fromEnvironment(["SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_COUNT": "4"]) }
        #expect(throws: SweepShardError(.usage, "--shard auto: HEDGESIM_SHARD must be a whole number (got x)")) {
            try SweepShard.fromEnvironment(["HEDGESIM_SHARD": "x", "HEDGESIM_SHARDS": "2"])
        }
    }

    @Test func partitionBalancesWorkNotCount() {
        // One heavy run and nine light ones: by count each shard would get five runs.
        let work = [10, 1, 1, 1, 1, 1, 1, 1, 1, 1]
        #expect(SweepShard.partition(work: work, count: 2) == [[0], [1, 2, 3, 4, 5, 6, 7, 8, 9]])
        // Ties go to the lower run index and the lower shard index.
        #expect(SweepShard.partition(work: [1, 1, 1, 1], count: 2) == [[0, 2], [1, 3]])
        // More shards than runs: the extra shards are empty.
        #expect(SweepShard.partition(work: [3, 2], count: 4) == [[0], [1], [], []])
    }

    @Test func everyRunInExactlyOneShardAndLoadsClose() {
        let day: Int64 = 86_400_000
        let start = Timestamp(milliseconds: 1_769_904_000_000)
        var spec = SweepSpec(file: "s.yaml", scenarioPath: "q.yaml")
        spec.grid = [.init(key: "engine.reentry_cooldown", values: ["0s", "60s", "300s"], line: 3)]
        spec.baseline = [0]
        spec.leaveOneOut = true
        spec.windows = .init(lengthMilliseconds: 7 * day, stepMilliseconds: 7 * day)
        let plan = SweepPlan(
            spec: spec, start: start, lastOpen: start.adding(milliseconds: 28 * day - 60_000), interval: .m1,
            strategies: ["a", "b"])
        let work = SweepShard.expectedWork(plan, symbols: 4, interval: .m1)
        // The whole range is four times a window's bars, over four symbols.
        #expect(work[0] == 28 * 1440 * 4)
        #expect(work[1] == 7 * 1440 * 4)
        for count in [1, 2, 3, 7, 100] {
            let shards = SweepShard.partition(work: work, count: count)
            #expect(shards.count == count)
            #expect(shards.flatMap { $0 }.sorted() == Array(plan.runs.indices))
            let loads = shards.map { $0.reduce(0) { $0 + work[$1] } }
            // Longest processing time first: no shard exceeds another by more than the largest run.
            #expect((loads.max() ?? 0) - (loads.min() ?? 0) <= (work.max() ?? 0), "\(count): \(loads)")
            #expect(SweepShard.partition(work: work, count: count) == shards)
        }
    }
}
