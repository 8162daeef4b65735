import Foundation
public import Market

/// What the HTML report shows: which runs, and the symbol and time window of the price chart.
public struct HTMLReportOptions: Sendable, Hashable {
    /// Run ids to include (every run when empty).
    public var runIDs: [Int64]
    /// The price chart's symbol (default: the symbol with the most strategy positions).
    public var symbol: String?
    /// The price chart's window, inclusive (default: every bar of the symbol).
    public var from: Timestamp?
    public var to: Timestamp?

    public init(runIDs: [Int64] = [], symbol: String? = nil, from: Timestamp? = nil, to: Timestamp? = nil) {
        self.runIDs = runIDs
        self.symbol = symbol
        self.from = from
        self.to = to
    }

    /// A `--from`/`--to` value: ISO-8601 UTC (`2026-02-03T12:00`, `2026-02-03T12:00:00Z`) or a
    /// date alone (`2026-02-03`), which means the start of that day, or with `endOfDay` its last
    /// millisecond (so `--from D --to D` shows day D). Nil for text that is not a time.
    public static func parseTime(_ text: String, endOfDay: Bool) -> Timestamp? {
        guard let time = Timestamp(iso8601: text) else { return nil }
        let isDate = text.count == 10 && !text.contains("T") && !text.contains(" ")
        return endOfDay && isDate ? time.adding(milliseconds: 86_400_000 - 1) : time
    }
}

/// A report database as one self-contained HTML page (docs/html-report.md): the
/// runs, equity and drawdown, per-strategy cumulative PnL, hit and win rates, the mode
/// comparison, fees and funding, ambiguous exits, the collaboration matrices and a price chart
/// with entries and exits.
///
/// Charts are inline SVG drawn here (no script, no network, no external font); the page has a
/// print stylesheet. The output depends only on the database and the options: the same report
/// gives the same bytes.
public enum HTMLReport {
    /// The page for the report at `dbPath`.
    ///
    /// - Throws: `ReportError`: a missing or foreign database (66, 65), an unknown run or symbol,
    ///   or `from` after `to` (64).
    public static func render(
        dbPath: String, options: HTMLReportOptions = HTMLReportOptions()
    ) throws(ReportError)
        -> String
    {
        let db = try ReportDatabase(path: dbPath)
        let builder = try HTMLReportBuilder(db: db, options: options)
        return try builder.page()
    }

    /// Renders the page and writes it to `path` through an `OutputFile` (a temporary file and a
    /// rename under the page's lock, so a failed or cancelled write leaves any previous page in
    /// place).
    ///
    /// - Parameters:
    ///   - wait: Wait for another writer of the page instead of failing.
    ///   - isCancelled: Asked before the page replaces the previous one.
    /// - Returns: The number of bytes written.
    @discardableResult
    public static func write(
        dbPath: String, options: HTMLReportOptions = HTMLReportOptions(), to path: String, wait: Bool = false,
        isCancelled: () -> Bool = { false }
    ) throws(ReportError) -> Int {
        try writePage(dbPath: dbPath, to: path, wait: wait, isCancelled: isCancelled) { () throws(ReportError) in
            try render(dbPath: dbPath, options: options)
        }
    }

    /// Checks `path` against the report, renders the page and writes it through an `OutputFile`
    /// (shared by the run and the sweep page).
    static func writePage(
        dbPath: String, to path: String, wait: Bool, isCancelled: () -> Bool,
        render: () throws(ReportError) -> String
    ) throws(ReportError) -> Int {
        do throws(OutputFileError) {
            try OutputFile.requireDistinct(outputs: [("the HTML report", path)], inputs: [("the report", dbPath)])
            _ = try OutputFile.resolve(path)
        } catch {
            throw ReportError(error)
        }
        let page = try render()
        let bytes = Array(page.utf8)
        do throws(OutputFileError) {
            let output = try OutputFile(path: path, role: "HTML report", wait: wait, isCancelled: isCancelled)
            try output.write(bytes)
            try output.commit(isCancelled: isCancelled)
        } catch {
            throw ReportError(error)
        }
        return bytes.count
    }
}
