import CZlib

/// The content of the single file in a `.zip` archive, as data.binance.vision serves them
/// (`BTCUSDT-1m-2024-01.zip` holding `BTCUSDT-1m-2024-01.csv`), inflated with zlib as it is read.
///
/// The entry is found through the central directory, so archives written with data descriptors
/// work too. Stored and deflated entries are supported; ZIP64 and encryption are not. The CRC-32
/// and size are checked at the end.
public final class ZipByteSource: ByteSource {
    let file: FileByteSource
    /// The entry's name inside the archive.
    public let entryName: String
    let method: UInt16
    let expectedCRC: UInt32
    let compressedSize: Int
    let uncompressedSize: Int
    let dataOffset: Int
    var consumed = 0
    var produced = 0
    var crc: UInt32 = 0
    var finished = false
    var stream = z_stream()
    let input: UnsafeMutableRawBufferPointer
    var inputEnd = 0
    var inputPosition = 0

    public var sizeHint: Int? { uncompressedSize <= ByteSources.maximumSizeHint ? uncompressedSize : nil }

    /// Opens the single entry of the zip archive `file`.
    public init(file: FileByteSource) throws(FeedError) {
        self.file = file
        let path = file.path
        func bad(_ message: String, _ value: String) -> FeedError {
            FeedError(file: path, line: 0, message: message, value: value)
        }
        // End of central directory: 22 bytes plus a comment of up to 65 535 bytes.
        let tailSize = min(file.size, 22 + 65_535)
        let tail = try file.bytes(count: tailSize, at: file.size - tailSize)
        guard tail.count == tailSize, tailSize >= 22 else { throw bad("not a zip archive", "\(file.size) bytes") }
        var eocd = -1
        var index = tailSize - 22
        while index >= 0 {
            if tail[index] == 0x50 && tail[index + 1] == 0x4B && tail[index + 2] == 0x05 && tail[index + 3] == 0x06 {
                eocd = index
                break
            }
            index -= 1
        }
        guard eocd >= 0 else { throw bad("not a zip archive", "no end-of-central-directory record") }
        let entryCount = Int(Self.u16(tail, eocd + 10))
        let directorySize = Int(Self.u32(tail, eocd + 12))
        let directoryOffset = Int(Self.u32(tail, eocd + 16))
        guard directoryOffset != 0xFFFF_FFFF, entryCount != 0xFFFF else {
            throw bad("ZIP64 archives are not supported", "\(entryCount) entries")
        }
        guard directoryOffset + directorySize <= file.size else {
            throw bad("zip central directory out of range", "offset \(directoryOffset)")
        }
        let directory = try file.bytes(count: directorySize, at: directoryOffset)
        struct Entry {
            var name: String
            var method: UInt16
            var flags: UInt16
            var crc: UInt32
            var compressed: Int
            var uncompressed: Int
            var offset: Int
        }
        var entries: [Entry] = []
        var position = 0
        for _ in 0..<entryCount {
            guard position + 46 <= directory.count, Self.u32(directory, position) == 0x0201_4B50 else {
                throw bad("corrupt zip central directory", "entry at offset \(directoryOffset + position)")
            }
            let nameLength = Int(Self.u16(directory, position + 28))
            let extraLength = Int(Self.u16(directory, position + 30))
            let commentLength = Int(Self.u16(directory, position + 32))
            guard position + 46 + nameLength <= directory.count else {
                throw bad("corrupt zip central directory", "entry at offset \(directoryOffset + position)")
            }
            let name = String(decoding: directory[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self)
            let entry = Entry(
                name: name, method: Self.u16(directory, position + 10), flags: Self.u16(directory, position + 8),
                crc: Self.u32(directory, position + 16), compressed: Int(Self.u32(directory, position + 20)),
                uncompressed: Int(Self.u32(directory, position + 24)), offset: Int(Self.u32(directory, position + 42)))
            if !name.hasSuffix("/") { entries.append(entry) }
            position += 46 + nameLength + extraLength + commentLength
        }
        guard entries.count == 1, let entry = entries.first else {
            throw bad("zip archive must hold exactly one file", "\(entries.count) files")
        }
        guard entry.flags & 1 == 0 else { throw bad("encrypted zip entries are not supported", entry.name) }
        guard entry.method == 0 || entry.method == 8 else {
            throw bad("unsupported zip compression method", "\(entry.method)")
        }
        let local = try file.bytes(count: 30, at: entry.offset)
        guard local.count == 30, Self.u32(local, 0) == 0x0403_4B50 else {
            throw bad("corrupt zip local header", entry.name)
        }
        entryName = entry.name
        method = entry.method
        expectedCRC = entry.crc
        compressedSize = entry.compressed
        uncompressedSize = entry.uncompressed
        dataOffset = entry.offset + 30 + Int(Self.u16(local, 26)) + Int(Self.u16(local, 28))
        input = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        if method == 8 {
            guard hedgesim_inflateInit2(&stream, -15) == Z_OK else {
                input.deallocate()
                throw bad("zlib: cannot start inflate", entry.name)
            }
        }
    }

    deinit {
        if method == 8 { inflateEnd(&stream) }
        input.deallocate()
    }

    private func refill() throws(FeedError) {
        let wanted = min(input.count, compressedSize - consumed)
        let slice = UnsafeMutableRawBufferPointer(rebasing: input[0..<wanted])
        let n = try file.read(into: slice, at: dataOffset + consumed)
        guard n == wanted else { throw cutShort() }
        consumed += n
        inputEnd = n
        inputPosition = 0
    }

    private func cutShort() -> FeedError {
        FeedError(file: file.path, line: 0, message: "zip entry cut short", value: "after \(produced) bytes")
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(FeedError) -> Int {
        guard !finished, let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        var count = 0
        if method == 0 {
            if inputPosition == inputEnd {
                if consumed == compressedSize { return try finish() }
                try refill()
            }
            count = min(buffer.count, inputEnd - inputPosition)
            base.copyMemory(from: input.baseAddress! + inputPosition, byteCount: count)
            inputPosition += count
        } else {
            while count == 0 {
                if inputPosition == inputEnd && consumed < compressedSize { try refill() }
                stream.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self) + inputPosition
                stream.avail_in = uInt(inputEnd - inputPosition)
                stream.next_out = base.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(buffer.count)
                let status = inflate(&stream, Z_NO_FLUSH)
                inputPosition = inputEnd - Int(stream.avail_in)
                count = buffer.count - Int(stream.avail_out)
                if status == Z_STREAM_END {
                    if count == 0 { return try finish() }
                    break
                }
                if status == Z_BUF_ERROR && count == 0 && inputPosition == inputEnd && consumed == compressedSize {
                    throw cutShort()
                }
                if status != Z_OK && status != Z_BUF_ERROR {
                    let text = stream.msg.map { String(cString: $0) } ?? "status \(status)"
                    throw FeedError(
                        file: file.path, line: 0, message: "zip: corrupt deflate data", value: text)
                }
            }
        }
        crc = UInt32(truncatingIfNeeded: crc32(uLong(crc), base.assumingMemoryBound(to: Bytef.self), uInt(count)))
        produced += count
        return count
    }

    private func finish() throws(FeedError) -> Int {
        finished = true
        guard produced == uncompressedSize else { throw cutShort() }
        guard crc == expectedCRC else {
            throw FeedError(
                file: file.path, line: 0, message: "zip entry CRC mismatch",
                value: "expected \(Self.hex(expectedCRC)), got \(Self.hex(crc))")
        }
        return 0
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }

    static func u16(_ bytes: [UInt8], _ at: Int) -> UInt16 { UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 }
    static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }
}
