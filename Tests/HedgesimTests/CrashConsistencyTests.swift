import Foundation
import TestSupport
import Testing

/// A report writer killed with SIGKILL at 20 seeded points of a large write leaves the destination
/// as the previous report or the new complete one, never anything else; the next writer removes
/// the killed one's temporary file (docs/guarantees.md).
@Suite(.serialized) struct CrashConsistencyTests {
    static let rows = 40_000

    /// What is at the destination: the old report (`funding-xrp`), the new one (`bench`, complete)
    /// or something else.
    static func state(_ db: String, oldDigest: String) -> String {
        guard CLI.sqlite(db, "PRAGMA integrity_check") == "ok" else { return "corrupt" }
        let runs = CLI.sqlite(db, "SELECT label || ' ' || result_digest FROM runs")
        if runs == "funding-xrp \(oldDigest)" { return "old" }
        if runs.hasPrefix("bench "), CLI.sqlite(db, "SELECT COUNT(*) FROM fills") == String(rows),
            CLI.sqlite(db, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'view'") != "0"
        {
            return "new"
        }
        return "other: \(runs)"
    }

    static func temporaries(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".tmp") }
    }

    /// Starts `hedgesim bench report` writing `folder/bench.sqlite`, waits until its temporary
    /// file exists and returns the process and when that was.
    static func startWriter(_ folder: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["bench", "report", "--rows", String(rows), "--repetitions", "1", "--dir", folder]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while temporaries(folder).filter({ $0.contains(".\(process.processIdentifier).") }).isEmpty,
            process.isRunning, Date() < deadline
        {
            usleep(2_000)
        }
        return process
    }

    @Test func killedWritersLeaveTheOldOrTheNewReport() throws {
        let folder = CLI.temporaryFolder("crash")
        let db = folder + "/bench.sqlite"
        let old = CLI.run(["run", "scenarios/funding-xrp.yaml", "--out", db, "-q"])
        #expect(old.status == 0, "\(old.stderr)")
        let oldDigest = try #require(CLI.digests(old.stdout).first)
        #expect(Self.state(db, oldDigest: oldDigest) == "old")

        // How long a write takes here, from its temporary file to the end.
        let timing = try Self.startWriter(folder + "/timing")
        let started = Date()
        timing.waitUntilExit()
        let writeSeconds = max(0.2, Date().timeIntervalSince(started))

        // Seeded points (a 64-bit LCG), spread over the write and past its end.
        var random: UInt64 = 18
        var seen: [String: Int] = [:]
        for point in 0..<20 {
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let delay = writeSeconds * 1.6 * Double((random >> 33) % 1000) / 1000
            let writer = try Self.startWriter(folder)
            Thread.sleep(forTimeInterval: delay)
            kill(writer.processIdentifier, SIGKILL)
            writer.waitUntilExit()
            let state = Self.state(db, oldDigest: oldDigest)
            #expect(state == "old" || state == "new", "point \(point) (\(delay) s of \(writeSeconds) s): \(state)")
            seen[state, default: 0] += 1
            // At most the killed writer's own temporary file is left; the next one removes it.
            #expect(Self.temporaries(folder).count <= 1, "point \(point): \(Self.temporaries(folder))")
        }
        let last = try Self.startWriter(folder)
        last.waitUntilExit()
        #expect(last.terminationStatus == 0)
        #expect(Self.state(db, oldDigest: oldDigest) == "new")
        #expect(Self.temporaries(folder).isEmpty)
        #expect(
            ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted() == [
                "bench.sqlite", "timing",
            ])
        print("crash points: \(seen.sorted { $0.key < $1.key }), write \(writeSeconds) s")
    }
}
