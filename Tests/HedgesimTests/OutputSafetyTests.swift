import Foundation
import TestSupport
import Testing

/// No output path destroys data (docs/guarantees.md): devices and folders are never replaced, an
/// output is never an input, concurrent writers are serialized, signals leave the previous
/// output, terminal output is escaped, reports of another schema are refused.
@Suite(.serialized) struct OutputSafetyTests {
    static let xrp = "scenarios/funding-xrp.yaml"

    static func contents(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    static func names(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    /// Holds the lock of `path` as another hedgesim would, until `release` is called.
    final class HeldLock: @unchecked Sendable {
        let descriptor: Int32

        init(_ path: String) {
            let folder = (path as NSString).deletingLastPathComponent
            let name = (path as NSString).lastPathComponent
            descriptor = open(folder + "/." + name + ".lock", O_RDWR | O_CREAT, 0o644)
            flock(descriptor, LOCK_EX)
            let pid = Array("\(getpid())\n".utf8)
            _ = pid.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        }

        func release() { close(descriptor) }
    }

    /// A device of its own (a character device like /dev/null, made with mknod as root), never
    /// the machine's /dev/null: a hedgesim with the defect would replace it.
    @Test func devicesFIFOsAndFoldersAreNeverReplaced() throws {
        let folder = CLI.temporaryFolder("devices")
        #expect(mkfifo(folder + "/fifo", 0o644) == 0)
        var info = stat()
        let device = folder + "/null"
        if mknod(device, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0 {
            let out = CLI.run(["run", Self.xrp, "-q", "--out", device])
            #expect(out.status == 73)
            #expect(out.stderr == "hedgesim: \(device): is a character device, not a regular file; not replaced\n")
            #expect(out.stdout.isEmpty)
            #expect(lstat(device, &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
            unlink(device)
        }
        let fifo = CLI.run(["run", Self.xrp, "-q", "--out", folder + "/r.sqlite", "--html", folder + "/fifo"])
        #expect(fifo.status == 73)
        #expect(fifo.stderr == "hedgesim: \(folder)/fifo: is a FIFO, not a regular file; not replaced\n")
        let signals = CLI.run(["signals", "generate", "data/klines/AVAXUSDT-1m-2026-02.csv.zst", "--out", folder])
        #expect(signals.status == 73)
        #expect(signals.stderr == "hedgesim: \(folder): is a folder, not a regular file; not replaced\n")
        #expect(Self.names(folder) == ["fifo"])
        #expect(lstat(folder + "/fifo", &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
    }

    @Test func anOutputThatIsAnInputIsRefused() throws {
        let folder = CLI.temporaryFolder("same")
        let klines = folder + "/XRPUSDT-5m-2021-11.csv.zst"
        try FileManager.default.copyItem(
            atPath: Fixtures.path("data/klines/XRPUSDT-5m-2021-11.csv.zst"), toPath: klines)
        let before = Self.contents(klines)
        let root = Fixtures.repositoryRoot
        let scenario = folder + "/s.yaml"
        try """
        name: same
        data:
          interval: 5m
          klines: {XRPUSDT: \(klines)}
          symbol_rules: \(root)/data/rules/exchange-info.json
        signals: \(root)/data/signals/xrp-2021-11.jsonl.zst
        report: {path: \(klines)}
        """.write(toFile: scenario, atomically: true, encoding: .utf8)
        let intoKlines = CLI.run(["run", scenario, "-q"])
        #expect(intoKlines.status == 64)
        #expect(
            intoKlines.stderr
                == "hedgesim: \(klines): the report is the same file as the kline file (\(klines)); not overwritten\n")
        #expect(Self.contents(klines) == before)
        let intoScenario = CLI.run(["run", scenario, "-q", "--out", scenario])
        #expect(intoScenario.status == 64)
        #expect(intoScenario.stderr.contains("the report is the same file as the scenario"))
        let db = folder + "/r.sqlite"
        let both = CLI.run(["run", Self.xrp, "-q", "--out", db, "--html", db])
        #expect(both.status == 64)
        #expect(
            both.stderr
                == "hedgesim: \(db): the HTML report (--html) is the same file as the report (\(db)); not overwritten\n"
        )
        #expect(!FileManager.default.fileExists(atPath: db))
        #expect(CLI.run(["run", Self.xrp, "-q", "--out", db]).status == 0)
        let report = Self.contents(db)
        let html = CLI.run(["report", db, "--html", db])
        #expect(html.status == 64)
        #expect(
            html.stderr == "hedgesim: \(db): the HTML report is the same file as the report (\(db)); not overwritten\n")
        #expect(Self.contents(db) == report)
        #expect(Self.names(folder) == ["XRPUSDT-5m-2021-11.csv.zst", "r.sqlite", "s.yaml"])
    }

