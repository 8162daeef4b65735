import Foundation
import TestSupport
import Testing
import Yams

/// What the cluster tests share: a small sweep, running the emitted command lines as the
/// engines would (a working directory and an environment), and comparing sweep reports table
/// by table.
enum ClusterRun {
    /// A sweep of the XRP sample: 2 modes, with leave-one-out, 3-day windows (2 × 5 × 3 = 30 runs).
    static func sweepFile(_ folder: String) -> String {
        let path = folder + "/xrp-cluster.yaml"
        let text = """
            scenario: \(Fixtures.path("scenarios/funding-xrp.yaml"))
            grid:
              engine.same_direction: [accumulate, reject_duplicates]
            strategies: {leave_one_out: true}
            windows: {length: 3d, step: 3d}
            statistics:
              bootstrap: {resamples: 100, block: 1d, seed: 5}
            report: {path: xrp-cluster.sqlite}
            """
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// True when this `hedgesim sweep` has the shard contract (`--shard`, `sweep merge`).
    static let shardSupported: Bool = {
        let help = CLI.run(["sweep", "--help"])
        return help.stdout.contains("--shard ") && help.stdout.contains("merge")
    }()

    /// The reason the end-to-end tests skip without the shard contract.
    static let noShardReason: Comment =
        "hedgesim sweep has no --shard/merge in this build (the shard contract, issue 15, is not merged yet)"

    /// Runs `executable args…` in `folder` with `environment` added to this process's (minus any
    /// engine variable of its own), returning the exit status and both outputs.
    static func run(
        _ executable: String, _ args: [String], in folder: String, environment: [String: String] = [:]
    ) -> CLI.Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = args
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        var env = ProcessInfo.processInfo.environment
        for key in [
            "JOB_COMPLETION_INDEX", "HEDGESIM_SHARD", "HEDGESIM_SHARDS", "SLURM_ARRAY_TASK_ID",
            "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_JOB_ID", "SLURM_JOB_ID",
        ] {
            env[key] = nil
        }
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try! process.run()
        let (stdout, stderr) = PipeOutput.readBoth(out, err)
        process.waitUntilExit()
        return CLI.Output(
            status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
            stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Every table's and view's rows of a report, by name (sqlite3's text of `SELECT *`).
    static func rows(_ db: String) -> [String: String] {
        var result: [String: String] = [:]
        let names = CLI.sqlite(db, "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name")
        for name in names.split(separator: "\n") {
            result[String(name)] = CLI.sqlite(db, "SELECT * FROM \"\(name)\"")
        }
        return result
    }

    /// The YAML documents of an emitted manifest, as dictionaries.
    static func documents(_ yaml: String) throws -> [[String: Any]] {
        try Yams.load_all(yaml: yaml).map { $0 as? [String: Any] ?? [:] }
    }

    /// A Job document's first container.
    static func container(_ job: [String: Any]) -> [String: Any] {
        let spec = job["spec"] as? [String: Any]
        let template = spec?["template"] as? [String: Any]
        let podSpec = template?["spec"] as? [String: Any]
        return (podSpec?["containers"] as? [[String: Any]])?.first ?? [:]
    }

    /// A container's `env` as name → value.
    static func environment(_ container: [String: Any]) -> [String: String] {
        var result: [String: String] = [:]
        for entry in container["env"] as? [[String: Any]] ?? [] {
            if let name = entry["name"] as? String { result[name] = "\(entry["value"] ?? "")" }
        }
        return result
    }

    /// The body of the here-document `marker` in an emitted Slurm submit script.
    static func heredoc(_ script: String, _ marker: String) -> String {
        var lines: [Substring] = []
        var inside = false
        for line in script.split(separator: "\n", omittingEmptySubsequences: false) {
            if inside {
                if line == marker { break }
                lines.append(line)
            } else if line.hasSuffix("<<'\(marker)'") {
                inside = true
            }
        }
        return lines.map { $0 + "\n" }.joined()
    }
}
