import Market

/// Builds the HTML report page from an open report database: reads the selected runs, gives
/// every run and strategy its colour, and assembles the sections (the section bodies live in the
/// `HTMLReportBuilder+…` files). Not `Sendable`: it owns the database connection.
final class HTMLReportBuilder {
    /// One selected run, from the `runs` table.
    struct Run {
        var id: Int64
        var label: String
        var scenario: String
        var sameDirection: String
        var protection: String
        var pricePath: String
        var fillReference: String
        var interval: String
        var firstBar: Int64?
        var lastBar: Int64?
        var bars: Int64
        var signalsTotal: Int64
        var signalsDecided: Int64
        var initialBalance: Double
        var finalEquity: Double
        var resultDigest: String
        var engineVersion: String
        /// Palette index (the run's position in the selection).
        var index: Int

        var color: String { ChartPalette.color(index) }
        var dashed: Bool { ChartPalette.isDashed(index) }
        /// `1 · accumulate`.
        var name: String { "\(id) · \(label)" }
    }

    /// A page section: its anchor, title and body.
    struct Section {
        var id: String
        var title: String
        var body: String
    }

    /// The end of a page after its header: the table of contents, the sections and the footer.
    static func pageBody(_ sections: [Section], version: String) -> String {
        var out = "</header>\n<nav aria-label=\"Sections\"><ol>\n"
        for section in sections {
            out += "<li><a href=\"#\(section.id)\">\(HTMLText.escape(section.title))</a></li>\n"
        }
        out += "</ol></nav>\n<main>\n"
        for section in sections {
            out += "<section id=\"\(section.id)\">\n<h2>\(HTMLText.escape(section.title))</h2>\n"
            out += section.body + "</section>\n"
        }
        out += "</main>\n<footer>"
        out += HTMLText.escape(
            "hedgesim \(version) · times in UTC · money in USDT, two decimals (the report database holds the exact "
                + "values)")
        out += "</footer>\n</body>\n</html>\n"
        return out
    }

    let db: ReportDatabase
    let options: HTMLReportOptions
    let runs: [Run]
    /// Every strategy with a position in a selected run, sorted; a strategy's colour is its index.
    let strategies: [String]

    init(db: ReportDatabase, options: HTMLReportOptions) throws(ReportError) {
        self.db = db
        self.options = options
        if let from = options.from, let to = options.to, from > to {
            throw ReportError(.usage, "--from \(from) is after --to \(to)")
        }
        let ids = try db.selectRuns(ids: options.runIDs)
        var runs: [Run] = []
        for (index, id) in ids.enumerated() {
            let rows = try db.query("SELECT * FROM runs WHERE run_id = ?", [.integer(id)])
            guard !rows.rows.isEmpty else { continue }
            func text(_ column: String) -> String { rows.value(0, column).string ?? "" }
            runs.append(
                Run(
                    id: id, label: text("label"), scenario: text("scenario"), sameDirection: text("same_direction"),
                    protection: text("protection"), pricePath: text("price_path"),
                    fillReference: text("fill_reference"), interval: text("interval"),
                    firstBar: Self.time(rows.value(0, "first_bar_time")),
                    lastBar: Self.time(rows.value(0, "last_bar_time")), bars: rows.value(0, "bars").int ?? 0,
                    signalsTotal: rows.value(0, "signals_total").int ?? 0,
                    signalsDecided: rows.value(0, "signals_decided").int ?? 0,
                    initialBalance: rows.value(0, "initial_balance").double ?? 0,
                    finalEquity: rows.value(0, "final_equity").double ?? 0, resultDigest: text("result_digest"),
                    engineVersion: text("engine_version"), index: index))
        }
        self.runs = runs
        strategies = try db.query(
            "SELECT DISTINCT strategy_id FROM strategy_positions WHERE run_id IN (\(Self.list(ids))) "
                + "AND strategy_id IS NOT NULL ORDER BY strategy_id"
        ).rows.compactMap { $0[0].string }
    }

    // MARK: Helpers

    /// `1, 2, 3` for an SQL `IN (…)`.
    static func list(_ ids: [Int64]) -> String { ids.isEmpty ? "NULL" : ids.map(String.init).joined(separator: ", ") }

