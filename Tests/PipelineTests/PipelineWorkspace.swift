import Foundation
import TestSupport

/// A temporary folder for one test, and the small real scenario the tests run (XRPUSDT 5m,
/// 1 999 bars, 61 signals, funding).
struct PipelineWorkspace {
    let path: String

    init(_ name: String) {
        path =
            FileManager.default.temporaryDirectory.path + "/hedgesim-pipeline-\(name)-"
            + ProcessInfo.processInfo.globallyUniqueString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    /// Names in the folder, sorted.
    var names: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    static let scenario = Fixtures.path("scenarios/funding-xrp.yaml")
}

/// Events collected from several threads.
final class EventLog<Event: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Event] = []

    func append(_ event: Event) { lock.withLock { items.append(event) } }

    var events: [Event] { lock.withLock { items } }
}
