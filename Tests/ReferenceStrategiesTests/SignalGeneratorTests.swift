import Feeds
import Foundation
import Market
import ReferenceStrategies
import TestSupport
import Testing

@Suite struct SignalGeneratorTests {
    static let quickstartKlines = ["AVAXUSDT", "DOTUSDT", "LINKUSDT", "LTCUSDT"].map {
        Fixtures.path("data/klines/\($0)-1m-2026-02.csv.zst")
    }

    static func folder(_ name: String) -> String {
        let path =
            FileManager.default.temporaryDirectory.path + "/hedgesim-signals-\(name)-"
            + ProcessInfo.processInfo.globallyUniqueString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The shipped quickstart signals are what the generator writes for the quickstart klines
    /// with the default options, byte for byte (README: how `data/signals/quickstart.jsonl.zst`
    /// was made).
    @Test func regeneratesTheQuickstartSignals() throws {
        let folder = Self.folder("quickstart")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try SignalGenerator().write(klineFiles: Self.quickstartKlines, to: folder + "/q.jsonl")
        #expect(file.count == 3786)
        #expect(
            file.perStrategy.map(\.name) == [
                "mean_reversion_v1", "momentum_v1", "rsi_extreme_reversal", "volume_surge_breakout",
            ])
        #expect(file.perStrategy.map(\.count) == [1007, 1282, 1314, 183])
        let written = try #require(FileManager.default.contents(atPath: folder + "/q.jsonl"))
        #expect(Array(written) == (try Self.decompressed(Fixtures.path("data/signals/quickstart.jsonl.zst"))))
    }

    /// A `.zst` output holds the same lines, compressed.
    @Test func compressesZstOutput() throws {
        let folder = Self.folder("zst")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var options = SignalGenerator.Options()
        options.strategies = [.momentum, .meanReversion]
        options.timeframe = .h1
        options.strategyMode = nil
        let generator = SignalGenerator(options: options)
        let plain = try generator.write(klineFiles: [Self.quickstartKlines[0]], to: folder + "/s.jsonl")
        let compressed = try generator.write(klineFiles: [Self.quickstartKlines[0]], to: folder + "/s.jsonl.zst")
        #expect(plain.count == compressed.count)
        #expect(plain.count > 0)
        #expect(plain.perStrategy.map(\.name) == ["mean_reversion_v1", "momentum_v1"])
        let text = try #require(FileManager.default.contents(atPath: folder + "/s.jsonl"))
        #expect(try Self.decompressed(folder + "/s.jsonl.zst") == Array(text))
        let lines = String(decoding: text, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == plain.count)
        #expect(lines.allSatisfy { $0.contains(#""timeframe":"1h""#) })
        #expect(lines.contains { $0.contains(#""strategy_mode":"ml_light""#) })
        #expect(lines.contains { $0.contains(#""strategy_mode":"llm_reasoning""#) })
    }

    @Test func unwritableOutputIsAnError() throws {
        let folder = Self.folder("unwritable")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = FileManager.default.createFile(atPath: folder + "/file", contents: Data("x".utf8))
        let path = folder + "/file/s.jsonl"
        do {
            _ = try SignalGenerator().write(klineFiles: [Self.quickstartKlines[0]], to: path)
            Issue.record("no error")
        } catch let error as OutputFileError {
            #expect(error.kind == .io)
            #expect(error.message == "\(folder)/file: cannot create the signal file folder (not a folder)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["file"])
    }

    @Test func outputThatIsAnInputIsRefused() throws {
        let folder = Self.folder("same")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let klines = folder + "/AVAXUSDT-1m-2026-02.csv.zst"
        try FileManager.default.copyItem(atPath: Self.quickstartKlines[0], toPath: klines)
        let before = try Data(contentsOf: URL(fileURLWithPath: klines))
        do {
            _ = try SignalGenerator().write(klineFiles: [klines], to: klines)
            Issue.record("no error")
        } catch let error as OutputFileError {
            #expect(error.kind == .sameFile)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: klines)) == before)
    }

    @Test func missingKlinesAreAFeedError() throws {
        let folder = Self.folder("missing")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            _ = try SignalGenerator().write(klineFiles: [folder + "/NOPE-1m.csv"], to: folder + "/s.jsonl")
            Issue.record("expected an error")
        } catch let error as FeedError {
            #expect(error.kind == .missingFile)
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/s.jsonl"))
    }

    static func decompressed(_ path: String) throws -> [UInt8] {
        let source = try ByteSources.open(path)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        var bytes: [UInt8] = []
        while true {
            let n = try source.read(into: buffer)
            if n == 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
        }
        return bytes
    }
}
