// NATSBench: throughput and CPU of the NATS client against a local nats-server.
//
//   NATSBench [--server URL] [--messages N] [--size BYTES] [--rate N/s] [--jetstream]
//
// Without --server it starts `nats-server` (from PATH or /usr/sbin) on 127.0.0.1 and a free port,
// with JetStream in a temporary directory, and stops it at the end. The publisher runs as a
// child process (this executable with `publish`), so the figures are the subscriber's alone:
// messages/s between the first and the last message received, and the subscriber's CPU time
// (user + system, getrusage) over that window as a percentage of one core.
import Foundation
import NATS
import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct Settings {
    var server: String?
    var messages = 500_000
    var size = 500
    var rate: Int?
    var jetStream = false
}

func parseSettings(_ arguments: ArraySlice<String>) -> Settings {
    var settings = Settings()
    var rest = arguments
    while let flag = rest.popFirst() {
        switch flag {
        case "--server": settings.server = rest.popFirst()
        case "--messages": settings.messages = Int(rest.popFirst() ?? "") ?? settings.messages
        case "--size": settings.size = Int(rest.popFirst() ?? "") ?? settings.size
        case "--rate": settings.rate = Int(rest.popFirst() ?? "")
        case "--jetstream": settings.jetStream = true
        default:
            FileHandle.standardError.write(Data("unknown argument (\(flag))\n".utf8))
            exit(2)
        }
    }
    return settings
}

func cpuSeconds() -> Double {
    var usage = rusage()
    #if canImport(Glibc)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
        + Double(usage.ru_stime.tv_usec) / 1e6
}

/// A payload shaped like a trading signal, padded to `size` bytes.
func signalPayload(_ index: Int, size: Int) -> ByteBuffer {
    var text = "{\"strategy_id\":\"bench\",\"symbol\":\"BTCUSDT\",\"action\":\"buy\",\"seq\":\(index),\"pad\":\""
    let closing = "\"}"
    text += String(repeating: "x", count: max(0, size - text.utf8.count - closing.utf8.count)) + closing
    return ByteBuffer(string: text)
}

/// The child process: publishes `messages` payloads to `subject`, paced at `rate` when given.
func runPublisher(url: String, subject: String, messages: Int, size: Int, rate: Int?) async throws {
    let client = try await NATSClient.connect(NATSOptions(url: url))
    let start = ContinuousClock.now
    let payloads = (0..<64).map { signalPayload($0, size: size) }
    for index in 0..<messages {
        if let rate, index % max(1, rate / 1000) == 0 {
            let due = start + .nanoseconds(Int64(Double(index) / Double(rate) * 1e9))
            if due > ContinuousClock.now { try await Task.sleep(until: due, clock: .continuous) }
        }
        try await client.publish(payloads[index % payloads.count], to: subject)
    }
    try await client.flush(timeout: .seconds(60))
    await client.close()
}

/// A nats-server child on a free port, stopped when the benchmark ends.
final class LocalServer {
    let process = Process()
    let url: String
    let directory: URL

