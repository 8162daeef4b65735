import Foundation
import Market
import Synchronization

/// SIGINT (Ctrl-C) and SIGTERM handling: the first signal asks the running command to stop at its
/// next check (the simulation every few thousand bars, every writer just before it moves its file
/// into place), so the previous output stays as it was and no temporary file is left; the command
/// then exits 130 (SIGINT) or 143 (SIGTERM). A second signal removes this process's temporary
/// and lock files and exits at once with the same code.
enum Interrupt {
    /// The first signal's number, 0 before any: written on the signal sources' queue, read by the
    /// simulation and the writers on their own threads.
    private static let receivedSignal = Atomic<Int32>(0)
    private static var received: Int32 { receivedSignal.load(ordering: .acquiring) }
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    /// True once a signal was received.
    static var isRequested: Bool { received != 0 }

    /// The exit status for the signal received: 130 for SIGINT, 143 for SIGTERM.
    static var status: ExitStatus { received == SIGTERM ? .terminated : .interrupted }

    /// The signal's name, for messages.
    static var name: String { received == SIGTERM ? "SIGTERM" : "SIGINT" }

    /// Installs the handlers (idempotent).
    static func install() {
        guard sources.isEmpty else { return }
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                let (first, earlier) = receivedSignal.compareExchange(
                    expected: 0, desired: number, ordering: .acquiringAndReleasing)
                if !first {
                    OutputFile.removeTemporaries()
                    exit(earlier == SIGTERM ? 143 : 130)
                }
            }
            source.resume()
            sources.append(source)
        }
    }
}
