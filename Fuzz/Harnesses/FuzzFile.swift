import Foundation

/// Writes the fuzz input to a per-process file ending in `suffix` (for the `.zst` and `.zip`
/// readers, which read files) and returns its path.
func fuzzFile(_ bytes: UnsafeRawBufferPointer, suffix: String) -> String {
    let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    let path = "\(folder)/hedgesim-fuzz-\(getpid())-AVAXUSDT-1m-2026-02\(suffix)"
    let data = bytes.baseAddress.map { Data(bytes: $0, count: bytes.count) } ?? Data()
    _ = FileManager.default.createFile(atPath: path, contents: data)
    return path
}
