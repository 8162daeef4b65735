#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A stream of bytes read front to back in chunks: a plain file, or the decompressed content of
/// a `.zst` or `.zip` file.
///
/// Sources throw `FeedError`s with line 0; `LineReader` fills in the line it was reading. A
/// source is owned by one reader at a time and is not `Sendable`.
public protocol ByteSource: AnyObject {
    /// Fills the start of `buffer` with the next bytes and returns how many it wrote; 0 only at
    /// the end of the content.
    ///
    /// - Throws: `FeedError` on an I/O error, corrupt compressed data or a stream cut short.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(FeedError) -> Int

    /// The content's size in bytes when known up front (a plain file's size, a zstd frame's
    /// declared size, a zip entry's size), for reserving capacity.
    var sizeHint: Int? { get }
}

/// Opens byte sources by file name.
public enum ByteSources {
    /// The largest announced content size taken as a size hint (1 GiB); a compressed file may
    /// announce any size, so larger announcements are ignored rather than reserved.
    public static let maximumSizeHint = 1 << 30

    /// Opens `path` as a plain file, or decompresses it when the name ends in `.zst` or `.zip`.
    ///
    /// - Throws: `FeedError` (kind `.missingFile` when there is no such file).
    public static func open(_ path: String) throws(FeedError) -> any ByteSource {
        let file = try FileByteSource(path: path)
        if path.hasSuffix(".zst") { return try ZstdByteSource(file: file) }
        if path.hasSuffix(".zip") { return try ZipByteSource(file: file) }
        return file
    }
}

/// The bytes of a file, read with POSIX `read(2)`.
public final class FileByteSource: ByteSource {
    /// The path as given.
    public let path: String
    /// The open file descriptor.
    let descriptor: Int32
    /// The file's size when it was opened.
    public let size: Int

    /// Opens `path` for reading.
    ///
    /// - Throws: `FeedError` of kind `.missingFile` or `.unreadable`.
    public init(path: String) throws(FeedError) {
        self.path = path
        let fd = posixOpen(path)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR {
                throw FeedError(file: path, line: 0, message: "no such file", value: path, kind: .missingFile)
            }
            throw FeedError(
                file: path, line: 0, message: "cannot open", value: FileByteSource.errorText(code), kind: .unreadable)
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            close(fd)
            throw FeedError(
                file: path, line: 0, message: "cannot open", value: FileByteSource.errorText(code), kind: .unreadable)
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw FeedError(file: path, line: 0, message: "is a directory", value: path, kind: .unreadable)
        }
        descriptor = fd
        size = Int(info.st_size)
    }

    deinit { close(descriptor) }

    public var sizeHint: Int? { size }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(FeedError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let n = posixRead(descriptor, base, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw FeedError(
                file: path, line: 0, message: "read error", value: FileByteSource.errorText(errno), kind: .unreadable)
        }
    }

    /// Reads up to `buffer.count` bytes at `offset` without moving the file position; fewer only
    /// at the end of the file.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(FeedError) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var done = 0
        while done < buffer.count {
            let n = pread(descriptor, base + done, buffer.count - done, off_t(offset + done))
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                throw FeedError(
                    file: path, line: 0, message: "read error", value: FileByteSource.errorText(errno),
                    kind: .unreadable)
            }
            done += n
        }
        return done
    }

    /// Up to `count` bytes at `offset` as an array (fewer at the end of the file).
    func bytes(count: Int, at offset: Int) throws(FeedError) -> [UInt8] {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 1), alignment: 8)
        defer { buffer.deallocate() }
        let n = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<count]), at: offset)
        return Array(buffer[0..<n])
    }

    static func errorText(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text)
    }
}

// Module-level shims: inside `FileByteSource` the names `open`/`read` refer to its own methods.
private func posixOpen(_ path: String) -> Int32 { open(path, O_RDONLY) }
private func posixRead(_ fd: Int32, _ base: UnsafeMutableRawPointer, _ count: Int) -> Int { read(fd, base, count) }
