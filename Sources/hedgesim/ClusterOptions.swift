import ArgumentParser
import Foundation
import Sweep

/// `hedgesim sweep FILE --emit kubernetes|slurm --shards N …`: print the files that run the
/// sweep's shards on a cluster and merge them (docs/cluster.md); nothing is run.
struct ClusterOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Print the files that run this sweep in shards on a cluster and merge them, and run nothing: kubernetes (an Indexed Job and a merge Job) or slurm (a submit script: a job array and a merge job with --dependency=afterok).",
            valueName: "engine"))
    var emit: String?

    /// `--emit` as an engine (validated).
    var engine: ClusterManifest.Engine? { emit.flatMap(ClusterManifest.Engine.init(rawValue:)) }

    @Option(help: "With --emit: the number of shards (array tasks, Indexed Job completions).")
    var shards: Int?

    @Option(help: "With --emit: the container image (kubernetes).")
    var image = ClusterManifest.defaultImage

    @Option(
        help: ArgumentHelp(
            "With --emit: the shared folder as the workers see it; paths inside the current folder are given relative to it (default: /shared for kubernetes, the current folder for slurm).",
            valueName: "path"))
    var workdir: String?

    @Option(
        name: .customLong("shard-dir"),
        help: ArgumentHelp(
            "With --emit: where the shards write their reports and the merge reads them (default: the report's path with .shards instead of .sqlite).",
            valueName: "path"))
    var shardDir: String?

    @Option(help: "With --emit: CPUs per shard, passed on as --threads (default 1).")
    var cpus = 1

    @Option(
        help: ArgumentHelp(
            "With --emit: memory requested per shard in MiB (default: estimated from the bars a shard holds and --cpus; the limit is twice the request).",
            valueName: "mib"))
    var memory: Int?

    @Option(
        name: .customLong("volume-claim"),
        help: "With --emit: the PersistentVolumeClaim of the shared folder (kubernetes).")
    var volumeClaim = ClusterManifest.defaultVolumeClaim

    @Option(help: "With --emit: the hedgesim the jobs run (slurm; default: hedgesim on the PATH).")
    var binary = "hedgesim"

    @Option(help: "With --emit: the Slurm partition (default: the cluster's default).")
    var partition: String?

    func validate() throws {
        guard let emit else {
            if shards != nil { throw ValidationError("--shards needs --emit") }
            return
        }
        guard let engine else {
            let known = ClusterManifest.Engine.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("--emit \(emit): not an engine (\(known))")
        }
        guard let shards else { throw ValidationError("--emit \(engine.rawValue) needs --shards <n>") }
        if shards < 1 { throw ValidationError("--shards must be at least 1") }
        if cpus < 1 { throw ValidationError("--cpus must be at least 1") }
        if let memory, memory < 1 { throw ValidationError("--memory must be at least 1 (MiB)") }
    }

    /// The options for `ClusterManifest.job`.
    func manifestOptions(_ engine: ClusterManifest.Engine) -> ClusterManifest.Options {
        let folder = FileManager.default.currentDirectoryPath
        var options = ClusterManifest.Options(
            shards: shards ?? 1,
            workdir: workdir ?? (engine == .kubernetes ? ClusterManifest.defaultKubernetesWorkdir : folder))
        options.threads = cpus
        options.memoryMiB = memory
        options.shardDir = shardDir
        options.image = image
        options.volumeClaim = volumeClaim
        options.binary = binary
        options.partition = partition
        return options
    }
}
