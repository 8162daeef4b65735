import Feeds

/// The kline reader on plain CSV bytes: `read` and `verify` must return or throw, never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKlines(_ data: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: count)
    _ = try? KlineReader.read(LineReader(source: FuzzSource(bytes), path: "AVAXUSDT-1m-2026-02.csv", bufferSize: 64))
    _ = KlineReader.verify(LineReader(source: FuzzSource(bytes), path: "x.csv", bufferSize: 64), limit: 5)
    return 0
}
