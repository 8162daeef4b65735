import Backtest
import Foundation
import Market

/// The files that run a sweep's shards on a cluster and merge them into the one sweep report
/// (`hedgesim sweep FILE --emit kubernetes|slurm --shards N`, docs/cluster.md): a Kubernetes
/// Indexed Job with its merge Job, or a Slurm submit script (a job array and a merge job that
/// waits for it with `--dependency=afterok`).
///
/// Every path in them is as the workers see it: relative to `job.workdir`, the shared folder
/// (Kubernetes: where the PersistentVolumeClaim is mounted and the containers' working
/// directory; Slurm: the folder the jobs start in), or absolute. Nothing here reads the clock,
/// the host name or the network: the same `Job` gives the same text.
public enum ClusterManifest {
    /// The batch engine the files are for.
    public enum Engine: String, Sendable, CaseIterable {
        case kubernetes
        case slurm
    }

    /// What the templates are filled in with.
    public struct Job: Sendable, Hashable {
        /// The base of every object and job name (DNS-1123: lower case, digits, `-`).
        public var name: String
        /// The sweep file, as the workers pass it to `hedgesim sweep`.
        public var sweepFile: String
        /// `--set` values every shard passes on.
        public var overrides: [String] = []
        /// Shards, one per Indexed Job completion or Slurm array task.
        public var shards: Int
        /// Runs of the sweep (for the comments).
        public var runs: Int
        /// Bars of the whole range over every symbol (for the comments).
        public var bars: Int
        /// The shared folder as the workers see it.
        public var workdir: String
        /// Where the shards write their reports and the merge reads them.
        public var shardDir: String
        /// Where Slurm writes each task's output.
        public var logDir: String
        /// The merged sweep report.
        public var reportPath: String
        /// Simulations at a time in each shard (`--threads`), and the CPUs requested for it.
        public var threads: Int
        /// Memory requested per shard, MiB (the limit is twice that).
        public var memoryMiB: Int
        /// The container image (Kubernetes).
        public var image: String
        /// The PersistentVolumeClaim holding the shared folder (Kubernetes).
        public var volumeClaim: String
        /// The `hedgesim` the jobs run (Slurm; the image's entrypoint on Kubernetes).
        public var binary: String
        /// The Slurm partition; nil: the cluster's default.
        public var partition: String?

        public init(
            name: String, sweepFile: String, overrides: [String] = [], shards: Int, runs: Int, bars: Int,
            workdir: String, shardDir: String, logDir: String, reportPath: String, threads: Int, memoryMiB: Int,
            image: String, volumeClaim: String, binary: String, partition: String? = nil
        ) {
            self.name = name
            self.sweepFile = sweepFile
            self.overrides = overrides
            self.shards = shards
            self.runs = runs
            self.bars = bars
            self.workdir = workdir
            self.shardDir = shardDir
            self.logDir = logDir
            self.reportPath = reportPath
            self.threads = threads
            self.memoryMiB = memoryMiB
            self.image = image
            self.volumeClaim = volumeClaim
            self.binary = binary
            self.partition = partition
        }
    }

    /// The choices of `hedgesim sweep --emit` that are not in the sweep file.
    public struct Options: Sendable, Hashable {
        public var shards: Int
        public var threads = 1
        /// nil: `memoryMiB(bars:copies:threads:)`.
        public var memoryMiB: Int?
        /// The shared folder as the workers see it.
        public var workdir: String
        /// nil: the report's path without `.sqlite`, plus `.shards`.
        public var shardDir: String?
        public var image = ClusterManifest.defaultImage
        public var volumeClaim = ClusterManifest.defaultVolumeClaim
        public var binary = "hedgesim"
        public var partition: String?

        public init(shards: Int, workdir: String) {
            self.shards = shards
            self.workdir = workdir
        }
    }

