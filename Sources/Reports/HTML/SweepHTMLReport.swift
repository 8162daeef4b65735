/// A sweep report as one self-contained HTML page (docs/html-report.md, "The sweep page"): the
/// sweep's settings, the ranking, a heat map over any two varied keys, Δ net against the baseline
/// with 95 % confidence whiskers, per-window bars for the top points and the baseline, and each
/// strategy's marginal contribution next to its booked PnL.
///
/// The page reads the report's sweep tables and views (`sweeps`, `sweep_points`,
/// `v_sweep_ranking`, `v_sweep_by_window`, `v_strategy_marginal`) by their documented columns, so
/// it renders any sweep report with them. Like the run page it has no script and loads nothing;
/// the heat map's key pickers are radio buttons and CSS. The same report gives the same bytes.
public enum SweepHTMLReport {
    /// True when the report at `dbPath` is a sweep report (it has the `sweeps` table).
    ///
    /// - Throws: `ReportError` when the file is missing or not a hedgesim report.
    public static func isSweepReport(_ dbPath: String) throws(ReportError) -> Bool {
        let db = try ReportDatabase(path: dbPath)
        return try isSweepReport(db)
    }

    static func isSweepReport(_ db: ReportDatabase) throws(ReportError) -> Bool {
        try db.query("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'sweeps'").rows.first?
            .first?.int == 1
    }

    /// The page for the sweep report at `dbPath`.
    ///
    /// - Throws: `ReportError`: a missing or foreign database (66, 65), a run report (64).
    public static func render(dbPath: String) throws(ReportError) -> String {
        let db = try ReportDatabase(path: dbPath)
        guard try isSweepReport(db) else {
            throw ReportError(.usage, "\(dbPath): not a sweep report (no `sweeps` table)")
        }
        return try SweepHTMLBuilder(db: db).page()
    }

    /// Renders the page and writes it to `path` as `HTMLReport.write` does (a temporary file and a
    /// rename; a failed or cancelled write leaves any previous page).
    ///
    /// - Returns: The number of bytes written.
    @discardableResult
    public static func write(
        dbPath: String, to path: String, wait: Bool = false, isCancelled: () -> Bool = { false }
    ) throws(ReportError) -> Int {
        try HTMLReport.writePage(dbPath: dbPath, to: path, wait: wait, isCancelled: isCancelled) {
            () throws(ReportError) in try render(dbPath: dbPath)
        }
    }
}
