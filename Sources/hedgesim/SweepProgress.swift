import Foundation

/// The progress line of `hedgesim sweep` on stderr: runs done / total, runs per second and the
/// ETA, redrawn at most ten times a second; silent when stderr is not a terminal or with
/// `--quiet`, erased when the runs end.
final class SweepProgress: @unchecked Sendable {
    private let enabled: Bool
    private let lock = NSLock()
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(quiet: Bool) { enabled = !quiet && isatty(STDERR_FILENO) == 1 }

    /// Reports `done` of `total` runs.
    func update(done: Int, total: Int) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 || done == total else { return }
        lastDraw = now
        let elapsed = max(0.001, now.timeIntervalSince(start))
        let rate = Double(done) / elapsed
        var text = "sweep \(done)/\(total) runs  \(String(format: "%.2f", rate)) runs/s"
        if done > 0 && done < total {
            text += "  ETA \(ProgressLine.duration(Double(total - done) / rate))"
        }
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + text).utf8))
        drawn = true
    }

    /// Erases the line.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        drawn = false
    }
}
