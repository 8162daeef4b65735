import Market

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a byte source as numbered lines without making a `String` per line.
///
/// Lines end at `\n`; a `\r` before it is dropped, so `\r\n` files read the same as `\n` files.
/// The last line may lack its newline (`Line.hasNewline` says so). A UTF-8 byte-order mark at
/// the start of the file is skipped. The bytes of a line live in the reader's buffer and stay
/// valid only until the next call to `next()`.
///
/// ```swift
/// let lines = try LineReader(path: "signals.jsonl.zst")
/// while let line = try lines.next() {
///     try handle(line.bytes, at: line.number)
/// }
/// ```
///
/// The byte after a line's bytes is always readable and is its terminator (`\n`, `\r`) or a zero
/// written there, so byte scanners can stop at the first byte of a class (a digit) without
/// checking the end; the buffer also keeps `LineReader.padding` zero bytes after its end.
///
/// Errors of the underlying source (a `.zst` cut short) are reported at the line being read. A
/// line longer than `maximumLineLength` bytes is an error (`line longer than 1048576 bytes`), so
/// a file without newlines (a decompression bomb, `/dev/zero`) cannot exhaust memory.
/// Not `Sendable`: one reader belongs to one consumer.
public final class LineReader {
    /// One line of input.
    public struct Line {
        /// The 1-based line number.
        public var number: Int
        /// The line's bytes without the line terminator; valid until the next `next()` call.
        public var bytes: UnsafeRawBufferPointer
        /// False only for a last line that ends without a newline.
        public var hasNewline: Bool
    }

    /// Readable bytes kept after the buffer's end (zeros), for word-at-a-time scanners.
    public static let padding = 16

    /// The longest line accepted, in bytes without its terminator (1 MiB; kline and signal lines
    /// are well under 1 KiB).
    public static let maximumLineLength = 1 << 20

    /// The path, for error messages.
    public let path: String
    let source: any ByteSource
    var buffer: UnsafeMutableRawPointer
    var capacity: Int
    /// Unread bytes are `[start, end)`; `[start, scanned)` is known to hold no newline.
    var start = 0
    var end = 0
    var scanned = 0
    var ended = false
    var atFileStart = true
    /// The number of the last line returned (0 before the first).
    public private(set) var lineNumber = 0

    /// Opens `path` (plain, `.zst` or `.zip`).
    ///
    /// - Throws: `FeedError` when the file is missing or cannot be opened.
    public convenience init(path: String, bufferSize: Int = 1 << 18) throws(FeedError) {
        self.init(source: try ByteSources.open(path), path: path, bufferSize: bufferSize)
    }

    /// Reads lines from `source`; `path` names it in errors.
    public init(source: any ByteSource, path: String, bufferSize: Int = 1 << 18) {
        self.source = source
        self.path = path
        capacity = max(bufferSize, 64)
        buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity + LineReader.padding, alignment: 16)
        buffer.initializeMemory(as: UInt8.self, repeating: 0, count: capacity + LineReader.padding)
    }

    deinit { buffer.deallocate() }

    /// The content size the source announced, if any.
    public var sizeHint: Int? { source.sizeHint }

    /// The next line, or nil at the end of the input.
    ///
    /// - Throws: `FeedError` from the byte source, located at the line being read.
    @inline(__always)
    public func next() throws(FeedError) -> Line? {
        while true {
            if scanned < end, let found = memchr(buffer + scanned, 0x0A, end - scanned) {
                let newline = buffer.distance(to: found)
                if newline - start > LineReader.maximumLineLength {
                    end = newline
                    throw tooLong()
                }
                var stop = newline
                if stop > start && buffer.load(fromByteOffset: stop - 1, as: UInt8.self) == 0x0D { stop -= 1 }
                let line = Line(
                    number: lineNumber + 1,
                    bytes: UnsafeRawBufferPointer(start: buffer + start, count: stop - start), hasNewline: true)
                lineNumber += 1
                start = newline + 1
                scanned = start
                return line
            }
            scanned = end
            if end - start > LineReader.maximumLineLength { throw tooLong() }
            if ended {
                guard start < end else { return nil }
                var stop = end
                if buffer.load(fromByteOffset: stop - 1, as: UInt8.self) == 0x0D { stop -= 1 }
                buffer.storeBytes(of: 0, toByteOffset: end, as: UInt8.self)
                let line = Line(
                    number: lineNumber + 1,
                    bytes: UnsafeRawBufferPointer(start: buffer + start, count: stop - start), hasNewline: false)
                lineNumber += 1
                start = end
                scanned = end
                return line
            }
            try fill()
        }
    }

    /// The error for a line longer than `maximumLineLength`, at the line being read.
    @inline(never)
    func tooLong() -> FeedError {
        FeedError(
            file: path, line: lineNumber + 1,
            message: "line longer than \(LineReader.maximumLineLength) bytes",
            value: FeedError.text(UnsafeRawBufferPointer(start: buffer + start, count: end - start)))
    }

    /// Moves the unread tail to the front, grows the buffer when one line fills it, and reads.
    @inline(never)
    func fill() throws(FeedError) {
        if start > 0 {
            let tail = end - start
            if tail > 0 { memmove(buffer, buffer + start, tail) }
            end = tail
            scanned -= start
            start = 0
        }
        if end == capacity {
            let grown = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2 + LineReader.padding, alignment: 16)
            grown.initializeMemory(as: UInt8.self, repeating: 0, count: capacity * 2 + LineReader.padding)
            grown.copyMemory(from: buffer, byteCount: end)
            buffer.deallocate()
            buffer = grown
            capacity *= 2
        }
        let count: Int
        do {
            count = try source.read(into: UnsafeMutableRawBufferPointer(start: buffer + end, count: capacity - end))
        } catch {
            var located = error
            located.line = lineNumber + 1
            throw located
        }
        if count == 0 {
            ended = true
            return
        }
        end += count
        if atFileStart {
            atFileStart = false
            let mark = UTF8Validation.byteOrderMarkLength(UnsafeRawBufferPointer(start: buffer, count: end))
            if mark > 0 {
                start = mark
                scanned = mark
            }
        }
    }
}
