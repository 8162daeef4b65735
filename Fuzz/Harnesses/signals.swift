import Feeds
import TradeEngine

/// The JSON reader and the signal decoder: the whole input as one JSON document, then every
/// line as a signal, as a signal file is read.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSignals(_ data: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: count)
    _ = try? JSONFile.parse(bytes, path: "x.json")
    let lines = LineReader(source: FuzzSource(bytes), path: "s.jsonl", bufferSize: 64)
    var decoder = SignalDecoder()
    while let line = try? lines.next() {
        _ = try? decoder.decode(line.bytes, file: "s.jsonl", line: line.number)
    }
    return 0
}
