// CaptureBench: throughput and CPU of `hedgesim signals record` (the Capture library) against a
// local nats-server.
//
//   CaptureBench [--messages N] [--rate N/s] [--jetstream]
//
// Starts `nats-server` (from PATH or /usr/sbin) on 127.0.0.1 and a free port, records into a
// temporary folder, and publishes real-shaped signals (about 560 bytes) from a child process
// (this executable with `publish`), so the CPU figure is the recorder's alone: messages/s
// between the first and the last message recorded, and the recorder's CPU time (user + system)
// over that window as a percentage of one core. With --jetstream the messages are stored in a
// stream first and the recorder backfills it.
import Capture
import Foundation
import NATS
import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

/// A signal in the live contract; `index` makes each one distinct.
func signal(_ index: Int) -> ByteBuffer {
    let symbols = ["BTCUSDT", "ETHUSDT", "LTCUSDT", "LINKUSDT"]
    let text =
        #"{"strategy_id":"rsi_extreme_reversal","signal_id":"rsi_extreme_reversal-bench-"#
        + "\(index)"
        + #"","strategy_mode":"deterministic","symbol":""# + symbols[index % 4]
        + #"","action":"buy","confidence":0.7077,"strength":"strong","price":59.24,"quantity":0.0,"#
        + #""current_price":59.24,"source":"petrosa-cio","strategy":"rsi_extreme_reversal","timeframe":"15m","#
        + #""order_type":"market","time_in_force":"GTC","position_size_pct":0.05,"stop_loss":58.65,"#
        + #""stop_loss_pct":null,"take_profit":60.42,"take_profit_pct":null,"#
        + #""metadata":{"rsi_2":5.494505,"threshold_type":"extreme"},"timestamp":"2026-02-01T01:15:00.000Z"}"#
    return ByteBuffer(string: text)
}

func publish(url: String, subject: String, messages: Int, rate: Int) async throws {
    let client = try await NATSClient.connect(NATSOptions(url: url))
    let payloads = (0..<256).map(signal)
    let start = ContinuousClock.now
    for index in 0..<messages {
        if rate > 0, index % max(1, rate / 1000) == 0 {
            let due = start + .nanoseconds(Int64(Double(index) / Double(rate) * 1e9))
            if due > ContinuousClock.now { try await Task.sleep(until: due, clock: .continuous) }
        }
        try await client.publish(payloads[index % payloads.count], to: subject)
    }
    try await client.flush(timeout: .seconds(120))
    await client.close()
}

func startServer(_ directory: String) throws -> (Process, String) {
    let candidates =
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        + ["/usr/sbin", "/usr/local/bin"]
    guard let executable = candidates.map({ $0 + "/nats-server" }).first(where: FileManager.default.isExecutableFile)
    else { throw CaptureError(.unavailable, "nats-server not found") }
    let log = directory + "/server.log"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = ["-a", "127.0.0.1", "-p", "-1", "-js", "-sd", directory + "/store", "-l", log]
    try process.run()
    for _ in 0..<3000 {
        if let text = try? String(contentsOfFile: log, encoding: .utf8), text.contains("Server is ready"),
            let range = text.range(of: "Listening for client connections on "),
            let port = text[range.upperBound...].prefix(while: { $0 != "\n" }).split(separator: ":").last.flatMap({
                Int($0)
            })
        {
            return (process, "nats://127.0.0.1:\(port)")
        }
        usleep(10_000)
    }
    process.terminate()
    throw CaptureError(.unavailable, "nats-server did not start")
}

func benchmark(messages: Int, rate: Int, jetStream: Bool) async throws {
    let directory = FileManager.default.temporaryDirectory.path + "/capturebench-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: directory + "/out", withIntermediateDirectories: true)
    let (server, url) = try startServer(directory)
    defer {
        server.terminate()
        server.waitUntilExit()
        try? FileManager.default.removeItem(atPath: directory)
    }
    func startPublisher() throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = ["publish", url, "signals.trading.bench", String(messages), String(rate)]
        try process.run()
        return process
    }
    var configuration = RecordingConfiguration(nats: NATSOptions(url: url), directory: directory + "/out")
    if jetStream {
        let client = try await NATSClient.connect(NATSOptions(url: url))
        _ = try await JetStream(client: client, requestTimeout: .seconds(30)).createStream(
            StreamConfig(name: "BENCH", subjects: ["signals.trading.>"]))
        let publisher = try startPublisher()
        publisher.waitUntilExit()
        await client.close()
        configuration.stream = "BENCH"
    }
    let session = RecordingSession(configuration: configuration) { _ in }
    let recording = Task { try await session.run() }
    if !jetStream {
        try await Task.sleep(for: .seconds(1))
        _ = try startPublisher()
    }
    while session.status.messages == 0 { try await Task.sleep(for: .milliseconds(1)) }
    let start = ContinuousClock.now
    let cpuStart = cpuSeconds()
    let deadline = start + .seconds(Double(messages) / 10_000 + 60)
    while session.status.messages < messages, ContinuousClock.now < deadline {
        try await Task.sleep(for: .milliseconds(1))
    }
    let seconds = (ContinuousClock.now - start).seconds
    let cpu = cpuSeconds() - cpuStart
    session.stop()
    let status = try await recording.value
    let measured = Double(status.messages) / seconds
    let label = jetStream ? "JetStream backfill" : rate > 0 ? "core NATS paced at \(rate)/s" : "core NATS flat out"
    print(
        String(
            format:
                "%@: %d messages recorded in %.3f s: %.0f messages/s, recorder CPU %.0f%% of one core "
                + "(%.0f messages per CPU second), %.1f MB zstd in %d files",
            label, status.messages, seconds, measured, cpu / seconds * 100, Double(status.messages) / max(cpu, 1e-9),
            Double(status.bytes) / 1e6, status.files))
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

var arguments = CommandLine.arguments.dropFirst()
if arguments.first == "publish" {
    let values = Array(arguments.dropFirst())
    try await publish(url: values[0], subject: values[1], messages: Int(values[2]) ?? 0, rate: Int(values[3]) ?? 0)
    exit(0)
}
var messages = 500_000
var rate = 0
var jetStream = false
while let flag = arguments.popFirst() {
    switch flag {
    case "--messages": messages = Int(arguments.popFirst() ?? "") ?? messages
    case "--rate": rate = Int(arguments.popFirst() ?? "") ?? 0
    case "--jetstream": jetStream = true
    default:
        FileHandle.standardError.write(Data("unknown argument (\(flag))\n".utf8))
        exit(64)
    }
}
try await benchmark(messages: messages, rate: rate, jetStream: jetStream)
