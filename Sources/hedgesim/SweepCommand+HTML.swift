import Pipeline
import Reports

extension SweepCommand {
    /// `--html`: writes the sweep page of the report just written and prints its size.
    func writeHTML(_ path: String, report: String) throws {
        let bytes = try SweepHTMLReport.write(dbPath: report, to: path, isCancelled: { Interrupt.isRequested })
        print("html \(path) (\(TextFormat.grouped(bytes / 1024)) KB)")
    }
}
