import Foundation
import TestSupport

/// Runs the built `hedgesim` binary (`.build/debug/hedgesim`, built by `swift build
/// --build-tests`) as a subprocess.
enum CLI {
    struct Output {
        var status: Int32
        /// True when the process ended by a signal (then `status` is the signal number).
        var signaled: Bool
        var stdout: String
        var stderr: String
    }

    /// The binary: `HEDGESIM_BINARY` (a sanitizer build, `make test-asan`) or the debug build.
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["HEDGESIM_BINARY"], !path.isEmpty {
            return path.hasPrefix("/") ? path : Fixtures.path(path)
        }
        for candidate in [".build/debug/hedgesim", ".build/x86_64-unknown-linux-gnu/debug/hedgesim"] {
            let path = Fixtures.path(candidate)
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return Fixtures.path(".build/debug/hedgesim")
    }

    /// A fresh temporary folder.
    static func temporaryFolder(_ name: String) -> String {
        let path =
            FileManager.default.temporaryDirectory.path
            + "/hedgesim-cli-\(name)-\(ProcessInfo.processInfo.globallyUniqueString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Runs `hedgesim args…` from the repository root; `interruptAfter` sends `signal` (SIGINT)
    /// after that many seconds.
    static func run(
        _ args: [String], environment: [String: String] = [:], interruptAfter: Double? = nil, signal: Int32 = SIGINT
    ) -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = args
        process.currentDirectoryURL = URL(fileURLWithPath: Fixtures.repositoryRoot)
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try! process.run()
        if let delay = interruptAfter {
            Thread.sleep(forTimeInterval: delay)
            if process.isRunning { kill(process.processIdentifier, signal) }
        }
        let (stdout, stderr) = PipeOutput.readBoth(out, err)
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
            stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// `sqlite3 DB "query"` output, trimmed.
    static func sqlite(_ db: String, _ query: String) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [db, query]
        let out = Pipe()
        process.standardOutput = out
        try! process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The `result` digest lines of a run or compare summary.
    static func digests(_ text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count == 3, parts[0] == "digest", parts[1] == "result" else { return nil }
            return String(parts[2])
        }
    }
}
