import Feeds
import Foundation
import Market

/// What `SignalGenerator.write(klineFiles:to:)` wrote.
public struct SignalFileSummary: Sendable {
    /// The output path.
    public var path: String
    /// Signals written.
    public var count: Int
    /// Signals per strategy, by strategy name, only strategies that emitted any.
    public var perStrategy: [(name: String, count: Int)]
}

extension SignalGenerator {
    /// The generated signals as JSON Lines, one `\n`-terminated line each.
    public static func jsonLines(_ signals: [GeneratedSignal]) -> [UInt8] {
        var bytes: [UInt8] = []
        for signal in signals {
            bytes.append(contentsOf: signal.json.utf8)
            bytes.append(0x0A)
        }
        return bytes
    }

    /// Reads kline files (the symbol comes from each file's name), generates the signals and
    /// writes them as JSON Lines to `path`, zstd-compressed when it ends in `.zst`. The same
    /// klines give the same bytes.
    ///
    /// The output is written through an `OutputFile` (a temporary file renamed into place under
    /// its lock); `wait` waits for another writer of it, `isCancelled` is asked before the rename.
    ///
    /// - Throws: `FeedError` for a kline file that is missing or malformed; `OutputFileError`
    ///   when the output is refused (not a regular file, one of the kline files, locked) or
    ///   cannot be written.
    public func write(
        klineFiles: [String], to path: String, wait: Bool = false, isCancelled: () -> Bool = { false }
    ) throws -> SignalFileSummary {
        try OutputFile.requireDistinct(
            outputs: [("the signal file", path)], inputs: klineFiles.map { ("the kline file", $0) })
        try OutputFile.resolve(path)
        var series: [KlineSeries] = []
        for file in klineFiles {
            series.append(try KlineReader.read(file).series)
        }
        let signals = generate(series)
        var bytes = Self.jsonLines(signals)
        if path.hasSuffix(".zst") { bytes = ZstdCompressor.compress(bytes) }
        let output = try OutputFile(path: path, role: "signal file", wait: wait, isCancelled: isCancelled)
        try output.write(bytes)
        try output.commit(isCancelled: isCancelled)
        var counts = [Int](repeating: 0, count: Strategy.allCases.count)
        for signal in signals {
            counts[Strategy.allCases.firstIndex(of: signal.strategy)!] += 1
        }
        let perStrategy = zip(Strategy.allCases, counts).filter { $0.1 > 0 }.map { (name: $0.0.rawValue, count: $0.1) }
            .sorted { $0.name < $1.name }
        return SignalFileSummary(path: path, count: signals.count, perStrategy: perStrategy)
    }
}
