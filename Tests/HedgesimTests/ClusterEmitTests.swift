import Foundation
import TestSupport
import Testing

/// `hedgesim sweep FILE --emit kubernetes|slurm`: the manifests parse and hold what the engines
/// need; the shipped deploy/ files are what the emitter prints for the quickstart sweep; the
/// emitted command lines, run here with the environment each engine sets, then the merge, give
/// the unsharded sweep report.
@Suite(.serialized) struct ClusterEmitTests {
    @Test func kubernetesManifestParsesAndHasTheJobFields() throws {
        let folder = CLI.temporaryFolder("emit-k8s")
        let file = ClusterRun.sweepFile(folder)
        let out = CLI.run([
            "sweep", file, "--emit", "kubernetes", "--shards", "3", "--workdir", folder, "--image", "registry/h:1",
            "--cpus", "2", "--volume-claim", "sweeps",
        ])
        #expect(out.status == 0, "\(out.stderr)")
        let docs = try ClusterRun.documents(out.stdout)
        #expect(docs.count == 2)
        let shards = try #require(docs.first)
        #expect(shards["kind"] as? String == "Job")
        let spec = try #require(shards["spec"] as? [String: Any])
        #expect(spec["completionMode"] as? String == "Indexed")
        #expect(spec["completions"] as? Int == 3)
        #expect(spec["parallelism"] as? Int == 3)
        #expect(spec["backoffLimitPerIndex"] as? Int == 2)
        let podSpec = try #require((spec["template"] as? [String: Any])?["spec"] as? [String: Any])
        #expect(podSpec["restartPolicy"] as? String == "Never")
        let volumes = podSpec["volumes"] as? [[String: Any]] ?? []
        let claim = (volumes.first?["persistentVolumeClaim"] as? [String: Any])?["claimName"] as? String
        #expect(claim == "sweeps")
        let container = ClusterRun.container(shards)
        #expect(container["image"] as? String == "registry/h:1")
        #expect(container["workingDir"] as? String == folder)
        #expect(
            container["args"] as? [String] == [
                "sweep", file, "--shard", "auto", "--out", folder + "/xrp-cluster.shards/", "--threads", "2", "--quiet",
            ])
        #expect(ClusterRun.environment(container) == ["HEDGESIM_SHARDS": "3"])
        let resources = try #require(container["resources"] as? [String: Any])
        let requests = try #require(resources["requests"] as? [String: Any])
        // 2.3 k bars, 2 threads: 48 + 8 × 2 MiB and a little for the bars, rounded up to 64 MiB.
        #expect(requests["memory"] as? String == "128Mi")
        #expect("\(requests["cpu"] ?? "")" == "2")
        #expect((resources["limits"] as? [String: Any])?["memory"] as? String == "256Mi")
        let mounts = container["volumeMounts"] as? [[String: Any]] ?? []
        #expect(mounts.contains { $0["name"] as? String == "shared" && $0["mountPath"] as? String == folder })
        let merge = docs[1]
        #expect((merge["metadata"] as? [String: Any])?["name"] as? String == "hedgesim-sweep-xrp-cluster-merge")
        #expect((merge["spec"] as? [String: Any])?["suspend"] as? Bool == true)
        #expect(
            ClusterRun.container(merge)["args"] as? [String] == [
                "sweep", "merge", folder + "/xrp-cluster.shards", "--out", folder + "/xrp-cluster.sqlite",
            ])
    }

    @Test func slurmScriptSubmitsAnArrayAndAnAfterokMerge() {
        let folder = CLI.temporaryFolder("emit-slurm")
        let file = ClusterRun.sweepFile(folder)
        let out = CLI.run([
            "sweep", file, "--emit", "slurm", "--shards", "4", "--workdir", folder, "--binary", "/opt/h/hedgesim",
            "--partition", "batch", "--memory", "300",
        ])
        #expect(out.status == 0, "\(out.stderr)")
        let array = ClusterRun.heredoc(out.stdout, "HEDGESIM_SHARDS")
        #expect(array.hasPrefix("#!/usr/bin/env bash\n#SBATCH --job-name=hedgesim-sweep-xrp-cluster\n"))
        for line in [
            "#SBATCH --array=0-3", "#SBATCH --mem=300M", "#SBATCH --partition=batch", "#SBATCH --cpus-per-task=1",
            "exec /opt/h/hedgesim sweep \(file) --shard auto --out \(folder)/xrp-cluster.shards/ --threads 1 --quiet",
        ] {
            #expect(array.contains(line + "\n"), "\(line)")
        }
        let merge = ClusterRun.heredoc(out.stdout, "HEDGESIM_MERGE")
        #expect(
            merge.contains(
                "exec /opt/h/hedgesim sweep merge \(folder)/xrp-cluster.shards --out \(folder)/xrp-cluster.sqlite\n"))
        #expect(out.stdout.contains("cat >\(folder)/xrp-cluster.logs/shards.sbatch <<'HEDGESIM_SHARDS'\n"))
        #expect(out.stdout.contains("\narray=$(sbatch --parsable \(folder)/xrp-cluster.logs/shards.sbatch)\n"))
        #expect(
            out.stdout.contains(
                "\nmerge=$(sbatch --parsable --dependency=afterok:\"$array\" \(folder)/xrp-cluster.logs/merge.sbatch)\n"
            ))
        let syntax = ClusterRun.run("/bin/bash", ["-n", "-c", out.stdout], in: folder)
        #expect(syntax.status == 0, "\(syntax.stderr)")
    }

    /// deploy/kubernetes/sweep-job.yaml and deploy/slurm/{sweep,merge}.sbatch are the emitter's
    /// output for `scenarios/quickstart-sweep.yaml --shards 4` from the repository root.
    @Test func deployFilesAreTheEmittedQuickstartFiles() throws {
        let k8s = CLI.run(["sweep", "scenarios/quickstart-sweep.yaml", "--emit", "kubernetes", "--shards", "4"])
        #expect(k8s.status == 0, "\(k8s.stderr)")
        let job = try String(contentsOfFile: Fixtures.path("deploy/kubernetes/sweep-job.yaml"), encoding: .utf8)
        #expect(k8s.stdout == job)
        let slurm = CLI.run(["sweep", "scenarios/quickstart-sweep.yaml", "--emit", "slurm", "--shards", "4"])
        #expect(slurm.status == 0, "\(slurm.stderr)")
        let array = try String(contentsOfFile: Fixtures.path("deploy/slurm/sweep.sbatch"), encoding: .utf8)
        let merge = try String(contentsOfFile: Fixtures.path("deploy/slurm/merge.sbatch"), encoding: .utf8)
        #expect(ClusterRun.heredoc(slurm.stdout, "HEDGESIM_SHARDS") == array)
        #expect(ClusterRun.heredoc(slurm.stdout, "HEDGESIM_MERGE") == merge)
    }

    /// The shared volume's file parses, and its claim is the one the emitted jobs mount by default;
    /// the shell scripts of deploy/ and scripts/slurm/ are valid bash.
    @Test func volumeManifestAndScriptsAreValid() throws {
        let text = try String(contentsOfFile: Fixtures.path("deploy/kubernetes/sweep-pvc.yaml"), encoding: .utf8)
        let docs = try ClusterRun.documents(text)
        #expect(docs.map { $0["kind"] as? String } == ["PersistentVolumeClaim", "Job"])
        #expect((docs[0]["metadata"] as? [String: Any])?["name"] as? String == "hedgesim-sweeps")
        #expect((docs[0]["spec"] as? [String: Any])?["accessModes"] as? [String] == ["ReadWriteMany"])
        let seed = ClusterRun.container(docs[1])
        #expect(seed["image"] as? String == "ghcr.io/petrosa/hedgesim:latest")
        for script in [
            "deploy/slurm/submit.sh", "deploy/slurm/sweep.sbatch", "deploy/slurm/merge.sbatch",
            "scripts/slurm/start-local-slurm.sh", "scripts/slurm/stop-local-slurm.sh",
        ] {
            let syntax = ClusterRun.run("/bin/bash", ["-n", Fixtures.path(script)], in: Fixtures.repositoryRoot)
            #expect(syntax.status == 0, "\(script): \(syntax.stderr)")
        }
    }

    @Test func badEmitOptionsAreUsageErrors() {
        let folder = CLI.temporaryFolder("emit-bad")
        let file = ClusterRun.sweepFile(folder)
        let noShards = CLI.run(["sweep", file, "--emit", "slurm"])
        #expect(noShards.status == 64)
        #expect(noShards.stderr == "hedgesim: --emit slurm needs --shards <n>\n")
        let zero = CLI.run(["sweep", file, "--emit", "kubernetes", "--shards", "0"])
        #expect(zero.status == 64)
        #expect(zero.stderr == "hedgesim: --shards must be at least 1\n")
        let tooMany = CLI.run(["sweep", file, "--emit", "kubernetes", "--shards", "31"])
        #expect(tooMany.status == 64)
        #expect(tooMany.stderr == "hedgesim: --shards 31: more shards than the sweep's 30 runs\n")
        let engine = CLI.run(["sweep", file, "--emit", "nomad", "--shards", "2"])
        #expect(engine.status == 64)
        #expect(engine.stderr == "hedgesim: --emit nomad: not an engine (kubernetes, slurm)\n")
    }

    /// The Indexed Job's container command lines, run here as Kubernetes would run them
    /// (`JOB_COMPLETION_INDEX` 0…N−1, the manifest's env, its working directory), then the merge
    /// Job's: every table and view equals the unsharded sweep's.
    @Test(.enabled(if: ClusterRun.shardSupported, ClusterRun.noShardReason))
    func kubernetesCommandLinesGiveTheUnshardedReport() throws {
        let folder = CLI.temporaryFolder("k8s-local")
        let file = ClusterRun.sweepFile(folder)
        let whole = CLI.run(["sweep", file, "--quiet", "--out", folder + "/unsharded.sqlite"])
        #expect(whole.status == 0, "\(whole.stderr)")
        let shards = 3
        let out = CLI.run(["sweep", file, "--emit", "kubernetes", "--shards", "\(shards)", "--workdir", folder])
        #expect(out.status == 0, "\(out.stderr)")
        let docs = try ClusterRun.documents(out.stdout)
        let worker = ClusterRun.container(docs[0])
        let args = try #require(worker["args"] as? [String])
        let workdir = try #require(worker["workingDir"] as? String)
        // Completion order is not index order on a cluster: run the last index first.
        for index in (0..<shards).reversed() {
            var env = ClusterRun.environment(worker)
            env["JOB_COMPLETION_INDEX"] = "\(index)"
            let shard = ClusterRun.run(CLI.binary, args, in: workdir, environment: env)
            #expect(shard.status == 0, "shard \(index): \(shard.stderr)")
        }
        let mergeArgs = try #require(ClusterRun.container(docs[1])["args"] as? [String])
        let merge = ClusterRun.run(CLI.binary, mergeArgs, in: workdir)
        #expect(merge.status == 0, "\(merge.stderr)")
        let merged = ClusterRun.rows(folder + "/xrp-cluster.sqlite")
        #expect(merged.count >= 6)
        #expect(merged == ClusterRun.rows(folder + "/unsharded.sqlite"))
    }

    /// The Slurm array script run here with the environment of each array task
    /// (`SLURM_ARRAY_TASK_ID`, `SLURM_ARRAY_TASK_COUNT`), then the merge script: the unsharded report.
    @Test(.enabled(if: ClusterRun.shardSupported, ClusterRun.noShardReason))
    func slurmScriptsWithTheArrayEnvironmentGiveTheUnshardedReport() {
        let folder = CLI.temporaryFolder("slurm-local")
        let file = ClusterRun.sweepFile(folder)
        let whole = CLI.run(["sweep", file, "--quiet", "--out", folder + "/unsharded.sqlite"])
        #expect(whole.status == 0, "\(whole.stderr)")
        let shards = 4
        let out = CLI.run([
            "sweep", file, "--emit", "slurm", "--shards", "\(shards)", "--workdir", folder, "--binary", CLI.binary,
        ])
        #expect(out.status == 0, "\(out.stderr)")
        let array = ClusterRun.heredoc(out.stdout, "HEDGESIM_SHARDS")
        try! FileManager.default.createDirectory(
            atPath: folder + "/xrp-cluster.shards", withIntermediateDirectories: true)
        for task in [2, 0, 3, 1] {
            let env = [
                "SLURM_ARRAY_TASK_ID": "\(task)", "SLURM_ARRAY_TASK_COUNT": "\(shards)", "SLURM_ARRAY_JOB_ID": "7",
                "SLURM_JOB_ID": "\(8 + task)",
            ]
            let shard = ClusterRun.run("/bin/bash", ["-c", array], in: folder, environment: env)
            #expect(shard.status == 0, "task \(task): \(shard.stderr)")
        }
        let merge = ClusterRun.run("/bin/bash", ["-c", ClusterRun.heredoc(out.stdout, "HEDGESIM_MERGE")], in: folder)
        #expect(merge.status == 0, "\(merge.stderr)")
        let merged = ClusterRun.rows(folder + "/xrp-cluster.sqlite")
        #expect(merged.count >= 6)
        #expect(merged == ClusterRun.rows(folder + "/unsharded.sqlite"))
    }
}
