import CZstd

/// The decompressed content of a zstd file (one or more frames), streamed through
/// `ZSTD_decompressStream` with fixed-size buffers.
///
/// A file that ends inside a frame throws "zstd stream cut short"; corrupt data throws zstd's
/// own error name.
public final class ZstdByteSource: ByteSource {
    let file: FileByteSource
    let context: OpaquePointer
    let input: UnsafeMutableRawBufferPointer
    var inputEnd = 0
    var inputPosition = 0
    var fileEnded = false
    /// zstd's hint after the last call: 0 when a frame has just been completed (1 before the
    /// first call, so an empty file counts as cut short).
    var pending = 1
    /// Decompressed bytes delivered so far (for error values).
    var produced = 0
    public private(set) var sizeHint: Int?

    /// Starts decompressing `file`.
    public init(file: FileByteSource) throws(FeedError) {
        self.file = file
        guard let context = ZSTD_createDCtx() else {
            throw FeedError(file: file.path, line: 0, message: "zstd: out of memory", value: file.path)
        }
        self.context = context
        input = UnsafeMutableRawBufferPointer.allocate(byteCount: ZSTD_DStreamInSize(), alignment: 16)
        try refill()
        if inputEnd > 0 {
            let size = ZSTD_getFrameContentSize(input.baseAddress, inputEnd)
            // A frame may announce any size: only a plausible one is taken as a hint.
            if size != ZSTD_CONTENTSIZE_UNKNOWN && size != ZSTD_CONTENTSIZE_ERROR
                && size <= UInt64(ByteSources.maximumSizeHint)
            {
                sizeHint = Int(size)
            }
        }
    }

    deinit {
        ZSTD_freeDCtx(context)
        input.deallocate()
    }

    private func refill() throws(FeedError) {
        let n = try file.read(into: input)
        inputEnd = n
        inputPosition = 0
        if n == 0 { fileEnded = true }
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(FeedError) -> Int {
        guard buffer.count > 0 else { return 0 }
        while true {
            if inputPosition == inputEnd && !fileEnded { try refill() }
            if inputPosition == inputEnd && fileEnded && pending == 0 { return 0 }
            var output = ZSTD_outBuffer(dst: buffer.baseAddress, size: buffer.count, pos: 0)
            var source = ZSTD_inBuffer(src: input.baseAddress, size: inputEnd, pos: inputPosition)
            let result = ZSTD_decompressStream(context, &output, &source)
            inputPosition = source.pos
            if ZSTD_isError(result) != 0 {
                let name = String(cString: ZSTD_getErrorName(result))
                throw FeedError(
                    file: file.path, line: 0, message: "zstd: \(name)", value: "after \(produced) bytes")
            }
            pending = result
            if output.pos > 0 {
                produced += output.pos
                return output.pos
            }
            if inputPosition == inputEnd && fileEnded {
                if pending != 0 {
                    throw FeedError(
                        file: file.path, line: 0, message: "zstd stream cut short", value: "after \(produced) bytes")
                }
                return 0
            }
        }
    }
}
