import Backtest
import Foundation
import Reports
import TestSupport
import Testing

@testable import Sweep

/// Shards of a sweep merged give the report the unsharded sweep writes: every table and view,
/// row for row, for any shard count (also more shards than some have work), whatever the order
/// of the shard files; and the merge refuses sets that are not one complete sweep.
@Suite(.serialized) struct SweepMergeTests {
    /// A small sweep of the XRP sample: 2 cooldowns, leave-one-out, 2-day windows (40 runs).
    static let sweepText = """
        scenario: \(Fixtures.path("scenarios/funding-xrp.yaml"))
        grid:
          engine.reentry_cooldown: [0s, 300s]
        strategies: {leave_one_out: true}
        windows: {length: 2d, step: 2d}
        statistics:
          bootstrap: {resamples: 200, block: 1d, seed: 3}
        """

    static func folder(_ name: String) -> String {
        let path = FileManager.default.temporaryDirectory.path + "/hedgesim-merge-\(getpid())-\(name)"
        try? FileManager.default.removeItem(atPath: path)
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static let prepared: SweepRunner.Prepared = {
        let spec = try! SweepLoader.load(text: sweepText, file: "/tmp/xrp-sweep.yaml")
        return try! SweepRunner.prepare(spec)
    }()

    /// Every row of every sweep table and view.
    static func rows(_ path: String) throws -> [String: ReportDatabase.Rows] {
        let db = try ReportDatabase(path: path)
        var rows: [String: ReportDatabase.Rows] = [:]
        for name in SweepReport.tableNames + SweepReport.viewNames {
            rows[name] = try db.query("SELECT * FROM \(name)")
        }
        return rows
    }

    /// Writes the shard reports of a split into `folder`; returns their paths.
    static func writeShards(_ count: Int, into folder: String) throws -> [String] {
        var paths: [String] = []
        for k in 0..<count {
            let shard = SweepShard(index: k, count: count)
            let result = try SweepRunner.run(prepared, shard: shard, threads: 2)
            let path = folder + "/xrp.shard-\(k)-of-\(count).sqlite"
            try SweepShardReport.write(
                SweepShardReport.header(prepared, shard: shard, runs: result.runs, overrides: []),
                summaries: result.summaries, to: path)
            paths.append(path)
        }
        return paths
    }

    @Test func mergedIsTheUnshardedReportForAnyShardCount() throws {
        let folder = Self.folder("counts")
        let whole = folder + "/whole.sqlite"
        try SweepReport.build(try SweepRunner.run(Self.prepared, threads: 2), to: whole)
        let expected = try Self.rows(whole)
        #expect(expected["sweep_runs"]?.rows.count == 40)
        #expect(expected["sweep_comparisons"]?.rows.count == 2)
        for count in [1, 2, 3, 41] {
            let shards = try Self.writeShards(count, into: Self.folder("counts-\(count)"))
            let merged = folder + "/merged-\(count).sqlite"
            // The files in reverse order: the order does not matter.
            try SweepReport.build(try SweepMerge.outcome(of: shards.reversed()), to: merged)
            let rows = try Self.rows(merged)
            for name in SweepReport.tableNames + SweepReport.viewNames {
                #expect(rows[name] == expected[name], "\(count) shards: \(name) differs")
            }
        }
    }

    @Test func refusesSetsThatAreNotOneCompleteSweep() throws {
        let folder = Self.folder("refuse")
        let shards = try Self.writeShards(3, into: folder)
        // Incomplete: names the missing shard and its runs.
        let missing = try SweepShardReport.read(shards[1]).header.runIndexes
        #expect(
            throws: SweepShardError(
                .invalid,
                "incomplete set of 3 shards: missing shard 1 (runs \(missing.map(String.init).joined(separator: ", "))); "
                    + "not merged")
        ) { try SweepMerge.outcome(of: [shards[0], shards[2]]) }
        // Agreeing duplicates are fine and change nothing.
        let twice = try SweepMerge.outcome(of: shards + shards)
        let once = try SweepMerge.outcome(of: shards)
        #expect(twice.runs.map(\.resultDigest) == once.runs.map(\.resultDigest))
        // A duplicate that disagrees: the same shard with another run's digest.
        let other = Self.folder("refuse-other")
        let changedShard = other + "/changed.sqlite"
        var contents = try SweepShardReport.read(shards[0])
        var summaries = contents.runs.map(SweepShardReport.summary)
        summaries[0].resultDigest = String(repeating: "0", count: 64)
        try SweepShardReport.write(contents.header, summaries: summaries, to: changedShard)
        let run = contents.runs[0].runIndex
        #expect(
            throws: SweepShardError(
                .invalid,
                "run \(run) differs between \(shards[0]) and \(changedShard) (result digest "
                    + "\(contents.runs[0].run[0].string!.prefix(12)) vs 000000000000); run shard 0/3 again and merge "
                    + "again")
        ) { try SweepMerge.outcome(of: shards + [changedShard]) }
        // Another sweep (other bootstrap seed) and other data.
        contents.header.specDigest = String(repeating: "a", count: 64)
        try SweepShardReport.write(contents.header, summaries: summaries, to: other + "/spec.sqlite")
        #expect(
            throws: SweepShardError(
                .invalid,
                "\(other)/spec.sqlite: a shard of a different sweep than \(shards[1]) (spec digest aaaaaaaaaaaa, not "
                    + "spec digest \(Self.prepared.spec.digest.prefix(12))); not merged")
        ) { try SweepMerge.outcome(of: [shards[1], other + "/spec.sqlite"]) }
        contents = try SweepShardReport.read(shards[0])
        contents.header.dataDigest = String(repeating: "b", count: 64)
        try SweepShardReport.write(contents.header, summaries: summaries, to: other + "/data.sqlite")
        #expect(
            throws: SweepShardError(
                .invalid,
                "\(other)/data.sqlite: a shard of the same sweep on different data than \(shards[1]) (data digest "
                    + "bbbbbbbbbbbb, not data digest \(Self.prepared.data.digest.prefix(12))); not merged")
        ) { try SweepMerge.outcome(of: [shards[1], other + "/data.sqlite"]) }
        // Shards of another split.
        let two = try Self.writeShards(2, into: Self.folder("refuse-two"))
        #expect(
            throws: SweepShardError(
                .invalid, "\(two[0]): a shard of another split than \(shards[0]) (shard 0/2, not shard 0/3); not merged"
            )
        ) { try SweepMerge.outcome(of: [shards[0], two[0]]) }
    }

    @Test func storedSummaryRoundTrips() throws {
        let outcome = try SweepRunner.run(Self.prepared, threads: 2)
        for (run, summary) in zip(outcome.plan.runs, outcome.runs) {
            let stored = SweepShardReport.store(summary, runIndex: run.runIndex)
            #expect(SweepShardReport.store(SweepShardReport.summary(stored), runIndex: run.runIndex) == stored)
        }
        #expect(outcome.runs.contains { !$0.strategies.isEmpty && !$0.days.isEmpty })
    }
}