    /// The job for a prepared sweep: the sweep file and the report as paths relative to
    /// `currentDirectory` when they are inside it (so that the same tree under the workers' shared
    /// folder is found), as they are otherwise; the memory request from the bars the shard holds.
    ///
    /// - Parameters:
    ///   - sweepFile: the sweep file as given on the command line.
    ///   - reportPath: the merged report (`--out`, the file's `report.path` or its default).
    public static func job(
        _ prepared: SweepRunner.Prepared, sweepFile: String, reportPath: String, overrides: [String],
        currentDirectory: String, options: Options
    ) -> Job {
        let report = relative(reportPath, to: currentDirectory)
        let stem = report.hasSuffix(".sqlite") ? String(report.dropLast(7)) : report
        let plan = prepared.plan
        var copies = 1.0
        if let whole = plan.windows.first {
            let length = Double(whole.end.milliseconds - whole.start.milliseconds)
            for window in plan.windows.dropFirst() where length > 0 {
                copies +=
                    Double(plan.excluded.count) * Double(window.end.milliseconds - window.start.milliseconds)
                    / length
            }
        }
        let bars = prepared.data.barCount
        return Job(
            name: jobName(sweepFile: sweepFile), sweepFile: relative(sweepFile, to: currentDirectory),
            overrides: overrides, shards: options.shards, runs: plan.runs.count, bars: bars,
            workdir: options.workdir, shardDir: options.shardDir ?? stem + ".shards", logDir: stem + ".logs",
            reportPath: report, threads: options.threads,
            memoryMiB: options.memoryMiB ?? memoryMiB(bars: bars, copies: copies, threads: options.threads),
            image: options.image, volumeClaim: options.volumeClaim, binary: options.binary,
            partition: options.partition)
    }

    /// `path` relative to `folder` when it lies inside it (after removing `.` and `..`), else
    /// `path` standardized.
    static func relative(_ path: String, to folder: String) -> String {
        let absolute = path.hasPrefix("/") ? path : folder + "/" + path
        let standard = URL(fileURLWithPath: absolute).standardized.path
        let base = URL(fileURLWithPath: folder).standardized.path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return standard.hasPrefix(prefix) ? String(standard.dropFirst(prefix.count)) : standard
    }

    /// The default image, the one deploy/kubernetes/recorder.yaml runs.
    public static let defaultImage = "ghcr.io/petrosa/hedgesim:latest"
    /// The default mount point of the shared volume in the Kubernetes pods.
    public static let defaultKubernetesWorkdir = "/shared"
    /// The default PersistentVolumeClaim (deploy/kubernetes/sweep-pvc.yaml).
    public static let defaultVolumeClaim = "hedgesim-sweeps"

    /// The per-shard memory request, MiB, from what a shard holds: the process itself, the
    /// klines and signals loaded once, a copy of the bars for every (strategy set, window) cut,
    /// and each simulation thread's state. Measured (peak RSS, `/usr/bin/time -v`, docs/cluster.md):
    /// 38 MB for 2.3 k bars and 58 MB for 161 k bars with one thread, about 4.5 MB per further
    /// thread, about 125 bytes per copied bar. The request rounds 48 MiB + 160 bytes per bar held
    /// + 8 MiB per thread up to a multiple of 64 MiB.
    ///
    /// - Parameters:
    ///   - bars: bars of the whole range over every symbol.
    ///   - copies: how many times the bars are held (1 + the cuts' share of the whole range).
    ///   - threads: simulations at a time.
    public static func memoryMiB(bars: Int, copies: Double, threads: Int) -> Int {
        let bytes = 48.0 * 1_048_576 + 160.0 * Double(bars) * max(1, copies) + 8.0 * 1_048_576 * Double(threads)
        let mib = Int((bytes / 1_048_576).rounded(.up))
        return max(64, (mib + 63) / 64 * 64)
    }

