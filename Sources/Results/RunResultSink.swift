/// Where a batch of runs delivers its results, in run order, as soon as each is done (the
/// report writer's `ReportSession`).
public protocol RunResultSink: AnyObject {
    /// Stores one run; returns its run id and its result digest (computed there when the run
    /// came without it).
    @discardableResult func append(_ run: RunResult) throws -> (id: Int64, resultDigest: String)
    /// Completes the store (nothing is visible before).
    func finish() throws
}
