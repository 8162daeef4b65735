import Foundation
import Pipeline

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program as a child process and reports its own peak memory: `wait4` returns the
/// child's `rusage`, so every measurement starts from a fresh process (a process's
/// `ru_maxrss` only ever grows, so repeated runs in one process cannot be told apart).
public enum MeasuredProcess {
    /// What a finished child reported.
    public struct Outcome: Sendable {
        /// Its standard output.
        public var output: String
        /// The exit status (or 128 + signal).
        public var status: Int32
        /// Start to exit, seconds.
        public var seconds: Double
        /// `ru_maxrss` of the child, kilobytes.
        public var peakRSSKilobytes: Int
    }

    /// The path of the running program (`/proc/self/exe` where there is one, else `argv[0]`),
    /// to start it again as a measuring child.
    public static var currentExecutable: String {
        FileManager.default.fileExists(atPath: "/proc/self/exe")
            ? (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
            : CommandLine.arguments[0]
    }

    /// Runs `executable` with `arguments` (standard error passes through) and waits for it.
    /// - Throws: `BenchmarkError` when the process cannot be started.
    public static func run(_ executable: String, _ arguments: [String]) throws(BenchmarkError) -> Outcome {
        var pipe: [Int32] = [0, 0]
        guard pipe.withUnsafeMutableBufferPointer({ makePipe($0.baseAddress!) }) == 0 else {
            throw BenchmarkError("\(executable): cannot create a pipe")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
        posix_spawn_file_actions_addclose(&actions, pipe[0])
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let clock = ContinuousClock()
        let start = clock.now
        var pid: pid_t = 0
        let spawned = argv.withUnsafeBufferPointer { args in
            posix_spawn(&pid, executable, &actions, nil, args.baseAddress!, environ)
        }
        close(pipe[1])
        guard spawned == 0 else {
            close(pipe[0])
            throw BenchmarkError("\(executable): cannot start (\(String(cString: strerror(spawned))))")
        }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(pipe[0], $0.baseAddress, $0.count) }
            if n > 0 {
                output.append(contentsOf: chunk[0..<n])
            } else if n == 0 || errno != EINTR {
                break
            }
        }
        close(pipe[0])
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let elapsed = clock.now - start
        let exited = status & 0x7F == 0
        return Outcome(
            output: String(decoding: output, as: UTF8.self),
            status: exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F),
            seconds: TextFormat.seconds(elapsed),
            peakRSSKilobytes: kilobytes(usage.ru_maxrss))
    }

    private static func makePipe(_ fds: UnsafeMutablePointer<Int32>) -> Int32 {
        #if canImport(Glibc)
        Glibc.pipe(fds)
        #else
        Darwin.pipe(fds)
        #endif
    }

    /// `ru_maxrss` is kilobytes on Linux, bytes on macOS.
    private static func kilobytes(_ maxrss: Int) -> Int {
        #if canImport(Darwin)
        maxrss / 1024
        #else
        maxrss
        #endif
    }
}
