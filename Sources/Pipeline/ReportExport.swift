public import Reports

/// `hedgesim export`: tables and views of a report as files.
public enum ReportExport {
    /// Exports the named tables and views (all of them when both lists are empty; a sweep
    /// report's are its sweep tables and views, `ReportExporter.catalog`) of the runs
    /// selected by id or by mode into `directory`, one file each (all moved into place together
    /// once every one is complete; `wait` and `isCancelled` as for `ReportExporter.export`).
    ///
    /// - Throws: `ReportError`: `.unknownObject` when a table is named as a view or a view as a
    ///   table, or is unknown; `.unknownRun` for an unknown run or mode; `.missingDatabase`,
    ///   `.notAReport`, `.io` as `ReportExporter` throws them.
    /// - Returns: the files written.
    public static func export(
        database: String, runIDs: [Int64] = [], modes: [String] = [], tables: [String] = [], views: [String] = [],
        to directory: String, format: ReportExportFormat = .csv, wait: Bool = false,
        isCancelled: () -> Bool = { false }
    ) throws(ReportError) -> [String] {
        if !tables.isEmpty || !views.isEmpty {
            let catalog = try ReportExporter.catalog(database: database)
            for table in tables where catalog.views.contains(table) {
                throw ReportError(.unknownObject, "`\(table)` is a view; use --view \(table)")
            }
            for view in views where catalog.tables.contains(view) {
                throw ReportError(.unknownObject, "`\(view)` is a table; use --table \(view)")
            }
        }
        return try ReportExporter.export(
            database: database, runIDs: runIDs, modes: modes, objects: tables + views, to: directory, format: format,
            wait: wait, isCancelled: isCancelled)
    }
}