    /// The selected run ids for an SQL `IN (…)`.
    var runList: String { Self.list(runs.map(\.id)) }

    /// Milliseconds of an ISO-8601 time value.
    static func time(_ value: ReportValue) -> Int64? {
        value.string.flatMap { Timestamp(iso8601: $0) }?.milliseconds
    }

    func strategyColor(_ strategy: String) -> String {
        ChartPalette.color(strategies.firstIndex(of: strategy) ?? strategies.count)
    }

    func strategyDashed(_ strategy: String) -> Bool {
        ChartPalette.isDashed(strategies.firstIndex(of: strategy) ?? strategies.count)
    }

    /// A `<figure>` around a chart, with a caption.
    static func figure(_ svg: String, id: String, caption: String, className: String = "chart") -> String {
        "<figure class=\"\(className)\" id=\"figure-\(HTMLText.escape(id))\">\n" + svg
            + "\n<figcaption>\(HTMLText.escape(caption))</figcaption></figure>\n"
    }

    /// A paragraph of escaped text.
    static func paragraph(_ text: String, className: String? = nil) -> String {
        let attribute = className.map { " class=\"\($0)\"" } ?? ""
        return "<p\(attribute)>\(HTMLText.escape(text))</p>\n"
    }

    // MARK: The page

    func page() throws(ReportError) -> String {
        let sections: [Section] = [
            runsSection(),
            try equitySection(),
            try strategyPnLSection(),
            try hitRateSection(),
            try modeSection(),
            try costSection(),
            try ambiguousSection(),
            try collaborationSection(),
            try priceSection(),
        ]
        let scenarios = runs.map(\.scenario).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let title = "hedgesim report: " + (scenarios.isEmpty ? "no runs" : scenarios.joined(separator: ", "))
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <meta name="generator" content="hedgesim \(HTMLText.escape(runs.first?.engineVersion ?? ""))">

            """
        out += "<title>\(HTMLText.escape(title))</title>\n<style>\n\(HTMLStyle.css)</style>\n</head>\n<body>\n"
        out += "<header>\n<h1>\(HTMLText.escape(title))</h1>\n"
        out += Self.paragraph(subtitle(), className: "subtitle")
        out += Self.pageBody(sections, version: runs.first?.engineVersion ?? "")
        return out
    }

    private func subtitle() -> String {
        let runText = runs.count == 1 ? "1 run" : "\(runs.count) runs"
        guard let first = runs.compactMap(\.firstBar).min(), let last = runs.compactMap(\.lastBar).max() else {
            return runText
        }
        let intervals = runs.map(\.interval).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        return "\(runText) · \(TimeText.minute(first)) to \(TimeText.minute(last)) UTC · "
            + "\(intervals.joined(separator: ", ")) bars · \(strategies.count) strategies"
    }

    // MARK: Runs

    func runsSection() -> Section {
        var table = HTMLTable(
            id: "table-runs",
            columns: [
                ("run", false), ("label", false), ("same_direction · protection · price_path · fill", false),
                ("range (UTC)", false), ("bars", true),
                ("signals", true), ("initial", true), ("final equity", true), ("result digest", false),
            ])
        for run in runs {
            var label = HTMLTable.Cell.text(run.label)
            label.className = "swatch-\(run.index % ChartPalette.colors.count)"
            let range =
                if let first = run.firstBar, let last = run.lastBar {
                    // The year once when both ends share it.
                    "\(TimeText.minute(first)) – "
                        + (CivilTime(Timestamp(milliseconds: first)).year
                            == CivilTime(Timestamp(milliseconds: last)).year
                            ? String(TimeText.minute(last).dropFirst(5)) : TimeText.minute(last))
                } else { "-" }
            var digest = HTMLTable.Cell.text(String(run.resultDigest.prefix(10)) + "…", className: "mono")
            digest.title = run.resultDigest
            table.rows.append([
                .text(String(run.id)), label,
                .text(
                    [run.sameDirection, run.protection, run.pricePath, run.fillReference].joined(separator: " · "),
                    className: "wrap"),
                .text(range), .count(run.bars), .count(run.signalsTotal), .money(run.initialBalance),
                .money(run.finalEquity), digest,
            ])
        }
        return Section(id: "runs", title: "Runs", body: table.html())
    }
}
