import Backtest
import Foundation
import Market
import Reports
import Results

/// `hedgesim sweep merge`: shard reports back into the outcome of the whole sweep, which
/// `SweepReport.build` turns into the report the unsharded sweep writes (docs/sweeps.md,
/// "Sharding and merging"). The result depends only on the set of runs the shards hold: not on
/// the order of the files, their names, duplicates that agree, or where and when they ran.
public enum SweepMerge {
    /// The shard report files of the command's arguments: a file as given; a folder gives its
    /// `.sqlite` files that are shard reports, by name (other files in it are ignored).
    ///
    /// - Throws: `ReportError(.missingDatabase)` for a path that does not exist,
    ///   `SweepShardError(.invalid)` for a folder without shard reports.
    public static func inputs(_ arguments: [String]) throws -> [String] {
        var files: [String] = []
        for argument in arguments {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder) else {
                throw ReportError(.missingDatabase, "\(argument): no such shard report or folder")
            }
            guard isFolder.boolValue else {
                files.append(argument)
                continue
            }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []
            let folder = argument.hasSuffix("/") ? String(argument.dropLast()) : argument
            var found = 0
            for name in names.sorted() where name.hasSuffix(".sqlite") && !name.hasPrefix(".") {
                let path = folder + "/" + name
                guard (try? SweepShardReport.isShardReport(path)) == true else { continue }
                files.append(path)
                found += 1
            }
            guard found > 0 else { throw SweepShardError(.invalid, "\(argument): no shard reports in this folder") }
        }
        return files
    }

    /// Reads shard reports and puts their runs together as the sweep's outcome.
    ///
    /// - Throws: `ReportError` for a file that is missing or not a report;
    ///   `SweepShardError(.invalid)` for shards of different sweeps, data, splits or hedgesim
    ///   versions, duplicates that disagree, or an incomplete set (naming the missing shards and runs).
    public static func outcome(of paths: [String]) throws -> SweepOutcome {
        guard !paths.isEmpty else { throw SweepShardError(.usage, "no shard reports to merge") }
        var contents: [SweepShardReport.Contents] = []
        for path in paths { contents.append(try SweepShardReport.read(path)) }
        let first = contents[0]
        let reference = first.header
        guard reference.engineVersion == HedgesimVersion.current else {
            throw SweepShardError(
                .invalid,
                "\(first.path): written by hedgesim \(reference.engineVersion); merge with the same version "
                    + "(this is \(HedgesimVersion.current))")
        }
        for other in contents.dropFirst() {
            let header = other.header
            func refuse(_ what: String, _ mine: String, _ theirs: String) -> SweepShardError {
                SweepShardError(
                    .invalid, "\(other.path): \(what) than \(first.path) (\(theirs), not \(mine)); not merged")
            }
            if header.specDigest != reference.specDigest {
                throw refuse(
                    "a shard of a different sweep", "spec digest " + reference.specDigest.prefix(12),
                    "spec digest " + header.specDigest.prefix(12))
            }
            if header.overrides != reference.overrides {
                throw refuse(
                    "a shard run with other --set values", reference.overrides.joined(separator: " "),
                    header.overrides.joined(separator: " "))
            }
            if header.dataDigest != reference.dataDigest {
                throw refuse(
                    "a shard of the same sweep on different data", "data digest " + reference.dataDigest.prefix(12),
                    "data digest " + header.dataDigest.prefix(12))
            }
            if header.shard.count != reference.shard.count {
                throw refuse(
                    "a shard of another split", "shard \(reference.shard)", "shard \(header.shard)")
            }
            if header.engineVersion != reference.engineVersion {
                throw refuse("a shard of another hedgesim version", reference.engineVersion, header.engineVersion)
            }
        }
        let spec: SweepSpec
        do {
            spec = try SweepLoader.load(text: reference.sweepText, file: reference.sweepFile)
        } catch {
            throw SweepShardError(.invalid, "\(first.path): its sweep file text does not load (\(error))")
        }
        guard spec.digest == reference.specDigest else {
            throw SweepShardError(
                .invalid, "\(first.path): damaged shard report (its sweep text is not its spec digest)")
        }
        let plan = SweepPlan(
            spec: spec, start: reference.start, lastOpen: reference.lastOpen, interval: reference.interval,
            strategies: reference.strategies)
        guard plan.runs.count == reference.planRuns else {
            throw SweepShardError(.invalid, "\(first.path): damaged shard report (\(reference.planRuns) runs planned)")
        }
        let count = reference.shard.count
        let partition = SweepShard.partition(
            work: SweepShard.expectedWork(plan, symbols: reference.symbols, interval: reference.interval),
            count: count)
        var found: [SweepShardReport.StoredRun?] = Array(repeating: nil, count: plan.runs.count)
        var sources: [String] = Array(repeating: "", count: plan.runs.count)
        var shardsPresent = [Bool](repeating: false, count: count)
        for content in contents {
            let shard = content.header.shard
            let expected = partition[shard.index].map { plan.runs[$0].runIndex }
            guard content.header.runIndexes == expected else {
                throw SweepShardError(
                    .invalid, "\(content.path): its runs are not those of shard \(shard) of this sweep; not merged")
            }
            shardsPresent[shard.index] = true
            for run in content.runs {
                let i = run.runIndex - 1
                if let existing = found[i] {
                    guard existing == run else {
                        let digests = (existing.run.first?.string ?? "", run.run.first?.string ?? "")
                        throw SweepShardError(
                            .invalid,
                            "run \(run.runIndex) differs between \(sources[i]) and \(content.path) (result digest "
                                + "\(digests.0.prefix(12)) vs \(digests.1.prefix(12))); run shard \(shard) again "
                                + "and merge again")
                    }
                    continue
                }
                found[i] = run
                sources[i] = content.path
            }
        }
        let missingShards = shardsPresent.indices.filter { !shardsPresent[$0] }
        let missingRuns = found.indices.filter { found[$0] == nil }.map { plan.runs[$0].runIndex }
        guard missingShards.isEmpty, missingRuns.isEmpty else {
            let shown = missingRuns.prefix(20).map(String.init).joined(separator: ", ")
            let more = missingRuns.count > 20 ? ", … (\(missingRuns.count) in all)" : ""
            throw SweepShardError(
                .invalid,
                "incomplete set of \(count) shards: missing shard\(missingShards.count == 1 ? "" : "s") "
                    + "\(missingShards.map(String.init).joined(separator: ", ")) (run\(missingRuns.count == 1 ? "" : "s") "
                    + "\(shown)\(more)); not merged")
        }
        let summaries = found.map { SweepShardReport.summary($0!) }
        return SweepOutcome(
            spec: spec, plan: plan, scenarioName: reference.scenario, dataDigest: reference.dataDigest,
            barCount: reference.barCount, runs: summaries, simulatedBars: summaries.reduce(0) { $0 + $1.bars })
    }
}
