/// A run stopped by a signal after its report was moved into place (the report is complete; the
/// CSV and HTML outputs not yet written were left as they were).
public struct RunInterrupted: Error, Sendable {
    /// The complete report.
    public var reportPath: String

    public init(reportPath: String) { self.reportPath = reportPath }
}
