import Testing

@testable import Sweep

/// The emitter's pure parts: the memory estimate, job names, quoting, paths relative to the
/// shared folder.
@Suite struct ClusterManifestTests {
    @Test func memoryRequestFollowsTheBarsHeldAndTheThreads() {
        // 48 MiB + 8 MiB: 56, rounded up to 64.
        #expect(ClusterManifest.memoryMiB(bars: 0, copies: 1, threads: 1) == 64)
        // The quickstart: 161 280 bars held 6 times (5 strategy sets × four weekly windows + 1).
        #expect(ClusterManifest.memoryMiB(bars: 161_280, copies: 6, threads: 1) == 256)
        #expect(ClusterManifest.memoryMiB(bars: 161_280, copies: 1, threads: 1) == 128)
        // A year of 100 symbols of 1m bars, held once, 4 threads: 48 + 8 020 + 32 MiB.
        #expect(ClusterManifest.memoryMiB(bars: 52_560_000, copies: 1, threads: 4) == 8128)
        // Fewer than one copy is still one.
        #expect(ClusterManifest.memoryMiB(bars: 161_280, copies: 0.2, threads: 1) == 128)
    }

    @Test func jobNamesAreDNSLabels() {
        #expect(
            ClusterManifest.jobName(sweepFile: "scenarios/quickstart-sweep.yaml") == "hedgesim-sweep-quickstart-sweep")
        #expect(ClusterManifest.jobName(sweepFile: "/a/My Sweep_2026.yml") == "hedgesim-sweep-my-sweep-2026")
        #expect(ClusterManifest.jobName(sweepFile: "é.yaml") == "hedgesim-sweep")
        let long = ClusterManifest.jobName(sweepFile: String(repeating: "a", count: 80) + ".yaml")
        #expect(long.count == 50)
        #expect(ClusterManifest.jobName(sweepFile: String(repeating: "a", count: 34) + "-b.yaml").hasSuffix("a"))
    }

    @Test func yamlScalarsAreQuotedWhenTheyCouldReadAsSomethingElse() {
        #expect(ClusterManifest.yaml("scenarios/quickstart-sweep.yaml") == "scenarios/quickstart-sweep.yaml")
        #expect(ClusterManifest.yaml("--quiet") == "\"--quiet\"")
        #expect(ClusterManifest.yaml("4") == "\"4\"")
        #expect(ClusterManifest.yaml("yes") == "\"yes\"")
        #expect(ClusterManifest.yaml("a: b") == "\"a: b\"")
        #expect(ClusterManifest.yaml("say \"hi\"\\\n") == "\"say \\\"hi\\\"\\\\\\n\"")
        #expect(ClusterManifest.yaml("engine.same_direction=accumulate") == "engine.same_direction=accumulate")
    }

    @Test func shellWordsAreQuotedWhenNeeded() {
        #expect(ClusterManifest.shell("reports/q.shards/") == "reports/q.shards/")
        #expect(ClusterManifest.shell("my sweep.yaml") == "'my sweep.yaml'")
        #expect(ClusterManifest.shell("it's") == "'it'\\''s'")
        #expect(ClusterManifest.shell("") == "''")
        #expect(ClusterManifest.shell("$HOME") == "'$HOME'")
    }

    @Test func pathsInsideTheCurrentFolderBecomeRelative() {
        #expect(ClusterManifest.relative("scenarios/../reports/q.sqlite", to: "/repo") == "reports/q.sqlite")
        #expect(ClusterManifest.relative("/repo/scenarios/q.yaml", to: "/repo") == "scenarios/q.yaml")
        #expect(ClusterManifest.relative("/elsewhere/q.yaml", to: "/repo") == "/elsewhere/q.yaml")
        #expect(ClusterManifest.relative("/repository/q.yaml", to: "/repo") == "/repository/q.yaml")
        #expect(ClusterManifest.relative("../x/q.yaml", to: "/repo/sub") == "/repo/x/q.yaml")
    }
}
