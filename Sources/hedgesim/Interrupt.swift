import Foundation

/// Ctrl-C handling: the first SIGINT asks the running simulation to stop at its next check; the
/// report is never written, so no partial file is left behind. A second SIGINT exits at once.
enum Interrupt {
    nonisolated(unsafe) private static var requested = false
    nonisolated(unsafe) private static var source: (any DispatchSourceSignal)? = nil

    /// True once Ctrl-C was pressed.
    static var isRequested: Bool { requested }

    /// Installs the handler (idempotent).
    static func install() {
        guard source == nil else { return }
        signal(SIGINT, SIG_IGN)
        let s = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        s.setEventHandler {
            if requested { exit(130) }
            requested = true
        }
        s.resume()
        source = s
    }
}
