import Feeds
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends recorded lines to the period's files and closes a zstd frame at every flush, so a
/// file on disk always ends with a complete frame (what a crash interrupts is at most the frame
/// being written, which ``RecordingFiles/repair(_:)`` cuts off at the next start).
///
/// Thread-safe: the receive loop appends, a timer flushes.
final class RecordingWriter: @unchecked Sendable {
    let directory: String
    let rotation: Rotation
    /// Compression level of each frame.
    let level: Int32
    /// A frame is closed early when this many bytes are pending.
    let frameLimit: Int

    private let lock = NSLock()
    private var period: Int64?
    private var signals: [UInt8] = []
    private var rejects: [UInt8] = []
    private var signalFile: (fd: Int32, path: String)?
    private var rejectFile: (fd: Int32, path: String)?
    private var files = Set<String>()
    private var bytesWritten = 0
    private var failure: CaptureError?

    init(directory: String, rotation: Rotation, level: Int32 = 3, frameLimit: Int = 16 << 20) {
        self.directory = directory
        self.rotation = rotation
        self.level = level
        self.frameLimit = frameLimit
    }

    /// Compressed bytes written so far, and the number of distinct files written.
    var totals: (bytes: Int, files: Int) {
        lock.lock()
        defer { lock.unlock() }
        return (bytesWritten, files.count)
    }

    /// Adds lines received at `micros`; `build` appends a signal line to the first buffer or a
    /// reject line to the second.
    func append(at micros: Int64, _ build: (inout [UInt8], inout [UInt8]) -> Void) throws(CaptureError) {
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure }
        let current = rotation.period(of: micros)
        if period != current {
            try flushLocked()
            closeLocked()
            period = current
        }
        build(&signals, &rejects)
        if signals.count >= frameLimit { try flushLocked() }
    }

    /// Writes what is pending as one complete zstd frame (and the pending rejects).
    func flush() throws(CaptureError) {
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure }
        try flushLocked()
    }

    /// Flushes and closes the files.
    func close() throws(CaptureError) {
        lock.lock()
        defer { lock.unlock() }
        defer { closeLocked() }
        if let failure { throw failure }
        try flushLocked()
    }

    private func flushLocked() throws(CaptureError) {
        guard let period else { return }
        do throws(CaptureError) {
            if !signals.isEmpty {
                let stem = rotation.stem(of: period)
                if signalFile == nil {
                    let path = directory + "/" + stem + ".jsonl.zst"
                    _ = try RecordingFiles.repair(path)
                    signalFile = (try RecordingFiles.openForAppend(path), path)
                }
                let frame = ZstdCompressor.compress(signals, level: level)
                try RecordingFiles.writeAll(frame, to: signalFile!.fd, path: signalFile!.path)
                bytesWritten += frame.count
                files.insert(signalFile!.path)
                signals.removeAll(keepingCapacity: true)
            }
            if !rejects.isEmpty {
                if rejectFile == nil {
                    let path = directory + "/" + rotation.stem(of: period) + ".rejects.jsonl"
                    _ = try RecordingFiles.repair(path)
                    rejectFile = (try RecordingFiles.openForAppend(path), path)
                }
                try RecordingFiles.writeAll(rejects, to: rejectFile!.fd, path: rejectFile!.path)
                bytesWritten += rejects.count
                rejects.removeAll(keepingCapacity: true)
            }
        } catch {
            failure = error
            throw error
        }
    }

    private func closeLocked() {
        for file in [signalFile, rejectFile].compactMap({ $0 }) {
            #if canImport(Glibc)
            Glibc.close(file.fd)
            #else
            Darwin.close(file.fd)
            #endif
        }
        signalFile = nil
        rejectFile = nil
    }
}
