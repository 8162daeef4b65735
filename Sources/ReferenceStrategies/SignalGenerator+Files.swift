import Feeds
import Foundation
import Market

/// The output file of `SignalGenerator.write(klineFiles:to:)` could not be written: an I/O
/// failure, reported as `cannot write <path>`.
public struct SignalFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The output path.
    public var path: String

    public init(path: String) { self.path = path }

    public var description: String { "cannot write \(path)" }
}

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
    /// - Throws: `FeedError` for a kline file that is missing or malformed; `SignalFileError`
    ///   when the output cannot be written.
    public func write(klineFiles: [String], to path: String) throws -> SignalFileSummary {
        var series: [KlineSeries] = []
        for file in klineFiles {
            series.append(try KlineReader.read(file).series)
        }
        let signals = generate(series)
        var bytes = Self.jsonLines(signals)
        if path.hasSuffix(".zst") { bytes = ZstdCompressor.compress(bytes) }
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw SignalFileError(path: path)
        }
        var counts = [Int](repeating: 0, count: Strategy.allCases.count)
        for signal in signals {
            counts[Strategy.allCases.firstIndex(of: signal.strategy)!] += 1
        }
        let perStrategy = zip(Strategy.allCases, counts).filter { $0.1 > 0 }.map { (name: $0.0.rawValue, count: $0.1) }
            .sorted { $0.name < $1.name }
        return SignalFileSummary(path: path, count: signals.count, perStrategy: perStrategy)
    }
}
