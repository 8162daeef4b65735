import ArgumentParser
import Feeds
import Foundation
import Market

/// `hedgesim bench read FILE… [--runs N]`: kline parsing speed against bare decompression.
struct BenchReadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Time kline reading of .csv and .csv.zst files against `zstd -dc` (median of N runs).",
        discussion: """
            For a .csv.zst file the content is also decompressed to a temporary .csv, so both forms \
            are timed. The ratio compares parsing the .csv.zst with `zstd -dc FILE > /dev/null` \
            (a process, measured in the same run) and with decompression alone in this process.
            """)

    @Argument(help: "Kline files (.csv, .csv.zst, .zip).")
    var files: [String]

    @Option(help: "Timed runs per measurement; the median is printed.")
    var runs = 5

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
    }

    func run() throws {
        try CLIError.run {
            #if DEBUG
            CLIError.print("warning: debug build; measure with `swift build -c release`")
            #endif
            for (index, path) in files.enumerated() {
                if index > 0 { print("") }
                try bench(path)
            }
        }
    }

    func bench(_ path: String) throws {
        let rows = try KlineReader.read(path).series.count
        print("\(path): \(rows) rows, median of \(runs) runs")
        let parse = try median { _ = try KlineReader.read(path) }
        if path.hasSuffix(".zst") || path.hasSuffix(".zip") {
            let plain = try decompressToTemporary(path)
            defer { try? FileManager.default.removeItem(atPath: plain) }
            let parsePlain = try median { _ = try KlineReader.read(plain) }
            let decompress = try median { try drain(path) }
            line("parse .csv", parsePlain, rows: rows)
            line("parse \(path.hasSuffix(".zst") ? ".csv.zst" : ".zip")", parse, rows: rows)
            line("decompress only", decompress, note: "in process, no parsing")
            if path.hasSuffix(".zst") {
                let external = try median { try zstd(["-dc", "-q", path]) }
                let spawn = try median { try zstd(["-q", "-V"]) }
                line("zstd -dc", external, note: "process, output to /dev/null")
                line("zstd -V", spawn, note: "process start-up alone")
                let net = external - spawn
                print(
                    "  ratio          parse .csv.zst / zstd -dc = \(format(parse / external, 2))×;"
                        + " / (zstd -dc − start-up) = \(net > 0 ? format(parse / net, 2) + "×" : "n/a");"
                        + " / in-process decompression = \(format(parse / decompress, 2))×")
            }
        } else {
            line("parse", parse, rows: rows)
        }
    }

    /// The median wall time in seconds of `runs` calls (after one warm-up call).
    func median(_ body: () throws -> Void) throws -> Double {
        try body()
        var times: [Double] = []
        let clock = ContinuousClock()
        for _ in 0..<runs {
            let elapsed = try clock.measure { try body() }
            times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        times.sort()
        return times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
    }

    func line(_ label: String, _ seconds: Double, rows: Int? = nil, note: String? = nil) {
        var text = "  " + label.padding(toLength: 17, withPad: " ", startingAt: 0) + format(seconds * 1000, 2) + " ms"
        if let rows { text += "   \(format(Double(rows) / seconds / 1e6, 2)) M rows/s" }
        if let note { text += "   (\(note))" }
        print(text)
    }

    func format(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }

    /// Reads a source to the end without parsing.
    func drain(_ path: String) throws {
        let source = try ByteSources.open(path)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 18, alignment: 16)
        defer { buffer.deallocate() }
        while try source.read(into: buffer) > 0 {}
    }

    /// Writes the decompressed content next to the system's temporary files; returns the path.
    func decompressToTemporary(_ path: String) throws -> String {
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
    func zstd(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["zstd"] + arguments
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()
        done.wait()
        guard process.terminationStatus == 0 else {
            throw ValidationError(
                "zstd \(arguments.joined(separator: " ")) failed with status \(process.terminationStatus)")
        }
    }
}
