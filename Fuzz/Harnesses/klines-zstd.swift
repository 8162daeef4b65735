import Feeds

/// The kline reader on `.zst` files (the zstd byte source, its size hint, a cut stream). The
/// prefetching path decompresses the same way on another thread and is left out for speed.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKlinesZstd(_ data: UnsafeRawPointer?, _ count: Int) -> CInt {
    let path = fuzzFile(UnsafeRawBufferPointer(start: data, count: count), suffix: ".csv.zst")
    _ = try? KlineReader.read(path)
    return 0
}
