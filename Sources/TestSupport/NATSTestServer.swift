public import Foundation

/// A `nats-server` process for one test, on 127.0.0.1 and a port the server picks (or a given
/// one, to restart on the same port).
///
/// The server runs under a small shell that kills it once the test process is gone, so a
/// crashed test run leaves no server behind; ``stop()`` and ``kill()`` end it in the normal
/// paths. Nothing here blocks a thread: Foundation's `waitUntilExit` is never called.
public final class NATSTestServer: @unchecked Sendable {
    /// The `nats-server` executable, nil when none is installed.
    public static let executable: String? = {
        var candidates = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        candidates += ["/usr/sbin", "/usr/local/bin", "/usr/bin", "/usr/local/sbin"]
        for directory in candidates {
            let path = directory + "/nats-server"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }()

    public static var isAvailable: Bool { executable != nil }

    public var port: Int { listeningPort }
    public let arguments: [String]
    public let logFile: URL
    private let process: Process
    public private(set) var serverPID: Int32 = 0
    private var stopped = false

    public var url: String { "nats://127.0.0.1:\(port)" }

    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Starts a server; `arguments` are extra `nats-server` flags (`-js`, `-sd DIR`, `-c FILE`).
    public static func start(arguments: [String] = [], port: Int? = nil) async throws -> NATSTestServer {
        guard let executable else { throw StartError(description: "nats-server not found") }
        signal(SIGPIPE, SIG_IGN)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nats-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let log = directory.appendingPathComponent("server.log")
        let all = ["-a", "127.0.0.1", "-p", port.map(String.init) ?? "-1", "-l", log.path] + arguments
        let server = try NATSTestServer(executable: executable, arguments: all, logFile: log)
        try await server.waitUntilReady()
        return server
    }

    private init(executable: String, arguments: [String], logFile: URL) throws {
        self.arguments = arguments
        self.logFile = logFile
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        // The server runs in the background; a watcher kills it when the test process (the
        // wrapper's parent) is gone. Inherited descriptors stay open: Foundation's process monitor
        // takes the close of one of them for the wrapper's exit.
        let script = """
            "$0" "$@" </dev/null >/dev/null 2>&1 &
            pid=$!
            echo "$pid" > "\(logFile.path).pid"
            (while kill -0 "$PPID" 2>/dev/null; do sleep 0.5; done; kill -9 "$pid" 2>/dev/null) </dev/null >/dev/null 2>&1 &
            watcher=$!
            wait "$pid"
            kill "$watcher" 2>/dev/null
            """
        process.arguments = ["-c", script, executable] + arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    private var listeningPort: Int = 0

    private func waitUntilReady() async throws {
        // Checked once more after the deadline: a starved test task may wake up late.
        let deadline = ContinuousClock.now + .seconds(30)
        var ready = false
        while true {
            let late = ContinuousClock.now >= deadline
            if serverPID == 0, let text = try? String(contentsOfFile: logFile.path + ".pid", encoding: .utf8),
                let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                serverPID = pid
            }
            if let log = try? String(contentsOf: logFile, encoding: .utf8) {
                if listeningPort == 0, let range = log.range(of: "Listening for client connections on ") {
                    let rest = log[range.upperBound...].prefix { $0 != "\n" }
                    listeningPort = rest.split(separator: ":").last.flatMap { Int($0) } ?? 0
                }
                ready = log.contains("Server is ready")
                if log.contains("[FTL]") { break }
            }
            if ready, listeningPort != 0, serverPID != 0 { break }
            if late || !Self.isAlive(process.processIdentifier) { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        guard ready, listeningPort != 0 else {
            let log = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
            signalAndRelease(SIGKILL)
            throw StartError(description: "nats-server did not start: \(log.suffix(800))")
        }
    }

    /// Stops the server gracefully (SIGTERM) and waits for it to exit.
    public func stop() async {
        signalAndRelease(SIGTERM)
        await waitForExit()
    }

    /// Kills the server (SIGKILL), as a crash would, and waits for it to be gone.
    public func kill() async {
        signalAndRelease(SIGKILL)
        await waitForExit()
    }

    /// Freezes (SIGSTOP) or thaws (SIGCONT) the server process.
    public func pause(_ paused: Bool) {
        if serverPID != 0 { Foundation.kill(serverPID, paused ? SIGSTOP : SIGCONT) }
    }

    private func signalAndRelease(_ signal: Int32) {
        guard !stopped else { return }
        stopped = true
        if serverPID != 0 {
            Foundation.kill(serverPID, SIGCONT)
            Foundation.kill(serverPID, signal)
        }
    }

    private func waitForExit() async {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline,
            Self.isAlive(serverPID) || Self.isAlive(process.processIdentifier)
        {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if Self.isAlive(serverPID) { Foundation.kill(serverPID, SIGKILL) }
    }

    /// True while a process exists and is not a zombie.
    public static func isAlive(_ pid: Int32) -> Bool {
        guard pid > 0, Foundation.kill(pid, 0) == 0 else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return true }
        return !stat[stat.index(after: close)...].hasPrefix(" Z")
    }

    /// Starts a new server with the same arguments on the same port (the old one must be
    /// stopped).
    public func restart() async throws -> NATSTestServer {
        var rest = arguments
        for flag in ["-p", "-a", "-l"] {
            if let index = rest.firstIndex(of: flag) { rest.removeSubrange(index...(index + 1)) }
        }
        var lastError: (any Error)?
        for _ in 0..<20 {
            do {
                return try await NATSTestServer.start(arguments: rest, port: port)
            } catch {
                lastError = error
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        throw lastError ?? StartError(description: "restart failed")
    }

    deinit {
        signalAndRelease(SIGKILL)
    }
}