    init() throws {
        let candidates =
            (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
            + ["/usr/sbin", "/usr/local/bin"]
        guard
            let executable = candidates.map({ $0 + "/nats-server" }).first(where: FileManager.default.isExecutableFile)
        else {
            throw NSError(domain: "NATSBench", code: 1, userInfo: [NSLocalizedDescriptionKey: "nats-server not found"])
        }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("natsbench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let log = directory.appendingPathComponent("server.log")
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-a", "127.0.0.1", "-p", "-1", "-js", "-sd", directory.path, "-l", log.path]
        try process.run()
        var port = 0
        for _ in 0..<500 {
            if let text = try? String(contentsOf: log, encoding: .utf8), text.contains("Server is ready"),
                let range = text.range(of: "Listening for client connections on ")
            {
                port =
                    text[range.upperBound...].prefix { $0 != "\n" }.split(separator: ":").last.flatMap { Int($0) } ?? 0
                break
            }
            usleep(10_000)
        }
        guard port != 0 else {
            process.terminate()
            throw NSError(
                domain: "NATSBench", code: 1, userInfo: [NSLocalizedDescriptionKey: "nats-server did not start"])
        }
        url = "nats://127.0.0.1:\(port)"
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }
}

func startPublisher(url: String, subject: String, settings: Settings) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
    process.arguments = [
        "publish", url, subject, String(settings.messages), String(settings.size),
        settings.rate.map(String.init) ?? "0",
    ]
    try process.run()
    return process
}

func report(_ label: String, received: Int, dropped: Int, seconds: Double, cpu: Double, size: Int) {
    let rate = Double(received) / seconds
    print(
        String(
            format:
                "%@: %d messages of %d bytes in %.3f s: %.0f messages/s, %.1f MB/s, subscriber CPU %.0f%% of one core, dropped %d",
            label, received, size, seconds, rate, rate * Double(size) / 1e6, cpu / seconds * 100, dropped))
}

func runCore(url: String, settings: Settings) async throws {
    let client = try await NATSClient.connect(NATSOptions(url: url))
    let subscription = try await client.subscribe(to: "bench.signals")
    try await client.flush()
    let publisher = try startPublisher(url: url, subject: "bench.signals", settings: settings)
    let watchdog = Task {
        try await Task.sleep(for: .seconds(Double(settings.messages) / Double(settings.rate ?? 20_000) + 30))
        await subscription.unsubscribe()
    }
    var received = 0
    var bytes = 0
    var first: ContinuousClock.Instant?
    var cpuAtFirst = 0.0
    for try await message in subscription {
        if first == nil {
            first = ContinuousClock.now
            cpuAtFirst = cpuSeconds()
        }
        received += 1
        bytes &+= message.payload.readableBytes
        if received == settings.messages { break }
    }
    watchdog.cancel()
    let elapsed = (ContinuousClock.now - (first ?? ContinuousClock.now)).seconds
    let cpu = cpuSeconds() - cpuAtFirst
    publisher.waitUntilExit()
    let label = settings.rate.map { "core NATS paced at \($0)/s" } ?? "core NATS flat out"
    report(
        label, received: received, dropped: subscription.droppedMessages, seconds: elapsed, cpu: cpu,
        size: settings.size)
    await client.close()
}

func runJetStream(url: String, settings: Settings) async throws {
    let client = try await NATSClient.connect(NATSOptions(url: url))
    let js = JetStream(client: client, requestTimeout: .seconds(30))
    try? await js.deleteStream("BENCH")
    _ = try await js.createStream(StreamConfig(name: "BENCH", subjects: ["bench.js"]))
    let publisher = try startPublisher(url: url, subject: "bench.js", settings: settings)
    publisher.waitUntilExit()
    while try await js.streamInfo("BENCH").state.messages < UInt64(settings.messages) {
        try await Task.sleep(for: .milliseconds(50))
    }
    var consumer = js.orderedConsumer(stream: "BENCH")
    consumer.batch = 1000
    let start = ContinuousClock.now
    let cpuStart = cpuSeconds()
    var received = 0
    for try await message in consumer.messages() {
        received += 1
        if message.metadata.streamSequence != UInt64(received) {
            print("out of order at \(received): \(message.metadata.streamSequence)")
            break
        }
        if received == settings.messages { break }
    }
    let elapsed = (ContinuousClock.now - start).seconds
    report(
        "JetStream ordered consumer", received: received, dropped: 0, seconds: elapsed, cpu: cpuSeconds() - cpuStart,
        size: settings.size)
    try await js.deleteStream("BENCH")
    await client.close()
}

extension Duration {
    var seconds: Double {
        let (whole, atto) = components
        return Double(whole) + Double(atto) / 1e18
    }
}

let arguments = CommandLine.arguments.dropFirst()
if arguments.first == "publish" {
    let values = Array(arguments.dropFirst())
    let rate = Int(values[4]) ?? 0
    try await runPublisher(
        url: values[0], subject: values[1], messages: Int(values[2]) ?? 0, size: Int(values[3]) ?? 500,
        rate: rate > 0 ? rate : nil)
    exit(0)
}
let settings = parseSettings(arguments)
let server = settings.server == nil ? try LocalServer() : nil
let url = settings.server ?? server!.url
do {
    if settings.jetStream {
        try await runJetStream(url: url, settings: settings)
    } else {
        try await runCore(url: url, settings: settings)
    }
} catch {
    print("NATSBench failed: \(error)")
    server?.stop()
    exit(1)
}
server?.stop()
