import Feeds

/// The kline reader on `.zip` files (the zip directory, stored and deflated entries).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKlinesZip(_ data: UnsafeRawPointer?, _ count: Int) -> CInt {
    let path = fuzzFile(UnsafeRawBufferPointer(start: data, count: count), suffix: ".csv.zip")
    _ = try? KlineReader.read(path)
    return 0
}