    @Test func aSecondWriterStopsWithThePidOrWaits() throws {
        let folder = CLI.temporaryFolder("lock")
        let db = folder + "/r.sqlite"
        let stray = folder + "/.r.sqlite.999999.1.tmp"
        _ = FileManager.default.createFile(atPath: stray, contents: Data("half a report".utf8))
        let lock = HeldLock(db)
        let busy = CLI.run(["run", Self.xrp, "-q", "--out", db])
        #expect(busy.status == 75)
        #expect(
            busy.stderr
                == "hedgesim: \(db): report in use by another hedgesim (pid \(getpid())); wait for it with --wait\n")
        #expect(!FileManager.default.fileExists(atPath: db))
        let released = Date().addingTimeInterval(1)
        DispatchQueue.global().asyncAfter(deadline: .now() + 1) { lock.release() }
        let waited = CLI.run(["run", Self.xrp, "-q", "--out", db, "--wait"])
        #expect(waited.status == 0, "\(waited.stderr)")
        #expect(Date() >= released)
        #expect(CLI.sqlite(db, "PRAGMA integrity_check") == "ok")
        // The stray temporary file of a writer that died is gone; so is the lock file.
        #expect(Self.names(folder) == ["r.sqlite"])
    }

    @Test func sigtermLeavesThePreviousReportAndNoTemporary() throws {
        let folder = CLI.temporaryFolder("sigterm")
        let db = folder + "/r.sqlite"
        let first = CLI.run(["run", Self.xrp, "-q", "--out", db])
        #expect(first.status == 0)
        let before = Self.contents(db)
        let out = CLI.run(
            ["compare", "scenarios/quickstart.yaml", "--out", db, "-q"], interruptAfter: 0.5, signal: SIGTERM)
        #expect(out.status == 143 && !out.signaled, "\(out.status) \(out.signaled) \(out.stderr)")
        #expect(out.stderr == "hedgesim: interrupted (SIGTERM); nothing was replaced and no temporary file is left\n")
        #expect(Self.contents(db) == before)
        #expect(Self.names(folder) == ["r.sqlite"])
    }

    /// A signal after the report is in place (here while waiting for the HTML page's lock) keeps
    /// the new report, writes no page and exits 130.
    @Test func aSignalAfterTheReportStopsTheLaterOutputs() throws {
        let folder = CLI.temporaryFolder("late")
        let db = folder + "/r.sqlite"
        let html = folder + "/r.html"
        let lock = HeldLock(html)
        defer { lock.release() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["run", Self.xrp, "-q", "--out", db, "--html", html, "--wait"]
        process.currentDirectoryURL = URL(fileURLWithPath: Fixtures.repositoryRoot)
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while !FileManager.default.fileExists(atPath: db), Date() < deadline { usleep(10_000) }
        usleep(200_000)
        kill(process.processIdentifier, SIGINT)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(
            stderr == "hedgesim: interrupted (SIGINT); the report \(db) is complete, later outputs were not written\n")
        #expect(CLI.sqlite(db, "PRAGMA integrity_check") == "ok")
        #expect(Self.names(folder) == [".r.html.lock", "r.sqlite"])
    }

    @Test func controlCharactersFromSignalFilesAreEscaped() throws {
        let folder = CLI.temporaryFolder("escape")
        let decompress = Process()
        decompress.executableURL = URL(fileURLWithPath: "/usr/bin/zstd")
        decompress.arguments = ["-dc", Fixtures.path("data/signals/xrp-2021-11.jsonl.zst")]
        let pipe = Pipe()
        decompress.standardOutput = pipe
        try decompress.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        decompress.waitUntilExit()
        let evil = text.replacingOccurrences(
            of: "\"strategy_id\":\"", with: "\"strategy_id\":\"\\u001b]0;pwned\\u0007\\u001b[2J")
        try evil.write(toFile: folder + "/s.jsonl", atomically: true, encoding: .utf8)
        let root = Fixtures.repositoryRoot
        let scenario = folder + "/evil.yaml"
        try """
        name: "evil\\e[2J"
        data:
          interval: 5m
          klines: {XRPUSDT: \(root)/data/klines/XRPUSDT-5m-2021-11.csv.zst}
          symbol_rules: \(root)/data/rules/exchange-info.json
        signals: \(folder)/s.jsonl
        report: {path: \(folder)/r.sqlite}
        """.write(toFile: scenario, atomically: true, encoding: .utf8)
        let run = CLI.run(["run", scenario, "-q"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = CLI.run(["report", folder + "/r.sqlite"])
        #expect(report.status == 0)
        for out in [run, report] {
            #expect(!out.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
            #expect(!out.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
            #expect(out.stdout.contains("\\e]0;pwned\\u{7}\\e[2J"))
        }
        #expect(run.stdout.contains("evil\\e[2J"))
    }

    @Test func reportsOfAnotherSchemaVersionAreExit65() throws {
        let folder = CLI.temporaryFolder("version")
        let db = folder + "/r.sqlite"
        #expect(CLI.run(["run", Self.xrp, "-q", "--out", db]).status == 0)
        let current = CLI.sqlite(db, "PRAGMA user_version")
        _ = CLI.sqlite(db, "PRAGMA user_version = 1")
        let old = CLI.run(["report", db])
        #expect(old.status == 65)
        #expect(
            old.stderr
                == "hedgesim: \(db): report written by an older hedgesim; this one reads schema version \(current), run the scenario again (user_version 1)\n"
        )
        let export = CLI.run(["export", db, "--out", folder + "/csv"])
        #expect(export.status == 65)
        #expect(export.stderr == old.stderr)
        #expect(!FileManager.default.fileExists(atPath: folder + "/csv"))
        _ = CLI.sqlite(db, "PRAGMA user_version = 99")
        let newer = CLI.run(["report", db, "--html", folder + "/r.html"])
        #expect(newer.status == 65)
        #expect(
            newer.stderr
                == "hedgesim: \(db): report written by a newer hedgesim; this one reads schema version \(current) (user_version 99)\n"
        )
        #expect(Self.names(folder) == ["r.sqlite"])
    }

    @Test func aFailedExportLeavesTheFolderAsItWas() throws {
        let folder = CLI.temporaryFolder("export")
        let db = folder + "/r.sqlite"
        #expect(CLI.run(["run", Self.xrp, "-q", "--out", db]).status == 0)
        let out = folder + "/csv"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: out + "/runs.csv", contents: Data("old".utf8))
        #expect(mkfifo(out + "/fills.csv", 0o644) == 0)
        let refused = CLI.run(["export", db, "--out", out])
        #expect(refused.status == 73)
        #expect(refused.stderr == "hedgesim: \(out)/fills.csv: is a FIFO, not a regular file; not replaced\n")
        #expect(Self.names(out) == ["fills.csv", "runs.csv"])
        #expect(Self.contents(out + "/runs.csv") == Data("old".utf8))
        let notAFolder = CLI.run(["export", db, "--out", db])
        #expect(notAFolder.status == 73)
        #expect(notAFolder.stderr == "hedgesim: \(db): is not a folder; nothing exported\n")
        unlink(out + "/fills.csv")
        let ok = CLI.run(["export", db, "--out", out])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(Self.contents(out + "/runs.csv") != Data("old".utf8))
        #expect(!Self.names(out).contains { $0.hasPrefix(".") || $0.hasSuffix(".partial") })
    }

    @Test func usageErrorsAndLoopsAreOneLine() throws {
        let folder = CLI.temporaryFolder("usage")
        let missing = CLI.run(["run"])
        #expect(missing.status == 64)
        #expect(missing.stderr == "hedgesim: Missing expected argument '<scenario>'\n")
        let unknown = CLI.run(["export", "r.sqlite", "--out", folder, "--bogus"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.hasPrefix("hedgesim: Unknown option '--bogus'"))
        #expect(unknown.stderr.split(separator: "\n").count == 1)
        try FileManager.default.createSymbolicLink(atPath: folder + "/loop", withDestinationPath: "loop")
        let loop = CLI.run(["run", Self.xrp, "-q", "--out", folder + "/loop"])
        #expect(loop.status == 66)
        #expect(loop.stderr == "hedgesim: \(folder)/loop: too many levels of symbolic links (a loop)\n")
        let help = CLI.run(["run", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--wait"))
    }
}
