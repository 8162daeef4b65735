import Foundation
import Market
import Pipeline

/// A one-line progress display on stderr (bars, percent, ETA), redrawn at most ten times a
/// second. Silent when stderr is not a terminal or when asked to be quiet; the line is erased
/// when the work ends, so the summary is never interleaved with it.
final class ProgressLine: @unchecked Sendable {
    private let enabled: Bool
    private let lock = NSLock()
    /// The label and the start of the work, set when it starts.
    private var label = ""
    private var start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(quiet: Bool) {
        self.enabled = !quiet && isatty(STDERR_FILENO) == 1
    }

    /// Follows a run: starts at `loaded`, draws on `progress`, erases once every run is written.
    func show(_ event: RunEvent) {
        switch event {
        case .loaded(let scenario, _): begin(label: scenario)
        case .progress(let done, let total): update(done: done, total: total)
        case .lastSimulationEnded: break
        case .allRunsWritten: finish()
        }
    }

    /// Starts timing the work the line shows.
    func begin(label: String) {
        lock.lock()
        defer { lock.unlock() }
        self.label = TerminalText.escaped(label)
        start = Date()
    }

    /// Reports `done` of `total` units; draws when enough time has passed.
    func update(done: Int, total: Int, unit: String = "bars") {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1, now.timeIntervalSince(start) >= 1 else { return }
        lastDraw = now
        let elapsed = now.timeIntervalSince(start)
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 0
        var text =
            "\(label) \(TextFormat.grouped(done))/\(TextFormat.grouped(total)) \(unit)  "
            + "\(String(format: "%5.1f", fraction * 100))%"
        if fraction > 0.01 && elapsed > 1 {
            let remaining = elapsed / fraction - elapsed
            text += "  ETA \(Self.duration(remaining))"
        }
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + text).utf8))
        drawn = true
    }

    /// Erases the line.
    func finish() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        drawn = false
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 60 ? "\(s / 60)m\(String(format: "%02d", s % 60))s" : "\(s)s"
    }
}