    /// A DNS-1123 name for a sweep file: `hedgesim-sweep-` and the file's name without its
    /// extension, lower case, other characters as `-`, at most 50 characters (so that `-merge`
    /// and the pods' index suffix still fit Kubernetes' 63).
    public static func jobName(sweepFile: String) -> String {
        var stem = (sweepFile as NSString).lastPathComponent
        for suffix in [".yaml", ".yml"] where stem.hasSuffix(suffix) { stem = String(stem.dropLast(suffix.count)) }
        var name = ""
        for scalar in stem.lowercased().unicodeScalars {
            let ok = (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9")
            if ok {
                name.unicodeScalars.append(scalar)
            } else if !name.hasSuffix("-") {
                name += "-"
            }
        }
        let base = "hedgesim-sweep" + (name.isEmpty || name == "-" ? "" : "-" + name)
        var trimmed = String(base.prefix(50))
        while trimmed.hasSuffix("-") { trimmed.removeLast() }
        return trimmed
    }

    /// The arguments of one shard's `hedgesim` (after the program name): K and N from the
    /// engine's environment (`--shard auto`).
    public static func shardArguments(_ job: Job) -> [String] {
        ["sweep", job.sweepFile] + job.overrides.flatMap { ["--set", $0] } + [
            "--shard", "auto", "--out", job.shardDir.hasSuffix("/") ? job.shardDir : job.shardDir + "/", "--threads",
            String(job.threads), "--quiet",
        ]
    }

    /// The arguments of the merge's `hedgesim`.
    public static func mergeArguments(_ job: Job) -> [String] {
        ["sweep", "merge", job.shardDir, "--out", job.reportPath]
    }

    /// The text for `engine`.
    public static func render(_ engine: Engine, _ job: Job) -> String {
        switch engine {
        case .kubernetes: kubernetes(job)
        case .slurm: slurmSubmitScript(job)
        }
    }

    // MARK: Kubernetes

    /// The Indexed Job (one completion per shard; Kubernetes sets `JOB_COMPLETION_INDEX`, the
    /// manifest sets `HEDGESIM_SHARDS`) and the merge Job, created suspended and resumed once the
    /// shards are complete.
    public static func kubernetes(_ job: Job) -> String {
        let labels = "{app.kubernetes.io/name: hedgesim-sweep, app.kubernetes.io/part-of: petrosa-trading}"
        let limit = job.memoryMiB * 2
        func container(_ name: String, _ args: [String], env: [(String, String)], cpu: Int) -> String {
            var lines = [
                "        - name: \(name)",
                "          image: \(yaml(job.image))",
                "          workingDir: \(yaml(job.workdir))",
                "          args:",
            ]
            lines += args.map { "            - \(yaml($0))" }
            if !env.isEmpty {
                lines.append("          env:")
                lines += env.map { "            - {name: \($0.0), value: \(yaml($0.1))}" }
            }
            lines += [
                "          volumeMounts:",
                "            - {name: shared, mountPath: \(yaml(job.workdir))}",
                "            - {name: tmp, mountPath: /tmp}",
                "          resources:",
                "            requests: {cpu: \"\(cpu)\", memory: \(job.memoryMiB)Mi}",
                "            limits: {memory: \(limit)Mi}",
                "          securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true}",
            ]
            return lines.joined(separator: "\n")
        }
        let volumes = """
                  securityContext: {runAsNonRoot: true, runAsUser: 10001, fsGroup: 10001}
                  volumes:
                    - name: shared
                      persistentVolumeClaim: {claimName: \(yaml(job.volumeClaim))}
                    - name: tmp
                      emptyDir: {}
            """
        let merge = job.name + "-merge"
        return """
            # hedgesim sweep \(job.sweepFile) on Kubernetes: \(job.runs) runs over \(job.bars) bars in \(job.shards) \
            shards, then the merge.
            # Written by `hedgesim sweep … --emit kubernetes` (docs/cluster.md). The sweep file, its scenario and the
            # data they name must be on the volume \(job.volumeClaim) (deploy/kubernetes/sweep-pvc.yaml), mounted at
            # \(job.workdir), the containers' working directory.
            #   kubectl apply -f this.yaml
            #   kubectl wait --for=condition=complete job/\(job.name) --timeout=24h
            #   kubectl patch job \(merge) --type=merge -p '{"spec":{"suspend":false}}'
            #   kubectl wait --for=condition=complete job/\(merge) --timeout=1h
            # The report: \(job.workdir)/\(job.reportPath) on the volume. A failed shard is retried on its own
            # (backoffLimitPerIndex); after a fix, delete and re-apply: finished shards are simply run again.
            # Memory per shard: \(job.memoryMiB) MiB requested, \(limit) MiB limit (estimated from the bars held and
            # the threads; `--memory` sets it).
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: \(job.name)
              labels: \(labels)
            spec:
              completionMode: Indexed
              completions: \(job.shards)
              parallelism: \(job.shards)
              backoffLimitPerIndex: 2
              template:
                metadata:
                  labels: \(labels)
                spec:
                  restartPolicy: Never
                  containers:
            \(container("shard", shardArguments(job), env: [("HEDGESIM_SHARDS", String(job.shards))], cpu: job.threads))
            \(volumes)
            ---
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: \(merge)
              labels: \(labels)
            spec:
              # Resumed (kubectl patch, above) once every shard of \(job.name) is complete.
              suspend: true
              completions: 1
              backoffLimit: 2
              template:
                metadata:
                  labels: \(labels)
                spec:
                  restartPolicy: Never
                  containers:
            \(container("merge", mergeArguments(job), env: [], cpu: 1))
            \(volumes)

            """
    }

    // MARK: Slurm

    /// The array job's script: one task per shard; `--shard auto` reads `SLURM_ARRAY_TASK_ID`
    /// and `SLURM_ARRAY_TASK_COUNT`. Paths are relative to the folder `sbatch` runs in.
    public static func slurmArrayScript(_ job: Job) -> String {
        var lines = [
            "#!/usr/bin/env bash",
            "#SBATCH --job-name=\(job.name)",
            "#SBATCH --array=0-\(job.shards - 1)",
            "#SBATCH --cpus-per-task=\(job.threads)",
            "#SBATCH --mem=\(job.memoryMiB)M",
            "#SBATCH --output=\(job.logDir)/shard-%a.out",
        ]
        if let partition = job.partition { lines.append("#SBATCH --partition=\(partition)") }
        lines += [
            "# hedgesim sweep \(job.sweepFile): \(job.runs) runs in \(job.shards) shards, one per array task.",
            "# `--shard auto` takes K from SLURM_ARRAY_TASK_ID and N from SLURM_ARRAY_TASK_COUNT.",
            "set -euo pipefail",
            "exec " + ([job.binary] + shardArguments(job)).map(shell).joined(separator: " "),
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The merge job's script, submitted with `--dependency=afterok:<array job>`.
    public static func slurmMergeScript(_ job: Job) -> String {
        var lines = [
            "#!/usr/bin/env bash",
            "#SBATCH --job-name=\(job.name)-merge",
            "#SBATCH --cpus-per-task=1",
            "#SBATCH --mem=\(job.memoryMiB)M",
            "#SBATCH --output=\(job.logDir)/merge.out",
        ]
        if let partition = job.partition { lines.append("#SBATCH --partition=\(partition)") }
        lines += [
            "# The \(job.shards) shard reports of \(job.sweepFile) into the one sweep report.",
            "set -euo pipefail",
            "exec " + ([job.binary] + mergeArguments(job)).map(shell).joined(separator: " "),
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The marker lines around the array script in the submit script.
    public static let arrayHeredoc = "HEDGESIM_SHARDS"
    /// The marker lines around the merge script in the submit script.
    public static let mergeHeredoc = "HEDGESIM_MERGE"

    /// One bash script that writes the two job scripts into the log folder (`shards.sbatch`,
    /// `merge.sbatch`: a failed index is resubmitted with `sbatch --array=K` on the first),
    /// submits the array with `sbatch --parsable` and the merge job after it
    /// (`--dependency=afterok`), and prints both job ids.
    public static func slurmSubmitScript(_ job: Job) -> String {
        let shards = shell(job.logDir + "/shards.sbatch")
        let merge = shell(job.logDir + "/merge.sbatch")
        return """
            #!/usr/bin/env bash
            # hedgesim sweep \(job.sweepFile) on Slurm: \(job.runs) runs over \(job.bars) bars in a job array of \
            \(job.shards) shards, then the merge.
            # Written by `hedgesim sweep … --emit slurm` (docs/cluster.md). Run it on a login node: bash THIS_FILE
            # Every node must see \(job.workdir): the jobs start there and every path below is relative to it.
            # Memory per shard: \(job.memoryMiB) MiB (estimated from the bars held and the threads; `--memory` sets it).
            # The merge waits for every shard (afterok); if one fails it stays PENDING (DependencyNeverSatisfied):
            # scancel it, fix the cause, then sbatch --array=K \(shards) and the merge again.
            set -euo pipefail
            cd \(shell(job.workdir))
            mkdir -p \(shell(job.shardDir)) \(shell(job.logDir))
            cat >\(shards) <<'\(arrayHeredoc)'
            \(slurmArrayScript(job))\(arrayHeredoc)
            cat >\(merge) <<'\(mergeHeredoc)'
            \(slurmMergeScript(job))\(mergeHeredoc)
            array=$(sbatch --parsable \(shards))
            array=${array%%;*}
            merge=$(sbatch --parsable --dependency=afterok:"$array" \(merge))
            merge=${merge%%;*}
            echo "array job $array (\(job.shards) shards), merge job $merge"
            echo "watch: squeue -j $array,$merge; report: \(job.workdir)/\(job.reportPath)"

            """
    }

    // MARK: Quoting

    /// A YAML scalar: plain when it is safe and cannot be read as another type, else a
    /// double-quoted string (JSON escapes are YAML escapes).
    static func yaml(_ text: String) -> String {
        let plain = text.unicodeScalars.allSatisfy { scalar in
            (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9")
                || "/._-=".unicodeScalars.contains(scalar)
        }
        let firstIsLetterOrSlash = text.first.map { $0.isLetter || $0 == "/" || $0 == "." } ?? false
        let special = ["true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"].contains(text.lowercased())
        if plain && firstIsLetterOrSlash && !special { return text }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += String(format: "\\u%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A shell word: as it is when it holds only safe characters, else in single quotes.
    static func shell(_ text: String) -> String {
        let safe =
            !text.isEmpty
            && text.unicodeScalars.allSatisfy { scalar in
                (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z")
                    || (scalar >= "0" && scalar <= "9") || "/._-=:,+@%".unicodeScalars.contains(scalar)
            }
        return safe ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
