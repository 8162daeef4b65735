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

    /// Checks the options; `shards` is the sweep command's `--shards`, which `--emit` needs.
    func validate(shards: Int?, shard: String?) throws {
        guard let emit else { return }
        guard let engine else {
            let known = ClusterManifest.Engine.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("--emit \(emit): not an engine (\(known))")
        }
        guard shards != nil else { throw ValidationError("--emit \(engine.rawValue) needs --shards <n>") }
        if shard != nil { throw ValidationError("--emit prints the jobs of every shard; it takes no --shard") }
        if cpus < 1 { throw ValidationError("--cpus must be at least 1") }
        if let memory, memory < 1 { throw ValidationError("--memory must be at least 1 (MiB)") }
    }

    /// The options for `ClusterManifest.job`.
    func manifestOptions(_ engine: ClusterManifest.Engine, shards: Int) -> ClusterManifest.Options {
        let folder = FileManager.default.currentDirectoryPath
        var options = ClusterManifest.Options(
            shards: shards,
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
