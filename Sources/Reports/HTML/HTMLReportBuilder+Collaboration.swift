/// The collaboration section: which strategies enter the same exchange positions, and how often
/// together.
extension HTMLReportBuilder {
    /// Two contributions count as a co-entry when they are at most this far apart.
    static let coEntryWindowMilliseconds = 300_000

    /// Per run: co-entries (pairs of contributions of two strategies to the same exchange
    /// position lifecycle within 5 minutes) and shared lifecycles (lifecycles both contributed
    /// to; the diagonal is each strategy's own count).
    func collaborationSection() throws(ReportError) -> Section {
        var body = Self.paragraph(
            "From position_contributions. Co-entries: pairs of contributions by two different strategies to the "
                + "same exchange position lifecycle (one open→flat cycle of a hedge leg) at most 5 minutes apart. "
                + "Shared positions: lifecycles both strategies contributed to; the diagonal is the number of "
                + "lifecycles the strategy contributed to at all. Darker cells: more.")
        guard !strategies.isEmpty else {
            return Section(
                id: "collaboration", title: "Strategy collaboration", body: body + Self.paragraph("No data."))
        }
        for run in runs {
            let n = strategies.count
            var coEntries = [[Int64]](repeating: [Int64](repeating: 0, count: n), count: n)
            var shared = coEntries
            var own = [Int64](repeating: 0, count: n)
            let pairs = try db.query(
                """
                SELECT a.strategy_id, b.strategy_id, COUNT(*) FROM position_contributions a
                JOIN position_contributions b
                    ON b.run_id = a.run_id AND b.lifecycle_id = a.lifecycle_id AND a.contribution_id < b.contribution_id
                WHERE a.run_id = ? AND a.strategy_id <> b.strategy_id
                    AND ABS(ROUND((julianday(a.contribution_time) - julianday(b.contribution_time)) * 86400000.0))
                        <= \(Self.coEntryWindowMilliseconds)
                GROUP BY a.strategy_id, b.strategy_id ORDER BY a.strategy_id, b.strategy_id
                """, [.integer(run.id)])
            for row in pairs.rows {
                guard let i = row[0].string.flatMap(strategies.firstIndex),
                    let j = row[1].string.flatMap(strategies.firstIndex)
                else { continue }
                coEntries[i][j] += row[2].int ?? 0
                coEntries[j][i] += row[2].int ?? 0
            }
            let lifecycles = try db.query(
                """
                WITH s AS (
                    SELECT DISTINCT lifecycle_id, strategy_id FROM position_contributions WHERE run_id = ?
                )
                SELECT a.strategy_id, b.strategy_id, COUNT(*) FROM s a JOIN s b ON b.lifecycle_id = a.lifecycle_id
                GROUP BY a.strategy_id, b.strategy_id ORDER BY a.strategy_id, b.strategy_id
                """, [.integer(run.id)])
            for row in lifecycles.rows {
                guard let i = row[0].string.flatMap(strategies.firstIndex),
                    let j = row[1].string.flatMap(strategies.firstIndex)
                else { continue }
                if i == j { own[i] = row[2].int ?? 0 } else { shared[i][j] = row[2].int ?? 0 }
            }
            body += "<h3>Run \(HTMLText.escape(run.name))</h3>\n<div class=\"pair\">\n<div>\n"
            body += "<h4>Co-entries within 5 minutes</h4>\n"
            body += HeatmapTable(
                id: "table-co-entries-run-\(run.id)", names: strategies, values: coEntries, diagonal: nil,
                corner: "strategy"
            ).html()
            body += "</div>\n<div>\n<h4>Shared exchange positions</h4>\n"
            body += HeatmapTable(
                id: "table-shared-positions-run-\(run.id)", names: strategies, values: shared, diagonal: own,
                corner: "strategy"
            ).html()
            body += "</div>\n</div>\n"
        }
        return Section(id: "collaboration", title: "Strategy collaboration", body: body)
    }
}
