import CZstd
import Feeds
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files of a recording folder: opening for append, repairing what a crash cut short,
/// and finding the JetStream sequences already recorded.
enum RecordingFiles {
    /// Opens `path` for appending (created when missing).
    static func openForAppend(_ path: String) throws(CaptureError) -> Int32 {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw CaptureError(.output, "cannot open \(path) for writing: \(String(cString: strerror(errno)))")
        }
        return fd
    }

    /// Writes all of `bytes` to `fd` and syncs it to disk.
    static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws(CaptureError) {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                write(fd, buffer.baseAddress! + written, buffer.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw CaptureError(.output, "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            written += result
        }
        fsync(fd)
    }

    /// Cuts a `.zst` file back to its last complete frame, or a `.jsonl` file back to its last
    /// complete line; returns the number of bytes removed.
    static func repair(_ path: String) throws(CaptureError) -> Int {
        guard FileManager.default.fileExists(atPath: path) else { return 0 }
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else {
            throw CaptureError(.output, "cannot read \(path)")
        }
        let good: Int = data.withUnsafeBytes { buffer in
            if path.hasSuffix(".zst") {
                var offset = 0
                while offset < buffer.count {
                    let size = ZSTD_findFrameCompressedSize(buffer.baseAddress! + offset, buffer.count - offset)
                    if ZSTD_isError(size) != 0 { break }
                    offset += size
                }
                return offset
            }
            var end = buffer.count
            while end > 0, buffer[end - 1] != 0x0A { end -= 1 }
            return end
        }
        guard good < data.count else { return 0 }
        guard truncate(path, off_t(good)) == 0 else {
            throw CaptureError(.output, "cannot repair \(path): \(String(cString: strerror(errno)))")
        }
        return data.count - good
    }

    /// The recording files in `directory` (signals and rejects), sorted by name.
    static func list(_ directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter {
            $0.hasPrefix("signals-") && ($0.hasSuffix(".jsonl.zst") || $0.hasSuffix(".rejects.jsonl"))
        }.sorted().map { directory + "/" + $0 }
    }

    /// Every stream sequence of `stream` recorded in the folder's files (repairing them first).
    static func recordedSequences(in directory: String, stream: String) throws(CaptureError) -> Set<UInt64> {
        var sequences = Set<UInt64>()
        for path in list(directory) {
            _ = try repair(path)
            do throws(FeedError) {
                let reader = try LineReader(path: path)
                while let line = try reader.next() {
                    if let sequence = RecordLine.streamSequence(in: line.bytes, stream: stream) {
                        sequences.insert(sequence)
                    }
                }
            } catch {
                throw CaptureError(.output, "cannot read \(path): \(error.description)")
            }
        }
        return sequences
    }
}
