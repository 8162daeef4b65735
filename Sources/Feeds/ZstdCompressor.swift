import CZstd

/// One-shot zstd compression, for files the tools write (generated signals, benchmark inputs).
public enum ZstdCompressor {
    /// Compresses `bytes` at `level` (1…19).
    public static func compress(_ bytes: [UInt8], level: Int32 = 19) -> [UInt8] {
        let bound = ZSTD_compressBound(bytes.count)
        var output = [UInt8](repeating: 0, count: bound)
        let written = output.withUnsafeMutableBytes { out in
            bytes.withUnsafeBytes { input in
                ZSTD_compress(out.baseAddress, bound, input.baseAddress, input.count, level)
            }
        }
        precondition(ZSTD_isError(written) == 0, "zstd compression failed")
        output.removeSubrange(written...)
        return output
    }
}
