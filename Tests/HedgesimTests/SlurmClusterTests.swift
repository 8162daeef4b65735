import Foundation
import TestSupport
import Testing

/// A real Slurm cluster (scripts/slurm/start-local-slurm.sh; .ci/run starts it): the script
/// `hedgesim sweep FILE --emit slurm` prints is submitted as it is, the job array runs one shard
/// per task, the merge job runs after it (`afterok`), and the merged report equals the unsharded
/// sweep's, table by table. Skipped, with the reason printed, where Slurm does not answer.
@Suite(.serialized) struct SlurmClusterTests {
    /// Why the test cannot run here, or nil when `sinfo` answers with a partition that is up.
    static let unavailable: String? = {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sinfo") else {
            return "Slurm is not installed (scripts/slurm/start-local-slurm.sh installs and starts it)"
        }
        let info = ClusterRun.run("/usr/bin/timeout", ["10", "/usr/bin/sinfo", "-h", "-o", "%a %T"], in: "/")
        guard info.status == 0, info.stdout.contains("up") else {
            return "Slurm does not answer (sinfo: \(info.stderr.isEmpty ? info.stdout : info.stderr)); "
                + "start it with scripts/slurm/start-local-slurm.sh"
        }
        guard ClusterRun.shardSupported else { return "\(ClusterRun.noShardReason)" }
        return nil
    }()

    static let enabled: Bool = {
        if let reason = unavailable { print("SlurmClusterTests skipped: \(reason)") }
        return unavailable == nil
    }()

    /// `scontrol show job -o ID`'s `JobState` and `Reason` (for an array: every task's line).
    static func states(_ id: String) -> [(state: String, reason: String)] {
        let out = ClusterRun.run("/usr/bin/scontrol", ["show", "job", "-o", id], in: "/")
        return out.stdout.split(separator: "\n").map { line in
            var state = ""
            var reason = ""
            for field in line.split(separator: " ") {
                if field.hasPrefix("JobState=") { state = String(field.dropFirst(9)) }
                if field.hasPrefix("Reason=") { reason = String(field.dropFirst(7)) }
            }
            return (state, reason)
        }
    }

    @Test(.enabled(if: SlurmClusterTests.enabled, "Slurm is not running here or the shard contract is missing"))
    func jobArrayAndMergeGiveTheUnshardedReport() throws {
        let started = Date()
        let folder = CLI.temporaryFolder("slurm-real")
        let file = ClusterRun.sweepFile(folder)
        let whole = CLI.run(["sweep", file, "--quiet", "--out", folder + "/unsharded.sqlite"])
        #expect(whole.status == 0, "\(whole.stderr)")
        let shards = 3
        let emitted = CLI.run([
            "sweep", file, "--emit", "slurm", "--shards", "\(shards)", "--workdir", folder, "--binary", CLI.binary,
        ])
        #expect(emitted.status == 0, "\(emitted.stderr)")
        try emitted.stdout.write(toFile: folder + "/submit.sh", atomically: true, encoding: .utf8)
        let submitted = ClusterRun.run("/bin/bash", [folder + "/submit.sh"], in: folder)
        #expect(submitted.status == 0, "\(submitted.stderr)")
        // "array job 12 (3 shards), merge job 13"
        let words = submitted.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "," }).map(String.init)
        let array = try #require(words.firstIndex(of: "array").map { words[$0 + 2] })
        let merge = try #require(words.firstIndex(of: "merge").map { words[$0 + 2] })
        let deadline = Date().addingTimeInterval(300)
        var final = ""
        while Date() < deadline {
            let merged = Self.states(merge)
            let state = merged.first?.state ?? ""
            if merged.first?.reason == "DependencyNeverSatisfied" {
                final = "DependencyNeverSatisfied"
                break
            }
            if !["", "PENDING", "CONFIGURING", "RUNNING", "COMPLETING", "SUSPENDED", "REQUEUED"].contains(state) {
                final = state
                break
            }
            Thread.sleep(forTimeInterval: 0.5)
        }
        let tasks = Self.states(array)
        if final != "COMPLETED" {
            _ = ClusterRun.run("/usr/bin/scancel", [array, merge], in: "/")
            let logs = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/xrp-cluster.logs")) ?? []
            for log in logs.sorted() {
                let text = (try? String(contentsOfFile: folder + "/xrp-cluster.logs/" + log, encoding: .utf8)) ?? ""
                print("--- \(log)\n\(text)")
            }
        }
        #expect(final == "COMPLETED", "merge job \(merge): \(final.isEmpty ? "not done in 300 s" : final)")
        #expect(tasks.count == shards)
        #expect(tasks.allSatisfy { $0.state == "COMPLETED" }, "array job \(array): \(tasks.map(\.state))")
        let merged = ClusterRun.rows(folder + "/xrp-cluster.sqlite")
        #expect(merged.count >= 6)
        #expect(merged == ClusterRun.rows(folder + "/unsharded.sqlite"))
        print(
            "SlurmClusterTests: \(shards)-task array \(array) and merge \(merge) done, report equal, "
                + String(format: "%.1f s", Date().timeIntervalSince(started)))
    }
}
