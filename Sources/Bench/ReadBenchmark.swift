import Feeds
import Foundation
import Market
import Pipeline

/// `hedgesim bench read`: kline parsing speed against bare decompression.
///
/// For a `.csv.zst` or `.zip` file the content is also decompressed to a temporary `.csv`, so
/// both forms are timed; for `.csv.zst` the parse time is compared with `zstd -dc FILE >
/// /dev/null` (a process, measured in the same run) and with decompression alone in this
/// process. Every figure is the median of `runs` timed calls after one warm-up call.
public struct ReadBenchmark: Sendable {
    /// Timed calls per measurement.
    public var runs: Int

    public init(runs: Int = 5) { self.runs = max(1, runs) }

    /// Measures one file and emits the printout line by line.
    ///
    /// - Throws: `FeedError` when the file cannot be read as klines, `BenchmarkError` when
    ///   `zstd` fails.
    public func run(_ path: String, emit: (String) -> Void) throws {
        let rows = try KlineReader.read(path).series.count
        emit("\(path): \(rows) rows, median of \(runs) runs")
        let parse = try median { _ = try KlineReader.read(path) }
        if path.hasSuffix(".zst") || path.hasSuffix(".zip") {
            let plain = try Self.decompressToTemporary(path)
            defer { try? FileManager.default.removeItem(atPath: plain) }
            let parsePlain = try median { _ = try KlineReader.read(plain) }
            let decompress = try median { try Self.drain(path) }
            emit(Self.line("parse .csv", parsePlain, rows: rows))
            emit(Self.line("parse \(path.hasSuffix(".zst") ? ".csv.zst" : ".zip")", parse, rows: rows))
            emit(Self.line("decompress only", decompress, note: "in process, no parsing"))
            if path.hasSuffix(".zst") {
                let external = try median { try Self.zstd(["-dc", "-q", path]) }
                let spawn = try median { try Self.zstd(["-q", "-V"]) }
                emit(Self.line("zstd -dc", external, note: "process, output to /dev/null"))
                emit(Self.line("zstd -V", spawn, note: "process start-up alone"))
                let net = external - spawn
                emit(
                    "  ratio          parse .csv.zst / zstd -dc = \(Self.format(parse / external, 2))×;"
                        + " / (zstd -dc − start-up) = \(net > 0 ? Self.format(parse / net, 2) + "×" : "n/a");"
                        + " / in-process decompression = \(Self.format(parse / decompress, 2))×")
            }
        } else {
            emit(Self.line("parse", parse, rows: rows))
        }
    }

    /// The median wall time in seconds of `runs` calls (after one warm-up call).
    func median(_ body: () throws -> Void) throws -> Double {
        try body()
        var times: [Double] = []
        let clock = ContinuousClock()
        for _ in 0..<runs {
            times.append(TextFormat.seconds(try clock.measure { try body() }))
        }
        times.sort()
        return times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
    }

    static func line(_ label: String, _ seconds: Double, rows: Int? = nil, note: String? = nil) -> String {
        var text = "  " + label.padding(toLength: 17, withPad: " ", startingAt: 0) + format(seconds * 1000, 2) + " ms"
        if let rows { text += "   \(format(Double(rows) / seconds / 1e6, 2)) M rows/s" }
        if let note { text += "   (\(note))" }
        return text
    }

    static func format(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }

    /// Reads a source to the end without parsing.
    static func drain(_ path: String) throws {
        let source = try ByteSources.open(path)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 18, alignment: 16)
        defer { buffer.deallocate() }
        while try source.read(into: buffer) > 0 {}
    }

    /// Writes the decompressed content next to the system's temporary files; returns the path.
    static func decompressToTemporary(_ path: String) throws -> String {
        let name = (path as NSString).lastPathComponent
        let target =
            NSTemporaryDirectory() + "hedgesim-bench-\(ProcessInfo.processInfo.processIdentifier)-"
            + name
            .replacingOccurrences(of: ".zst", with: "").replacingOccurrences(of: ".zip", with: ".csv")
        let source = try ByteSources.open(path)
        var data = Data()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 18, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = try source.read(into: buffer)
            if n == 0 { break }
            data.append(buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), count: n)
        }
        try data.write(to: URL(fileURLWithPath: target))
        return target
    }

    /// Runs `zstd ARGUMENTS` with its output sent to /dev/null and waits for it.
    static func zstd(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["zstd"] + arguments
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()
        done.wait()
        guard process.terminationStatus == 0 else {
            throw BenchmarkError(
                .usage, "zstd \(arguments.joined(separator: " ")) failed with status \(process.terminationStatus)")
        }
    }
}
