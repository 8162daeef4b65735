import Foundation
import Reports

/// The report opener on the bytes as a hedgesim report database: `ReportDatabase` (the
/// application id and schema version checks), the summary tables of `hedgesim report`, the
/// HTML page of `report --html` and the CSV files of `export`. Each must return or throw,
/// never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReport(_ data: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: count)
    let path = fuzzFile(bytes, suffix: ".sqlite")
    let exportFolder = path + ".export"
    defer {
        try? FileManager.default.removeItem(atPath: exportFolder)
        try? FileManager.default.removeItem(atPath: path)
    }
    guard (try? ReportDatabase(path: path)) != nil else { return 0 }
    _ = try? ReportSummary.render(dbPath: path)
    _ = try? HTMLReport.render(dbPath: path)
    _ = try? ReportExporter.export(database: path, to: exportFolder)
    return 0
}
